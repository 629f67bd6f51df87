/**
 * Profile drift around the crawl: each new or updated article's outcomes go
 * into its source's window, the transitions the window reports are logged
 * (once, by whichever worker caused them), and the ratios are exported at
 * scrape time from Redis.
 */
import type { SourceConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { coveredWindows, profileObservation, type ArticleResult } from '../crawl/index.js';
import type { Metrics } from '../metrics/index.js';
import { DRIFT_MIN_SAMPLE, type ProfileDriftStore } from '../store/index.js';

export async function recordDrift(
  source: SourceConfig,
  result: ArticleResult,
  deps: { drift?: ProfileDriftStore; clock: Clock; log: Logger },
): Promise<void> {
  // An unchanged re-crawl carries the stored record, extraction and all: counting it would count old pages again.
  if (!deps.drift || result.outcome === 'failed' || result.outcome === 'unchanged') return;
  const observation = profileObservation(source.profile, result.article);
  if (observation.outcomes.length === 0) return;
  let transitions;
  try {
    transitions = await deps.drift.record(source.id, observation, deps.clock.now());
  } catch (err) {
    // The article is stored; losing one outcome of a 50-article window is not worth failing it for.
    deps.log.warn({ err, source: source.id, articleId: result.article.id }, 'profile drift not recorded');
    return;
  }
  for (const t of transitions) {
    const line = { source: source.id, field: t.field, fromProfile: t.profile, counted: t.counted, since: new Date(t.since).toISOString() };
    if (t.kind === 'enter') deps.log.warn(line, 'profile drift began: the site profile finds this field in under half of the recent articles');
    else deps.log.warn(line, 'profile drift ended: the site profile finds this field again');
  }
}

/** `bantin_profile_field_ratio` for every configured source, once its sample is large enough to mean something. */
export function watchProfileDrift(metrics: Metrics, sources: readonly SourceConfig[], drift: ProfileDriftStore): void {
  metrics.watchProfileRatios(async () => {
    const bySource = await Promise.all(sources.map(async (s) => ({ source: s, windows: await drift.read(s.id) })));
    return bySource.flatMap(({ source, windows }) =>
      coveredWindows(source.profile, windows)
        .filter((w) => w.counted >= DRIFT_MIN_SAMPLE)
        .map((w) => ({ source: source.id, field: w.field, ratio: w.profile / w.counted })),
    );
  });
}
