/** Small helpers over the htmlparser2 DOM (domhandler nodes) that cheerio/slim builds. */
import type { AnyNode, Element } from 'domhandler';

/** Text content, like `textContent`; script and style bodies are not text nodes here, so they are skipped. */
export function textOf(n: AnyNode): string {
  if (n.type === 'text') return n.data;
  if (n.type === 'tag') {
    let s = '';
    for (const c of n.children) s += textOf(c);
    return s;
  }
  return '';
}

/** Every descendant element, in document order, that passes `test`. */
export function findAll(nodes: readonly AnyNode[], test: (e: Element) => boolean, out: Element[] = []): Element[] {
  for (const n of nodes) {
    if (n.type !== 'tag') continue;
    if (test(n)) out.push(n);
    findAll(n.children, test, out);
  }
  return out;
}

export function hasAncestor(e: Element, test: (a: Element) => boolean): boolean {
  for (let p = e.parent; p !== null; p = p.parent) {
    if (p.type === 'tag' && test(p)) return true;
  }
  return false;
}
