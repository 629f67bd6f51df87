/**
 * What the front page says while sources are in their first crawl (a new
 * install, `npm start` on an empty store): since when, and what each has
 * found so far. The page model only; the page's words are the page's own.
 */
import type { AppConfig } from '../config/index.js';
import { toVnIso } from '../core/time.js';
import type { FirstCrawl } from '../store/index.js';

/** What the notice is built from: ServeDeps has both. */
export interface FirstCrawlSource {
  config: Pick<AppConfig, 'sources'>;
  firstCrawls: () => Promise<FirstCrawl[]>;
}

export interface FirstCrawlNotice {
  /** When the earliest of them started (ISO, +07:00). */
  since: string;
  /** Articles found so far, all of them together. */
  found: number;
  /** Each source in its first crawl, in config order: its id, display name and articles found so far. */
  sources: { id: string; name: string; found: number }[];
}

/** Null when no source is in its first crawl (the usual case): the page says nothing then. */
export async function firstCrawlNotice(deps: FirstCrawlSource): Promise<FirstCrawlNotice | null> {
  const crawls = await deps.firstCrawls();
  if (crawls.length === 0) return null;
  const names = new Map(deps.config.sources.map((s) => [s.id, s.name]));
  return {
    since: toVnIso(Math.min(...crawls.map((c) => c.sinceMs))),
    found: crawls.reduce((n, c) => n + c.found, 0),
    sources: crawls.map((c) => ({ id: c.sourceId, name: names.get(c.sourceId) ?? c.sourceId, found: c.found })),
  };
}
