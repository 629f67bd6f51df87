export { crawlSource, type CrawlOptions } from './crawl-source.js';
export { crawlArticle, type ArticleLink, type ArticleResult, type CrawlDeps } from './crawl-article.js';
export { planCrawl, RECHECK_PER_RUN, type CrawlPlan } from './plan.js';
export { reconcile } from './reconcile.js';
export { buildReport, countsOf, summarize, type ArticleOutcome, type CrawlReport, type CrawlEvent, type RunCounts } from './report.js';
export { coveredFields, coveredWindows, profileObservation } from './profile-drift.js';
