/**
 * The fetch stage: one Fetcher per process, every HTTP request of the crawl
 * goes through it.
 *
 *   const fetcher = createFetcher({ redis, prefix, clock, log, userAgent, allowPrivateNetworks, politeness });
 *   const res = await fetcher.fetch(url, { sourceId, expect: 'html' | 'feed' | 'any', conditional? });
 *   // res.notModified → a 304 to a conditional request: nothing to parse.
 *   await fetcher.close();
 *
 * Failures are thrown as FetchError; switch on `failure` (a FailureClass),
 * which is also what stats and metrics count.
 */
export { createFetcher, type Fetcher, type FetcherDeps, type FetchOptions, type FetchResponse, type SourcePoliteness } from './fetcher.js';
export { FetchError, FAILURE_CLASSES, isRetryable, type FailureClass } from './errors.js';
export { isBlockedAddress } from './address-guard.js';
export { mediaType, looksLikeHtml, type Expectation } from './content.js';
