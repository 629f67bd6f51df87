/**
 * Tables in the body. A data table (two rows or more, two cells wide or
 * more) is rebuilt from its sections, rows and cells; anything else is a
 * layout table, whose cells the sanitizer unwraps as paragraphs.
 */
import type { AnyNode, Element } from 'domhandler';
import { digitAttrs } from './allowlist.js';
import { el, type OutElement, type OutNode } from './out-tree.js';

export function isDataTable(t: Element): boolean {
  let rows = 0;
  let widest = 0;
  const visit = (n: AnyNode): void => {
    if (n.type !== 'tag') return;
    if (n.name === 'table' && n !== t) return;
    if (n.name === 'tr') {
      rows++;
      widest = Math.max(widest, n.children.filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th')).length);
    }
    n.children.forEach(visit);
  };
  t.children.forEach(visit);
  return rows >= 2 && widest >= 2;
}

/** The rows of a data table into `out` (a `<table>`); each cell's content goes through `cell`. */
export function buildRows(table: Element, out: OutElement, cell: (from: Element, into: OutElement) => void): void {
  const rows = (n: AnyNode, into: OutNode[]): void => {
    if (n.type !== 'tag') return;
    const tag = n.name.toLowerCase();
    if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
      const section = el(tag === 'tfoot' ? 'tbody' : tag);
      into.push(section);
      n.children.forEach((c) => rows(c, section.children));
    } else if (tag === 'tr') {
      const tr = el('tr');
      into.push(tr);
      for (const c of n.children) {
        if (c.type !== 'tag' || (c.name !== 'td' && c.name !== 'th')) continue;
        const td = el(c.name, digitAttrs(c.attribs, ['colspan', 'rowspan']));
        tr.children.push(td);
        cell(c, td);
      }
    }
  };
  table.children.forEach((c) => rows(c, out.children));
}
