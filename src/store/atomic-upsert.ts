/**
 * An upsert on a single Redis as one script: the record and every index,
 * URL-map and topic-name change at once, as before stores ran on a cluster.
 * The changes are the ones the steps would make (settle.ts stepCommands),
 * worked out from the stored record's header that the story look-up read
 * just before; the script makes them only if that header is still the one
 * stored and no marker is there, and otherwise answers so, and the upsert
 * takes the steps instead. Every key is in KEYS: the record's and every key
 * the changes name, each once.
 */
import type { RedisArg, RedisCommand } from '../redis/batch.js';
import type { RecordHeader } from './header.js';
import type { KeySchema } from './keys.js';
import { publishCommand, stepCommands, type Settlement } from './settle.js';
import { RECORD_LUA } from './record-codec.js';
import { URLS_LUA } from './upsert-script.js';

/**
 * KEYS[1] the record, KEYS[2] its URL set, KEYS[3] its marker, KEYS[4..] the keys the changes name.
 * ARGV[1] the record as stored, ARGV[2] the stored header it expects ('' for none), ARGV[3] content hash,
 * ARGV[4] streams signature, ARGV[5] publishedAt, ARGV[6] its URLs as JSON, ARGV[7] the changes as JSON:
 * each [command, n, n key numbers (into KEYS), arguments…], ARGV[8] the number in KEYS of a layout-2 URL set
 * to merge in, 0 for none. Returns {'unchanged'}, {'new'}, {'updated'},
 * {'moved'} (the stored record is not the expected one) or {'marked'} (a writer's steps are owed).
 */
export const ATOMIC_UPSERT_SCRIPT = `${RECORD_LUA}${URLS_LUA}
local function categoryOf(rec)
  local c = rec.category
  if type(c) == 'table' and type(c.slug) == 'string' then return c.slug end
  return nil
end
if redis.call('EXISTS', KEYS[3]) == 1 then return { 'marked' } end
local old = redis.call('GET', KEYS[1])
if (old and headerText(old) or '') ~= ARGV[2] then return { 'moved' } end
local legacy = tonumber(ARGV[8])
if legacy > 0 and redis.call('EXISTS', KEYS[legacy]) == 1 then
  redis.call('SUNIONSTORE', KEYS[2], KEYS[2], KEYS[legacy])
  redis.call('DEL', KEYS[legacy])
end
local rec = storedRecord(old)
keepUrls(KEYS[2], cjson.decode(ARGV[6]), rec)
if rec then
  local sig = table.concat(rec.topics, ',') .. '|' .. (categoryOf(rec) or '')
  if rec.contentHash == ARGV[3] and sig == ARGV[4] and rec.publishedAt == ARGV[5] then return { 'unchanged' } end
end
redis.call('SET', KEYS[1], ARGV[1])
for _, op in ipairs(cjson.decode(ARGV[7])) do
  local args = {}
  local n = op[2]
  for i = 1, n do args[i] = KEYS[op[2 + i]] end
  for i = 3 + n, #op do args[#args + 1] = op[i] end
  if op[1] == 'FIRSTCOPY' then
    -- A story's index starts with its second copy: the first joins it then, at its own time.
    local s = redis.call('ZSCORE', args[1], args[3])
    if s then redis.call('ZADD', args[2], 'NX', s, args[3]) end
  else
    redis.call(op[1], unpack(args))
  end
end
if old then return { 'updated' } end
return { 'new' }
`;

/** What the script checks and writes of the record: step 1's (upsert-command.ts), and the header it expects stored. */
export interface AtomicRecord {
  value: Buffer;
  contentHash: string;
  signature: string;
  publishedAt: string;
  expectedHeader: string;
}

/**
 * The script's call for `s`, the article's settlement as if `s.was` were what is stored (its `extra` left out: a
 * script cannot run a script); `legacyUrls`, a layout-2 URL set to merge in.
 */
export function atomicUpsert(k: KeySchema, s: Settlement, record: AtomicRecord, legacyUrls: string | null): RedisCommand {
  const recordKeys = [k.article(s.id), k.articleUrls(s.id), k.articlePending(s.id)];
  const extraKeys: string[] = [];
  const index = (key: string): number => {
    const at = recordKeys.indexOf(key);
    if (at >= 0) return at + 1;
    let i = extraKeys.indexOf(key);
    if (i < 0) i = extraKeys.push(key) - 1;
    return recordKeys.length + i + 1;
  };
  const ops: RedisArg[][] = [];
  const legacy = legacyUrls ? index(legacyUrls) : 0;
  for (const [name, key, ...args] of stepCommands(k, { ...s, extra: [] })) ops.push([name, 1, index(String(key)), ...args.map(String)]);
  const current = s.current as RecordHeader;
  if (current.storyId !== s.id) ops.push(['FIRSTCOPY', 2, index(k.index({ kind: 'all' })), index(k.index({ kind: 'story', id: current.storyId })), current.storyId]);
  const [, channel, message] = publishCommand(k, s);
  ops.push(['PUBLISH', 0, String(channel), String(message)]);
  const keyList = [...recordKeys, ...extraKeys];
  return [
    'EVAL',
    ATOMIC_UPSERT_SCRIPT,
    keyList.length,
    ...keyList,
    record.value,
    record.expectedHeader,
    record.contentHash,
    record.signature,
    record.publishedAt,
    JSON.stringify(s.urls),
    JSON.stringify(ops),
    legacy,
  ];
}
