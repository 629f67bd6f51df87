/**
 * How an article record is laid out in its Redis string. Layout 2 (this
 * one): byte 0x02, the few fields the Lua scripts read as plain JSON (the
 * header: id, url, source, topics, category, storyId, contentHash,
 * publishedAt), a newline, then every other field as JSON deflated (raw
 * deflate, level 6) with the preset dictionary of record-dictionary.ts.
 * Layout 1, written by earlier versions and still read everywhere: the whole
 * record as a JSON string. A JSON text starts with `{` or whitespace, never
 * 0x02, so the first byte tells them apart; the scripts do the same
 * (RECORD_LUA). Either way the record is validated with articleSchema on
 * the way out.
 */
import zlib from 'node:zlib';
import { articleSchema, type Article } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import { RECORD_DICTIONARY_BASE64 } from './record-dictionary.js';

export const RECORD_LAYOUT = 2;
const MAGIC = 0x02;
const NEWLINE = 0x0a;
const DEFLATE_LEVEL = 6;

/** The fields the scripts read (upsert, remove, the stored-story check), kept out of the compressed body. */
export const HEADER_FIELDS = ['id', 'url', 'source', 'topics', 'category', 'storyId', 'contentHash', 'publishedAt'] as const;
type HeaderField = (typeof HEADER_FIELDS)[number];

/** A record to write: an Article, whose storyId may be absent (a record from before stories keeps reading as one). */
export type StoredRecord = Omit<Article, 'storyId'> & { storyId?: string | undefined };

let dictionary: Buffer | null = null;
function dict(): Buffer {
  dictionary ??= Buffer.from(RECORD_DICTIONARY_BASE64, 'base64');
  return dictionary;
}

/** The header's JSON: only the fields Lua reads, in a fixed order. */
function headerOf(record: StoredRecord): Record<string, unknown> {
  const header: Record<string, unknown> = {};
  for (const f of HEADER_FIELDS) if (record[f] !== undefined) header[f] = record[f];
  return header;
}

function bodyOf(record: StoredRecord): Record<string, unknown> {
  const body: Record<string, unknown> = { ...record };
  for (const f of HEADER_FIELDS) delete body[f];
  return body;
}

/** Deflates with the record dictionary: exported for the bench's codec comparison. */
export function deflateBody(json: string): Buffer {
  return zlib.deflateRawSync(json, { level: DEFLATE_LEVEL, dictionary: dict() });
}

export function encodeRecord(record: StoredRecord): Buffer {
  const header = Buffer.from(JSON.stringify(headerOf(record)));
  return Buffer.concat([Buffer.of(MAGIC), header, Buffer.of(NEWLINE), deflateBody(JSON.stringify(bodyOf(record)))]);
}

/** Which layout a stored value is in; null for none. */
export function recordLayout(value: Buffer): 1 | 2 {
  return value[0] === MAGIC ? 2 : 1;
}

/** The stored value as the unvalidated object it holds: old or new layout. Throws CorruptRecordError. */
export function rawRecord(key: string, value: Buffer): Record<string, unknown> {
  if (recordLayout(value) === 1) return asObject(key, parseJson(key, value.toString('utf8'), 'not JSON'));
  const end = value.indexOf(NEWLINE, 1);
  if (end < 0) throw new CorruptRecordError(key, 'layout 2 record without its header line');
  const header = asObject(key, parseJson(key, value.subarray(1, end).toString('utf8'), 'header not JSON'));
  let body: string;
  try {
    body = zlib.inflateRawSync(value.subarray(end + 1), { dictionary: dict() }).toString('utf8');
  } catch {
    throw new CorruptRecordError(key, 'body does not inflate');
  }
  const fields = asObject(key, parseJson(key, body, 'body not JSON'));
  for (const f of HEADER_FIELDS as readonly HeaderField[]) if (f in fields) throw new CorruptRecordError(key, `body repeats header field ${f}`);
  return { ...header, ...fields };
}

/** The stored value as a validated Article; null for a missing key. Throws CorruptRecordError. */
export function decodeRecord(key: string, value: Buffer | null): Article | null {
  if (value === null) return null;
  const parsed = articleSchema.safeParse(rawRecord(key, value));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptRecordError(key, `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function parseJson(key: string, text: string, problem: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CorruptRecordError(key, problem);
  }
}

function asObject(key: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CorruptRecordError(key, 'not a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Lua: `readRecord(value)` → the table of a stored record's fields the scripts read, from either layout
 * (the header of layout 2, the whole JSON of layout 1). Prepended to each script that reads a record.
 */
export const RECORD_LUA = `
local function readRecord(v)
  if string.byte(v, 1) == ${MAGIC} then
    local e = string.find(v, '\\n', 2, true)
    return cjson.decode(string.sub(v, 2, e - 1))
  end
  return cjson.decode(v)
end
`;
