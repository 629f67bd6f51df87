/**
 * The body extract chose, as the tree it already is. `ExtractedPage.body` is
 * HTML (onboarding, profile cases and fixtures read it), and normalize used
 * to parse that HTML again: a serialization and a parse, about 0.25 ms an
 * article. readArticle hands normalize this tree instead.
 *
 * The tree must be the one normalize's parse of `html()` would build, or the
 * two paths could give different articles. Extract's edits are what make
 * them differ, and `take()` undoes each kind the way the parse would:
 *
 * - a removed element (a strip rule, a sign-off, boilerplate) leaves two
 *   text nodes side by side, one text node to the parser; normalize
 *   collapses spaces per text node, so they are merged here;
 * - an empty text node (cheerio's edits can leave one; a parse never makes
 *   one) serializes to nothing, so it is dropped;
 * - the profile and microdata bodies are `html().trim()`: the trim is done
 *   on the edge text nodes, sparing `&nbsp;` as the string trim does.
 *
 * What a parse would restructure is not redone here: a block inserted into a
 * `<p>` (the parser closes the `<p>`), children given to a void element
 * (`amp-img` renamed `img`: the parser makes them siblings), markup-looking
 * text in an element the serializer leaves unescaped but the parser reads as
 * markup (`<noscript>`, `<iframe>`). Those bodies, rare and never made by a
 * page's own markup (a parser does not build what it would restructure),
 * are handed as HTML, to be parsed as before. tests/normalize/handed-body
 * holds the two paths equal on every fixture page.
 */
import type { AnyNode, ParentNode } from 'domhandler';

/** htmlparser2's: elements it never gives children. */
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** dom-serializer writes their text as is; htmlparser2 reads it as markup (script, style and xmp it reads as text). */
const RAW_OUT_MARKUP_IN = new Set(['noscript', 'iframe', 'noembed', 'noframes', 'plaintext']);

const P = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTION = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
/** htmlparser2's openImpliesClose: opening the key closes an open parent named in its set. */
const CLOSES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((t) => [t, P] as const),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, FORM] as const),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTION],
  ['tfoot', TABLE_SECTION],
]);

// What String.prototype.trim strips, less U+00A0: the serializer writes that one as `&nbsp;`, which trim keeps.
const LEADING = /^[\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;
const TRAILING = /[\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$/;

function relink(nodes: AnyNode[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    n.prev = nodes[i - 1] ?? null;
    n.next = nodes[i + 1] ?? null;
  }
}

/**
 * Merge adjacent text nodes and drop empty ones under `parent`, in place. False when a parse of the HTML
 * would build another shape; what was merged by then serializes as before, so the HTML is still the body's.
 */
function settle(parent: ParentNode, top: boolean): boolean {
  const kids = parent.children;
  const parentName = parent.type === 'tag' || parent.type === 'script' || parent.type === 'style' ? parent.name : null;
  // The fragment's own container is not in the HTML: only its children are.
  if (!top && parentName !== null && VOID.has(parentName) && kids.length > 0) return false;
  let w = 0;
  for (const n of kids) {
    if (n.type === 'text') {
      if (n.data === '') continue;
      if (parentName !== null && RAW_OUT_MARKUP_IN.has(parentName) && /[<&]/.test(n.data)) return false;
      const before = w > 0 ? kids[w - 1] : undefined;
      if (before?.type === 'text') {
        before.data += n.data;
        continue;
      }
    } else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      // A name the parser would not give (the serializer renames SVG elements in place: clipPath).
      if (n.name !== n.name.toLowerCase()) return false;
      if (!top && parentName !== null && CLOSES.get(n.name)?.has(parentName) === true) return false;
      if (!settle(n, false)) return false;
    } else if ('children' in n && !settle(n, false)) return false;
    kids[w++] = n;
  }
  if (w !== kids.length) {
    kids.length = w;
    relink(kids);
  }
  return true;
}

/** Trim the fragment's edge text as `html().trim()` trims the string. */
function trimEdges(nodes: AnyNode[]): void {
  const first = nodes[0];
  if (first?.type === 'text') {
    first.data = first.data.replace(LEADING, '');
    if (first.data === '') nodes.shift();
  }
  const last = nodes.at(-1);
  if (last?.type === 'text') {
    last.data = last.data.replace(TRAILING, '');
    if (last.data === '') nodes.pop();
  }
  relink(nodes);
}

export class BodyTree {
  private taken: AnyNode[] | string | null = null;

  /**
   * `parent`'s children are the body; `render` gives `ExtractedPage.body`'s HTML of them; `trimmed`: whether
   * that HTML is trimmed.
   */
  constructor(
    private readonly parent: AnyNode | undefined,
    private readonly render: () => string,
    private readonly trimmed: boolean,
  ) {}

  /** The body as HTML, as `ExtractedPage.body` gives it. Not after `take()`, which moves the nodes. */
  html(): string {
    return this.render();
  }

  /**
   * The body's top-level nodes, as normalize's parse of `html()` would build them; or `html()` itself where
   * only that parse is sure to. Normalize moves the nodes into a document of their own (cheerio's `load` of
   * them) and edits them: a second call gives the same nodes.
   */
  take(): AnyNode[] | string {
    this.taken ??= this.settled();
    return this.taken;
  }

  private settled(): AnyNode[] | string {
    const parent = this.parent;
    if (parent === undefined || !('children' in parent)) return this.render();
    const parentName = parent.type === 'tag' ? parent.name : null;
    // The text of an unescaped container reaches the HTML as is, so the string trim would take its NBSPs too.
    if (this.trimmed && parentName !== null && RAW_OUT_MARKUP_IN.has(parentName)) return this.render();
    if (!settle(parent, true)) return this.render();
    const nodes = [...parent.children];
    if (this.trimmed) trimEdges(nodes);
    return nodes;
  }
}
