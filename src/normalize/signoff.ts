/**
 * Sign-offs: many Vietnamese papers print the byline as the body's last line,
 * right-aligned (`<p style="text-align:right">Trần Long</p>`) or as a short
 * bold name. It belongs in the byline, not in the article text. Only lines at
 * the very end qualify: a right-aligned quote earlier in the body stays.
 */
import type { CheerioAPI, Cheerio } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from './text.js';

const MAX_LINES_TAKEN = 3;
const MAX_RIGHT_ALIGNED = 120;
const MAX_BOLD_NAME = 50;
const BLOCKS = 'p, div, h2, h3, h4, h5, h6, blockquote, li, td, figure, table, ul, ol, iframe, img';
const MEDIA = new Set(['img', 'iframe', 'video', 'audio', 'object', 'embed']);

/** The last node holding something a reader sees (non-blank text or media), searching backwards. */
function lastContent(nodes: AnyNode[]): AnyNode | null {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.type === 'text' && /[^\s\u00A0\u200B-\u200D\u2060\uFEFF]/.test(n.data)) return n;
    if (n.type !== 'tag') continue;
    if (MEDIA.has(n.name)) return n;
    const inner = lastContent(n.children);
    if (inner !== null) return inner;
  }
  return null;
}

/** The paragraph (p or div) that ends the body, when it is a leaf holding only text. */
function closingParagraph($: CheerioAPI): Element | null {
  const last = lastContent($.root().get(0)?.children ?? []);
  if (last === null || last.type !== 'text') return null;
  let cur = last.parent;
  while (cur !== null && cur.type === 'tag' && cur.name !== 'p' && cur.name !== 'div') cur = cur.parent;
  if (cur === null || cur.type !== 'tag') return null;
  return $(cur).find(BLOCKS).length === 0 ? cur : null;
}
const ATTRIBUTION_LINE = /^\(?\s*(?:theo|nguồn\s*:)\s+[^.!?]{1,60}\)?\.?$/iu;

function rightAligned(el: Element): boolean {
  const a = el.attribs;
  if (/text-align\s*:\s*right/i.test(a.style ?? '')) return true;
  if ((a.align ?? '').toLowerCase() === 'right') return true;
  return (a.class ?? '').split(/\s+/).some((c) => /^(?:right|(?:[\w-]*[-_])right|right[-_][\w-]*)$/i.test(c));
}

function alignedRightInside($: CheerioAPI, p: Cheerio<Element>): boolean {
  const el = p.get(0);
  if (el && rightAligned(el)) return true;
  // <p><span style="text-align:right">…</span></p> and similar: the only child carries the alignment.
  const kids = p.children();
  const only = kids.get(0);
  return kids.length === 1 && only !== undefined && rightAligned(only) && normalizeText(p.text()) === normalizeText($(only).text());
}

/** `<p><strong>Trần Long</strong></p>`: one bold run, a few capitalised words, no digits. */
function boldName($: CheerioAPI, p: Cheerio<Element>, text: string): boolean {
  const bold = p.children('strong, b');
  if (bold.length !== 1 || normalizeText(bold.text()) !== text) return false;
  if (text.length > MAX_BOLD_NAME || /[\d?!;]/.test(text)) return false;
  const words = text.replace(/[.:,()-]/g, ' ').split(/\s+/).filter((w) => w !== '');
  return words.length >= 1 && words.length <= 6 && words.every((w) => /^\p{Lu}/u.test(w));
}

function lines($: CheerioAPI, p: Cheerio<Element>): string[] {
  const copy = p.clone();
  copy.find('br').replaceWith('\n');
  return copy
    .text()
    .split('\n')
    .map(normalizeText)
    .filter((l) => l !== '');
}

/** Remove the sign-off lines at the end of the fragment and return them, top to bottom. */
export function takeSignOff($: CheerioAPI): string[] {
  const taken: string[][] = [];
  for (let i = 0; i < MAX_LINES_TAKEN; i++) {
    const found = closingParagraph($);
    if (found === null) break;
    const leaf = $(found);
    const text = normalizeText(leaf.text());
    const isSignOff =
      (alignedRightInside($, leaf) && text.length <= MAX_RIGHT_ALIGNED) ||
      ATTRIBUTION_LINE.test(text) ||
      (i === 0 && boldName($, leaf, text));
    if (!isSignOff) break;
    taken.unshift(lines($, leaf));
    leaf.remove();
  }
  return taken.flat();
}
