/** What a body is: its media type, and whether it is what the caller expected. */
import { FetchError } from './errors.js';

export type Expectation = 'html' | 'feed' | 'any';

/** `text/html; charset=UTF-8` → `text/html`. */
export function mediaType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
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
