/**
 * How an article record is laid out in its Redis string. Layout 2 (this
 * one): byte 0x02, the few fields the Lua scripts read as plain JSON (the
 * header: id, url, source, topics, category, storyId, contentHash,
 * publishedAt), a newline, then the body, raw-deflated (level 6) with the
 * preset dictionary of record-dictionary.ts. The body is every other field:
 * two little-endian u32 (the byte lengths of the JSON and of contentHtml),
 * the JSON of the fields but contentHtml and contentText, then those two as
 * plain UTF-8, so reading them back is a slice, not a JSON string to
 * unescape (and nothing is spent on escapes). A body text that UTF-8 cannot
 * hold (a lone surrogate) stays in the JSON, both texts with it, the html
 * length 0.
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

/**
 * Whether UTF-8 can hold the text: no lone UTF-16 surrogate, which a UTF-8 slice could not give back.
 * `String.prototype.isWellFormed` (Node 20; ES2024, so not in the lib we compile against) is five times faster
 * than a regular expression for it on a 15 KB body.
 */
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

const HEADER_FIELD_SET: ReadonlySet<string> = new Set(HEADER_FIELDS);
const TEXT_FIELDS: ReadonlySet<string> = new Set(['contentHtml', 'contentText']);

/** The body before deflate (the file comment says its layout): exported for the bench's codec comparison. */
export function bodyBytes(record: StoredRecord): Buffer {
  const inline = !wellFormed(record.contentHtml) || !wellFormed(record.contentText);
  // Copied field by field rather than spread and deleted from: deleting turns an object into a dictionary, which
  // JSON.stringify walks slower. The key order, and so the JSON, is the same.
  const fields: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(record)) if (!HEADER_FIELD_SET.has(f) && (inline || !TEXT_FIELDS.has(f))) fields[f] = v;
  const json = Buffer.from(JSON.stringify(fields));
  const html = inline ? Buffer.alloc(0) : Buffer.from(record.contentHtml);
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32LE(json.length, 0);
  lengths.writeUInt32LE(html.length, 4);
  return Buffer.concat(inline ? [lengths, json] : [lengths, json, html, Buffer.from(record.contentText)]);
}

/** Deflates with the record dictionary: exported for the bench's codec comparison. */
export function deflateBody(body: Buffer): Buffer {
  return zlib.deflateRawSync(body, { level: DEFLATE_LEVEL, dictionary: dict() });
}

export function encodeRecord(record: StoredRecord): Buffer {
  const header = Buffer.from(JSON.stringify(headerOf(record)));
  return Buffer.concat([Buffer.of(MAGIC), header, Buffer.of(NEWLINE), deflateBody(bodyBytes(record))]);
}

/** Which layout a stored value is in: 2 by its first byte, 1 (plain JSON) otherwise. */
export function recordLayout(value: Buffer): 1 | 2 {
  return value[0] === MAGIC ? 2 : 1;
}

/** A layout-2 value split into its parsed header and its still deflated body. */
function splitRecord(key: string, value: Buffer): { header: Record<string, unknown>; deflated: Buffer } {
  const end = value.indexOf(NEWLINE, 1);
  if (end < 0) throw new CorruptRecordError(key, 'layout 2 record without its header line');
  return { header: asObject(key, parseJson(key, value.subarray(1, end).toString('utf8'), 'header not JSON')), deflated: value.subarray(end + 1) };
}

function joinRecord(key: string, header: Record<string, unknown>, body: Buffer): Record<string, unknown> {
  if (body.length < 8) throw new CorruptRecordError(key, 'body too short');
  const jsonEnd = 8 + body.readUInt32LE(0);
  const htmlEnd = jsonEnd + body.readUInt32LE(4);
  if (htmlEnd > body.length) throw new CorruptRecordError(key, 'body shorter than its lengths');
  const fields = asObject(key, parseJson(key, body.toString('utf8', 8, jsonEnd), 'body not JSON'));
  for (const f of HEADER_FIELDS as readonly HeaderField[]) if (f in fields) throw new CorruptRecordError(key, `body repeats header field ${f}`);
  if (!('contentHtml' in fields)) {
    fields.contentHtml = body.toString('utf8', jsonEnd, htmlEnd);
    fields.contentText = body.toString('utf8', htmlEnd);
  } else if (htmlEnd !== body.length) {
    throw new CorruptRecordError(key, 'body texts both inline and after it');
  }
  return { ...header, ...fields };
}

/** The stored value as the unvalidated object it holds: old or new layout. Throws CorruptRecordError. */
export function rawRecord(key: string, value: Buffer): Record<string, unknown> {
  if (recordLayout(value) === 1) return asObject(key, parseJson(key, value.toString('utf8'), 'not JSON'));
  const { header, deflated } = splitRecord(key, value);
  let inflated: Buffer;
  try {
    inflated = zlib.inflateRawSync(deflated, { dictionary: dict() });
  } catch {
    throw new CorruptRecordError(key, 'body does not inflate');
  }
  return joinRecord(key, header, inflated);
}

function validated(key: string, raw: Record<string, unknown>): Article {
  const parsed = articleSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptRecordError(key, `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The stored value as a validated Article; null for a missing key. Throws CorruptRecordError. */
export function decodeRecord(key: string, value: Buffer | null): Article | null {
  if (value === null) return null;
  return validated(key, rawRecord(key, value));
}

/** decodeRecord for the records a list reads: each slot the Article, null for a missing key, or the CorruptRecordError. */
export function decodeRecords(keys: readonly string[], values: readonly (Buffer | null)[]): (Article | null | CorruptRecordError)[] {
  return values.map((value, i) => {
    try {
      return decodeRecord(keys[i] as string, value);
    } catch (error) {
      if (error instanceof CorruptRecordError) return error;
      throw error;
    }
  });
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
