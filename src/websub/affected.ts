/** Which feed URLs an article appears in: what the hub must be told about after a crawl. */
import type { AppConfig } from '../config/index.js';
import type { Article } from '../core/article.js';

const FORMATS = ['rss', 'atom', 'json'] as const;

/**
 * Every curated, topic and source feed the articles belong to, in every
 * format, plus the extensionless (content-negotiated) URL, since feeds
 * advertise the URL they were fetched at as `self`. Sorted and deduplicated.
 */
export function affectedFeedUrls(config: AppConfig, publicBaseUrl: string, articles: Article[]): string[] {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const paths = new Set<string>();
  const sources = new Set(config.sources.map((s) => s.id));
  for (const a of articles) {
    for (const t of a.topics) paths.add(`/topics/${t}`);
    if (sources.has(a.source)) paths.add(`/sources/${a.source}`);
    for (const f of config.feeds) {
      const inc = f.include;
      if (inc === 'all' || inc.sources.includes(a.source) || inc.topics.some((t) => a.topics.includes(t))) paths.add(`/feeds/${f.slug}`);
    }
  }
  const urls: string[] = [];
  for (const p of paths) {
    urls.push(`${base}${p}`);
    for (const f of FORMATS) urls.push(`${base}${p}.${f}`);
  }
  return urls.sort();
}
