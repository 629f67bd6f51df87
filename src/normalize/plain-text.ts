/**
 * contentText: the sanitized tree as plain text. One block per paragraph,
 * `\n\n` between blocks, `\n` for a `<br>`, table cells joined by ` | `.
 * Captions are left out: they are in `images[].caption`, and repeating them
 * would break the reading flow.
 */
import type { OutElement, OutNode } from './out-tree.js';

// Elements that end the text before them and start a new block, so two of them never run words together.
const TEXT_BLOCKS = new Set([
  'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'blockquote', 'figure', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot',
  'dl', 'dt', 'dd', 'hr', 'iframe',
]);

/** A <pre>'s text exactly as laid out, less the blank lines around it. */
function preText(n: OutElement): string {
  let s = '';
  const walk = (c: OutNode): void => {
    if (typeof c === 'string') s += c;
    else if (c.tag === 'br') s += '\n';
    else c.children.forEach(walk);
  };
  n.children.forEach(walk);
  return s.replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
}

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
      case 'pre': {
        flush();
        const t = preText(n);
        if (t !== '') blocks.push(t);
        return;
      }
      case 'q':
        // The browser draws the quotation marks of a <q>; plain text has to write them.
        parts.push('“');
        n.children.forEach(walk);
        parts.push('”');
        return;
      case 'td':
      case 'th':
        if (parts.length > 0) parts.push(' | ');
        n.children.forEach(walk);
        return;
    }
    const block = TEXT_BLOCKS.has(n.tag);
    if (block) flush();
    n.children.forEach(walk);
    if (block) flush();
  };
  nodes.forEach(walk);
  flush();
  return blocks.join('\n\n');
}
