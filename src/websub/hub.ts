/**
 * The hub's HTTP side, for serve: `POST /websub` (hub-app.ts), the status behind `GET /api/websub`, and the
 * callback client itself. Kept out of index.ts, which a worker loads: these bring Hono, the server's feed
 * catalog and undici with them.
 */
export { createHubApp } from './hub-app.js';
export { hubStatus, subscribersPerTopic, type HubStatus } from './status.js';
export { createCallbackClient, callbackProblem, type CallbackClient, type CallbackAnswer } from './callback-client.js';
