/**
 * Which charset a body is in. Vietnamese sites still serve windows-1258 and
 * mislabel pages, so the first place that names one the platform can
 * decode wins: the HTTP header, then the document's own `<meta charset>` or
 * XML declaration, then a byte-order mark. Null: nothing says (UTF-8, then).
 * One definition for the fetcher (which hands it on) and extraction (which
 * also reads saved pages, with no header).
 */
import { TextDecoder } from 'node:util';

/** `<meta charset>` must sit in the first 1024 bytes per the HTML spec; be lenient. */
const SNIFF_BYTES = 4096;

function decodable(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    new TextDecoder(label);
    return label.toLowerCase();
  } catch {
    return null;
  }
}

function bom(body: Buffer): string | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

export function charsetOf(contentType: string | null, body: Buffer): string | null {
  const header = contentType === null ? null : /;\s*charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType)?.[1];
  // latin1 maps every byte to one code unit, so ASCII markup is readable whatever the real charset.
  const head = body.subarray(0, SNIFF_BYTES).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  return decodable(header) ?? decodable(declared) ?? bom(body);
}

/** Bytes to text in the charset they are in; UTF-8 when nothing says. */
export function decodeBytes(body: Buffer, contentType: string | null): string {
  return new TextDecoder(charsetOf(contentType, body) ?? 'utf-8').decode(body);
}
