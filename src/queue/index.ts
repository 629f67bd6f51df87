export { createCrawlQueue, RUN_JOB_OPTIONS, type CrawlQueue } from './queue.js';
export { createCrawlWorker, RunFailedError, type CrawlWorkerDeps, type RunResult } from './worker.js';
export { QUEUE_NAME, runJobId, sourceRunSchema, type SourceRunJob } from './jobs.js';
