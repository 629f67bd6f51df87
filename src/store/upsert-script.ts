/**
 * The store's Lua scripts. Each touches only keys passed in KEYS, and the
 * keys of one script share a slot (a record, its URL set and its pending
 * marker: keys.ts), so they run on a Redis Cluster as on a single Redis.
 * What crosses slots (indexes, the URL map, topic names) is done after,
 * by settle.ts, as single-key commands the pending marker lets anyone redo.
 */
import { RECORD_LUA } from './record-codec.js';

/**
 * Lua: `keepUrls(set, urls, rec)`: adds an article's URLs (canonical first) to its URL set, given `rec`, its
 * stored record's fields (readRecord) or nil. The set holds every URL but the canonical one, which the record's
 * header has, so most articles need no set at all; a canonical URL the article has since left stays one of its
 * URLs. A remove forgets the set's URLs and the header's.
 */
export const URLS_LUA = `
local function keepUrls(set, urls, rec)
  redis.call('SREM', set, urls[1])
  if rec and type(rec.url) == 'string' and rec.url ~= urls[1] then redis.call('SADD', set, rec.url) end
  for i = 2, #urls do redis.call('SADD', set, urls[i]) end
end
`;

/**
 * Step 1 of an upsert, in the record's slot. KEYS[1] the record, KEYS[2] its URL set, KEYS[3] its pending marker,
 * KEYS[4] (single Redis before store layout 3 only) the URL set where layout 2 kept it.
 * ARGV[1] the record as stored, ARGV[2] content hash, ARGV[3] streams signature (keys.ts streamSignature),
 * ARGV[4] publishedAt, ARGV[5] this writer's token, ARGV[6] the article's URLs as a JSON array, its canonical URL first.
 * Returns {'unchanged'}, or {'new' | 'updated', the replaced headers}: the stored record's, after those a
 * marker left by an unfinished writer held, one a line. The marker it leaves says the index steps are owed.
 */
export const WRITE_SCRIPT = `${RECORD_LUA}${URLS_LUA}
-- cjson decodes JSON null as cjson.null, which is truthy: a record without a category (or from before categories) has none.
local function categoryOf(rec)
  local c = rec.category
  if type(c) == 'table' and type(c.slug) == 'string' then return c.slug end
  return nil
end
if KEYS[4] and redis.call('EXISTS', KEYS[4]) == 1 then
  redis.call('SUNIONSTORE', KEYS[2], KEYS[2], KEYS[4])
  redis.call('DEL', KEYS[4])
end
local old = redis.call('GET', KEYS[1])
local rec = storedRecord(old)
keepUrls(KEYS[2], cjson.decode(ARGV[6]), rec)
local owed = redis.call('HGET', KEYS[3], 'was')
if rec and not owed then
  local sig = table.concat(rec.topics, ',') .. '|' .. (categoryOf(rec) or '')
  -- Same content, topics and time, and no steps owed: nothing a reader could notice changed.
  if rec.contentHash == ARGV[2] and sig == ARGV[3] and rec.publishedAt == ARGV[4] then return { 'unchanged' } end
end
local was = {}
if owed and owed ~= '' then was[#was + 1] = owed end
if old then was[#was + 1] = headerText(old) end
local wasText = table.concat(was, '\\n')
redis.call('SET', KEYS[1], ARGV[1])
-- A remove's URLs to forget no longer apply: the article is back.
redis.call('HDEL', KEYS[3], 'urls')
redis.call('HSET', KEYS[3], 'token', ARGV[5], 'was', wasText)
if old then return { 'updated', wasText } end
return { 'new', wasText }
`;

/**
 * Step 1 of a remove, in the record's slot: KEYS as WRITE_SCRIPT's; ARGV[1] this writer's token. Deletes the
 * record and its URL set, leaving a marker with its header and URLs (the set's and the record's own); returns {headers, URLs as JSON}, or false
 * when there is no record.
 */
export const REMOVE_SCRIPT = `${RECORD_LUA}
local v = redis.call('GET', KEYS[1])
if not v then return false end
local urls = redis.call('SMEMBERS', KEYS[2])
-- A record whose header does not read is still removed (writes.ts logs the header it cannot read).
local rec = storedRecord(v)
if rec and type(rec.url) == 'string' then urls[#urls + 1] = rec.url end
if KEYS[4] then for _, u in ipairs(redis.call('SMEMBERS', KEYS[4])) do urls[#urls + 1] = u end end
local prior = redis.call('HGET', KEYS[3], 'urls')
if prior then for _, u in ipairs(cjson.decode(prior)) do urls[#urls + 1] = u end end
local owed = redis.call('HGET', KEYS[3], 'was')
local wasText = headerText(v)
if owed and owed ~= '' then wasText = owed .. '\\n' .. wasText end
local urlText = #urls == 0 and '[]' or cjson.encode(urls)
redis.call('HSET', KEYS[3], 'token', ARGV[1], 'was', wasText, 'urls', urlText)
redis.call('DEL', KEYS[1], KEYS[2])
if KEYS[4] then redis.call('DEL', KEYS[4]) end
return { wasText, urlText }
`;

/**
 * A repair's first step, in the record's slot: KEYS[1] the record, KEYS[2] its marker; ARGV[1] the repair's token,
 * which takes the marker over if there is one. Returns {the record's header or '', the marker's headers or '',
 * its URLs to forget or '[]', 1 when there was a marker}.
 */
export const READ_SCRIPT = `${RECORD_LUA}
local v = redis.call('GET', KEYS[1])
local marked = redis.call('EXISTS', KEYS[2])
if marked == 1 then redis.call('HSET', KEYS[2], 'token', ARGV[1]) end
return { v and headerText(v) or '', redis.call('HGET', KEYS[2], 'was') or '', redis.call('HGET', KEYS[2], 'urls') or '[]', marked }
`;

/**
 * The last step, in the record's slot: KEYS[1] the record, KEYS[2] its marker; ARGV[1] the writer's token. Drops
 * the marker if that writer still owns it (another writer took it over: its steps are still to come) and returns the
 * record's header as it is now, or false, so the writer sees whether the record moved while its steps ran.
 */
export const FINISH_SCRIPT = `${RECORD_LUA}
if redis.call('HGET', KEYS[2], 'token') == ARGV[1] then redis.call('DEL', KEYS[2]) end
local v = redis.call('GET', KEYS[1])
if not v then return false end
return headerText(v)
`;

/** KEYS[1] the URL map; ARGV[1] an article id, ARGV[2..] URLs: each is forgotten unless it has come to mean another article. */
export const FORGET_URLS_SCRIPT = `
local n = 0
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then n = n + redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return n
`;

/**
 * Single Redis only (its two keys are in different slots): KEYS[1] the 'all' index, KEYS[2] a story's index;
 * ARGV[1] the story's first copy. A story's index starts with its second copy: the first joins it then, at its own time.
 */
export const FIRST_COPY_SCRIPT = `
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if s then redis.call('ZADD', KEYS[2], 'NX', s, ARGV[1]) end
return s and 1 or 0
`;

/** KEYS[1] a record: its header as text (RECORD_LUA headerText, which header.ts reads), or false when there is none; for `bantin store check`. */
export const HEADER_SCRIPT = `${RECORD_LUA}
local v = redis.call('GET', KEYS[1])
if not v then return false end
return headerText(v)
`;
