/**
 * What a run will fetch: every new link discovery found, then a few known
 * ones to pick up corrections, bounded by the source's per-run maximum.
 * A backfill (`pages` set) fetches every new link of the pages it was asked
 * to walk and nothing it has already: an interrupted backfill, run again,
 * goes on where it stopped.
 */
import type { SourceConfig } from '../config/index.js';
import type { Logger } from '../core/log.js';
import { discover, type DiscoveredLink, type DiscoveryFailure, type DiscoveryPart } from '../discover/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { ArticleStore } from '../store/index.js';

/** Known URLs re-checked per run for corrections, after every new one. */
export const RECHECK_PER_RUN = 20;

export interface CrawlPlan {
  discovered: number;
  failures: DiscoveryFailure[];
  links: DiscoveredLink[];
}

export async function planCrawl(
  source: SourceConfig,
  deps: { fetcher: Fetcher; store: ArticleStore; log: Logger },
  pages: number | null,
  parts: readonly DiscoveryPart[] | null = null,
): Promise<CrawlPlan> {
  // Asked once per URL: discovery asks about listing links to stop paging, the plan about every link.
  const answers = new Map<string, Promise<boolean>>();
  const isKnown = (url: string): Promise<boolean> => {
    let answer = answers.get(url);
    if (answer === undefined) answers.set(url, (answer = deps.store.hasUrl(url)));
    return answer;
  };
  const found = await discover(source, {
    fetcher: deps.fetcher,
    isKnown,
    log: deps.log,
    mode: { ...(pages === null ? {} : { backfillPages: pages }), ...(parts === null ? {} : { parts }) },
  });
  const known = await Promise.all(found.links.map((l) => isKnown(l.url)));
  const fresh = found.links.filter((_, i) => !known[i]);
  if (pages !== null) return { discovered: found.links.length, failures: found.failures, links: fresh };
  const recheck = found.links.filter((_, i) => known[i]).slice(0, RECHECK_PER_RUN);
  return {
    discovered: found.links.length,
    failures: found.failures,
    links: [...fresh, ...recheck].slice(0, source.discovery.maxArticlesPerRun),
  };
}
