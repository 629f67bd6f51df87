/**
 * The store layout `bantin store migrate` brings a store to, kept in
 * `prefix:store:layout` (keys.ts): 2, every record in the compact record
 * layout 2 (record-codec.ts); 3, also every URL set in its record's slot, so
 * a Redis Cluster can run each article's script; 4, every record in record
 * layout 3 (syllable codes). A new record layout needs a new number here too.
 */
export const STORE_LAYOUT = 4;

/** From this store layout on, no URL set is left under its layout-2 key. */
export const URL_SETS_MOVED_LAYOUT = 3;
