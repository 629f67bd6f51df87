/**
 * Observability: one metrics registry per process, made by the entry point
 * and passed to whatever records into it. The `/metrics` endpoint is the
 * roles' (roles/metrics-app.ts): recording needs no HTTP stack.
 */
export { createMetrics, type Metrics, type FetchObservation, type ArticleOutcome, type QueueCounts, type CacheTotals, type ProfileRatios, type WebSubSubscribers } from './metrics.js';
