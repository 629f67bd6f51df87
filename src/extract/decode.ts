/**
 * Bytes to text. Vietnamese sites still serve windows-1258 and mislabel
 * pages, so the charset is taken from the first place that names one the
 * platform can decode: the HTTP header, then the page's own `<meta>`, then a
 * byte-order mark; UTF-8 otherwise. Node 20 (full ICU) decodes windows-1258.
 */

import { TextDecoder } from 'node:util';

/** `<meta charset>` must sit in the first 1024 bytes per the HTML spec; be lenient. */
const SNIFF_BYTES = 4096;

function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, ''));
  } catch {
    return null;
  }
}

function headerCharset(contentType: string | null): string | null {
  if (!contentType) return null;
  return /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType)?.[1] ?? null;
}

function metaCharset(head: string): string | null {
  const direct = /<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head);
  return direct?.[1] ?? null;
}

function bomEncoding(body: Buffer): string | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

export function decodeHtml(body: Buffer, headerContentType: string | null): string {
  // latin1 maps every byte to one code unit, so ASCII markup is readable whatever the real charset.
  const head = body.subarray(0, SNIFF_BYTES).toString('latin1');
  const decoder =
    decoderFor(headerCharset(headerContentType)) ??
    decoderFor(metaCharset(head)) ??
    decoderFor(bomEncoding(body)) ??
    new TextDecoder('utf-8');
  return decoder.decode(body);
}
