/**
 * JSON Feed 1.1, written directly: the `feed` package writes 1.0 and has no
 * `authors`, `language`, `hubs` or `next_url`. The 1.0 `author` is kept beside
 * `authors` for readers that predate 1.1.
 */
import { modifiedAt, type Article } from '../core/article.js';
import { copiesHtml, copiesText, creditedAuthors, placesOf, topicsOf } from './items.js';
import { clean, normalizeUrl } from './text.js';
import type { FeedDocument } from './types.js';

interface JsonAuthor {
  name: string;
  url?: string;
}

function item(a: Article, doc: FeedDocument): Record<string, unknown> {
  const url = normalizeUrl(a.url);
  const authors: JsonAuthor[] = creditedAuthors(a).map((name) => ({ name: clean(name) }));
  const out: Record<string, unknown> = {
    id: url,
    url,
    title: clean(a.title),
    summary: clean(a.lead),
  };
  // An item needs content_html or content_text: summary mode carries the lead as text.
  const copies = doc.copies.get(a.id);
  if (doc.mode === 'full') out.content_html = clean(`${a.contentHtml}${copiesHtml(copies)}`);
  else out.content_text = clean([a.lead, copiesText(copies)].filter((x) => x !== '').join('\n\n'));
  const image = a.images[0];
  if (image) out.image = normalizeUrl(image.url);
  out.date_published = a.publishedAt;
  out.date_modified = modifiedAt(a);
  out.tags = topicsOf(a).map((t) => clean(t.name));
  if (authors.length > 0) {
    out.authors = authors;
    out.author = authors[0];
  }
  out.language = 'vi';
  out._bantin = extension(a, doc);
  return out;
}

/** The record's structured fields for syndicators (JSON Feed 1.1 custom extension: an underscore key, with `about`). */
function extension(a: Article, doc: FeedDocument): Record<string, unknown> {
  const ref = (r: { slug: string; name: string } | null) => (r ? { name: clean(r.name), slug: r.slug } : null);
  return {
    // The home page: the project names no public documentation URL, and the README that documents this is not served.
    about: `${doc.origin}/`,
    id: a.id,
    source: a.source,
    section: ref(a.section),
    category: ref(a.category),
    topics: a.topics,
    places: placesOf(a).map((p) => ({ name: p.name, slug: p.slug })),
    credits: a.credits.map((c) => ({ role: c.role, name: clean(c.name) })),
    attribution: a.attribution === null ? null : clean(a.attribution),
    storyId: a.storyId,
    // The story's other copies in this feed, oldest first; `${origin}/stories/{storyId}.json` lists them all.
    copies: (doc.copies.get(a.id) ?? []).map((c) => ({
      id: c.id,
      url: normalizeUrl(c.url),
      title: clean(c.title),
      source: c.source,
      sourceName: clean(c.sourceName),
      date_published: c.publishedAt,
    })),
  };
}

export function renderJsonFeed(doc: FeedDocument): string {
  const l = doc.links;
  const feedAuthor: JsonAuthor = { name: clean(doc.author.name), ...(doc.author.uri ? { url: doc.author.uri } : {}) };
  const out: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: clean(doc.title),
    home_page_url: l.alternate,
    feed_url: l.self,
    description: clean(doc.description),
    ...(doc.icons ? { icon: doc.icons.icon, favicon: doc.icons.favicon } : {}),
    language: 'vi',
    authors: [feedAuthor],
    author: feedAuthor,
  };
  if (l.hub) out.hubs = [{ type: 'WebSub', url: l.hub }];
  if (l.next) out.next_url = l.next;
  out.items = doc.items.map((a) => item(a, doc));
  return `${JSON.stringify(out, null, 2)}\n`;
}
