/**
 * What the body sanitizer lets through, by input tag. Anything not named
 * here is unwrapped (its text kept, the element dropped) or, in DROP,
 * removed with everything inside. Attributes are never copied: each kept
 * element's are rebuilt by the code that emits it (links in urls.ts, images
 * in images.ts, players in embeds.ts, ids in fragments.ts). The XSS tests
 * (tests/normalize/xss/structure.ts) list the whole output vocabulary again.
 */
import type { Element } from 'domhandler';
import type { Attrs } from './images.js';

// Removed with everything inside: executable, interactive, or markup whose content is not article text.
// xmp, plaintext, noembed and noframes are raw text to a browser but markup to htmlparser2: never guess which.
export const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'form', 'input', 'button', 'select', 'option', 'textarea', 'label',
  'object', 'embed', 'applet', 'svg', 'math', 'canvas', 'link', 'meta', 'base', 'head', 'title', 'nav',
  'audio', 'video', 'source', 'track', 'map', 'area', 'frame', 'frameset', 'dialog', 'picture-source',
  'xmp', 'plaintext', 'noembed', 'noframes', 'portal', 'fencedframe',
]);

/** Inline elements kept as they are (no attributes), with the old names that mean the same. */
export const INLINE_KEEP = new Map([
  ...['strong', 'em', 'b', 'i', 'u', 'sub', 'sup', 'code', 'del', 's', 'ins', 'q', 'cite', 'small', 'mark'].map((t) => [t, t] as const),
  ['strike', 's'],
  ['tt', 'code'],
]);
export const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

// Containers that separate paragraphs even though they are unwrapped. Table parts are here for layout tables
// (a data table is rebuilt by body-table.ts): their cells are separate paragraphs, not one run of words.
// A figure or figcaption reaching here is one findFigures did not recognise (no usable picture, several pictures).
export const BLOCK_CONTAINERS = new Set([
  'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'center', 'address', 'details', 'summary',
  'caption', 'figure', 'figcaption', 'listing', 'hgroup', 'search', 'fieldset', 'legend',
  'tbody', 'thead', 'tfoot', 'tr', 'td', 'th',
]);

/**
 * Output elements whose content is phrasing only: a block arriving inside one is unwrapped, because an
 * HTML parser would otherwise close or re-parent them (`<p><div>`, `<strong><p>`), and the feed reader
 * would see a different tree than ours.
 */
export const PHRASING_OUT = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'dt', 'a', 'abbr', 'span', 'figcaption', ...INLINE_KEEP.values()]);

const DIGITS = /^\d{1,5}$/;

export function hidden(e: Element): boolean {
  const a = e.attribs;
  if ('hidden' in a) return true;
  if ((a['aria-hidden'] ?? '').toLowerCase() === 'true') return true;
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(a.style ?? '');
}

/** Plain digit values of the named attributes (width and height, colspan and rowspan); `100%` or `auto` is dropped. */
export function digitAttrs(a: Attrs, names: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const k of names) {
    const v = a[k]?.trim();
    if (v && DIGITS.test(v)) out.push([k, v]);
  }
  return out;
}
