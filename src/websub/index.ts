/** The WebSub publisher side: which feeds changed, and telling the hub. */
export { createWebSubPublisher, type WebSubPublisher, type WebSubPublisherDeps } from './publisher.js';
export { affectedFeedUrls } from './affected.js';
