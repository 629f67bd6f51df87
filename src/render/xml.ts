/**
 * A tiny XML writer: every attribute and every text node goes through the
 * escaper, so no input can make the output ill-formed. Used instead of the
 * `feed` package for RSS and Atom: feed 6.0.0 gets CDATA splitting, control
 * characters, attribute escaping, title types, ids, authors, enclosures and
 * dates wrong (see README), and fixing its output would mean re-parsing it.
 */
import { xmlAttr, xmlPlainText, xmlText } from './text.js';

export type Attrs = Record<string, string | null | undefined>;

function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) if (v !== null && v !== undefined) out += ` ${k}="${xmlAttr(v)}"`;
  return out;
}

/** `<name attrs>text</name>`, or `<name attrs/>` when text is undefined. */
export function el(name: string, a: Attrs, text?: string): string {
  return text === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${xmlText(text)}</${name}>`;
}

/** `el` for an RSS element of plain text (see xmlPlainText). */
export function plain(name: string, a: Attrs, text: string): string {
  return `<${name}${attrs(a)}>${xmlPlainText(text)}</${name}>`;
}

/** An element holding already-written children, one per line so diffs of feeds stay readable. */
export function parent(name: string, a: Attrs, children: readonly string[]): string {
  return `<${name}${attrs(a)}>\n${children.join('\n')}\n</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** The processing instruction that makes a browser show the document through an XSLT; '' for none. */
export function stylesheetPi(href: string | null): string {
  return href === null ? '' : `<?xml-stylesheet type="text/xsl" href="${xmlAttr(href)}"?>\n`;
}
