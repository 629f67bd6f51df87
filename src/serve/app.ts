/**
 * The HTTP surface. createApp only wires routes to the dependencies it is
 * given: it opens no connection and starts no timer, so tests and the
 * process entry point decide what runs.
 */
import { Hono, type Context } from 'hono';
import type { AppConfig, Settings } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { FEED_FORMATS, type FeedFormat } from '../render/index.js';
import { memoryFeedEpochs, type ArticleStore, type FeedEpochs, type FirstCrawl, type Stream } from '../store/index.js';
import { FEED_KINDS } from './catalog.js';
import { baseUrl, respond, type Cached, type ServeDeps } from './context.js';
import { feedHandler } from './feeds.js';
import { readOnly } from './methods.js';
import { prefersHtml } from './negotiate.js';
import { missing } from './missing.js';
import { firstCrawlNotice, firstCrawlWatch } from './first-crawl.js';
import { homePage, opml, topicsJson } from './pages.js';
import { searchPage } from './search-page.js';
import { siteAssets } from './site/index.js';
import { badParam, errorResponse, problemResponse } from './problem.js';
import { uncached, type RenderCache } from './render-cache.js';
import type { Representation } from './representation.js';

export interface AppDeps {
  store: ArticleStore;
  config: AppConfig;
  settings: Settings;
  clock: Clock;
  log: Logger;
  ready: () => Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  /** Sub-apps mounted as they are (`/api/sources`, `/admin/queues`). */
  mounts?: { path: string; app: Hono }[];
  /** When each feed was first asked for (createFeedEpochs); without it, the first time this process was. */
  epochs?: FeedEpochs;
  /** Shared render cache (see createRenderCache); without one every request renders. */
  cache?: RenderCache<Cached>;
  /** False while Redis is known down: feeds rendered before are served from memory without asking it. Always true by default. */
  storeAvailable?: () => boolean;
  /** Told the format and status of every feed request answered (metrics), so serve need not know about them. */
  onFeedRequest?: (format: string, status: number) => void;
  /** The sources in their first crawl, for the front page; none without it. */
  firstCrawls?: () => Promise<FirstCrawl[]>;
}

const ALL: Stream[] = [{ kind: 'all' }];

export function createApp(deps: AppDeps): Hono {
  const serve: ServeDeps = {
    store: deps.store,
    config: deps.config,
    settings: deps.settings,
    clock: deps.clock,
    log: deps.log,
    cache: deps.cache ?? uncached<Cached>(),
    epochs: deps.epochs ?? memoryFeedEpochs(),
    storeAvailable: deps.storeAvailable ?? (() => true),
    onFeedRequest: deps.onFeedRequest ?? (() => undefined),
    firstCrawls: deps.firstCrawls ?? (async () => []),
    site: siteAssets(),
  };
  const app = new Hono();

  /** Pages that change whenever any article does: cached against the `all` stream. */
  const cachedPage = async (c: Context, key: string, produce: () => Promise<Representation>): Promise<Response> => {
    // Like feeds: while Redis is known down, the last render of the page, if there is one.
    const stale = serve.storeAvailable() ? undefined : serve.cache.lastGood(key);
    if (stale?.found) return respond(c, stale.rep);
    const got = await serve.cache.get(key, ALL, async () => ({ found: true, rep: await produce() }));
    if (!got?.found) throw new Error(`page ${key} produced nothing`);
    return respond(c, got.rep);
  };

  app.get('/healthz', (c) => c.json({ ok: true }, 200, { 'cache-control': 'no-store' }));
  app.get('/readyz', async (c) => {
    const r = await deps.ready();
    return c.json(r, r.ok ? 200 : 503, { 'cache-control': 'no-store' });
  });

  const firstCrawling = firstCrawlWatch(serve);
  app.get('/', async (c) => {
    const base = baseUrl(c, serve.settings);
    const notice = serve.storeAvailable()
      ? await firstCrawling().then(
          (crawls) => firstCrawlNotice(serve.config, crawls),
          (err: unknown) => {
            // The page without its notice, from the cache when Redis is slow or going: the notice is not worth a 503.
            serve.log.warn({ err }, 'first-crawl state unreadable: the front page is served without its notice');
            return null;
          },
        )
      : null;
    if (notice !== null) return respond(c, await homePage(serve, base, notice));
    return cachedPage(c, `home|${base}`, () => homePage(serve, base, null));
  });
  app.get('/opml', async (c) => {
    const format = c.req.query('format') ?? 'rss';
    if (!(FEED_FORMATS as readonly string[]).includes(format)) return problemResponse(badParam('format', 'must be rss, atom or json'));
    const base = baseUrl(c, serve.settings);
    const view = prefersHtml(c.req.header('accept'));
    const res = await cachedPage(c, `opml|${format}|${view ? 'view' : 'file'}|${base}`, () => opml(serve, base, format as FeedFormat, view));
    // A file to save, named; a browser is shown its readable view instead (through the XSLT), with a download button.
    res.headers.set('content-disposition', `${view ? 'inline' : 'attachment'}; filename="bantin-${format}.opml"`);
    return res;
  });
  app.get('/search', (c) => searchPage(c, serve));
  for (const path of serve.site.paths) {
    app.get(path, (c) => {
      const rep = serve.site.find(path, c.req.query('v'));
      if (!rep) throw new Error(`asset ${path} is listed but missing`);
      return respond(c, rep);
    });
  }
  app.get('/api/topics', (c) => {
    const base = baseUrl(c, serve.settings);
    return cachedPage(c, `api-topics|${base}`, () => topicsJson(serve, base));
  });
  for (const kind of FEED_KINDS) app.get(`/${kind}/:name`, feedHandler(serve, kind));
  for (const path of ['/', '/opml', '/search', '/api/topics', '/healthz', '/readyz', ...serve.site.paths, ...FEED_KINDS.map((kind) => `/${kind}/:name`)]) readOnly(app, path);

  for (const m of deps.mounts ?? []) app.route(m.path, m.app);

  app.notFound((c) => missing(c, serve, baseUrl(c, serve.settings), 'no such page'));
  app.onError((error) => errorResponse(error, deps.log));
  return app;
}
