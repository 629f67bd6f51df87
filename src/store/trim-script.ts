/**
 * Replace one article record by its trimmed version (store/retention.ts), on
 * its own key only, so it runs on one Redis Cluster node like any single-key
 * command. It writes only when the record is still exactly the one the
 * trimmed version was made from: a crawl that stored a newer one in between
 * wins, and the next prune looks at that one. Indexes and URL maps are left
 * as they are, since a trimmed article stays listed where it was.
 * KEYS[1] the record; ARGV[1] the record as read, ARGV[2] the trimmed record,
 * ARGV[3] the changes channel, ARGV[4] the streams it is listed in (JSON array).
 */
export const TRIM_SCRIPT = `
local old = redis.call('GET', KEYS[1])
if old ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`;
