/**
 * A Fetcher that records every fetch it makes: source, host, outcome class
 * and latency (retries included, as the crawl waits for them). Wrapping
 * keeps prom-client out of the fetch stage; it lives with the roles, not in
 * metrics/, so the registry every role loads does not load the HTTP client
 * (undici) into a scheduler or a server.
 */
import type { Clock } from '../core/clock.js';
import { FetchError, type Fetcher } from '../fetch/index.js';
import type { Metrics } from '../metrics/index.js';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
}

export function instrumentFetcher(fetcher: Fetcher, metrics: Metrics, clock: Clock): Fetcher {
  return {
    async fetch(url, opts) {
      const started = clock.now();
      const observe = (outcome: string): void =>
        metrics.fetch({ sourceId: opts.sourceId, host: hostOf(url), outcome, durationMs: clock.now() - started });
      try {
        const res = await fetcher.fetch(url, opts);
        observe(res.notModified ? 'not-modified' : 'ok');
        return res;
      } catch (error) {
        observe(error instanceof FetchError ? error.failure : 'internal');
        throw error;
      }
    },
    close: (options) => fetcher.close(options),
  };
}
