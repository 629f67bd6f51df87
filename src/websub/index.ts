/**
 * WebSub. With WEBSUB_HUB_URL set, the publisher side: which feeds changed,
 * and telling that hub. Without it, bantin is the hub for its own feeds:
 * `POST /websub` (hub-app.ts), verification and deliveries on the `websub`
 * queue (hub-worker.ts), subscriptions in Redis (subscriptions.ts), and the
 * fan-out after a crawl (notifier.ts).
 */
export { createWebSubPublisher, type WebSubPublisher, type WebSubPublisherDeps } from './publisher.js';
export { affectedFeedUrls } from './affected.js';
export { hubUrlFor, isOwnHub, HUB_PATH } from './hub-url.js';
export { createHubApp } from './hub-app.js';
export { createHubQueue, type HubQueue, type RetryPolicy } from './jobs.js';
export { createSubscriptionStore, websubKeys, type Subscription, type SubscriptionStore } from './subscriptions.js';
export { createDocumentStore, type DocumentStore } from './documents.js';
export { createCallbackClient, type CallbackClient } from './callback-client.js';
export { startHubWorker, type HubWorker, type HubObserver } from './hub-worker.js';
export { createHubNotifier, type HubNotifier, type RenderTopic } from './notifier.js';
export { hubStatus, subscribersPerTopic, type HubStatus } from './status.js';
export { CallbackError, type CallbackFailure } from './errors.js';
export { signature } from './deliver.js';
