/**
 * WebSub, the side a crawling process needs (worker, `crawl --once`). With WEBSUB_HUB_URL set: which feeds
 * changed, and telling that hub. Without it, bantin is the hub for its own feeds: the fan-out after a crawl
 * (notifier.ts), subscriptions in Redis (subscriptions.ts), and the verifications and deliveries on the
 * `websub` queue (hub-worker.ts), whose HTTP client loads on the first request (lazy-callback-client.ts).
 *
 * The hub's HTTP side, `POST /websub` and its status, is in hub.ts, for serve only: it loads Hono and the
 * server's feed catalog, which a worker has no use for (bench:idle).
 */
export { createWebSubPublisher, type WebSubPublisher, type WebSubPublisherDeps } from './publisher.js';
export { affectedFeedUrls, wholeArticlesNeeded, type ChangedArticle } from './affected.js';
export { hubUrlFor, isOwnHub, HUB_PATH } from './hub-url.js';
export { createHubQueue, type HubQueue, type RetryPolicy } from './jobs.js';
export { createSubscriptionStore, websubKeys, type Subscription, type SubscriptionStore } from './subscriptions.js';
export { createDocumentStore, type DocumentStore } from './documents.js';
export { lazyCallbackClient } from './lazy-callback-client.js';
export type { CallbackClient } from './callback-client.js';
export { startHubWorker, type HubWorker, type HubObserver } from './hub-worker.js';
export { createHubNotifier, type HubNotifier, type RenderTopic } from './notifier.js';
export { CallbackError, type CallbackFailure } from './errors.js';
export { signature } from './deliver.js';
