/**
 * WebSub publisher (W3C Recommendation, §7): tells the hub which topic URLs
 * changed, one `hub.mode=publish` POST per URL. Fire-and-forget: publish()
 * returns at once and never throws; failures are retried with exponential
 * backoff and logged, so a slow or broken hub never holds up a crawl.
 */
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { within } from '../core/within.js';

export interface WebSubPublisherDeps {
  hubUrl: string;
  log: Logger;
  clock: Clock;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Resolves after `ms`, or early when `signal` aborts (close). Injected so tests need not sleep. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Attempts per URL, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** POSTs in flight at once. */
  concurrency?: number;
  timeoutMs?: number;
}

export interface WebSubPublisher {
  publish(topicUrls: string[]): void;
  /**
   * Later publish() calls are ignored. With `graceMs`, pings already queued
   * get that long to go out (a CLI crawl that exits right after storing
   * must not lose them); then retries stop and requests in flight end.
   */
  close(graceMs?: number): Promise<void>;
}

function defaultWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    // A pending retry must not keep the process alive on shutdown.
    timer.unref();
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

type Outcome = 'ok' | 'retry' | 'give-up';

export function createWebSubPublisher(deps: WebSubPublisherDeps): WebSubPublisher {
  const doFetch = deps.fetch ?? fetch;
  const wait = deps.wait ?? defaultWait;
  const maxAttempts = deps.maxAttempts ?? 6;
  const baseDelayMs = deps.baseDelayMs ?? 1000;
  const maxDelayMs = deps.maxDelayMs ?? 5 * 60_000;
  const concurrency = deps.concurrency ?? 4;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const log = deps.log;
  const closing = new AbortController();
  /** URLs waiting for a slot: a URL published again before it is sent goes out once. */
  const queued = new Set<string>();
  const running = new Set<Promise<void>>();

  const attempt = async (url: string): Promise<Outcome> => {
    const started = deps.clock.now();
    try {
      const res = await doFetch(deps.hubUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await res.body?.cancel();
      if (res.ok) {
        log.debug({ url, status: res.status, ms: deps.clock.now() - started }, 'websub publish accepted');
        return 'ok';
      }
      // 4xx other than 429 says the request itself is wrong: repeating it cannot help.
      const retry = res.status >= 500 || res.status === 429 || res.status === 408;
      log.warn({ url, status: res.status }, retry ? 'websub hub failed, will retry' : 'websub hub refused the publish');
      return retry ? 'retry' : 'give-up';
    } catch (error) {
      if (closing.signal.aborted) return 'give-up';
      log.warn({ url, err: error }, 'websub hub unreachable, will retry');
      return 'retry';
    }
  };

  const deliver = async (url: string): Promise<void> => {
    for (let n = 1; n <= maxAttempts && !closing.signal.aborted; n++) {
      const outcome = await attempt(url);
      if (outcome !== 'retry') return;
      if (n === maxAttempts) break;
      await wait(Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1)), closing.signal);
    }
    if (!closing.signal.aborted) log.error({ url, attempts: maxAttempts, hub: deps.hubUrl }, 'websub publish given up');
  };

  const pump = (): void => {
    while (running.size < concurrency && queued.size > 0 && !closing.signal.aborted) {
      const url = queued.values().next().value as string;
      queued.delete(url);
      const task = deliver(url)
        .catch((error: unknown) => log.error({ url, err: error }, 'websub publish failed'))
        .finally(() => {
          running.delete(task);
          pump();
        });
      running.add(task);
    }
  };

  return {
    publish(topicUrls) {
      if (closing.signal.aborted) return;
      for (const url of topicUrls) queued.add(url);
      pump();
    },
    async close(graceMs = 0) {
      if (graceMs > 0 && (queued.size > 0 || running.size > 0)) {
        const drained = (async () => {
          while (running.size > 0) await Promise.all([...running]);
        })();
        await within(drained, graceMs, undefined);
      }
      closing.abort();
      queued.clear();
      await Promise.all([...running]);
    },
  };
}
