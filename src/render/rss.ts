/** RSS 2.0 with the content, Dublin Core, Atom (self/hub/paging) and feed-history modules. */
import { modifiedAt, type Article } from '../core/article.js';
import { EPOCH_ISO, rfc822 } from './dates.js';
import { copiesHtml, creditedAuthors, imageType, newestModified, placesOf, topicsOf, vocabularies } from './items.js';
import { htmlEscape, normalizeUrl } from './text.js';
import type { FeedDocument } from './types.js';
import { el, parent, XML_DECLARATION } from './xml.js';

const NS = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:fh': 'http://purl.org/syndication/history/1.0',
};

function item(a: Article, doc: FeedDocument): string {
  const url = normalizeUrl(a.url);
  const children = [
    // Plain text: XML escaping alone keeps `<` and `&` literal for RSS readers.
    el('title', {}, a.title),
    el('link', {}, url),
    el('guid', { isPermaLink: 'true' }, url),
    el('pubDate', {}, rfc822(a.publishedAt)),
    // RSS description is HTML by convention: the plain-text lead is HTML-escaped first.
    el('description', {}, `${htmlEscape(a.lead)}${copiesHtml(doc.copies.get(a.id))}`),
  ];
  if (doc.mode === 'full') children.push(el('content:encoded', {}, `${a.contentHtml}${copiesHtml(doc.copies.get(a.id))}`));
  // RSS `author` must be an e-mail address; names go in dc:creator.
  for (const name of creditedAuthors(a)) children.push(el('dc:creator', {}, name));
  // Photo, video and other credits are not the byline: Dublin Core's contributor, as Atom's.
  for (const c of a.credits) children.push(el('dc:contributor', {}, c.name));
  for (const t of topicsOf(a)) children.push(el('category', { domain: doc.categoryScheme }, t.name));
  // The taxonomy category and the places again, each under its own domain, so a syndicator can tell them from free tags.
  const vocab = vocabularies(doc.origin);
  if (a.category) children.push(el('category', { domain: vocab.categories }, a.category.name));
  for (const p of placesOf(a)) children.push(el('category', { domain: vocab.places }, p.name));
  const image = a.images[0];
  const type = image ? imageType(image.url) : null;
  // No byte length is known for remote images, so none is claimed.
  if (image && type) children.push(el('enclosure', { url: normalizeUrl(image.url), type }));
  if (a.updatedAt) children.push(el('atom:updated', {}, modifiedAt(a)));
  return parent('item', {}, children);
}

export function renderRss(doc: FeedDocument): string {
  const l = doc.links;
  const updated = newestModified(doc.items) ?? EPOCH_ISO;
  const channel = [
    el('title', {}, doc.title),
    el('link', {}, l.alternate),
    el('description', {}, doc.description),
    el('language', {}, 'vi'),
    el('lastBuildDate', {}, rfc822(updated)),
    el('ttl', {}, String(doc.ttlMinutes)),
    el('generator', {}, 'bantin'),
    el('atom:link', { rel: 'self', href: l.self, type: 'application/rss+xml' }),
  ];
  if (l.hub) channel.push(el('atom:link', { rel: 'hub', href: l.hub }));
  if (l.current) channel.push(el('atom:link', { rel: 'current', href: l.current }));
  if (l.next) channel.push(el('atom:link', { rel: 'next', href: l.next }));
  if (l.prevArchive) channel.push(el('atom:link', { rel: 'prev-archive', href: l.prevArchive }));
  if (doc.archive) channel.push(el('fh:archive', {}));
  for (const a of doc.items) channel.push(item(a, doc));
  return `${XML_DECLARATION}${parent('rss', { version: '2.0', ...NS }, [parent('channel', {}, channel)])}\n`;
}
