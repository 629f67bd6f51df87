/** Content negotiation and conditional requests (RFC 9110), kept allocation-light: they run on every hit. */
import type { Encoding, Representation } from './representation.js';

interface Ranged {
  value: string;
  q: number;
}

function parseList(header: string): Ranged[] {
  const out: Ranged[] = [];
  for (const part of header.split(',')) {
    const [rawValue, ...params] = part.split(';');
    const value = rawValue?.trim().toLowerCase() ?? '';
    if (!value) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!Number.isNaN(q)) out.push({ value, q });
  }
  return out;
}

/** Brotli, then gzip, when the client accepts them; identity otherwise. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let br = 0;
  let gzip = 0;
  let star = 0;
  for (const { value, q } of parseList(acceptEncoding)) {
    if (value === 'br') br = q;
    else if (value === 'gzip' || value === 'x-gzip') gzip = q;
    else if (value === '*') star = q;
  }
  if (br === 0 && !/\bbr\b/i.test(acceptEncoding)) br = star;
  if (gzip === 0 && !/gzip/i.test(acceptEncoding)) gzip = star;
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

/** The best of `offers` for an Accept header (offers in server preference order); the first offer when nothing matches. */
export function pickType<T extends string>(accept: string | undefined, offers: readonly { type: string; value: T }[]): T {
  const first = offers[0] as { value: T };
  if (!accept) return first.value;
  let best: T = first.value;
  let bestQ = 0;
  let bestSpecificity = -1;
  for (const { value: range, q } of parseList(accept)) {
    if (q <= 0) continue;
    const specificity = range === '*/*' ? 0 : range.endsWith('/*') ? 1 : 2;
    for (const offer of offers) {
      const fits = specificity === 0 || (specificity === 1 ? offer.type.startsWith(range.slice(0, -1)) : offer.type === range);
      if (!fits) continue;
      if (q > bestQ || (q === bestQ && specificity > bestSpecificity)) {
        best = offer.value;
        bestQ = q;
        bestSpecificity = specificity;
      }
      break;
    }
  }
  return best;
}

const ERROR_OFFERS = [
  { type: 'application/problem+json', value: 'problem' },
  { type: 'application/json', value: 'problem' },
  { type: 'text/html', value: 'html' },
] as const;

/** Whether an error is better told as an HTML page than as problem+json: only when the client prefers HTML (a browser). */
export function prefersHtml(accept: string | undefined): boolean {
  return pickType(accept, ERROR_OFFERS) === 'html';
}

/** RFC 9110 §13.1: If-None-Match (a list, weak comparison) wins over If-Modified-Since. */
export function isNotModified(rep: Representation, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    for (const raw of ifNoneMatch.split(',')) {
      const tag = raw.trim().replace(/^W\//, '');
      if (rep.etags.has(tag)) return true;
    }
    return false;
  }
  if (ifModifiedSince !== undefined && rep.lastModifiedSec !== null) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && rep.lastModifiedSec <= Math.floor(since / 1000);
  }
  return false;
}
