export { createRedisStore, STORY_COPIES_MAX, type RedisStoreDeps, type StoryOutcome } from './redis-store.js';
export { StoreUnavailableError } from '../core/unavailable.js';
export { watchChanges, type ChangeListener, type StopWatching } from './watch.js';
export { createFeedEpochs, memoryFeedEpochs, type FeedEpochs } from './feed-epochs.js';
export { decodeRecord, encodeRecord, RECORD_LAYOUT } from './record-codec.js';
export { migrateStore, type MigrateOutcome, type MigrateProgress } from './store-migrate.js';
export { checkStore, problems as storeProblems, type CheckReport } from './store-check.js';
export { articleStreams, keys, streamName, parseStreamName, type KeySchema } from './keys.js';
export type { ArticleStore, Stream, StreamFields, Cursor, ListQuery, UpsertOutcome, TopicSummary } from './types.js';
export { createCrawlStateStore, backoffMs, type CrawlState, type CrawlStateStore, type LastRun } from './crawl-state.js';
export {
  createProfileDriftStore,
  DRIFT_MIN_SAMPLE,
  DRIFT_WINDOW,
  type DriftTransition,
  type FieldWindow,
  type ProfileDriftStore,
  type ProfileObservation,
} from './profile-drift.js';
export { pruneSource, pruneSources, type PruneDeps, type PruneMode, type PrunePolicy, type PruneReport } from './retention.js';
export { electFirstCrawl, firstCrawls, releaseFirstCrawl, firstStartSlot, FIRST_START_LEASE_MS, type FirstCrawl, type FirstCrawlDeps } from './first-crawl.js';
