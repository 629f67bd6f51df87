import { RECORD_LUA } from './record-codec.js';

/** Remove one article and its index entries atomically. KEYS as upsert's first three; ARGV[1] id, ARGV[2] index prefix, ARGV[3] channel, ARGV[4] its URL set. */
export const REMOVE_SCRIPT = `${RECORD_LUA}
local old = redis.call('GET', KEYS[1])
if not old then return 0 end
-- Either layout (record-codec.ts): the fields read here are in a new record's header.
local rec = readRecord(old)
local streams = { 'all', 'source:' .. rec.source }
for _, t in ipairs(rec.topics) do streams[#streams + 1] = 'topic:' .. t end
-- cjson.null is truthy: only a real {name, slug} object names a category stream.
if type(rec.category) == 'table' and type(rec.category.slug) == 'string' then streams[#streams + 1] = 'category:' .. rec.category.slug end
-- Its story's index, whether it is a copy or the story's first copy (records from before stories are their own story).
streams[#streams + 1] = 'story:' .. (type(rec.storyId) == 'string' and rec.storyId or rec.id)
for _, s in ipairs(streams) do redis.call('ZREM', ARGV[2] .. s, ARGV[1]) end
redis.call('HDEL', KEYS[2], rec.url)
-- Every other URL it was known by, unless that URL has since come to mean another article.
local urlSet = ARGV[4]
for _, url in ipairs(redis.call('SMEMBERS', urlSet)) do
  if redis.call('HGET', KEYS[2], url) == ARGV[1] then redis.call('HDEL', KEYS[2], url) end
end
redis.call('DEL', urlSet, KEYS[1])
redis.call('PUBLISH', ARGV[3], cjson.encode(streams))
return 1
`;
