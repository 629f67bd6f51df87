/** What a body is: its media type, its charset, and whether it is what the caller expected. */
import { FetchError } from './errors.js';

export type Expectation = 'html' | 'feed' | 'any';

/** `text/html; charset=UTF-8` → `text/html`. */
export function mediaType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

function headerCharset(contentType: string | null): string | null {
  const match = contentType === null ? null : /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/**
 * The charset to decode with: the header's, else a byte-order mark, else the
 * page's own `<meta charset>` / XML declaration within the first 1024 bytes
 * (where HTML requires it to be). Null: the caller decides (UTF-8, usually).
 */
export function detectCharset(contentType: string | null, body: Buffer): string | null {
  const declared = headerCharset(contentType);
  if (declared) return declared;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  const head = body.subarray(0, 1024).toString('latin1');
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)["']/i.exec(head);
  return meta?.[1] ? meta[1].toLowerCase() : null;
}

/** True when the body opens like an HTML document (what an anti-bot challenge page looks like). */
export function looksLikeHtml(body: Buffer): boolean {
  const head = body.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body)[\s>]/.test(head);
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Servers that label everything vaguely: the body decides. */
const VAGUE_TYPES = new Set(['text/plain', 'application/octet-stream']);

/** Throws `not-html` when an HTML page was expected and something else came. */
export function checkExpectation(expect: Expectation, contentType: string | null, body: Buffer, url: string, status: number): void {
  if (expect !== 'html') return;
  const type = mediaType(contentType);
  if (type !== null && HTML_TYPES.has(type)) return;
  if ((type === null || VAGUE_TYPES.has(type)) && looksLikeHtml(body)) return;
  throw new FetchError('not-html', url, `expected an HTML page, got ${type ?? 'no content type'}`, status);
}
