/**
 * Finding the body: the profile's container, else microdata `articleBody`,
 * else Readability. The chosen container is trimmed of its sign-off line and
 * its AMP-only elements are turned back into plain HTML, so normalize sees
 * one kind of markup whatever variant of the page was fetched.
 */
import { parseHtml, query, shortText, textOf, type Doc, type Nodes } from './dom.js';
import { bodyStats, MIN_PROSE_CHARS, type BodyStats } from './check.js';
import { BodyTree } from './handed-body.js';
import { removeBoilerplate } from './boilerplate.js';
import { capNesting, flattenDeep } from './guard.js';
import { readability } from './readability.js';
import type { Found } from './page.js';

/** Right-aligned short paragraphs at the end of a body are bylines on most Vietnamese papers. */
export const GENERIC_SIGNOFF = ['p[align=right]', 'p[style*="text-align: right"]', 'p[style*="text-align:right"]'];
const SIGNOFF_MAX_CHARS = 80;

export interface BodyFinding {
  body: Found<BodyTree>;
  stats: BodyStats;
  /** Byline lines cut from the end of the body. */
  signoff: string[];
  /** Readability's title and byline, when it ran: fallbacks for pages with no other. */
  readableTitle: string | null;
  readableByline: string | null;
}

/** Cut sign-off paragraphs (short, right-aligned, near the end) and return their text. */
export function cutSignoff(doc: Doc, scope: Nodes, selectors: readonly string[]): string[] {
  const lines: string[] = [];
  for (const selector of selectors) {
    scope.find(selector).each((_, el) => {
      const node = doc(el);
      const text = shortText(el, SIGNOFF_MAX_CHARS);
      if (text === null || text === '') return;
      // Only trailing paragraphs: a right-aligned line mid-article is a quote or a caption.
      if (node.nextAll('p').filter((_, p) => shortText(p, SIGNOFF_MAX_CHARS) === null).length > 0) return;
      lines.push(text);
      node.remove();
    });
  }
  return lines;
}

function deAmp(doc: Doc, body: Nodes): void {
  body.find('amp-img').each((_, el) => {
    el.name = 'img';
  });
  body.find('amp-youtube[data-videoid]').each((_, el) => {
    const id = doc(el).attr('data-videoid') ?? '';
    doc(el).replaceWith(`<iframe src="https://www.youtube.com/embed/${encodeURIComponent(id)}" allowfullscreen></iframe>`);
  });
  body.find('amp-iframe').each((_, el) => {
    el.name = 'iframe';
  });
}

function fromElement(doc: Doc, el: Nodes, from: Found<string>['from'], signoffSelectors: readonly string[]): BodyFinding {
  const signoff = cutSignoff(doc, el, signoffSelectors);
  deAmp(doc, el);
  const tree = new BodyTree(el.get(0), () => (el.html() ?? '').trim(), true);
  return { body: { value: tree, from }, stats: bodyStats(doc, el), signoff, readableTitle: null, readableByline: null };
}

/** A parsed fragment's whole document as the body. */
const wholeTree = (fragment: Doc): BodyTree => new BodyTree(fragment.root().get(0), () => fragment.html(), false);

/**
 * What Readability needs of the page, and no more: its DOM (linkedom) costs
 * as much to build as Readability costs to run, and most of a news page's
 * bytes are scripts, styles, SVG icons and navigation it would throw away.
 * Finders have already read what they need from these.
 */
const NOT_FOR_READABILITY = 'script, style, template, svg, link, meta, nav, select, textarea, button, input, footer, aside, [hidden], [aria-hidden="true"]';

// Cookie and consent banners: on a short post Readability may take one for the article.
const CONSENT = /(?:^|[\s_-])(?:cookies?|consent|gdpr|cookie-law)(?:$|[\s_-])/i;
const CONSENT_MAX_CHARS = 1500;

function readableCopy(doc: Doc): string {
  query(doc, NOT_FOR_READABILITY).remove();
  // A <noscript> holding the real <img> of a lazy-loaded one is how Readability finds the picture.
  query(doc, 'noscript').filter((_, el) => doc(el).find('img').length === 0 && !/<img\b/i.test(doc(el).text())).remove();
  query(doc, 'body [id], body [class]')
    .filter((_, el) => CONSENT.test(`${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`) && textOf(doc(el)).length <= CONSENT_MAX_CHARS && doc(el).find('h1, article, [itemprop~="articleBody"]').length === 0)
    .remove();
  const title = query(doc, 'title').first();
  // Comments too: CMSs leave kilobytes of them, and each is a node Readability walks past.
  const body = (query(doc, 'body').html() ?? doc.root().html() ?? '').replace(/<!--[\s\S]*?-->/g, '');
  return `<!DOCTYPE html><html><head>${title.length > 0 ? `<title>${title.html() ?? ''}</title>` : ''}</head><body>${body}</body></html>`;
}

/**
 * Readability's container often starts with the headline, which the record
 * already has in its own field: drop that echo. A first paragraph equal to
 * the lead stays: on many sites the lead *is* the first paragraph.
 */
function dropHeadlineEcho(content: Doc, headlines: readonly string[]): void {
  const wanted = new Set(headlines.map((t) => t.replace(/\s+/g, ' ').trim()));
  for (const el of content('h1, h2, p').slice(0, 3).toArray()) {
    if (wanted.has(textOf(content(el)))) content(el).remove();
  }
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** JSON-LD `articleBody` is plain text: its lines become paragraphs. */
function textBody(text: string): Doc {
  const paragraphs = text.split(/\n\s*\n|\r?\n/).map((p) => p.trim()).filter((p) => p !== '');
  return parseHtml(paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''));
}

/**
 * `profiled`: the element the profile's body selectors matched, if any;
 * `headlines`: the page's likely titles; `ldBody`: JSON-LD's `articleBody`,
 * the text of pages whose HTML body is drawn by a script.
 */
export function findBody(doc: Doc, profiled: Nodes | null, signoffSelectors: readonly string[], headlines: readonly string[], ldBody: string | null): BodyFinding | null {
  if (profiled) return fromElement(doc, profiled.first(), 'profile', signoffSelectors);
  const microdata = doc('[itemprop~="articleBody"]').first();
  if (microdata.length > 0 && textOf(microdata) !== '') {
    // Some CMSs (Blogger) render the body client-side from a <script type="text/template">: its text is the article's HTML.
    const templates = microdata.find('script[type="text/template"], template');
    templates.each((_, el) => {
      doc(el).replaceWith(capNesting(doc(el).text()));
    });
    // What the templates held was never through the page's depth guard.
    if (templates.length > 0) flattenDeep(doc);
    removeBoilerplate(doc, microdata);
    return fromElement(doc, microdata, 'microdata', signoffSelectors);
  }

  // Sign-offs go before Readability runs: it drops the alignment that marks them.
  const signoff = cutSignoff(doc, doc.root(), signoffSelectors);
  const readable = readability(readableCopy(doc));
  const content = parseHtml(readable?.content ?? '');
  dropHeadlineEcho(content, headlines);
  removeBoilerplate(content, content.root());
  const stats = bodyStats(content, content.root());
  // A page drawn by a script has no prose in its HTML; its structured data may still carry the text.
  if (ldBody !== null && stats.prose < MIN_PROSE_CHARS && ldBody.length > stats.prose) {
    const text = textBody(ldBody);
    return { body: { value: wholeTree(text), from: 'jsonld' }, stats: bodyStats(text, text.root()), signoff, readableTitle: readable?.title ?? null, readableByline: readable?.byline ?? null };
  }
  if (!readable) return null;
  return {
    body: { value: wholeTree(content), from: 'readability' },
    stats,
    signoff,
    readableTitle: readable.title,
    readableByline: readable.byline,
  };
}
