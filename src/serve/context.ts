/** What every route handler gets: the app's dependencies and the per-request basics. */
import type { Context } from 'hono';
import type { AppConfig, Settings } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { ArticleStore, FeedEpochs, FirstCrawl } from '../store/index.js';
import type { RenderCache } from './render-cache.js';
import type { Representation } from './representation.js';
import type { SiteAssets } from './site/index.js';
import { isNotModified, pickEncoding } from './negotiate.js';

/** A cached answer: a prepared body, or a 404 (also invalidated when its stream changes). */
export type Cached = { found: true; rep: Representation } | { found: false; detail: string };

export interface ServeDeps {
  store: ArticleStore;
  config: AppConfig;
  settings: Settings;
  clock: Clock;
  log: Logger;
  cache: RenderCache<Cached>;
  /** When each feed was first asked for: the date of an empty one. */
  epochs: FeedEpochs;
  /** False while Redis is known down (see store-breaker.ts): cached renders are served as they are, without asking it. */
  storeAvailable: () => boolean;
  onFeedRequest: (format: string, status: number) => void;
  /** The sources in their first crawl (store/first-crawl.ts), for the front page's notice (first-crawl.ts). */
  firstCrawls: () => Promise<FirstCrawl[]>;
  /** The stylesheet, script, XSLT and icons, and their URLs. */
  site: SiteAssets;
}

/** The public origin: configured, or taken from the request. No trailing slash. */
export function baseUrl(c: Context, settings: Settings): string {
  const configured = settings.BANTIN_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  // c.req.url is absolute and normalized by the adapter: its origin ends at the first slash after the scheme.
  const url = c.req.url;
  const end = url.indexOf('/', url.indexOf('//') + 2);
  return end === -1 ? url : url.slice(0, end);
}

/** The query string as received, `?` included, or ''. */
export function rawSearch(c: Context): string {
  const url = c.req.url;
  const i = url.indexOf('?');
  return i === -1 ? '' : url.slice(i);
}

/** 200 or 304 from a prepared representation: header lookups only. */
export function respond(c: Context, rep: Representation): Response {
  const enc = pickEncoding(c.req.header('accept-encoding'));
  if (isNotModified(rep, c.req.header('if-none-match'), c.req.header('if-modified-since'))) {
    return new Response(null, { status: 304, headers: rep.headers304[enc] });
  }
  return new Response(rep.body[enc], { status: 200, headers: rep.headers200[enc] });
}
