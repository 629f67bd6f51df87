/** The front page, topic pages, OPML and the topic list: built from the store, cached like feeds. */
import { modifiedAt, type Article } from '../core/article.js';
import { toVnIso } from '../core/time.js';
import { FEED_FORMATS, renderHomePage, renderOpml, type FeedFormat, type FeedSummary, type OpmlGroup } from '../render/index.js';
import type { Stream, TopicSummary } from '../store/index.js';
import { SITE_NAME, type FeedSpec } from './catalog.js';
import { feedMembership } from './feed-rules.js';
import type { ServeDeps } from './context.js';
import type { FeedPage } from './feed-page.js';
import type { FeedQuery } from './params.js';
import { buildRepresentation, FEED_CACHE_CONTROL, type Representation } from './representation.js';
import { topicName } from './topic-name.js';

const HEADLINES = 20;

export function feedUrls(base: string, path: string): Record<FeedFormat, string> {
  return Object.fromEntries(FEED_FORMATS.map((f) => [f, `${base}${path}.${f}`])) as Record<FeedFormat, string>;
}

function page(text: string, contentType: string, lastModified: string | null, varyOn: readonly string[] = []): Representation {
  return buildRepresentation({ text, contentType, lastModified, varyOn, link: null, cacheControl: FEED_CACHE_CONTROL });
}

/** A feed with rules of its own is counted over this many of its streams' newest records, so the front page stays cheap. */
const FILTERED_SAMPLE = 200;

/** Count and newest modification of a set of streams. A merged count is at least its largest part. */
async function summarize(
  deps: ServeDeps,
  streams: Stream[],
  filter: ((a: Article) => boolean) | null = null,
): Promise<{ count: number; lowerBound: boolean; updated: string | null }> {
  if (filter !== null) {
    const read = await deps.store.list({ streams, limit: FILTERED_SAMPLE });
    const kept = read.filter(filter);
    return { count: kept.length, lowerBound: read.length === FILTERED_SAMPLE, updated: kept[0] ? modifiedAt(kept[0]) : null };
  }
  const [newest, counts] = await Promise.all([deps.store.list({ streams, limit: 1 }), Promise.all(streams.map((s) => deps.store.count(s)))]);
  return {
    count: Math.max(0, ...counts),
    lowerBound: streams.length > 1,
    updated: newest[0] ? modifiedAt(newest[0]) : null,
  };
}

const headline = (a: Article) => ({ title: a.title, url: a.url, publishedAt: a.publishedAt, lead: a.lead });

interface Catalog {
  curated: FeedSummary[];
  /** Categories holding articles; an empty one stays reachable by URL but is not advertised. */
  categories: FeedSummary[];
  topics: FeedSummary[];
  sources: FeedSummary[];
  latest: Article[];
}

async function catalog(deps: ServeDeps, base: string): Promise<Catalog> {
  const [topicList, latest] = await Promise.all([deps.store.topics(), deps.store.list({ streams: [{ kind: 'all' }], limit: HEADLINES })]);
  const curated = await Promise.all(
    deps.config.feeds.map(async (f): Promise<FeedSummary> => {
      const m = feedMembership(f);
      const s = await summarize(deps, m.streams, m.filter);
      return { title: f.title, description: f.description, pageUrl: null, urls: feedUrls(base, `/feeds/${f.slug}`), count: s.count, countIsLowerBound: s.lowerBound, updated: s.updated };
    }),
  );
  const categories = (
    await Promise.all(
      deps.config.taxonomy.categories.map(async (cat): Promise<FeedSummary> => {
        const s = await summarize(deps, [{ kind: 'category', slug: cat.slug }]);
        return { title: cat.name, description: `Chuyên mục ${cat.name}`, pageUrl: null, urls: feedUrls(base, `/categories/${cat.slug}`), count: s.count, countIsLowerBound: false, updated: s.updated };
      }),
    )
  ).filter((f) => f.count > 0);
  const sources = await Promise.all(
    deps.config.sources.map(async (src): Promise<FeedSummary> => {
      const s = await summarize(deps, [{ kind: 'source', id: src.id }]);
      return { title: src.name, description: `Bài viết từ ${src.name}`, pageUrl: src.baseUrl, urls: feedUrls(base, `/sources/${src.id}`), count: s.count, countIsLowerBound: false, updated: s.updated };
    }),
  );
  const topics = topicList.map((t: TopicSummary): FeedSummary => ({
    title: t.name,
    description: `Chủ đề ${t.name}`,
    pageUrl: `${base}/topics/${t.slug}`,
    urls: feedUrls(base, `/topics/${t.slug}`),
    count: t.count,
    countIsLowerBound: false,
    updated: t.newestMs === null ? null : toVnIso(t.newestMs),
  }));
  return { curated, categories, topics, sources, latest };
}

export async function homePage(deps: ServeDeps, base: string): Promise<Representation> {
  const c = await catalog(deps, base);
  const html = renderHomePage({
    title: SITE_NAME,
    intro: 'Tin tức Việt Nam tổng hợp từ các báo, đăng lại dưới dạng RSS, Atom và JSON Feed.',
    discover: deps.config.feeds.map((f) => ({ title: f.title, urls: feedUrls(base, `/feeds/${f.slug}`) })),
    sections: [
      { heading: 'Bản tin tuyển chọn', feeds: c.curated },
      ...(c.categories.length > 0 ? [{ heading: 'Chuyên mục', feeds: c.categories }] : []),
      { heading: 'Chủ đề', feeds: c.topics },
      { heading: 'Nguồn', feeds: c.sources },
    ],
    headlines: c.latest.map(headline),
    opmlUrl: `${base}/opml`,
  });
  return page(html, 'text/html; charset=utf-8', c.latest[0] ? modifiedAt(c.latest[0]) : null);
}

export async function topicPage(
  deps: ServeDeps,
  spec: FeedSpec,
  query: FeedQuery,
  feed: FeedPage,
  base: string,
  varyOn: readonly string[],
): Promise<Representation> {
  const name = topicName(spec.slug, feed.items) ?? spec.slug;
  const count = await deps.store.count({ kind: 'topic', slug: spec.slug });
  const urls = feedUrls(base, `/topics/${spec.slug}`);
  const newest = feed.items[0] ? modifiedAt(feed.items[0]) : null;
  const html = renderHomePage({
    title: `${SITE_NAME} - ${name}`,
    intro: `Tin bài về chủ đề ${name}.`,
    discover: [{ title: `${SITE_NAME} - ${name}`, urls }],
    sections: [{ heading: 'Đăng ký chủ đề', feeds: [{ title: name, description: '', pageUrl: null, urls, count, countIsLowerBound: false, updated: newest }] }],
    headlines: feed.items.slice(0, query.limit).map(headline),
    opmlUrl: `${base}/opml`,
  });
  return page(html, 'text/html; charset=utf-8', newest, varyOn);
}

export async function opml(deps: ServeDeps, base: string, format: FeedFormat): Promise<Representation> {
  const c = await catalog(deps, base);
  const group = (title: string, feeds: FeedSummary[]): OpmlGroup => ({
    title,
    feeds: feeds.map((f) => ({ title: f.title, description: f.description, xmlUrl: f.urls[format], htmlUrl: f.pageUrl ?? `${base}/` })),
  });
  const text = renderOpml({
    title: `${SITE_NAME}: mọi nguồn tin`,
    updated: c.latest[0] ? modifiedAt(c.latest[0]) : null,
    outlineType: 'rss',
    groups: [
      group('Bản tin tuyển chọn', c.curated),
      ...(c.categories.length > 0 ? [group('Chuyên mục', c.categories)] : []),
      group('Chủ đề', c.topics),
      group('Nguồn', c.sources),
    ],
  });
  return page(text, 'text/x-opml; charset=utf-8', c.latest[0] ? modifiedAt(c.latest[0]) : null);
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
