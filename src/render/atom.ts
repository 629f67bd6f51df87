/** Atom 1.0 (RFC 4287) with RFC 5005 paging. */
import { modifiedAt, type Article } from '../core/article.js';
import { copiesHtml, creditedAuthors, imageType, newestModified, placesOf, topicsOf, vocabularies } from './items.js';
import { htmlEscape, normalizeUrl } from './text.js';
import type { FeedAuthor, FeedDocument } from './types.js';
import { el, parent, stylesheetPi, XML_DECLARATION } from './xml.js';

function author(a: FeedAuthor): string {
  const children = [el('name', {}, a.name)];
  if (a.uri) children.push(el('uri', {}, a.uri));
  return parent('author', {}, children);
}

function entry(a: Article, doc: FeedDocument): string {
  const url = normalizeUrl(a.url);
  const children = [
    // The canonical URL is already a stable IRI and matches the RSS guid and JSON Feed id.
    el('id', {}, url),
    el('title', { type: 'text' }, a.title),
    el('updated', {}, modifiedAt(a)),
    el('published', {}, a.publishedAt),
  ];
  // Nobody stands in for a missing byline: an entry without one falls under the feed's own author (RFC 4287 4.2.1).
  for (const name of creditedAuthors(a)) children.push(author({ name, uri: null }));
  // Photo, video and other credits: contributors, not authors (RFC 4287 4.2.3).
  for (const c of a.credits) children.push(parent('contributor', {}, [el('name', {}, c.name)]));
  children.push(el('link', { rel: 'alternate', type: 'text/html', href: url }));
  // The story's other copies as RFC 4287 `related` links: they work in summary mode too, where content is left out.
  const copies = doc.copies.get(a.id) ?? [];
  for (const c of copies) children.push(el('link', { rel: 'related', type: 'text/html', href: normalizeUrl(c.url), title: c.sourceName }));
  const image = a.images[0];
  const type = image ? imageType(image.url) : null;
  if (image && type) children.push(el('link', { rel: 'enclosure', type, href: normalizeUrl(image.url) }));
  // The lead as escaped HTML: as `text`, a lead quoting markup (`<b>`) reads to validators as undeclared HTML.
  // An empty summary or content is left out (validators call a blank one a mistake).
  // An entry with neither (a photo page) is summed up by its title, since readers show an entry's text.
  const html = doc.mode === 'full' ? `${a.contentHtml}${copiesHtml(copies)}` : '';
  const summary = a.lead !== '' ? a.lead : html === '' ? a.title : '';
  if (summary !== '') children.push(el('summary', { type: 'html' }, htmlEscape(summary)));
  if (html !== '') children.push(el('content', { type: 'html' }, html));
  for (const t of topicsOf(a)) children.push(el('category', { term: t.slug, label: t.name, scheme: doc.categoryScheme }));
  // The taxonomy category and the places again, each under its own scheme, so a syndicator can tell them from free tags.
  const vocab = vocabularies(doc.origin);
  if (a.category) children.push(el('category', { term: a.category.slug, label: a.category.name, scheme: vocab.categories }));
  for (const p of placesOf(a)) children.push(el('category', { term: p.slug, label: p.name, scheme: vocab.places }));
  return parent('entry', {}, children);
}

export function renderAtom(doc: FeedDocument): string {
  const l = doc.links;
  const children = [
    el('id', {}, doc.id),
    el('title', { type: 'text' }, doc.title),
    el('subtitle', { type: 'text' }, doc.description),
    el('updated', {}, newestModified(doc.items) ?? doc.emptyUpdated),
    author(doc.author),
    el('generator', {}, 'bantin'),
  ];
  if (doc.icons) children.push(el('icon', {}, doc.icons.favicon), el('logo', {}, doc.icons.icon));
  children.push(
    el('link', { rel: 'self', type: 'application/atom+xml', href: l.self }),
    el('link', { rel: 'alternate', type: 'text/html', href: l.alternate }),
  );
  if (l.hub) children.push(el('link', { rel: 'hub', href: l.hub }));
  if (l.first) children.push(el('link', { rel: 'first', type: 'application/atom+xml', href: l.first }));
  if (l.next) children.push(el('link', { rel: 'next', type: 'application/atom+xml', href: l.next }));
  for (const a of doc.items) children.push(entry(a, doc));
  const attrs = {
    xmlns: 'http://www.w3.org/2005/Atom',
    'xml:lang': 'vi',
  };
  return `${XML_DECLARATION}${stylesheetPi(doc.stylesheet)}${parent('feed', attrs, children)}\n`;
}
