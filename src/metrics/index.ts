/**
 * Observability: one metrics registry per process, made by the entry point
 * and passed to whatever records into it, and the `/metrics` sub-app.
 */
export { createMetrics, type Metrics, type FetchObservation, type ArticleOutcome, type QueueCounts, type CacheTotals, type ProfileRatios, type WebSubSubscribers } from './metrics.js';
export { createMetricsApp } from './http.js';
export { instrumentFetcher } from './fetcher.js';
