/** RSS 2.0 with the content, Dublin Core, Atom (self/hub/paging) and feed-history modules. */
import { modifiedAt, type Article } from '../core/article.js';
import { rfc822 } from './dates.js';
import { copiesHtml, creditedAuthors, imageType, newestModified, placesOf, topicsOf, vocabularies } from './items.js';
import { htmlEscape, normalizeUrl } from './text.js';
import type { FeedDocument } from './types.js';
import { el, parent, plain, stylesheetPi, XML_DECLARATION } from './xml.js';

const NS = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

function item(a: Article, doc: FeedDocument): string {
  const url = normalizeUrl(a.url);
  const children = [
    // Plain text: XML escaping alone keeps `<` and `&` literal for RSS readers.
    plain('title', {}, a.title),
    el('link', {}, url),
    el('guid', { isPermaLink: 'true' }, url),
    el('pubDate', {}, rfc822(a.publishedAt)),
    // RSS description is HTML by convention: the plain-text lead is HTML-escaped first.
    el('description', {}, `${htmlEscape(a.lead)}${copiesHtml(doc.copies.get(a.id))}`),
  ];
  if (doc.mode === 'full') children.push(el('content:encoded', {}, `${a.contentHtml}${copiesHtml(doc.copies.get(a.id))}`));
  // RSS `author` must be an e-mail address; names go in dc:creator.
  for (const name of creditedAuthors(a)) children.push(plain('dc:creator', {}, name));
  // Photo, video and other credits are not the byline: Dublin Core's contributor, as Atom's.
  for (const c of a.credits) children.push(plain('dc:contributor', {}, c.name));
  for (const t of topicsOf(a)) children.push(plain('category', { domain: doc.categoryScheme }, t.name));
  // The taxonomy category and the places again, each under its own domain, so a syndicator can tell them from free tags.
  const vocab = vocabularies(doc.origin);
  if (a.category) children.push(plain('category', { domain: vocab.categories }, a.category.name));
  for (const p of placesOf(a)) children.push(plain('category', { domain: vocab.places }, p.name));
  // Images as Media RSS: an RSS enclosure must state the byte length, which bantin does not know without
  // fetching the image, and it never makes one up.
  const photographers = a.credits.filter((c) => c.role === 'photo');
  a.images.forEach((image, i) => {
    const media = [];
    if (image.caption) media.push(plain('media:description', { type: 'plain' }, image.caption));
    for (const c of photographers) media.push(plain('media:credit', { role: 'photographer', scheme: 'urn:ebu' }, c.name));
    const attrs = { url: normalizeUrl(image.url), medium: 'image', type: imageType(image.url), isDefault: i === 0 ? 'true' : null };
    children.push(media.length > 0 ? parent('media:content', attrs, media) : el('media:content', attrs));
  });
  const lead = a.images[0];
  if (lead) children.push(el('media:thumbnail', { url: normalizeUrl(lead.url) }));
  if (a.updatedAt) children.push(el('atom:updated', {}, modifiedAt(a)));
  return parent('item', {}, children);
}

export function renderRss(doc: FeedDocument): string {
  const l = doc.links;
  const updated = newestModified(doc.items) ?? doc.emptyUpdated;
  const channel = [
    plain('title', {}, doc.title),
    el('link', {}, l.alternate),
    el('description', {}, doc.description),
    el('language', {}, 'vi'),
    el('lastBuildDate', {}, rfc822(updated)),
    el('ttl', {}, String(doc.ttlMinutes)),
    el('generator', {}, 'bantin'),
    el('atom:link', { rel: 'self', href: l.self, type: 'application/rss+xml' }),
  ];
  const img = doc.icons?.rssImage;
  // RSS 2.0 asks the image's title and link to be the channel's own.
  if (img) {
    channel.push(
      parent('image', {}, [el('url', {}, img.url), plain('title', {}, doc.title), el('link', {}, l.alternate), el('width', {}, String(img.width)), el('height', {}, String(img.height))]),
    );
  }
  if (l.hub) channel.push(el('atom:link', { rel: 'hub', href: l.hub }));
  if (l.first) channel.push(el('atom:link', { rel: 'first', href: l.first }));
  if (l.next) channel.push(el('atom:link', { rel: 'next', href: l.next }));
  for (const a of doc.items) channel.push(item(a, doc));
  return `${XML_DECLARATION}${stylesheetPi(doc.stylesheet)}${parent('rss', { version: '2.0', ...NS }, [parent('channel', {}, channel)])}\n`;
}
