/**
 * First start: a source that has never run (no last run, no run going) and
 * has no article stored is crawled at once when a scheduler starts, rather
 * than at its first cron slot, so a newcomer sees articles within a minute.
 * Exactly once across schedulers: the run is enqueued only by the one that
 * takes the source's first-start slot (SET NX); a restart while it runs
 * finds the slot taken, or the run's lock, or its last run.
 */
import type { SourceConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { CrawlQueue } from '../queue/index.js';
import { electFirstCrawl, releaseFirstCrawl, type ArticleStore, type CrawlStateStore, type FirstCrawlDeps } from '../store/index.js';

export interface FirstStartDeps {
  sources: readonly Pick<SourceConfig, 'id'>[];
  redis: FirstCrawlDeps['redis'];
  prefix: string;
  clock: Clock;
  crawlState: Pick<CrawlStateStore, 'get'>;
  store: Pick<ArticleStore, 'count'>;
  queue: Pick<CrawlQueue, 'enqueueRun'>;
  log: Logger;
}

/** Whether the source is due a first crawl: never run, not running, not paused, nothing stored. */
async function neverCrawled(deps: FirstStartDeps, sourceId: string): Promise<boolean> {
  const state = await deps.crawlState.get(sourceId);
  if (state.paused || state.lastRun !== null || state.runningJob !== null) return false;
  return (await deps.store.count({ kind: 'source', id: sourceId })) === 0;
}

/** Enqueue the first crawl of every source due one that this scheduler is elected for; returns their ids. */
export async function enqueueFirstCrawls(deps: FirstStartDeps): Promise<string[]> {
  const enqueued: string[] = [];
  for (const { id } of deps.sources) {
    if (!(await neverCrawled(deps, id))) continue;
    if (!(await electFirstCrawl(deps, id))) continue;
    const slot = new Date(deps.clock.now()).toISOString();
    let jobId: string;
    try {
      jobId = await deps.queue.enqueueRun({ sourceId: id, slot, trigger: 'first-start' });
    } catch (err) {
      // Elected but nothing enqueued: give the election back, or the front page would say a crawl runs that never does.
      // The source is left to its cron; the others still get theirs.
      deps.log.error({ err, source: id }, 'first crawl not enqueued: the source waits for its cron');
      await releaseFirstCrawl(deps, id).catch((releaseErr: unknown) => deps.log.error({ err: releaseErr, source: id }, 'cannot give back a first-crawl election'));
      continue;
    }
    deps.log.info({ source: id, jobId }, 'first crawl enqueued: the source never ran and has no article stored');
    enqueued.push(id);
  }
  return enqueued;
}
