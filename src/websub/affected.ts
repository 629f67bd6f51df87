/** Which feed URLs an article appears in: what the hub must be told about after a crawl. */
import type { AppConfig } from '../config/index.js';
import type { Article } from '../core/article.js';
// The files themselves, not the render/ and serve/ barrels: those load the whole server (Hono, the
// renderers, the site) into every worker that only asks which feeds an article is in (bench:idle).
import { FEED_FORMATS } from '../render/types.js';
import { feedMembership } from '../serve/feed-rules.js';

/**
 * Every curated, topic, category, source and story feed the articles belong to, in every
 * format, plus the extensionless (content-negotiated) URL, since feeds
 * advertise the URL they were fetched at as `self`. Sorted and deduplicated.
 */
export function affectedFeedUrls(config: AppConfig, publicBaseUrl: string, articles: Article[]): string[] {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const paths = new Set<string>();
  const sources = new Set(config.sources.map((s) => s.id));
  const categories = new Set(config.taxonomy.categories.map((c) => c.slug));
  // The rule serve reads a curated feed with (feed-rules.ts): include, exclude, authors, keywords, all of it.
  const curated = config.feeds.map((f) => ({ path: `/feeds/${f.slug}`, membership: feedMembership(f) }));
  for (const a of articles) {
    for (const t of a.topics) paths.add(`/topics/${t}`);
    if (a.category && categories.has(a.category.slug)) paths.add(`/categories/${a.category.slug}`);
    if (sources.has(a.source)) paths.add(`/sources/${a.source}`);
    paths.add(`/stories/${a.storyId}`);
    for (const f of curated) if (f.membership.accepts(a)) paths.add(f.path);
  }
  const urls: string[] = [];
  for (const p of paths) {
    urls.push(`${base}${p}`);
    for (const f of FEED_FORMATS) urls.push(`${base}${p}.${f}`);
  }
  return urls.sort();
}
