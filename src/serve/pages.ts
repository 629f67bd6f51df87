/** The front page, feed pages, OPML and the topic list: read from the store, rendered by site/, cached like feeds. */
import { modifiedAt, type Article } from '../core/article.js';
import { toVnIso } from '../core/time.js';
import { placeMatcher } from '../normalize/places/index.js';
import { FEED_FORMATS, normalizeUrl, renderOpml, type FeedFormat, type OpmlGroup } from '../render/index.js';
import type { Stream, TopicSummary } from '../store/index.js';
import { SITE_NAME, type FeedSpec } from './catalog.js';
import { feedMembership } from './feed-rules.js';
import type { ServeDeps } from './context.js';
import type { FeedPage } from './feed-page.js';
import type { FirstCrawlNotice } from './first-crawl.js';
import { feedSearch, type FeedQuery } from './params.js';
import { buildRepresentation, FEED_CACHE_CONTROL, type Representation } from './representation.js';
import { FRONT_TOPICS, renderFeedPage, renderFront, type FeedSummary, type Headline, type Site } from './site/index.js';
import { topicName } from './topic-name.js';

const HEADLINES = 20;
export const HTML = 'text/html; charset=utf-8';

export function feedUrls(base: string, path: string): Record<FeedFormat, string> {
  return Object.fromEntries(FEED_FORMATS.map((f) => [f, `${base}${path}.${f}`])) as Record<FeedFormat, string>;
}

export function page(text: string, contentType: string, lastModified: string | null, varyOn: readonly string[] = [], extra: { cacheControl?: string } = {}): Representation {
  return buildRepresentation({ text, contentType, lastModified, varyOn, link: null, cacheControl: extra.cacheControl ?? FEED_CACHE_CONTROL });
}

export const siteOf = (deps: ServeDeps, base: string): Site => ({ base, assets: deps.site.urls });

export function headlineOf(deps: ServeDeps, a: Article): Headline {
  const image = a.images[0];
  return {
    title: a.title,
    url: normalizeUrl(a.url),
    publishedAt: a.publishedAt,
    lead: a.lead,
    sourceName: deps.config.sources.find((s) => s.id === a.source)?.name ?? a.source,
    image: image ? normalizeUrl(image.url) : null,
  };
}

/**
 * Exact article count and newest modification of a feed's streams. A count is the stored articles (each copy of
 * a story counted once per source that ran it); a feed merging streams or filtering them gets none, since only
 * reading every record could make it exact.
 */
async function summarize(deps: ServeDeps, streams: Stream[], filter: ((a: Article) => boolean) | null): Promise<{ count: number | null; updated: string | null }> {
  const one = streams.length === 1 && filter === null ? streams[0] : undefined;
  const [newest, count] = await Promise.all([
    filter === null ? deps.store.list({ streams, limit: 1 }) : deps.store.list({ streams, limit: 200 }).then((l) => l.filter(filter).slice(0, 1)),
    one === undefined ? null : deps.store.count(one),
  ]);
  return { count, updated: newest[0] ? modifiedAt(newest[0]) : null };
}

interface Catalog {
  curated: FeedSummary[];
  /** Categories holding articles; an empty one stays reachable by URL but is not advertised. */
  categories: FeedSummary[];
  places: FeedSummary[];
  topics: FeedSummary[];
  /** Places and topics together, in the store's order. */
  allTopics: FeedSummary[];
  sources: FeedSummary[];
  latest: Article[];
}

const topicSummary = (base: string, t: TopicSummary, kind: string): FeedSummary => ({
  key: `topic-${t.slug}`,
  title: t.name,
  description: `${kind} ${t.name}`,
  pageUrl: `${base}/topics/${t.slug}`,
  urls: feedUrls(base, `/topics/${t.slug}`),
  count: t.count,
  updated: t.newestMs === null ? null : toVnIso(t.newestMs),
});

async function catalog(deps: ServeDeps, base: string): Promise<Catalog> {
  const [topicList, latest] = await Promise.all([deps.store.topics(), deps.store.list({ streams: [{ kind: 'all' }], limit: HEADLINES })]);
  const curated = await Promise.all(
    deps.config.feeds.map(async (f): Promise<FeedSummary> => {
      const m = feedMembership(f);
      const s = await summarize(deps, m.streams, m.filter);
      return { key: `feed-${f.slug}`, title: f.title, description: f.description, pageUrl: null, urls: feedUrls(base, `/feeds/${f.slug}`), ...s };
    }),
  );
  const categories = (
    await Promise.all(
      deps.config.taxonomy.categories.map(async (cat): Promise<FeedSummary> => {
        const s = await summarize(deps, [{ kind: 'category', slug: cat.slug }], null);
        return { key: `cat-${cat.slug}`, title: cat.name, description: `Chuyên mục ${cat.name}`, pageUrl: `${base}/categories/${cat.slug}`, urls: feedUrls(base, `/categories/${cat.slug}`), ...s };
      }),
    )
  ).filter((f) => (f.count ?? 0) > 0);
  const sources = await Promise.all(
    deps.config.sources.map(async (src): Promise<FeedSummary> => {
      const s = await summarize(deps, [{ kind: 'source', id: src.id }], null);
      return { key: `src-${src.id}`, title: src.name, description: `Bài viết từ ${src.name}`, pageUrl: `${base}/sources/${src.id}`, urls: feedUrls(base, `/sources/${src.id}`), ...s };
    }),
  );
  const gazetteer = placeMatcher().names;
  const allTopics = topicList.map((t) => topicSummary(base, t, gazetteer.has(t.slug) ? 'Tin bài về' : 'Chủ đề'));
  const isPlace = (f: FeedSummary): boolean => gazetteer.has(f.key.slice('topic-'.length));
  return { curated, categories, places: allTopics.filter(isPlace), topics: allTopics.filter((f) => !isPlace(f)), allTopics, sources, latest };
}

/**
 * The front page. `firstCrawl`: what it says of the sources in their first crawl (first-crawl.ts). Only a page
 * rendered for one request may say it: a cached one would keep the notice after the crawl ends, which changes no article.
 */
export async function homePage(deps: ServeDeps, base: string, firstCrawl: FirstCrawlNotice | null): Promise<Representation> {
  const c = await catalog(deps, base);
  const byCount = [...c.topics].sort((a, b) => (b.count ?? 0) - (a.count ?? 0)).slice(0, FRONT_TOPICS);
  const html = renderFront(siteOf(deps, base), {
    curated: c.curated,
    categories: c.categories,
    places: c.places,
    topics: byCount,
    topicsTotal: c.topics.length,
    sources: c.sources,
    latest: c.latest.map((a) => headlineOf(deps, a)),
    firstCrawl,
  });
  return page(html, HTML, c.latest[0] ? modifiedAt(c.latest[0]) : null);
}

const PLACES = { name: 'Địa phương', anchor: 'dia-phuong' };
const PARENT: Record<'topics' | 'categories' | 'sources', { name: string; anchor: string }> = {
  topics: { name: 'Chủ đề', anchor: 'chu-de' },
  categories: { name: 'Chuyên mục', anchor: 'chuyen-muc' },
  sources: { name: 'Nguồn', anchor: 'nguon' },
};

/** The HTML page of a topic, category or source feed: the feed's own page of items, as a browser sees it. */
export async function feedHtmlPage(
  deps: ServeDeps,
  spec: FeedSpec & { kind: 'topics' | 'categories' | 'sources' },
  query: FeedQuery,
  feed: FeedPage,
  base: string,
  varyOn: readonly string[],
): Promise<Representation> {
  const path = `/${spec.kind}/${spec.slug}`;
  // A place is listed under Địa phương on the front page, and its page says so.
  const parent = spec.kind === 'topics' && placeMatcher().names.has(spec.slug) ? PLACES : PARENT[spec.kind];
  const stream: Stream = spec.kind === 'topics' ? { kind: 'topic', slug: spec.slug } : spec.kind === 'categories' ? { kind: 'category', slug: spec.slug } : { kind: 'source', id: spec.slug };
  const category = deps.config.taxonomy.categories.find((x) => x.slug === spec.slug);
  const source = deps.config.sources.find((s) => s.id === spec.slug);
  const name = spec.kind === 'topics' ? (topicName(spec.slug, feed.items) ?? spec.slug) : spec.kind === 'categories' ? (category?.name ?? spec.slug) : (source?.name ?? spec.slug);
  const description =
    spec.kind === 'topics' ? `Tin bài về ${name} từ mọi nguồn, mới nhất trước.` : spec.kind === 'categories' ? `Tin bài chuyên mục ${name} từ mọi nguồn, mới nhất trước.` : `Bài viết từ ${name}, mới nhất trước.`;
  // With a keyword the count would not be the list's: the page then says none.
  const count = query.q === null ? await deps.store.count(stream) : null;
  const newest = feed.items[0] ? modifiedAt(feed.items[0]) : null;
  const html = renderFeedPage(siteOf(deps, base), {
    parent: { name: parent.name, url: `${base}/#${parent.anchor}` },
    feed: { key: 'this', title: name, description, pageUrl: `${base}${path}`, urls: feedUrls(base, path), count, updated: query.before === null ? newest : null },
    headlines: feed.items.slice(0, query.limit).map((a) => headlineOf(deps, a)),
    olderUrl: feed.next ? `${base}${path}${feedSearch(query, feed.next)}` : null,
    newestUrl: query.before === null ? null : `${base}${path}${feedSearch({ ...query, before: null }, null)}`,
    homepage: spec.kind === 'sources' ? (source?.baseUrl ?? null) : null,
  });
  return page(html, HTML, newest, varyOn);
}

/** `view`: for a browser, as `application/xml`, which it shows through the XSLT (it would show text/x-opml as text). */
export async function opml(deps: ServeDeps, base: string, format: FeedFormat, view: boolean): Promise<Representation> {
  const c = await catalog(deps, base);
  const group = (title: string, feeds: FeedSummary[]): OpmlGroup => ({
    title,
    feeds: feeds.map((f) => ({ title: f.title, description: f.description, xmlUrl: f.urls[format], htmlUrl: f.pageUrl ?? `${base}/` })),
  });
  const text = renderOpml({
    title: `${SITE_NAME}: mọi nguồn tin`,
    updated: c.latest[0] ? modifiedAt(c.latest[0]) : null,
    outlineType: 'rss',
    stylesheet: deps.site.urls.xsl,
    groups: [
      group('Bản tin tuyển chọn', c.curated),
      ...(c.categories.length > 0 ? [group('Chuyên mục', c.categories)] : []),
      group('Chủ đề', c.allTopics),
      group('Nguồn', c.sources),
    ],
  });
  return page(text, view ? 'application/xml; charset=utf-8' : 'text/x-opml; charset=utf-8', c.latest[0] ? modifiedAt(c.latest[0]) : null, ['Accept']);
}

export async function topicsJson(deps: ServeDeps, base: string): Promise<Representation> {
  const topics = await deps.store.topics();
  const body = topics.map((t) => ({
    slug: t.slug,
    name: t.name,
    count: t.count,
    updated: t.newestMs === null ? null : toVnIso(t.newestMs),
    url: `${base}/topics/${t.slug}`,
    feeds: feedUrls(base, `/topics/${t.slug}`),
  }));
  const newest = Math.max(0, ...topics.map((t) => t.newestMs ?? 0));
  return page(`${JSON.stringify(body, null, 2)}\n`, 'application/json; charset=utf-8', newest > 0 ? toVnIso(newest) : null);
}
