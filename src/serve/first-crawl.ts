/**
 * What the front page says while sources are in their first crawl (a new
 * install, `npm start` on an empty store): since when, and what each has
 * found so far. The page model only; the page's words are the page's own.
 */
import type { AppConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
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

/** What the page says of the sources in their first crawl; null when there are none (the usual case). */
export function firstCrawlNotice(config: FirstCrawlSource['config'], crawls: readonly FirstCrawl[]): FirstCrawlNotice | null {
  if (crawls.length === 0) return null;
  const names = new Map(config.sources.map((s) => [s.id, s.name]));
  return {
    since: toVnIso(Math.min(...crawls.map((c) => c.sinceMs))),
    found: crawls.reduce((n, c) => n + c.found, 0),
    sources: crawls.map((c) => ({ id: c.sourceId, name: names.get(c.sourceId) ?? c.sourceId, found: c.found })),
  };
}

/** How long the front page trusts "no first crawl" before asking again: a source added later starts one. */
export const FIRST_CRAWL_RECHECK_MS = 30_000;

/**
 * The sources in their first crawl, for the notice. While there are some, the front page is rendered for each request:
 * its notice follows the crawl's state, which ends without an article changing, so the render cache
 * (which follows articles) would keep saying "still running". Once none is, the answer is reused for
 * FIRST_CRAWL_RECHECK_MS, so the front page costs no more than before.
 */
export function firstCrawlWatch(deps: Pick<FirstCrawlSource, 'firstCrawls'> & { clock: Clock }): () => Promise<FirstCrawl[]> {
  let quietUntil = -Infinity;
  return async () => {
    if (deps.clock.now() < quietUntil) return [];
    const crawls = await deps.firstCrawls();
    if (crawls.length === 0) quietUntil = deps.clock.now() + FIRST_CRAWL_RECHECK_MS;
    return crawls;
  };
}
