/**
 * The article body: raw HTML in, sanitized HTML, plain text, the image list
 * and any sign-off lines out. Sanitizing is an allowlist serializer: nothing
 * reaches the output unless allowlist.ts names it, so an unknown tag or
 * attribute is dropped by construction rather than by a blocklist. Text is
 * always re-escaped and attribute values are rebuilt from validated parts, so
 * what a browser parses is the tree built here, whatever the input parser
 * made of broken markup.
 */
import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { ArticleImage } from '../core/article.js';
import { BLOCK_CONTAINERS, DROP, HEADINGS, hidden, INLINE_KEEP, PHRASING_OUT } from './allowlist.js';
import { buildRows, isDataTable } from './body-table.js';
import { embedAttrs } from './embeds.js';
import { findAll, textOf } from './dom.js';
import { findFigures, type FoundFigure, type Figures } from './figures.js';
import { Anchors, dropDanglingFragments } from './fragments.js';
import { imageAttrs, type Attrs } from './images.js';
import { boundary, el, prune, serialize, type OutElement, type OutNode } from './out-tree.js';
import { plainText } from './plain-text.js';
import { takeSignOff } from './signoff.js';
import { collapseSpaces, normalizeText, repairChars } from './text.js';
import { linkAttrs } from './urls.js';

export interface NormalizedBody {
  html: string;
  text: string;
  images: ArticleImage[];
  /** Byline lines found at the end of the body (and removed from it). */
  signOff: string[];
}

/** Where a node's output goes: an element we keep, or null for the top level (loose inline content wrapped in paragraphs). */
type Parent = OutElement | null;

class BodyBuilder {
  readonly root: OutNode[] = [];
  readonly images: ArticleImage[] = [];
  // An implicit <p> gathering loose text and inline elements at the top level.
  private loose: OutElement | null = null;
  // How many kept elements of each kind we are inside: phrasing-only ones, <pre>, <a>.
  private phrasing = 0;
  private pre = 0;
  private links = 0;
  // The id of an element that made no element of its own (an empty `<a name>`, a `<div id>`), for the next one made.
  private pendingId: string | null = null;

  constructor(
    private readonly pageUrl: string,
    private readonly figures: Figures,
    private readonly anchors: Anchors,
  ) {}

  private make(tag: string, attrs: [string, string][], id: string | null): OutElement {
    const give = id ?? this.pendingId;
    if (give !== null) {
      if (id === null) this.pendingId = null;
      attrs.push(['id', give]);
    }
    return el(tag, attrs);
  }

  /** Where inline content goes: the given parent, or (at top level) the open implicit paragraph. */
  private inlineTarget(parent: Parent): OutNode[] {
    if (parent !== null) return parent.children;
    if (this.loose === null) {
      this.loose = this.make('p', [], null);
      this.root.push(this.loose);
    }
    return this.loose.children;
  }

  private blockTarget(parent: Parent): OutNode[] {
    if (parent !== null) return parent.children;
    this.loose = null;
    return this.root;
  }

  children(nodes: AnyNode[], parent: Parent): void {
    for (const n of nodes) this.node(n, parent);
  }

  private node(n: AnyNode, parent: Parent): void {
    if (n.type === 'text') {
      // Inside <pre> every space and newline is the author's layout.
      if (this.pre > 0) return void this.inlineTarget(parent).push(repairChars(n.data).replace(/\r\n?/g, '\n'));
      const t = collapseSpaces(n.data);
      // Whitespace between inline elements (`<span>Hà</span> <span>Nội</span>`) separates words; only
      // before any paragraph is open is it mere indentation.
      if (parent === null && this.loose === null && t.trim() === '') return;
      this.inlineTarget(parent).push(t);
      return;
    }
    // htmlparser2 gives <script>/<style> their own node types; they, comments, CDATA and directives are dropped.
    if (n.type === 'tag') this.element(n, parent);
  }

  private element(e: Element, parent: Parent): void {
    const tag = e.name.toLowerCase();
    if (DROP.has(tag) || hidden(e)) return;
    const figure = this.figures.get(e);
    if (figure !== undefined) return this.figure(figure, e, parent);
    switch (tag) {
      case 'p':
      case 'blockquote':
      case 'ul':
      case 'ol':
      case 'dl':
      case 'pre':
        return this.block(tag, e, parent);
      case 'li':
        return parent?.tag === 'ul' || parent?.tag === 'ol' ? this.block(tag, e, parent) : this.container(e, parent);
      case 'dt':
      case 'dd':
        return parent?.tag === 'dl' ? this.block(tag, e, parent) : this.container(e, parent);
      case 'h1':
        return this.block('h2', e, parent);
      case 'br':
        return this.lineBreak(parent);
      case 'hr':
        if (this.phrasing > 0) return void parent?.children.push(boundary());
        return void this.blockTarget(parent).push(el('hr'));
      case 'a':
        return this.link(e, parent);
      case 'abbr': {
        const title = normalizeText(e.attribs.title ?? '');
        return this.inline('abbr', title === '' ? [] : [['title', title]], e, parent);
      }
      case 'img':
        return this.image(e, parent);
      case 'iframe':
        return this.iframe(e, parent);
      case 'table':
        return this.phrasing === 0 && isDataTable(e) ? this.table(e, parent) : this.container(e, parent);
      default: {
        if (HEADINGS.has(tag)) return this.block(tag, e, parent);
        const keep = INLINE_KEEP.get(tag);
        if (keep !== undefined) return this.inline(keep, [], e, parent);
        if (BLOCK_CONTAINERS.has(tag)) return this.container(e, parent);
        return this.unwrap(e, parent);
      }
    }
  }

  /** Go into a kept element: its children, with the context counters it implies. */
  private descend(out: OutElement, e: Element): void {
    const phrasing = PHRASING_OUT.has(out.tag) ? 1 : 0;
    const pre = out.tag === 'pre' ? 1 : 0;
    const link = out.tag === 'a' ? 1 : 0;
    this.phrasing += phrasing;
    this.pre += pre;
    this.links += link;
    this.children(e.children, out);
    this.phrasing -= phrasing;
    this.pre -= pre;
    this.links -= link;
    // The HTML parser drops a newline right after <pre>; htmlparser2 does not. Do as the browser would.
    const first = out.children[0];
    if (pre === 1 && typeof first === 'string' && first.startsWith('\n')) out.children[0] = first.slice(1);
  }

  private block(tag: string, e: Element, parent: Parent): void {
    // A block inside a paragraph, heading or inline element would be re-parented by any HTML parser.
    if (this.phrasing > 0) return this.container(e, parent);
    const out = this.make(tag, [], this.anchors.take(e));
    this.blockTarget(parent).push(out);
    this.descend(out, e);
  }

  private inline(tag: string, attrs: [string, string][], e: Element, parent: Parent, id = this.anchors.take(e)): void {
    const out = this.make(tag, attrs, id);
    this.inlineTarget(parent).push(out);
    this.descend(out, e);
  }

  /** An unwrapped block: its content stays, separated from what is around it (a paragraph break, or a boundary). */
  private container(e: Element, parent: Parent): void {
    this.pendingId = this.anchors.take(e) ?? this.pendingId;
    if (parent === null) {
      // <div>a</div><div>b</div> is two paragraphs.
      this.loose = null;
      this.children(e.children, null);
      this.loose = null;
      return;
    }
    parent.children.push(boundary());
    this.children(e.children, parent);
    parent.children.push(boundary());
  }

  /** span, font and anything unknown: the content stays, the element goes (unless a link points at it). */
  private unwrap(e: Element, parent: Parent): void {
    const id = this.anchors.take(e);
    if (id !== null && textOf(e).trim() !== '') return this.inline('span', [], e, parent, id);
    if (id !== null) this.pendingId = id;
    this.children(e.children, parent);
  }

  private lineBreak(parent: Parent): void {
    if (parent === null && this.loose !== null) {
      // Two <br> in a row at the top level end a paragraph (text laid out with <br><br>).
      const last = this.loose.children.findLast((c) => typeof c !== 'string' || c.trim() !== '');
      if (typeof last !== 'string' && last?.tag === 'br') {
        this.loose.children.splice(this.loose.children.lastIndexOf(last), 1);
        this.loose = null;
        return;
      }
    }
    if (parent === null && this.loose === null) return;
    this.inlineTarget(parent).push(el('br'));
  }

  private link(e: Element, parent: Parent): void {
    const attrs = e.attribs.href === undefined ? null : linkAttrs(e.attribs.href, this.pageUrl);
    // A link inside a link is two links to a browser: the inner one's text stays in the outer.
    if (attrs === null || this.links > 0) return this.unwrap(e, parent);
    this.inline('a', attrs, e, parent);
  }

  private imgElement(e: Element, id: string | null): OutElement | null {
    const attrs = imageAttrs(e.attribs as Attrs, this.pageUrl);
    return attrs === null ? null : this.make('img', attrs, id);
  }

  private image(e: Element, parent: Parent): void {
    const img = this.imgElement(e, this.anchors.take(e));
    if (img === null) return;
    this.images.push({ url: img.attrs[0]![1], caption: null });
    this.inlineTarget(parent).push(img);
  }

  private figure(found: FoundFigure, e: Element, parent: Parent): void {
    const id = this.anchors.take(e);
    // Inside a paragraph a <figure> would be re-parented: keep the picture inline; its caption is in images[].
    const img = this.imgElement(found.img, this.phrasing > 0 ? id : null);
    if (img === null) return;
    this.images.push({ url: img.attrs[0]![1], caption: found.caption });
    if (this.phrasing > 0) return void this.inlineTarget(parent).push(img);
    const out = this.make('figure', [], id);
    out.children.push(img);
    if (found.caption !== null) out.children.push(el('figcaption', [], [found.caption]));
    this.blockTarget(parent).push(out);
  }

  private iframe(e: Element, parent: Parent): void {
    const attrs = embedAttrs(e.attribs as Attrs, this.pageUrl);
    if (attrs !== null) this.blockTarget(parent).push(this.make('iframe', attrs, this.anchors.take(e)));
  }

  private table(e: Element, parent: Parent): void {
    const out = this.make('table', [], this.anchors.take(e));
    this.blockTarget(parent).push(out);
    buildRows(e, out, (cell, into) => this.children(cell.children, into));
  }
}

/**
 * Sanitize a body fragment; relative links and images resolve against `pageUrl`. The fragment is HTML, or
 * the top-level nodes of extract's tree (BodyTree.take), which move into a document of their own and are
 * edited here.
 */
export function normalizeBody(body: string | AnyNode[], pageUrl: string): NormalizedBody {
  const $ = load(body, null, false);
  const roots = (): AnyNode[] => $.root().get(0)?.children ?? [];
  // Scripts, forms and hidden boxes go before the sign-off and figure passes look at the text.
  $(findAll(roots(), (e) => DROP.has(e.name) || hidden(e))).remove();
  const signOff = takeSignOff($);
  const b = new BodyBuilder(pageUrl, findFigures(roots(), pageUrl), new Anchors(roots()));
  b.children(roots(), null);
  const nodes = dropDanglingFragments(prune(b.root));
  return { html: serialize(nodes), text: plainText(nodes), images: b.images, signOff };
}
