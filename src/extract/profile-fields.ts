/**
 * What a site profile finds: each field from its ordered selector list, the
 * first selector that matches winning. Values are as printed on the page.
 */
import type { SiteProfile } from '../config/profile-schema.js';
import { absoluteUrl, firstMatch, isAttached, query, textOf, type AnyNode, type Doc, type Element, type Nodes } from './dom.js';
import type { Finding } from './page.js';

const HOME_CRUMB = /^(trang chủ|home|trang chu)$/iu;

function texts(doc: Doc, nodes: Nodes): string[] {
  const out: string[] = [];
  nodes.each((_, el) => {
    const text = textOf(doc(el));
    if (text !== '' && !out.includes(text)) out.push(text);
  });
  return out;
}

export function profileText(doc: Doc, selectors: readonly string[]): string | null {
  const found = firstMatch(doc, selectors);
  return found ? textOf(found.first()) : null;
}

export function profileTexts(doc: Doc, selectors: readonly string[]): string[] | null {
  const found = firstMatch(doc, selectors);
  const values = found ? texts(doc, found) : [];
  return values.length > 0 ? values : null;
}

/** A date element: its machine-readable attribute when it has one, else its text. */
export function profileDate(doc: Doc, selectors: readonly string[]): string | null {
  const found = firstMatch(doc, selectors, true)?.first();
  if (!found) return null;
  const attr = found.attr('datetime') ?? found.attr('content');
  if (attr?.trim()) return attr.trim();
  const text = textOf(found);
  return text === '' ? null : text;
}

/** The last breadcrumb that names a section: not the home link, not the article itself. */
export function profileSection(doc: Doc, selectors: readonly string[], title: string | null): string | null {
  const found = firstMatch(doc, selectors);
  if (!found) return null;
  const crumbs = texts(doc, found).filter((c) => !HOME_CRUMB.test(c) && c !== title);
  return crumbs.at(-1) ?? null;
}

/**
 * This article's event links. Scoped by the profile's selectors to the
 * article area, so the site-wide "DÒNG SỰ KIỆN" ticker never counts.
 */
export function profileEvents(doc: Doc, profile: SiteProfile, pageUrl: string): { name: string; url: string }[] {
  const found = firstMatch(doc, profile.events);
  if (!found) return [];
  const events: { name: string; url: string }[] = [];
  found.each((_, el) => {
    const name = textOf(doc(el));
    const url = absoluteUrl(doc(el).attr('href'), pageUrl);
    if (name !== '' && url && !events.some((e) => e.url === url)) events.push({ name, url });
  });
  return events;
}

/** Text outside links: what a reader would call prose in a block. */
function ownProse(doc: Doc, node: Nodes): string {
  const copy = node.clone();
  copy.find('a').remove();
  return textOf(copy);
}

/**
 * Remove one "Tin liên quan"-style block given its heading: climb while the
 * ancestor holds nothing but the heading and links, then drop link lists
 * that follow it (headings often sit in the body, the list right after).
 */
function removeHeadedBlock(doc: Doc, heading: Nodes, stop: string): void {
  const headingLength = textOf(heading).length;
  let box = heading;
  for (;;) {
    const parent = box.parent();
    if (parent.length === 0 || parent.is(stop) || ownProse(doc, parent).length > headingLength + 20) break;
    box = parent;
  }
  let next = box.next();
  while (next.length > 0 && next.find('a').length > 0 && ownProse(doc, next).length < 20) {
    const after = next.next();
    next.remove();
    next = after;
  }
  box.remove();
}

/** Headings of junk blocks are short; anything longer is prose and is not read to the end. */
const HEADING_MAX_CHARS = 60;

/** Remove the profile's junk blocks from the whole page, by selector and by heading text. */
export function applyStrip(doc: Doc, profile: SiteProfile): void {
  // One query for all selectors: a traversal per selector costs more than the rest of extraction.
  if (profile.strip.length > 0) query(doc, profile.strip.join(', ')).remove();
  if (profile.stripText.length === 0) return;
  const headings = new Set(profile.stripText.map((t) => t.toLocaleLowerCase('vi').trim()));
  const stop = ['body', 'html', 'article', 'main', ...profile.body].join(', ');
  // One walk over text nodes finds the headings; a selector query per tag name costs several times more.
  const found: Element[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      const text = node.data.trim();
      if (text.length > 0 && text.length <= HEADING_MAX_CHARS && node.parent?.type === 'tag' && headings.has(text.toLocaleLowerCase('vi').replace(/\s+/g, ' ').replace(/[:\s]+$/u, ''))) {
        found.push(node.parent);
      }
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(doc.root()[0] as AnyNode);
  for (const el of found) {
    if (isAttached(el)) removeHeadedBlock(doc, doc(el), stop);
  }
}

/** The profile finder: what the site's own selectors find, field by field. */
export function profileFinding(doc: Doc, profile: SiteProfile, headline: string | null): Finding {
  const title = profileText(doc, profile.title);
  return {
    title: [title],
    lead: [profileText(doc, profile.lead)],
    byline: [profileTexts(doc, profile.byline)],
    published: [profileDate(doc, profile.published)],
    updated: [profileDate(doc, profile.updated)],
    section: [profileSection(doc, profile.breadcrumb, title ?? headline)],
    tags: [profileTexts(doc, profile.tags)],
  };
}
