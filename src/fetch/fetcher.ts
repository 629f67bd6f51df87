/**
 * The fetcher: every HTTP request of the crawl goes through here, so every
 * request is polite (robots.txt, per-host budget, Retry-After), guarded
 * (SSRF), bounded (timeouts, body cap, redirects) and, when it fails,
 * classified.
 */
import type { RedisClient } from '../redis/client.js';
import net from 'node:net';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { guarded, unlessUnavailable } from '../core/unavailable.js';
import { bareHost, isBlockedAddress } from './address-guard.js';
import { charsetOf } from '../core/charset.js';
import { checkExpectation, type Expectation } from './content.js';
import { FetchError, isRetryable } from './errors.js';
import { createPoliteness } from './politeness.js';
import { backoffMs, retryAfterUntil } from './retry.js';
import { createRobots, type RobotsGetter } from './robots.js';
import { createTransport, type RawResponse } from './transport.js';
import { conditionalHeaders, loadValidators, saveValidators, type Validators } from './validators.js';

export interface FetchOptions {
  sourceId: string;
  expect: Expectation;
  /** Send the stored ETag/Last-Modified and store the new ones. Default: true for feeds, false otherwise (pass true for listings). */
  conditional?: boolean;
}

export interface FetchResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** A conditional request answered 304: `body` is empty, nothing changed. */
  notModified: boolean;
  /** The Content-Type header as sent, parameters included. */
  contentType: string | null;
  /** From the header, a byte-order mark, or `<meta charset>`/XML declaration; null when none says. */
  charset: string | null;
  /** Decompressed. */
  body: Buffer;
  /** Lower-cased names. */
  headers: Record<string, string>;
}

export interface Fetcher {
  fetch(url: string, opts: FetchOptions): Promise<FetchResponse>;
  /** Waits for requests in flight, or with `abort` (a shutdown past its deadline) cuts them off. */
  close(options?: { abort?: boolean }): Promise<void>;
}

export interface SourcePoliteness {
  minIntervalMs: number;
  concurrency: number;
  /** Hosts this source may reach even when they resolve to private addresses. */
  allowHosts?: string[];
}

export interface FetcherDeps {
  redis: RedisClient;
  prefix: string;
  clock: Clock;
  log: Logger;
  /** `bantin/<version> (+<contact URL>)`. */
  userAgent: string;
  /** BANTIN_ALLOW_PRIVATE_NETWORKS: switch the SSRF guard off entirely. */
  allowPrivateNetworks: boolean;
  politeness: (sourceId: string) => SourcePoliteness;
  timeouts?: { connectMs: number; totalMs: number };
  maxBodyBytes?: number;
  /** Extra attempts after the first, for timeouts, connection errors, 5xx and 429. */
  retries?: number;
  /** Injected so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source, injected so tests can pin it. */
  random?: () => number;
  /** A host held longer than this (Retry-After) fails fast as `rate-limited` instead of parking a worker. */
  maxWaitMs?: number;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT: Record<Expectation, string> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  feed: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5',
  any: '*/*',
};

function shouldRetry(error: unknown): error is FetchError {
  if (!(error instanceof FetchError) || !isRetryable(error.failure)) return false;
  // Refused before sending (status null): the host is held longer than any backoff, so retrying only burns attempts.
  return !(error.failure === 'rate-limited' && error.status === null);
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createFetcher(deps: FetcherDeps): Fetcher {
  const { redis, prefix, clock, log, userAgent } = deps;
  const timeouts = deps.timeouts ?? { connectMs: 10_000, totalMs: 30_000 };
  const maxBodyBytes = deps.maxBodyBytes ?? 10 * 1024 * 1024;
  const retries = deps.retries ?? 2;
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const maxWaitMs = deps.maxWaitMs ?? 120_000;
  const leaseMs = timeouts.connectMs + timeouts.totalMs + 5_000;

  const transport = createTransport(timeouts);
  // Their Redis failures are StoreUnavailableError, which the crawl counts and retries like the store's.
  const politeness = guarded('politeness', createPoliteness({ redis, prefix, clock, sleep }));
  const robots = guarded('robots cache', createRobots({ redis, prefix, userAgent }));

  /** Refuses what must never be requested; answers whether the connect-time address check applies. */
  const guardFor = (url: URL, sourceId: string): boolean => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError('blocked-address', url.toString(), `scheme ${url.protocol} is not http or https`);
    }
    const host = bareHost(url.hostname);
    const allowHosts = deps.politeness(sourceId).allowHosts ?? [];
    if (deps.allowPrivateNetworks || allowHosts.includes(host)) return false;
    // IP literals never go through DNS lookup, so the connect-time check would not see them.
    if (net.isIP(host) !== 0 && isBlockedAddress(host)) {
      throw new FetchError('blocked-address', url.toString(), `${host} is not a public address`);
    }
    return true;
  };

  const baseHeaders = (expect: Expectation): Record<string, string> => ({
    'user-agent': userAgent,
    accept: ACCEPT[expect],
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'vi,en;q=0.5',
  });

  const robotsGetter =
    (sourceId: string): RobotsGetter =>
    async (start, maxBytes) => {
      let current = start;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const guarded = guardFor(current, sourceId);
        const res = await transport.send({
          url: current,
          headers: baseHeaders('any'),
          guarded,
          maxBodyBytes: maxBytes,
          readBody: (s) => s >= 200 && s < 300,
        });
        const location = res.headers.location;
        if (!REDIRECTS.has(res.status) || !location) return res;
        current = new URL(location, current);
      }
      // RFC 9309: a robots.txt lost in redirects counts as unavailable, i.e. no rules.
      return { status: 404, body: Buffer.alloc(0) };
    };

  /** One request to one URL: robots, budget, then the wire. */
  const exchange = async (url: URL, opts: FetchOptions, validators: Validators | null): Promise<RawResponse> => {
    const guarded = guardFor(url, opts.sourceId);
    const rules = await robots.forUrl(url, robotsGetter(opts.sourceId));
    if (!rules.allowed(url.toString())) {
      throw new FetchError('robots-denied', url.toString(), rules.refusal ?? 'disallowed by robots.txt');
    }
    const budget = deps.politeness(opts.sourceId);
    const minIntervalMs = Math.max(budget.minIntervalMs, rules.crawlDelayMs ?? 0);
    const slot = await politeness.acquire(url.host, { minIntervalMs, concurrency: budget.concurrency }, { leaseMs, maxWaitMs });
    if (!slot.granted) {
      throw new FetchError('rate-limited', url.toString(), `${url.host} asked us to wait ${Math.ceil(slot.waitMs / 1000)} s more`);
    }
    try {
      if (slot.waitMs > 0) await sleep(slot.waitMs);
      return await transport.send({
        url,
        headers: { ...baseHeaders(opts.expect), ...(validators ? conditionalHeaders(validators) : {}) },
        guarded,
        maxBodyBytes,
        readBody: (status) => status >= 200 && status < 300,
      });
    } finally {
      await unlessUnavailable('politeness release', () => slot.release());
    }
  };

  /** Redirects are followed here, not by undici, so every hop gets the guard, robots and budget. */
  const follow = async (start: URL, opts: FetchOptions, validators: Validators | null): Promise<{ url: URL; res: RawResponse }> => {
    const seen = new Set<string>();
    let current = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (seen.has(current.href)) throw new FetchError('redirect-loop', start.href, `redirects back to ${current.href}`);
      seen.add(current.href);
      const res = await exchange(current, opts, validators);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || location === undefined) return { url: current, res };
      try {
        current = new URL(location, current);
      } catch (error) {
        throw new FetchError('parse-error', current.href, `unreadable Location: ${location}`, res.status, { cause: error });
      }
    }
    throw new FetchError('redirect-loop', start.href, `more than ${MAX_REDIRECTS} redirects`);
  };

  const finish = async (requested: string, final: URL, res: RawResponse, opts: FetchOptions, conditional: boolean): Promise<FetchResponse> => {
    const url = final.toString();
    const contentType = res.headers['content-type'] ?? null;
    const base = { url, status: res.status, contentType, headers: res.headers };
    if (res.status === 304) return { ...base, notModified: true, charset: null, body: Buffer.alloc(0) };
    const retryAfter = retryAfterUntil(res.headers['retry-after'], clock.now());
    if (res.status === 429 || (res.status === 503 && retryAfter !== null)) {
      // The whole host is held, for every worker: the next attempt anywhere waits it out.
      await politeness.hold(final.host, retryAfter ?? clock.now());
      throw new FetchError('rate-limited', url, `answered ${res.status}`, res.status);
    }
    if (res.status >= 500) throw new FetchError('http-5xx', url, `answered ${res.status}`, res.status);
    if (res.status >= 400) throw new FetchError('http-4xx', url, `answered ${res.status}`, res.status);
    if (res.status < 200 || res.status >= 300) throw new FetchError('parse-error', url, `answered ${res.status} without a usable Location`, res.status);
    checkExpectation(opts.expect, contentType, res.body, url, res.status);
    if (conditional) await unlessUnavailable('validators', () => saveValidators(redis, prefix, requested, res.headers));
    return { ...base, notModified: false, charset: charsetOf(contentType, res.body), body: res.body };
  };

  return {
    async fetch(url, opts) {
      let start: URL;
      try {
        start = new URL(url);
      } catch (error) {
        throw new FetchError('parse-error', url, 'not a URL', null, { cause: error });
      }
      const conditional = opts.conditional ?? opts.expect === 'feed';
      const validators = conditional ? await unlessUnavailable('validators', () => loadValidators(redis, prefix, start.href)) : null;
      for (let attempt = 1; ; attempt++) {
        try {
          const { url: final, res } = await follow(start, opts, validators);
          return await finish(start.href, final, res, opts, conditional);
        } catch (error) {
          if (!shouldRetry(error) || attempt > retries) throw error;
          const delay = backoffMs(attempt, random);
          log.warn({ url, source: opts.sourceId, failure: error.failure, attempt, delayMs: delay }, 'fetch failed, retrying');
          await sleep(delay);
        }
      }
    },
    close: (options) => transport.close(options),
  };
}
