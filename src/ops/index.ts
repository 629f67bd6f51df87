/**
 * Operations: the service both the ops API and the CLI use, the API itself,
 * Bull Board, and the admin guard. The server role mounts the API at `/api`
 * and the board at `/admin/queues`, only when BANTIN_ADMIN_TOKEN is set.
 */
export { createOpsService, UnknownIdError, type OpsService, type OpsDeps, type SourceView, type DriftView, type JobQuery } from './service.js';
export { JOB_STATES, type JobView, type JobState, type RunCounts } from './jobs.js';
export { createOpsApi } from './api.js';
export { createQueueBoard } from './board.js';
export { adminGuard, boardGuard, tokenMatches } from './auth.js';
export { sameOriginWrites } from './origin.js';
export { nextFire } from './next-fire.js';
export { LockHeldError, type LeaseView } from './unlock.js';
