/**
 * Every Prometheus series bantin exports, in one registry made per process
 * (never prom-client's global one). Stages never see prom-client: they get
 * the narrow methods below, so a metric's name and labels are decided here.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { within } from '../core/within.js';

export type ArticleOutcome = 'new' | 'updated' | 'unchanged';

export interface FetchObservation {
  sourceId: string;
  host: string;
  /** 'ok', or the fetcher's failure class. */
  outcome: string;
  durationMs: number;
}

/** Job counts by BullMQ state (waiting, active, delayed, failed...). */
export type QueueCounts = () => Promise<Record<string, number>>;

/** A render cache's running totals, read at scrape time. */
export type CacheTotals = () => { hits: number; misses: number };

/** Own WebSub hub: active subscribers per topic URL, read from Redis at scrape time. */
export type WebSubSubscribers = () => Promise<Map<string, number>>;

/** Per source and field, the share of recent articles whose value came from the site profile. */
export type ProfileRatios = () => Promise<{ source: string; field: string; ratio: number }[]>;

export interface Metrics {
  fetch(o: FetchObservation): void;
  articles(sourceId: string, outcome: ArticleOutcome, count: number): void;
  /** A field of a stored article was found some other way than the site profile. */
  extractionFallback(sourceId: string, field: string, from: string): void;
  /** JSON-LD blocks skipped because they did not parse even leniently. */
  unreadableJsonLd(sourceId: string, blocks: number): void;
  jobFinished(sourceId: string, status: string, durationMs: number): void;
  schedulerFire(sourceId: string): void;
  /** reason: overlap, not-elected, backoff, paused... */
  schedulerSkip(sourceId: string, reason: string): void;
  feedRequest(format: string, status: number): void;
  /** A retention prune of one source ended: articles trimmed and dropped, bytes freed (store/retention.ts says how they are measured). */
  retentionPruned(sourceId: string, trimmed: number, dropped: number, bytesFreed: number): void;
  redisError(purpose: string): void;
  /** Queue depth is read from Redis at scrape time, not pushed. */
  watchQueue(counts: QueueCounts): void;
  /** A render cache's own totals, read at scrape time. */
  watchRenderCache(totals: CacheTotals): void;
  /** Profile ratios are read from Redis at scrape time, so every process serving /metrics shows every worker's. */
  watchProfileRatios(ratios: ProfileRatios): void;
  /** Own WebSub hub: a verification of intent ended (subscribed, unsubscribed, refused, failed). */
  websubVerification(mode: string, outcome: string): void;
  /** Own WebSub hub: a delivery attempt ended (delivered, retry, failed, skipped); latency from the change when delivered. */
  websubDelivery(outcome: string, latencyMs: number | null): void;
  watchWebSubSubscribers(read: WebSubSubscribers): void;
  /** The Prometheus text exposition. */
  text(): Promise<string>;
  readonly contentType: string;
}

const LATENCY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** How long a scrape waits for the queue's depth, or for the profile ratios. */
const QUEUE_SCRAPE_TIMEOUT_MS = 1000;
const JOB_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

export function createMetrics(): Metrics {
  const p = 'bantin_';
  const registry = new Registry();
  const registers = [registry];
  // Process CPU, memory, event-loop lag, GC: what an operator checks first when a role misbehaves.
  collectDefaultMetrics({ register: registry });

  const fetches = new Counter({ name: `${p}fetches_total`, help: 'HTTP fetches of the crawl by source, host and outcome class', labelNames: ['source', 'host', 'outcome'], registers });
  const fetchSeconds = new Histogram({ name: `${p}fetch_duration_seconds`, help: 'Fetch latency, retries included', labelNames: ['source', 'outcome'], buckets: LATENCY_BUCKETS, registers });
  const articles = new Counter({ name: `${p}articles_total`, help: 'Articles crawled by source and outcome', labelNames: ['source', 'outcome'], registers });
  const fallbacks = new Counter({ name: `${p}extraction_fallbacks_total`, help: 'Stored article fields not found by the site profile', labelNames: ['source', 'field', 'from'], registers });
  const unreadableLd = new Counter({ name: `${p}jsonld_unreadable_total`, help: 'JSON-LD blocks skipped because they did not parse even leniently', labelNames: ['source'], registers });
  const jobSeconds = new Histogram({ name: `${p}job_duration_seconds`, help: 'Crawl run durations by source and status', labelNames: ['source', 'status'], buckets: JOB_BUCKETS, registers });
  const fires = new Counter({ name: `${p}scheduler_fires_total`, help: 'Scheduled runs enqueued', labelNames: ['source'], registers });
  const skips = new Counter({ name: `${p}scheduler_skips_total`, help: 'Scheduled ticks not enqueued, by reason', labelNames: ['source', 'reason'], registers });
  const retentionArticles = new Counter({ name: `${p}retention_articles_total`, help: 'Articles past retention trimmed or dropped, by source and action', labelNames: ['source', 'action'], registers });
  const retentionBytes = new Counter({ name: `${p}retention_freed_bytes_total`, help: 'Redis memory freed by retention, by source', labelNames: ['source'], registers });
  const feedRequests = new Counter({ name: `${p}feed_requests_total`, help: 'Feed requests by format and status', labelNames: ['format', 'status'], registers });
  const cacheTotals: CacheTotals[] = [];
  new Counter({
    name: `${p}render_cache_total`,
    help: 'Render cache lookups by result',
    labelNames: ['result'],
    registers,
    collect() {
      const sum = { hit: 0, miss: 0 };
      for (const totals of cacheTotals) {
        const t = totals();
        sum.hit += t.hits;
        sum.miss += t.misses;
      }
      this.reset();
      this.inc({ result: 'hit' }, sum.hit);
      this.inc({ result: 'miss' }, sum.miss);
    },
  });
  const redisErrors = new Counter({ name: `${p}redis_errors_total`, help: 'Redis connection errors by connection purpose', labelNames: ['purpose'], registers });

  const queues: QueueCounts[] = [];
  new Gauge({
    name: `${p}queue_jobs`,
    help: 'Crawl queue jobs by state',
    labelNames: ['state'],
    registers,
    async collect() {
      this.reset();
      for (const counts of queues) {
        // With Redis away the queue's commands wait for it to come back; a scrape must not wait with them,
        // or /metrics goes dark exactly when it matters. The series is left out instead (Redis errors count it).
        const got = await within(counts().catch(() => null), QUEUE_SCRAPE_TIMEOUT_MS, null);
        if (got === null) continue;
        for (const [state, n] of Object.entries(got)) this.inc({ state }, n);
      }
    },
  });

  const ratios: ProfileRatios[] = [];
  new Gauge({
    name: `${p}profile_field_ratio`,
    help: 'Share of the last articles whose field came from the site profile (below 0.5: profile drift)',
    labelNames: ['source', 'field'],
    registers,
    async collect() {
      this.reset();
      for (const read of ratios) {
        // Left out while Redis is away, as the queue depth is: a scrape never waits on Redis.
        const got = await within(read().catch(() => null), QUEUE_SCRAPE_TIMEOUT_MS, null);
        if (got === null) continue;
        for (const r of got) this.set({ source: r.source, field: r.field }, r.ratio);
      }
    },
  });

  const websubVerifications = new Counter({ name: `${p}websub_verifications_total`, help: 'Own hub: verifications of intent by mode and outcome', labelNames: ['mode', 'outcome'], registers });
  const websubDeliveries = new Counter({ name: `${p}websub_deliveries_total`, help: 'Own hub: delivery attempts by outcome', labelNames: ['outcome'], registers });
  const websubLatency = new Histogram({ name: `${p}websub_delivery_seconds`, help: 'Own hub: from the change being seen to its delivery, retries included', buckets: LATENCY_BUCKETS, registers });
  const websubReaders: WebSubSubscribers[] = [];
  new Gauge({
    name: `${p}websub_subscriptions`,
    help: 'Own hub: active subscriptions per topic (feed URL path and query)',
    labelNames: ['topic'],
    registers,
    async collect() {
      this.reset();
      for (const read of websubReaders) {
        // Left out while Redis is away, as the queue depth is.
        const got = await within(read().catch(() => null), QUEUE_SCRAPE_TIMEOUT_MS, null);
        if (got === null) continue;
        for (const [topic, n] of got) {
          const u = new URL(topic);
          this.inc({ topic: `${u.pathname}${u.search}` }, n);
        }
      }
    },
  });

  return {
    contentType: registry.contentType,
    websubVerification(mode, outcome) {
      websubVerifications.inc({ mode, outcome });
    },
    websubDelivery(outcome, latencyMs) {
      websubDeliveries.inc({ outcome });
      if (latencyMs !== null) websubLatency.observe(latencyMs / 1000);
    },
    watchWebSubSubscribers(read) {
      websubReaders.push(read);
    },
    fetch(o) {
      fetches.inc({ source: o.sourceId, host: o.host, outcome: o.outcome });
      fetchSeconds.observe({ source: o.sourceId, outcome: o.outcome }, o.durationMs / 1000);
    },
    articles(sourceId, outcome, count) {
      if (count > 0) articles.inc({ source: sourceId, outcome }, count);
    },
    extractionFallback(sourceId, field, from) {
      fallbacks.inc({ source: sourceId, field, from });
    },
    unreadableJsonLd(sourceId, blocks) {
      unreadableLd.inc({ source: sourceId }, blocks);
    },
    jobFinished(sourceId, status, durationMs) {
      jobSeconds.observe({ source: sourceId, status }, durationMs / 1000);
    },
    schedulerFire(sourceId) {
      fires.inc({ source: sourceId });
    },
    schedulerSkip(sourceId, reason) {
      skips.inc({ source: sourceId, reason });
    },
    retentionPruned(sourceId, trimmed, dropped, bytesFreed) {
      retentionArticles.inc({ source: sourceId, action: 'trimmed' }, trimmed);
      retentionArticles.inc({ source: sourceId, action: 'dropped' }, dropped);
      retentionBytes.inc({ source: sourceId }, bytesFreed);
    },
    feedRequest(format, status) {
      feedRequests.inc({ format, status: String(status) });
    },
    watchRenderCache(totals) {
      cacheTotals.push(totals);
    },
    redisError(purpose) {
      redisErrors.inc({ purpose });
    },
    watchQueue(counts) {
      queues.push(counts);
    },
    watchProfileRatios(read) {
      ratios.push(read);
    },
    text: () => registry.metrics(),
  };
}
