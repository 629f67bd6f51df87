export { crawlSource, type CrawlDeps, type CrawlOptions } from './crawl-source.js';
export { reconcile } from './reconcile.js';
export { summarize, type CrawlReport, type CrawlEvent } from './report.js';
