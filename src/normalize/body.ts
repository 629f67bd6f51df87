/**
 * The article body: raw HTML in, sanitized HTML, plain text, the image list
 * and any sign-off lines out. Sanitizing is an allowlist serializer: nothing
 * reaches the output unless this file names it, so an unknown tag or
 * attribute is dropped by construction rather than by a blocklist.
 */
import { load, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { ArticleImage } from '../core/article.js';
import { embedSource, EMBED_SANDBOX } from './embeds.js';
import { findAll } from './dom.js';
import { findFigures, type FoundFigure, type Figures } from './figures.js';
import { imageSource, type Attrs } from './images.js';
import { el, plainText, prune, serialize, type OutElement, type OutNode } from './out-tree.js';
import { takeSignOff } from './signoff.js';
import { collapseSpaces, normalizeText } from './text.js';
import { cleanLinkHref } from './urls.js';

export interface NormalizedBody {
  html: string;
  text: string;
  images: ArticleImage[];
  /** Byline lines found at the end of the body (and removed from it). */
  signOff: string[];
}

// Removed with everything inside.
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'form', 'input', 'button', 'select', 'option', 'textarea', 'label',
  'object', 'embed', 'applet', 'svg', 'math', 'canvas', 'link', 'meta', 'base', 'head', 'title', 'nav',
  'audio', 'video', 'source', 'track', 'map', 'area', 'frame', 'frameset', 'dialog', 'picture-source',
]);
const INLINE_KEEP = new Set(['strong', 'em', 'b', 'i', 'u', 'sub', 'sup']);
const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
// Containers that separate paragraphs even though they are unwrapped.
// A figure or figcaption reaching here is one findFigures did not recognise (no usable picture, several pictures).
const BLOCK_CONTAINERS = new Set(['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'center', 'address', 'details', 'summary', 'dl', 'dd', 'dt', 'pre', 'caption', 'figure', 'figcaption']);
const DIGITS = /^\d{1,5}$/;

function hidden(e: Element): boolean {
  const a = e.attribs;
  if ('hidden' in a) return true;
  if ((a['aria-hidden'] ?? '').toLowerCase() === 'true') return true;
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(a.style ?? '');
}

function sizeAttrs(a: Attrs): [string, string][] {
  const out: [string, string][] = [];
  for (const k of ['width', 'height']) {
    const v = a[k]?.trim();
    if (v && DIGITS.test(v)) out.push([k, v]);
  }
  return out;
}

function isDataTable(t: Element): boolean {
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

class BodyBuilder {
  readonly root: OutNode[] = [];
  readonly images: ArticleImage[] = [];
  // An implicit <p> gathering loose text and inline elements at the top level.
  private loose: OutElement | null = null;

  constructor(
    private readonly pageUrl: string,
    private readonly figures: Figures,
  ) {}

  private closeLoose(): void {
    this.loose = null;
  }

  /** Where inline content goes: the given parent, or (at top level) the open implicit paragraph. */
  private inlineTarget(parent: OutNode[] | null): OutNode[] {
    if (parent !== null) return parent;
    if (this.loose === null) {
      this.loose = el('p');
      this.root.push(this.loose);
    }
    return this.loose.children;
  }

  private blockTarget(parent: OutNode[] | null): OutNode[] {
    if (parent !== null) return parent;
    this.closeLoose();
    return this.root;
  }

  /** `parent` null means top level, where loose inline content is wrapped in paragraphs. */
  children(nodes: AnyNode[], parent: OutNode[] | null): void {
    for (const n of nodes) this.node(n, parent);
  }

  private node(n: AnyNode, parent: OutNode[] | null): void {
    if (n.type === 'text') {
      const t = collapseSpaces(n.data);
      if (parent === null && t.trim() === '') return;
      this.inlineTarget(parent).push(t);
      return;
    }
    // htmlparser2 gives <script>/<style> their own node types; they, comments and directives are dropped.
    if (n.type === 'tag') this.element(n, parent);
  }

  private element(e: Element, parent: OutNode[] | null): void {
    const tag = e.name.toLowerCase();
    if (DROP.has(tag) || hidden(e)) return;
    const figure = this.figures.get(e);
    if (figure !== undefined) return this.figure(figure, this.blockTarget(parent));
    switch (tag) {
      case 'p':
      case 'blockquote':
      case 'ul':
      case 'ol':
      case 'li':
        return this.wrap(tag, e, this.blockTarget(parent));
      case 'h1':
        return this.wrap('h2', e, this.blockTarget(parent));
      case 'br': {
        if (parent === null && this.loose !== null) {
          // Two <br> in a row at the top level end a paragraph (text laid out with <br><br>).
          const last = this.loose.children.findLast((c) => typeof c !== 'string' || c.trim() !== '');
          if (typeof last !== 'string' && last?.tag === 'br') {
            this.loose.children.splice(this.loose.children.lastIndexOf(last), 1);
            this.closeLoose();
            return;
          }
        }
        if (parent === null && this.loose === null) return;
        this.inlineTarget(parent).push(el('br'));
        return;
      }
      case 'hr':
        this.blockTarget(parent).push(el('hr'));
        return;
      case 'a':
        return this.link(e, parent);
      case 'img':
        return this.image(e, parent);
      case 'iframe':
        return this.iframe(e, parent);
      case 'table':
        return this.table(e, parent);
      default:
        if (HEADINGS.has(tag)) return this.wrap(tag, e, this.blockTarget(parent));
        if (INLINE_KEEP.has(tag)) return this.wrap(tag, e, this.inlineTarget(parent));
        if (BLOCK_CONTAINERS.has(tag) && parent === null) {
          // Unwrapped, but still a paragraph boundary: <div>a</div><div>b</div> is two paragraphs.
          this.closeLoose();
          this.children(e.children, null);
          this.closeLoose();
          return;
        }
        // span, font and anything unknown: keep the content, drop the element.
        this.children(e.children, parent);
    }
  }

  private wrap(tag: string, e: Element, into: OutNode[]): void {
    const out = el(tag);
    into.push(out);
    this.children(e.children, out.children);
  }

  private link(e: Element, parent: OutNode[] | null): void {
    const href = e.attribs.href === undefined ? null : cleanLinkHref(e.attribs.href, this.pageUrl);
    if (href === null) {
      this.children(e.children, parent);
      return;
    }
    const out = el('a', [
      ['href', href],
      ['rel', 'noopener noreferrer'],
    ]);
    this.inlineTarget(parent).push(out);
    this.children(e.children, out.children);
  }

  private imgElement(e: Element): OutElement | null {
    const src = imageSource(e.attribs as Attrs, this.pageUrl);
    if (src === null) return null;
    const attrs: [string, string][] = [['src', src]];
    const alt = normalizeText(e.attribs.alt ?? '');
    attrs.push(['alt', alt]);
    attrs.push(...sizeAttrs(e.attribs as Attrs));
    return el('img', attrs);
  }

  private image(e: Element, parent: OutNode[] | null): void {
    const img = this.imgElement(e);
    if (img === null) return;
    this.images.push({ url: img.attrs[0]![1], caption: null });
    this.inlineTarget(parent).push(img);
  }

  private figure(found: FoundFigure, into: OutNode[]): void {
    const img = this.imgElement(found.img);
    if (img === null) return;
    this.images.push({ url: img.attrs[0]![1], caption: found.caption });
    const out = el('figure', [], [img]);
    if (found.caption !== null) out.children.push(el('figcaption', [], [found.caption]));
    into.push(out);
  }

  private iframe(e: Element, parent: OutNode[] | null): void {
    const src = e.attribs.src === undefined ? null : embedSource(e.attribs.src, this.pageUrl);
    if (src === null) return;
    const attrs: [string, string][] = [['src', src], ...sizeAttrs(e.attribs as Attrs)];
    if ('allowfullscreen' in e.attribs) attrs.push(['allowfullscreen', '']);
    attrs.push(['sandbox', EMBED_SANDBOX]);
    this.blockTarget(parent).push(el('iframe', attrs));
  }

  private table(e: Element, parent: OutNode[] | null): void {
    if (!isDataTable(e)) {
      // A layout table: its cells are just content.
      if (parent === null) this.closeLoose();
      this.children(e.children, parent);
      if (parent === null) this.closeLoose();
      return;
    }
    const out = el('table');
    this.blockTarget(parent).push(out);
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
          const span: [string, string][] = [];
          for (const k of ['colspan', 'rowspan']) {
            const v = c.attribs[k]?.trim();
            if (v && DIGITS.test(v)) span.push([k, v]);
          }
          const cell = el(c.name, span);
          tr.children.push(cell);
          this.children(c.children, cell.children);
        }
      }
    };
    e.children.forEach((c) => rows(c, out.children));
  }
}

function loadFragment(html: string): CheerioAPI {
  return load(html, null, false);
}

/** Sanitize a body fragment; relative links and images resolve against `pageUrl`. */
export function normalizeBody(html: string, pageUrl: string): NormalizedBody {
  const $ = loadFragment(html);
  const roots = (): AnyNode[] => $.root().get(0)?.children ?? [];
  // Scripts, forms and hidden boxes go before the sign-off and figure passes look at the text.
  $(findAll(roots(), (e) => DROP.has(e.name) || hidden(e))).remove();
  const signOff = takeSignOff($);
  const b = new BodyBuilder(pageUrl, findFigures(roots(), pageUrl));
  b.children(roots(), null);
  const nodes = prune(b.root);
  return { html: serialize(nodes), text: plainText(nodes), images: b.images, signOff };
}
