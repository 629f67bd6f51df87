/**
 * The store layout `bantin store migrate` brings a store to, kept in
 * `prefix:store:layout` (keys.ts): 2, every record in the compact record
 * layout (record-codec.ts); 3, also every URL set in its record's slot, so a
 * Redis Cluster can run each article's script. A new record layout needs a
 * new number here too.
 */
export const STORE_LAYOUT = 3;
