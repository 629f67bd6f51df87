/** The site: HTML pages, the feed XSLT, the stylesheet, icons and manifest. Serve's routes and data call these. */
export { siteAssets, PNG_SIZES, type AssetUrls, type SiteAssets } from './assets.js';
export type { Site } from './layout.js';
export type { FeedSummary, Headline } from './parts.js';
export { renderFront, FRONT_TOPICS, type FirstCrawlView, type FrontPage } from './front.js';
export { renderFeedPage, type FeedPageView } from './feed-page.js';
export { renderSearch, type SearchView } from './search.js';
export { renderNotFound } from './not-found.js';
