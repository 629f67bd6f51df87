/**
 * Pages that are not HTML, or HTML no reader could lay out, must end as
 * `not-an-article` or as an article, never as a crash: binary bytes served
 * as text/html, and documents nested thousands of levels deep (every
 * recursive walk over the tree — ours, Readability's, the serializer's —
 * would overflow the stack on them).
 */
import { NotAnArticleError } from '../core/errors.js';
import type { AnyNode, Doc, Element } from './dom.js';

const SNIFF_CHARS = 8192;
/** Real text in any language has almost no control characters or undecodable bytes. */
const MAX_JUNK_SHARE = 0.1;

/** Throws NotAnArticleError when the decoded text is plainly not a document: empty, or binary. */
export function rejectNonDocument(text: string, url: string): void {
  if (text.trim() === '') throw new NotAnArticleError(url, 'empty page');
  const head = text.slice(0, SNIFF_CHARS);
  if (head.includes('\u0000')) throw new NotAnArticleError(url, 'binary content (NUL bytes) served as HTML');
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const junk = head.match(/[\u0001-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  if (junk / head.length > MAX_JUNK_SHARE) throw new NotAnArticleError(url, `binary content (${Math.round((100 * junk) / head.length)}% undecodable characters) served as HTML`);
}

/** Deeper than any real layout; well under what a recursive walk of the tree can take. */
export const MAX_DEPTH = 200;

/** Open tags counted before the text is parsed at all: unclosed `<p>`s make the count run high, so it is generous. */
const MAX_TEXT_DEPTH = 2000;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'td', 'tr', 'th', 'option', 'dt', 'dd']);
// `[^<>]`, not `[^>]`: an unclosed `<x` must not make every later `<` scan to the end of the page.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/g;

/**
 * The parser itself is quadratic in nesting depth (100,000 nested divs take
 * seconds), so pathological nesting is cut in the text first, in one linear
 * scan: tags opened beyond MAX_TEXT_DEPTH, and their closing tags, are
 * dropped; the text between them stays. Real pages never come near it.
 */
export function capNesting(html: string): string {
  let depth = 0;
  let over = false;
  for (const m of html.matchAll(TAG)) {
    const name = (m[2] as string).toLowerCase();
    if (VOID.has(name) || m[3] === '/') continue;
    depth += m[1] === '/' ? -1 : 1;
    if (depth > MAX_TEXT_DEPTH) {
      over = true;
      break;
    }
  }
  if (!over) return html;
  depth = 0;
  return html.replace(TAG, (tag, close: string, rawName: string, selfClose: string) => {
    const name = rawName.toLowerCase();
    if (VOID.has(name) || selfClose === '/') return tag;
    if (close === '/') return depth-- > MAX_TEXT_DEPTH ? '' : tag;
    return ++depth > MAX_TEXT_DEPTH ? '' : tag;
  });
}

/** Every node below `el`, in document order, without recursion. */
function descendants(el: Element): AnyNode[] {
  const out: AnyNode[] = [];
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    out.push(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  return out;
}

/**
 * Cap the tree's depth: an element at MAX_DEPTH keeps its text and leaf
 * elements (images, line breaks) as direct children and loses the nesting
 * in between. Returns how many elements were flattened (0 on real pages).
 */
export function flattenDeep(doc: Doc): number {
  let flattened = 0;
  const stack: [AnyNode, number][] = [[doc.root()[0] as AnyNode, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [AnyNode, number];
    if (!('children' in node)) continue;
    if (depth >= MAX_DEPTH && node.type === 'tag') {
      const keep = descendants(node).filter((n) => n.type === 'text' || (n.type === 'tag' && n.children.length === 0));
      for (const n of keep) {
        n.parent = node;
        n.prev = null;
        n.next = null;
        if ('children' in n) n.children = [];
      }
      keep.forEach((n, i) => {
        n.prev = keep[i - 1] ?? null;
        n.next = keep[i + 1] ?? null;
      });
      node.children = keep;
      flattened++;
      continue;
    }
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return flattened;
}
