/**
 * What a browser would build from sanitized body HTML, checked against what
 * the sanitizer may emit. The HTML is parsed with parse5 (the WHATWG
 * parsing algorithm, as a browser runs it), not with the htmlparser2 the
 * sanitizer reads its input with, and every URL is parsed with WHATWG
 * `new URL()`, so a disagreement between the sanitizer's reading and a
 * browser's shows up here. The allowlist is written out again on purpose:
 * widening the sanitizer's must be a visible change to this file too.
 */
import { parse } from 'parse5';

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const NONE: readonly string[] = [];
const ALLOWED: ReadonlyMap<string, readonly string[]> = new Map([
  ...['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'code', 'br', 'hr', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'span'].map(
    (t) => [t, NONE] as const,
  ),
  ...['strong', 'em', 'b', 'i', 'u', 'sub', 'sup', 'del', 's', 'ins', 'q', 'cite', 'small', 'mark'].map((t) => [t, NONE] as const),
  ['a', ['href', 'rel']],
  ['abbr', ['title']],
  ['img', ['src', 'alt', 'width', 'height']],
  ['iframe', ['src', 'width', 'height', 'allowfullscreen', 'sandbox']],
  ['td', ['colspan', 'rowspan']],
  ['th', ['colspan', 'rowspan']],
]);
// The document shell parse5 adds around a fragment.
const SHELL = new Set(['html', 'head', 'body']);
const ID = /^bantin-[\w-]{1,72}$/;
const FRAGMENT = /^#bantin-[\w-]{1,72}$/;
const DIGITS = /^\d{1,5}$/;
export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-presentation';
const PLAYER_HOSTS = new Set([
  'www.youtube.com', 'youtube.com', 'm.youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com', 'player.vimeo.com',
  'www.facebook.com', 'facebook.com', 'web.facebook.com', 'www.tiktok.com', 'tiktok.com', 'www.dailymotion.com', 'dailymotion.com',
  'geo.dailymotion.com',
]);

interface P5Attr {
  name: string;
  value: string;
  namespace?: string;
}
interface P5Node {
  nodeName: string;
  tagName?: string;
  namespaceURI?: string;
  attrs?: P5Attr[];
  childNodes?: P5Node[];
  content?: P5Node;
}

function urlProblem(tag: string, name: string, value: string): string | null {
  if (tag === 'a' && name === 'href') {
    if (value.startsWith('#')) return FRAGMENT.test(value) ? null : `fragment ${value}`;
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      return `unparsable href ${JSON.stringify(value)}`;
    }
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(u.protocol) ? null : `href scheme ${u.protocol}`;
  }
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `unparsable ${tag}[${name}] ${JSON.stringify(value)}`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `${tag}[${name}] scheme ${u.protocol}`;
  if (tag === 'iframe' && (u.protocol !== 'https:' || !PLAYER_HOSTS.has(u.hostname))) return `iframe from ${u.href}`;
  return null;
}

function elementProblems(n: P5Node, out: string[]): void {
  const tag = n.tagName ?? n.nodeName;
  if (n.namespaceURI !== HTML_NS) out.push(`<${tag}> in namespace ${n.namespaceURI}`);
  const allowed = ALLOWED.get(tag);
  if (allowed === undefined && !SHELL.has(tag)) out.push(`element <${tag}>`);
  const names = new Set<string>();
  for (const a of n.attrs ?? []) {
    names.add(a.name);
    if (a.namespace) out.push(`namespaced attribute ${a.name} on <${tag}>`);
    if (/^on/i.test(a.name)) out.push(`event handler ${a.name} on <${tag}>`);
    else if (a.name === 'id') {
      if (!ID.test(a.value)) out.push(`id ${JSON.stringify(a.value)}`);
    } else if (!allowed?.includes(a.name)) out.push(`attribute ${a.name} on <${tag}>`);
    else if (a.name === 'href' || a.name === 'src') {
      const p = urlProblem(tag, a.name, a.value);
      if (p !== null) out.push(p);
    } else if (['width', 'height', 'colspan', 'rowspan'].includes(a.name) && !DIGITS.test(a.value)) out.push(`${a.name}=${a.value}`);
    else if (a.name === 'rel' && a.value !== 'noopener noreferrer') out.push(`rel=${a.value}`);
    else if (a.name === 'sandbox' && a.value !== EMBED_SANDBOX) out.push(`sandbox=${a.value}`);
  }
  if (tag === 'iframe') {
    if (!names.has('sandbox')) out.push('iframe without sandbox');
    if ((n.childNodes ?? []).length > 0) out.push('iframe with content');
  }
  if (tag === 'a' && names.has('href') && !n.attrs!.find((a) => a.name === 'href')!.value.startsWith('#') && !names.has('rel')) {
    out.push('link without rel');
  }
}

/** Every way the sanitized HTML, as a browser parses it, leaves the allowlist; empty when it is clean. */
export function structuralProblems(html: string): string[] {
  const out: string[] = [];
  const walk = (n: P5Node): void => {
    if (n.tagName !== undefined) elementProblems(n, out);
    else if (n.nodeName === '#comment') out.push('comment');
    n.childNodes?.forEach(walk);
    if (n.content) walk(n.content);
  };
  (parse(html) as unknown as P5Node).childNodes?.forEach(walk);
  return out;
}
