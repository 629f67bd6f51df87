/**
 * A record as the version before record layout 3 stored it (layout 2: the
 * header, then the layout-2 body deflated with the record dictionary), so
 * tests can put one in Redis as that version left it.
 */
import zlib from 'node:zlib';
import type { Article } from '../../src/core/article.js';
import { bodyBytes, HEADER_FIELDS } from '../../src/store/record-codec.js';
import { RECORD_DICTIONARY_BASE64 } from '../../src/store/record-dictionary.js';

export function layout2Record(a: Article): Buffer {
  const header: Record<string, unknown> = {};
  for (const f of HEADER_FIELDS) if (a[f] !== undefined) header[f] = a[f];
  const body = zlib.deflateRawSync(bodyBytes(a), { level: 6, dictionary: Buffer.from(RECORD_DICTIONARY_BASE64, 'base64') });
  return Buffer.concat([Buffer.of(0x02), Buffer.from(JSON.stringify(header)), Buffer.of(0x0a), body]);
}
