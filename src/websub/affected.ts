/** Which feed URLs an article appears in: what the hub must be told about after a crawl. */
import type { AppConfig } from '../config/index.js';
import type { Article } from '../core/article.js';
import type { StreamFields } from '../store/index.js';
// The files themselves, not the render/ and serve/ barrels: those load the whole server (Hono, the
// renderers, the site) into every worker that only asks which feeds an article is in (bench:idle).
import { FEED_FORMATS } from '../render/types.js';
import { feedMembership } from '../serve/feed-rules.js';

/**
 * A changed article as affectedFeedUrls reads it: whole, or only its stream fields (read from the stored
 * record's header, the body left undecoded) when wholeArticlesNeeded says those answer for every feed.
 */
export type ChangedArticle = Article | StreamFields;

const isWhole = (a: ChangedArticle): a is Article => 'authors' in a && 'title' in a && 'lead' in a;

/** Whether a curated feed's rule names an author or keyword, which only a whole article answers. */
export function wholeArticlesNeeded(config: AppConfig): boolean {
  return config.feeds.some((f) => feedMembership(f).acceptsFields === null);
}

/**
 * Every curated, topic, category, source and story feed the articles belong to, in every
 * format, plus the extensionless (content-negotiated) URL, since feeds
 * advertise the URL they were fetched at as `self`. Sorted and deduplicated.
 */
export function affectedFeedUrls(config: AppConfig, publicBaseUrl: string, articles: readonly ChangedArticle[]): string[] {
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
    for (const { path, membership } of curated) {
      const { acceptsFields } = membership;
      // Only the fields, for a feed that needs more (a caller that did not ask wholeArticlesNeeded): counted in.
      // A ping too many makes a hub fetch a feed that did not change; one too few leaves a subscriber behind.
      const accepted = acceptsFields !== null ? acceptsFields(a) : isWhole(a) ? membership.accepts(a) : true;
      if (accepted) paths.add(path);
    }
  }
  const urls: string[] = [];
  for (const p of paths) {
    urls.push(`${base}${p}`);
    for (const f of FEED_FORMATS) urls.push(`${base}${p}.${f}`);
  }
  return urls.sort();
}
