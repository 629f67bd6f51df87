/**
 * The sanitized body as a small tree of allowlisted elements. Building the
 * output as a tree (not a string) lets us drop empty paragraphs after the
 * fact and derive the HTML and the plain text from the same structure.
 */
import { collapseSpaces } from './text.js';
export interface OutElement {
  tag: string;
  /** Already validated values, in output order. */
  attrs: [string, string][];
  children: OutNode[];
}
export type OutNode = OutElement | string;

export const VOID_TAGS = new Set(['br', 'hr', 'img']);
// Elements that are content even with no text inside.
const SELF_CONTENT = new Set(['img', 'iframe', 'hr']);
// Output elements that start on a line of their own: a boundary next to one needs no <br>.
export const BLOCK_OUT = new Set([
  'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'figure', 'figcaption',
  'table', 'thead', 'tbody', 'tr', 'td', 'th', 'hr', 'iframe',
]);

/**
 * A place where an unwrapped block (a `<div>` inside a list item, a layout
 * table's cell) ended or began inside an element we keep. prune() turns it
 * into a `<br>` when there are words on both sides, and drops it otherwise,
 * so `<li><div>Hà</div><div>Nội</div></li>` reads `Hà<br>Nội`, not `HàNội`.
 */
const BOUNDARY = '#boundary';

export function el(tag: string, attrs: [string, string][] = [], children: OutNode[] = []): OutElement {
  return { tag, attrs, children };
}

export function boundary(): OutElement {
  return el(BOUNDARY);
}

function hasContent(n: OutNode): boolean {
  if (typeof n === 'string') return n.trim() !== '';
  if (SELF_CONTENT.has(n.tag)) return true;
  return n.children.some(hasContent);
}

function resolveBoundaries(nodes: OutNode[]): OutNode[] {
  if (!nodes.some((n) => typeof n !== 'string' && n.tag === BOUNDARY)) return nodes;
  const out: OutNode[] = [];
  let words = false; // inline content since the last line start
  let pending = false; // a boundary after those words
  for (const n of nodes) {
    if (typeof n === 'string' && n.trim() === '') {
      out.push(n);
    } else if (typeof n !== 'string' && n.tag === BOUNDARY) {
      pending = words;
    } else if (typeof n !== 'string' && (n.tag === 'br' || BLOCK_OUT.has(n.tag))) {
      out.push(n);
      words = pending = false;
    } else {
      if (pending) out.push(el('br'));
      out.push(n);
      words = true;
      pending = false;
    }
  }
  return out;
}

/**
 * Remove elements with no text and no picture or player inside (empty `<p>&nbsp;</p>`, stray `<strong></strong>`).
 * Text that comes together where something was removed (`a <b> </b> b`) is one text again, its seam collapsed
 * outside <pre> the way each text was: a browser would see `a  b` as one text, and we would read it back as `a b`.
 */
export function prune(nodes: OutNode[], pre = false): OutNode[] {
  const out: OutNode[] = [];
  for (const n of nodes) {
    if (typeof n === 'string') {
      const last = out.length - 1;
      if (typeof out[last] === 'string') out[last] = pre ? out[last] + n : collapseSpaces(out[last] + n);
      else out.push(n);
      continue;
    }
    if (n.tag === 'br' || n.tag === BOUNDARY || SELF_CONTENT.has(n.tag)) {
      out.push(n);
      continue;
    }
    n.children = prune(n.children, pre || n.tag === 'pre');
    // A paragraph holding only line breaks is empty too.
    if (hasContent(n)) out.push(n);
  }
  return resolveBoundaries(out);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

// Blocks whose leading and trailing spaces are layout, not text. Never <pre>.
const TRIM_EDGES = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'figcaption', 'blockquote', 'dt', 'dd']);

/** Children without the whitespace at either end, across as many text nodes as it spans. */
function trimEdges(nodes: readonly OutNode[]): OutNode[] {
  const out = [...nodes];
  while (typeof out[0] === 'string') {
    const t = out[0].trimStart();
    if (t !== '') {
      out[0] = t;
      break;
    }
    out.shift();
  }
  while (typeof out.at(-1) === 'string') {
    // trimEnd strips what \s matches; /\s+$/ would try a match at every position of a long paragraph.
    const t = (out.at(-1) as string).trimEnd();
    if (t !== '') {
      out[out.length - 1] = t;
      break;
    }
    out.pop();
  }
  return out;
}

function serializeNode(n: OutNode, parts: string[]): void {
  if (typeof n === 'string') {
    parts.push(escapeText(n));
    return;
  }
  parts.push('<', n.tag);
  for (const [k, v] of n.attrs) parts.push(' ', k, '="', escapeAttr(v), '"');
  parts.push('>');
  if (VOID_TAGS.has(n.tag)) return;
  // An HTML parser drops one newline right after <pre>: a text that starts with one needs a second.
  if (n.tag === 'pre' && typeof n.children[0] === 'string' && n.children[0].startsWith('\n')) parts.push('\n');
  for (const c of TRIM_EDGES.has(n.tag) ? trimEdges(n.children) : n.children) serializeNode(c, parts);
  parts.push('</', n.tag, '>');
}

const BLOCK_SEPARATED = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'pre', 'figure', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'hr', 'iframe']);

/** HTML with one top-level block per line, spaces at block edges trimmed (never inside <pre>). */
export function serialize(nodes: OutNode[]): string {
  const parts: string[] = [];
  for (const n of nodes) {
    serializeNode(n, parts);
    if (typeof n !== 'string' && BLOCK_SEPARATED.has(n.tag)) parts.push('\n');
  }
  return parts.join('').trim();
}
