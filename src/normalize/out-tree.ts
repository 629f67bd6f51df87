/**
 * The sanitized body as a small tree of allowlisted elements. Building the
 * output as a tree (not a string) lets us drop empty paragraphs after the
 * fact and derive the HTML and the plain text from the same structure.
 */
export interface OutElement {
  tag: string;
  /** Already validated values, in output order. */
  attrs: [string, string][];
  children: OutNode[];
}
export type OutNode = OutElement | string;

export const VOID_TAGS = new Set(['br', 'hr', 'img']);
// Elements whose content is a paragraph of plain text.
const TEXT_BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'blockquote', 'figure', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot']);
// Elements that are content even with no text inside.
const SELF_CONTENT = new Set(['img', 'iframe', 'hr']);

export function el(tag: string, attrs: [string, string][] = [], children: OutNode[] = []): OutElement {
  return { tag, attrs, children };
}

function hasContent(n: OutNode): boolean {
  if (typeof n === 'string') return n.trim() !== '';
  if (SELF_CONTENT.has(n.tag)) return true;
  return n.children.some(hasContent);
}

/** Remove elements with no text and no picture or player inside (empty `<p>&nbsp;</p>`, stray `<strong></strong>`). */
export function prune(nodes: OutNode[]): OutNode[] {
  const out: OutNode[] = [];
  for (const n of nodes) {
    if (typeof n === 'string') {
      out.push(n);
      continue;
    }
    if (n.tag === 'br' || SELF_CONTENT.has(n.tag)) {
      out.push(n);
      continue;
    }
    n.children = prune(n.children);
    // A paragraph holding only line breaks is empty too.
    if (hasContent(n)) out.push(n);
  }
  return out;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
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
  for (const c of n.children) serializeNode(c, parts);
  parts.push('</', n.tag, '>');
}

const BLOCK_SEPARATED = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'figure', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'hr', 'iframe']);

/** HTML with one block per line, spaces at block edges trimmed. */
export function serialize(nodes: OutNode[]): string {
  const parts: string[] = [];
  for (const n of nodes) {
    serializeNode(n, parts);
    if (typeof n !== 'string' && BLOCK_SEPARATED.has(n.tag)) parts.push('\n');
  }
  return parts
    .join('')
    .replace(/(<(?:p|h[2-6]|li|td|th|figcaption|blockquote)>)\s+/g, '$1')
    .replace(/\s+(<\/(?:p|h[2-6]|li|td|th|figcaption|blockquote)>)/g, '$1')
    .trim();
}

/**
 * Plain text: one block per paragraph, `\n\n` between blocks, `\n` for a
 * `<br>`, table cells joined by ` | `. Captions are left out: they are in
 * `images[].caption`, and repeating them would break the reading flow.
 */
export function plainText(nodes: OutNode[]): string {
  const blocks: string[] = [];
  // Text nodes are already space-collapsed; only the seams between them and line edges need tidying.
  const parts: string[] = [];
  const flush = (): void => {
    if (parts.length === 0) return;
    let t = parts.join('');
    parts.length = 0;
    if (t.includes('  ')) t = t.replace(/ {2,}/g, ' ');
    if (t.includes('\n')) {
      t = t
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .join('\n');
    } else {
      t = t.trim();
    }
    if (t !== '') blocks.push(t);
  };
  const walk = (n: OutNode): void => {
    if (typeof n === 'string') {
      parts.push(n);
      return;
    }
    switch (n.tag) {
      case 'figcaption':
        return;
      case 'br':
        parts.push('\n');
        return;
      case 'td':
      case 'th':
        if (parts.length > 0) parts.push(' | ');
        for (const c of n.children) walk(c);
        return;
    }
    const block = TEXT_BLOCKS.has(n.tag);
    if (block) flush();
    for (const c of n.children) walk(c);
    if (block) flush();
  };
  for (const n of nodes) walk(n);
  flush();
  return blocks.join('\n\n');
}
