/**
 * One parse per page: cheerio over htmlparser2 (about 8x faster than parse5
 * on news pages, same result on the markup these sites serve), plus the few
 * query helpers every extractor shares.
 */
import { load, type Cheerio, type CheerioAPI } from 'cheerio/slim';
import { compile, selectAll } from 'css-select';
import type { AnyNode, Element } from 'domhandler';
import { absoluteHttpUrl } from '../core/url.js';

export type Doc = CheerioAPI;
export type Nodes = Cheerio<AnyNode>;
export type { AnyNode, Element };

/** htmlparser2 in HTML mode; serialize text as UTF-8, not as `&#x1ee6;` numeric entities. */
const PARSER = { xml: { xmlMode: false, encodeEntities: 'utf8' } } as const;

export function parseHtml(html: string): Doc {
  return load(html, PARSER);
}

/** Text as the reader sees it: whitespace runs collapsed. Cleanup beyond that is normalize's job. */
export function textOf(nodes: Cheerio<AnyNode>): string {
  return nodes.text().replace(/\s+/g, ' ').trim();
}

/** Whether a UTF-16 code unit is one that `\s` matches (and `trim` removes). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * `textOf(nodes).length`, counted without building the text: the text of a whole body is kilobytes, built by
 * concatenation and then rewritten by a regex only to be measured. It reads the nodes `.text()` reads
 * (domutils' textContent: the text nodes under anything with children, comments left out). The count stops
 * once it reaches `limit`: below it the result is exact, otherwise it is at least `limit`.
 */
export function textLength(nodes: Cheerio<AnyNode>, limit = Infinity): number {
  let length = 0;
  let started = false;
  let space = false;
  // False once the limit is reached: the walk ends there.
  const walk = (node: AnyNode): boolean => {
    if (node.type === 'text') {
      const data = node.data;
      for (let i = 0; i < data.length; i++) {
        const c = data.charCodeAt(i);
        if (c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : c >= 0xa0 && isSpace(c)) {
          space = started;
          continue;
        }
        // A run of spaces between two visible characters is one space; leading and trailing ones are trimmed.
        if (space) length++;
        space = false;
        started = true;
        length++;
        if (length >= limit) return false;
      }
      return true;
    }
    if ('children' in node) for (const child of node.children) if (!walk(child)) return false;
    return true;
  };
  for (const node of nodes.toArray()) if (!walk(node)) break;
  return length;
}

/** Does the subtree hold any non-blank text? Stops at the first; pages are big and this runs per selector. */
export function hasText(node: AnyNode): boolean {
  if (node.type === 'text') return /\S/.test(node.data);
  if (node.type === 'script' || node.type === 'style' || node.type === 'comment') return false;
  return 'children' in node && node.children.some((child) => hasText(child));
}

/** The subtree's text when it is at most `max` characters long, else null (without reading the rest). */
export function shortText(node: AnyNode, max: number): string | null {
  let out = '';
  const walk = (n: AnyNode): boolean => {
    if (n.type === 'text') {
      out += n.data;
      return out.length <= max;
    }
    return !('children' in n) || n.children.every((child) => walk(child));
  };
  return walk(node) ? out.replace(/\s+/g, ' ').trim() : null;
}

type CompiledQuery = ReturnType<typeof compile<AnyNode, Element>>;
/**
 * Each whole-document selector compiled once. cheerio parses and compiles a selector on every call (css-what,
 * then css-select), about 0.1 ms an article across extract's queries, while the selectors are a small fixed set:
 * extract's own and the profiles' (config). Selected by css-select as cheerio selects, in HTML mode; what
 * css-select cannot compile (cheerio's positional pseudo-classes, :first, :eq…) goes to cheerio as before.
 */
const compiledQueries = new Map<string, CompiledQuery | null>();

/** `doc(selector)` for a selector over the whole document, with the selector compiled once per process. */
export function query(doc: Doc, selector: string): Cheerio<Element> {
  let compiled = compiledQueries.get(selector);
  if (compiled === undefined) {
    try {
      compiled = compile<AnyNode, Element>(selector, { xmlMode: false });
    } catch {
      // Not plain CSS: cheerio's extensions. A selector cheerio refuses too still throws, from doc() below.
      compiled = null;
    }
    compiledQueries.set(selector, compiled);
  }
  if (compiled === null) return doc(selector) as Cheerio<Element>;
  const found: Element[] = selectAll<AnyNode, Element>(compiled, doc.root().toArray());
  return doc(found);
}

/** The first selector that matches at least one element with text (or, with `allowEmpty`, any element). */
export function firstMatch(doc: Doc, selectors: readonly string[], allowEmpty = false): Nodes | null {
  for (const selector of selectors) {
    const found = allowEmpty ? query(doc, selector) : query(doc, selector).filter((_, el) => hasText(el));
    if (found.length > 0) return found;
  }
  return null;
}

/** Whether the node is still in its document: removing an element detaches it and everything inside it. */
export function isAttached(node: AnyNode): boolean {
  let top = node;
  while (top.parent) top = top.parent;
  return top.type === 'root';
}

/** An href/src resolved against the page URL; null unless it is http(s). */
export function absoluteUrl(ref: string | undefined, base: string): string | null {
  return ref === undefined ? null : (absoluteHttpUrl(ref, base)?.href ?? null);
}
