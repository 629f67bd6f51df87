/**
 * How an article record is laid out in its Redis string. Layout 3 (this
 * one): byte 0x03, the few fields the Lua scripts read as plain JSON (the
 * header: id, url, source, topics, category, storyId, contentHash,
 * publishedAt), a newline, then the body, raw-deflated (level 6) with the
 * preset dictionary of record-dictionary.ts (as syllable codes). The body
 * is every other field: two little-endian u32 (the lengths, in UTF-16 code
 * units, of the JSON and of contentHtml), then the JSON of the fields but
 * contentHtml and contentText and those two as plain text, all three as
 * syllable codes (syllable-codes.ts: known Vietnamese syllables as one or two
 * bytes), so reading them back is a slice, not a JSON string to unescape. A
 * body text that UTF-8 cannot hold (a lone surrogate) stays in the JSON, both
 * texts with it, the html length 0.
 * Layout 2 is the same with the lengths in UTF-8 bytes and the text as UTF-8
 * with no syllable codes, deflated with the dictionary as it is; its byte
 * 0x02. Layout 1 is the
 * whole record as a JSON string. Both were written by earlier versions and
 * are read everywhere. A JSON text starts with `{` or whitespace, never 0x02
 * or 0x03, so the first byte tells them apart; the scripts do the same
 * (RECORD_LUA). Either way the record is validated with articleSchema on
 * the way out.
 */
import zlib from 'node:zlib';
import { articleSchema, type Article } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import { RECORD_DICTIONARY_BASE64 } from './record-dictionary.js';
import { decodeSyllables, encodeSyllables, SyllableCodeError } from './syllable-codes.js';

export const RECORD_LAYOUT = 3;
const MAGIC = 0x03;
const MAGIC_2 = 0x02;
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
/** Layout 3's dictionary: the same text, as syllable codes, as the bodies it primes. */
let codedDictionary: Buffer | null = null;
function codedDict(): Buffer {
  codedDictionary ??= Buffer.from(encodeSyllables(dict().toString('utf8')));
  return codedDictionary;
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

/** The body's fields as text (the file comment says the layout): its JSON, and the two texts unless the JSON holds them. */
function bodyParts(record: StoredRecord): { json: string; html: string; text: string } {
  const inline = !wellFormed(record.contentHtml) || !wellFormed(record.contentText);
  // Copied field by field rather than spread and deleted from: deleting turns an object into a dictionary, which
  // JSON.stringify walks slower. The key order, and so the JSON, is the same.
  const fields: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(record)) if (!HEADER_FIELD_SET.has(f) && (inline || !TEXT_FIELDS.has(f))) fields[f] = v;
  // JSON.stringify escapes a lone surrogate, so the JSON is always well formed.
  return inline ? { json: JSON.stringify(fields), html: '', text: '' } : { json: JSON.stringify(fields), html: record.contentHtml, text: record.contentText };
}

function lengthsOf(a: number, b: number): Buffer {
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32LE(a, 0);
  lengths.writeUInt32LE(b, 4);
  return lengths;
}

/** The body as layout 2 had it before deflate (lengths in UTF-8 bytes, then UTF-8): for the bench and the tests. */
export function bodyBytes(record: StoredRecord): Buffer {
  const { json, html, text } = bodyParts(record);
  return Buffer.concat([lengthsOf(Buffer.byteLength(json), Buffer.byteLength(html)), Buffer.from(json + html + text)]);
}

/** The body as layout 3 stores it (lengths in UTF-16 code units, then syllable codes), deflated. */
export function deflateBody(record: StoredRecord): Buffer {
  const { json, html, text } = bodyParts(record);
  return zlib.deflateRawSync(Buffer.concat([lengthsOf(json.length, html.length), encodeSyllables(json + html + text)]), { level: DEFLATE_LEVEL, dictionary: codedDict() });
}

/** deflateBody's output back as the text of its fields: exported for the bench's codec comparison. */
export function inflateBody(deflated: Buffer): string {
  return decodeSyllables(zlib.inflateRawSync(deflated, { dictionary: codedDict() }).subarray(8));
}

export function encodeRecord(record: StoredRecord): Buffer {
  const header = Buffer.from(JSON.stringify(headerOf(record)));
  return Buffer.concat([Buffer.of(MAGIC), header, Buffer.of(NEWLINE), deflateBody(record)]);
}

/** Which layout a stored value is in: 3 or 2 by its first byte, 1 (plain JSON) otherwise. */
export function recordLayout(value: Buffer): 1 | 2 | 3 {
  return value[0] === MAGIC ? 3 : value[0] === MAGIC_2 ? 2 : 1;
}

/**
 * A stored value's header, parsed and not yet validated, without inflating the body: the header line of a
 * compact record (layouts 2 and 3), the whole JSON of a layout-1 one, which has every field. Throws
 * CorruptRecordError for a compact record without a header line, or a header that is not JSON.
 */
export function recordHeader(key: string, value: Buffer): unknown {
  const text = recordLayout(value) === 1 ? value.toString('utf8') : value.toString('utf8', 1, headerEnd(key, value));
  return parseJson(key, text, 'record header not JSON');
}

/** Where a compact record's header line ends: its newline (JSON.stringify never writes a raw one). */
function headerEnd(key: string, value: Buffer): number {
  const end = value.indexOf(NEWLINE, 1);
  if (end < 0) throw new CorruptRecordError(key, 'compact record without its header line');
  return end;
}

/** A layout-2 or -3 value split into its parsed header and its still deflated body. */
function splitRecord(key: string, value: Buffer): { header: Record<string, unknown>; deflated: Buffer } {
  const end = headerEnd(key, value);
  return { header: asObject(key, parseJson(key, value.toString('utf8', 1, end), 'header not JSON')), deflated: value.subarray(end + 1) };
}

/**
 * The record from its header and its body: the JSON of the other fields, then contentHtml and contentText (both
 * empty when the JSON holds them), `slice(from, to)` of the body's text between the lengths' offsets.
 */
function joinRecord(key: string, header: Record<string, unknown>, lengths: Buffer, size: number, slice: (from: number, to: number) => string): Record<string, unknown> {
  const jsonEnd = lengths.readUInt32LE(0);
  const htmlEnd = jsonEnd + lengths.readUInt32LE(4);
  if (htmlEnd > size) throw new CorruptRecordError(key, 'body shorter than its lengths');
  const fields = asObject(key, parseJson(key, slice(0, jsonEnd), 'body not JSON'));
  for (const f of HEADER_FIELDS as readonly HeaderField[]) if (f in fields) throw new CorruptRecordError(key, `body repeats header field ${f}`);
  if (!('contentHtml' in fields)) {
    fields.contentHtml = slice(jsonEnd, htmlEnd);
    fields.contentText = slice(htmlEnd, size);
  } else if (htmlEnd !== size) {
    throw new CorruptRecordError(key, 'body texts both inline and after it');
  }
  return { ...header, ...fields };
}

/** The stored value as the unvalidated object it holds: old or new layout. Throws CorruptRecordError. */
export function rawRecord(key: string, value: Buffer): Record<string, unknown> {
  if (recordLayout(value) === 1) return asObject(key, parseJson(key, value.toString('utf8'), 'not JSON'));
  const layout3 = recordLayout(value) === 3;
  const { header, deflated } = splitRecord(key, value);
  let inflated: Buffer;
  try {
    inflated = zlib.inflateRawSync(deflated, { dictionary: layout3 ? codedDict() : dict() });
  } catch {
    throw new CorruptRecordError(key, 'body does not inflate');
  }
  if (inflated.length < 8) throw new CorruptRecordError(key, 'body too short');
  const lengths = inflated.subarray(0, 8);
  if (!layout3) {
    const bytes = inflated.subarray(8);
    return joinRecord(key, header, lengths, bytes.length, (from, to) => bytes.toString('utf8', from, to));
  }
  let text: string;
  try {
    text = decodeSyllables(inflated.subarray(8));
  } catch (error) {
    if (error instanceof SyllableCodeError) throw new CorruptRecordError(key, `body not syllable codes: ${error.message}`);
    throw error;
  }
  return joinRecord(key, header, lengths, text.length, (from, to) => text.slice(from, to));
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
 * Lua, prepended to each script that reads a record: `headerText(value)` → a stored record's header as text,
 * told by its first byte as recordLayout does (the header line of layouts 2 and 3, the whole JSON of layout 1);
 * `readRecord(value)` → the table of the fields it holds; `storedRecord(value)` the same, or nil for a missing
 * value or one whose header does not read, for a script that must go on past such a record (overwrite or
 * remove it) rather than fail on it for good.
 */
export const RECORD_LUA = `
local function headerText(v)
  local layout = string.byte(v, 1)
  if layout ~= ${MAGIC} and layout ~= ${MAGIC_2} then return v end
  local e = string.find(v, '\\n', 2, true)
  return string.sub(v, 2, e - 1)
end
local function readRecord(v)
  return cjson.decode(headerText(v))
end
local function storedRecord(v)
  if not v then return nil end
  local read, rec = pcall(readRecord, v)
  if read and type(rec) == 'table' then return rec end
  return nil
end
`;
