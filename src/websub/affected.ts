/** Which feed URLs an article appears in: what the hub must be told about after a crawl. */
import type { AppConfig } from '../config/index.js';
import type { Article } from '../core/article.js';
import { FEED_FORMATS } from '../render/index.js';
import { feedStreams } from '../serve/index.js';
import { articleStreams, streamName } from '../store/index.js';

/**
 * Every curated, topic and source feed the articles belong to, in every
 * format, plus the extensionless (content-negotiated) URL, since feeds
 * advertise the URL they were fetched at as `self`. Sorted and deduplicated.
 */
export function affectedFeedUrls(config: AppConfig, publicBaseUrl: string, articles: Article[]): string[] {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const paths = new Set<string>();
  const sources = new Set(config.sources.map((s) => s.id));
  // A curated feed is the union of its streams, as serve reads it: the article is in it when they share one.
  const curated = config.feeds.map((f) => ({ path: `/feeds/${f.slug}`, streams: feedStreams(f.include).map(streamName) }));
  for (const a of articles) {
    for (const t of a.topics) paths.add(`/topics/${t}`);
    if (sources.has(a.source)) paths.add(`/sources/${a.source}`);
    const mine = new Set(articleStreams(a).map(streamName));
    for (const f of curated) if (f.streams.some((s) => mine.has(s))) paths.add(f.path);
  }
  const urls: string[] = [];
  for (const p of paths) {
    urls.push(`${base}${p}`);
    for (const f of FEED_FORMATS) urls.push(`${base}${p}.${f}`);
  }
  return urls.sort();
}
