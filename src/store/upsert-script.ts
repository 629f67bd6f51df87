import { RECORD_LUA } from './record-codec.js';

/** The upsert as one Lua script: the record and every index change atomically. */
export const UPSERT_SCRIPT = `${RECORD_LUA}
-- Store one article and keep every index consistent, atomically.
-- KEYS[1] article key, KEYS[2] urls hash, KEYS[3] topic-names hash;
-- KEYS[4..] the new record's index keys (KEYS[4]: the 'all' index).
-- ARGV[1] the record as stored (record-codec.ts, layout 2), ARGV[2] content hash, ARGV[3] score (ms), ARGV[4] id,
-- ARGV[5] canonical url, ARGV[6] index key prefix ("<prefix>:idx:"),
-- ARGV[7] changes channel, ARGV[8] topic names as JSON {slug: name},
-- ARGV[9] new stream names as JSON array (same order as KEYS[4..]),
-- ARGV[10] streams signature (topic slugs joined in the record's order, '|', the category slug; keys.ts streamSignature), for the unchanged check,
-- ARGV[11] other URLs of the article (AMP, as discovered) as a JSON array,
-- ARGV[12] the set of every URL the article is known by, so a remove can forget them all,
-- ARGV[13] the story id (story-assign.ts), ARGV[14] that story's index key.
-- cjson decodes JSON null as cjson.null, which is truthy: a record without a category (or from before categories) has none.
local function categoryOf(rec)
  local c = rec.category
  if type(c) == 'table' and type(c.slug) == 'string' then return c.slug end
  return nil
end
local urlSet = ARGV[12]
for _, alias in ipairs(cjson.decode(ARGV[11])) do
  redis.call('HSET', KEYS[2], alias, ARGV[4])
  redis.call('SADD', urlSet, alias)
end
local old = redis.call('GET', KEYS[1])
local oldStreams = {}
if old then
  -- Either layout: an old record is plain JSON, a new one is read by its header (record-codec.ts).
  local rec = readRecord(old)
  local sig = table.concat(rec.topics, ',') .. '|' .. (categoryOf(rec) or '')
  if rec.contentHash == ARGV[2] and sig == ARGV[10] and rec.publishedAt ~= nil then
    -- Same content and same topics: nothing a reader could notice changed.
    local sameScore = redis.call('ZSCORE', KEYS[4], ARGV[4])
    if sameScore and tonumber(sameScore) == tonumber(ARGV[3]) then
      return 'unchanged'
    end
  end
  oldStreams[#oldStreams + 1] = 'all'
  oldStreams[#oldStreams + 1] = 'source:' .. rec.source
  for _, t in ipairs(rec.topics) do oldStreams[#oldStreams + 1] = 'topic:' .. t end
  local cat = categoryOf(rec)
  if cat then oldStreams[#oldStreams + 1] = 'category:' .. cat end
  if type(rec.storyId) == 'string' and rec.storyId ~= rec.id then oldStreams[#oldStreams + 1] = 'story:' .. rec.storyId end
end

local newStreams = cjson.decode(ARGV[9])
local isNew = {}
for _, s in ipairs(newStreams) do isNew[s] = true end
for _, s in ipairs(oldStreams) do
  if not isNew[s] then redis.call('ZREM', ARGV[6] .. s, ARGV[4]) end
end
for i = 4, #KEYS do redis.call('ZADD', KEYS[i], ARGV[3], ARGV[4]) end
-- A story's index starts with its second copy: the first joins it then, and follows its own time after.
if ARGV[13] ~= ARGV[4] then
  local firstScore = redis.call('ZSCORE', KEYS[4], ARGV[13])
  if firstScore then redis.call('ZADD', ARGV[14], 'NX', firstScore, ARGV[13]) end
else
  redis.call('ZADD', ARGV[14], 'XX', ARGV[3], ARGV[4])
end

redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[5], ARGV[4])
redis.call('SADD', urlSet, ARGV[5])
local names = cjson.decode(ARGV[8])
for slug, name in pairs(names) do redis.call('HSET', KEYS[3], slug, name) end

local changed = { 'story:' .. ARGV[13] }
local seen = { ['story:' .. ARGV[13]] = true }
for _, list in ipairs({ oldStreams, newStreams }) do
  for _, s in ipairs(list) do
    if not seen[s] then
      seen[s] = true
      changed[#changed + 1] = s
    end
  end
end
redis.call('PUBLISH', ARGV[7], cjson.encode(changed))
if old then return 'updated' end
return 'new'
`;
