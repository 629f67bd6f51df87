/**
 * The serve stage: the HTTP app and the render cache that follows store
 * changes. The process creates the store, the subscriber connection and the
 * cache, starts the cache, then hands everything to createApp.
 */
export { createApp, type AppDeps } from './app.js';
export { createRenderCache, uncached, type RenderCache, type RenderCacheDeps, type CacheStats } from './render-cache.js';
export type { Cached } from './context.js';
export { FEED_KINDS, type FeedKind } from './catalog.js';
export { feedMembership, type FeedMembership } from './feed-rules.js';
export { answerClientErrors, missingHost, requestErrorResponse } from './node-answers.js';
