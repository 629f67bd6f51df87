export { createCrawlQueue, RUN_JOB_OPTIONS, type CrawlQueue } from './queue.js';
export { createInFlightJobs, type InFlightJobs } from './in-flight.js';
export {
  ARTICLE_JOB_OPTIONS,
  createCrawlWorker,
  RetryLaterError,
  type CrawlWorkerDeps,
  type JobContext,
  type RunResult,
  type RunStart,
} from './worker.js';
export {
  ARTICLE_JOB,
  articleJobId,
  QUEUE_NAME,
  RUN_JOB,
  runJobId,
  sourceRunSchema,
  type ArticleJob,
  type ArticleJobResult,
  type RunMemo,
  type SourceRunJob,
  type SourceRunRequest,
} from './jobs.js';
