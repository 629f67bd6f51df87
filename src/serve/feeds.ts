/** `/feeds|topics|categories|sources/{slug}[.rss|.atom|.json]`: negotiated, paged, cached feed documents. */
import type { Context } from 'hono';
import { SLUG } from '../core/article.js';
import { toVnIso } from '../core/time.js';
import { slugify } from '../core/slug.js';
import { InputError } from '../core/errors.js';
import { CONTENT_TYPES, newestModified, renderFeed, type FeedDocument, type FeedFormat, type StoryCopy } from '../render/index.js';
import { StoreUnavailableError } from '../store/index.js';
import { topicName } from './topic-name.js';
import { findFeed, SITE_NAME, TAG_AUTHORITY, type FeedKind, type FeedSpec } from './catalog.js';
import { baseUrl, rawSearch, respond, type Cached, type ServeDeps } from './context.js';
import { loadFeedPage } from './feed-page.js';
import { feedKey, readFeedQuery } from './feed-key.js';
import { pickType, prefersHtml } from './negotiate.js';
import { feedSearch, parseFeedQuery, type FeedQuery } from './params.js';
import { missing } from './missing.js';
import { badParam, errorResponse, problemResponse } from './problem.js';
import { buildRepresentation, FEED_CACHE_CONTROL } from './representation.js';
import { feedHtmlPage } from './pages.js';
import { hubUrlFor } from '../websub/hub-url.js';

type Want = FeedFormat | 'html';

const FEED_OFFERS: { type: string; value: Want }[] = [
  { type: 'application/rss+xml', value: 'rss' },
  { type: 'application/atom+xml', value: 'atom' },
  { type: 'application/feed+json', value: 'json' },
  { type: 'application/json', value: 'json' },
  { type: 'application/xml', value: 'rss' },
  { type: 'text/xml', value: 'rss' },
];
// A browser asking for a topic, category or source gets its page; the feed stays the default for everything else.
// Curated feeds and stories have no page of their own: a browser is shown the feed through its XSLT.
const PAGE_OFFERS: { type: string; value: Want }[] = [...FEED_OFFERS, { type: 'text/html', value: 'html' }];
const HAS_PAGE: ReadonlySet<FeedKind> = new Set(['topics', 'categories', 'sources']);
const hasPage = (spec: FeedSpec): spec is FeedSpec & { kind: 'topics' | 'categories' | 'sources' } => HAS_PAGE.has(spec.kind);

/** A feed request as the handler read it; `key` (see feed-key.ts) is null when its query is invalid. */
interface FeedRequest {
  kind: FeedKind;
  name: string;
  ext: FeedFormat | undefined;
  want: Want;
  /** A browser navigating to an RSS or Atom feed: the same document as `application/xml`, which it shows through the XSLT. */
  view: boolean;
  negotiated: boolean;
  search: string;
  base: string;
  key: string | null;
}

const XML_VIEW = 'application/xml; charset=utf-8';
const NAME = /^(.+?)(?:\.(rss|atom|json))?$/;
const TTL_MINUTES = 15;

function document(
  deps: ServeDeps,
  spec: FeedSpec,
  query: FeedQuery,
  page: Awaited<ReturnType<typeof loadFeedPage>>,
  base: string,
  path: string,
  self: string,
  emptyUpdated: string,
): FeedDocument {
  const name = spec.kind === 'topics' ? topicName(spec.slug, page.items) : spec.kind === 'stories' ? (page.items.at(-1)?.title ?? null) : null;
  const sourceName = (id: string): string => deps.config.sources.find((s) => s.id === id)?.name ?? id;
  const copies = new Map(
    [...page.copies].map(([id, list]) => [
      id,
      list.map((c): StoryCopy => ({ id: c.id, url: c.url, title: c.title, source: c.source, sourceName: sourceName(c.source), publishedAt: c.publishedAt })),
    ]),
  );
  const olderUrl = page.next ? `${base}${path}${feedSearch(query, page.next)}` : null;
  return {
    id: `${TAG_AUTHORITY}${spec.kind}/${spec.slug}${query.q ? `?q=${encodeURIComponent(query.q)}` : ''}`,
    title: spec.title ?? `${SITE_NAME} - ${name ?? spec.slug}`,
    description:
      spec.description ?? (spec.kind === 'stories' ? 'Mọi bản đăng của cùng một sự kiện, mới nhất trước.' : `Tin bài về chủ đề ${name ?? spec.slug}, mới nhất trước.`),
    author: spec.author ?? { name: SITE_NAME, uri: `${base}/` },
    links: {
      self,
      alternate: spec.alternate.startsWith('/') ? `${base}${spec.alternate}` : spec.alternate,
      next: olderUrl,
      first: query.before ? `${base}${path}${feedSearch({ ...query, before: null }, null)}` : null,
      hub: hubUrlFor(deps.settings, base),
    },
    ttlMinutes: TTL_MINUTES,
    mode: query.mode,
    categoryScheme: `${base}/topics/`,
    origin: base,
    items: page.items,
    copies,
    emptyUpdated,
    stylesheet: deps.site.urls.xsl,
    icons: {
      favicon: `${base}${deps.site.urls.png(64)}`,
      icon: `${base}${deps.site.urls.png(512)}`,
      rssImage: { url: `${base}${deps.site.urls.png(144)}`, width: 144, height: 144 },
    },
  };
}

export function feedHandler(deps: ServeDeps, kind: FeedKind) {
  // Synchronous on a cache hit: a returned Promise costs the adapter a tick per request on the hottest path.
  return (c: Context): Response | Promise<Response> => {
    const m = NAME.exec(c.req.param('name') ?? '');
    const name = m?.[1] ?? '';
    const ext = m?.[2] as FeedFormat | undefined;
    const negotiated = ext === undefined;
    const want: Want = ext ?? pickType(c.req.header('accept'), HAS_PAGE.has(kind) ? PAGE_OFFERS : FEED_OFFERS);
    const search = rawSearch(c);
    const base = baseUrl(c, deps.settings);
    const query = readFeedQuery(search);
    const accept = c.req.header('accept');
    // Browsers show `application/rss+xml` and `atom+xml` as plain text; a reader never asks for HTML first.
    const view = (want === 'rss' || want === 'atom') && accept !== undefined && accept.includes('text/html') && prefersHtml(accept);
    const key = query === null ? null : feedKey({ kind, name, ext, want: view ? `${want}-view` : want, base }, query);

    if (key !== null) {
      const hit = deps.cache.peek(key);
      // Only canonical, well-formed requests reach the cache, so a cached 404 is as final as a cached feed.
      if (hit) return counted(want, hit.found ? respond(c, hit.rep) : missing(c, deps, base, hit.detail));
      // Redis known down: the last render at once, without waiting on a store that will not answer.
      const stale = deps.storeAvailable() ? undefined : deps.cache.lastGood(key);
      if (stale?.found) return counted(want, respond(c, stale.rep));
    }
    return slowPath(c, { kind, name, ext, want, view, negotiated, search, base, key }).then(
      (res) => counted(want, res),
      (error: unknown) => counted(want, errorResponse(error, deps.log)),
    );
  };

  function counted(format: string, res: Response): Response {
    deps.onFeedRequest(format, res.status);
    return res;
  }

  async function slowPath(c: Context, r: FeedRequest): Promise<Response> {
    const { kind, name, ext, want, view, negotiated, search, base, key } = r;
    const slug = slugify(name);
    const spec = SLUG.test(slug) ? findFeed(deps.config, kind, slug) : null;
    if (!spec) return missing(c, deps, base, `no ${kind} feed named "${name}"`);
    if (slug !== name) {
      // Only to a feed that exists: a redirect to a 404 helps nobody.
      if (kind === 'topics' && (await deps.store.count({ kind: 'topic', slug })) === 0) {
        return missing(c, deps, base, `no topic "${slug}" has articles`);
      }
      return new Response(null, { status: 301, headers: { location: `/${kind}/${slug}${ext ? `.${ext}` : ''}${search}`, 'access-control-allow-origin': '*' } });
    }
    let query: FeedQuery;
    try {
      query = parseFeedQuery(new URLSearchParams(search));
    } catch (error) {
      if (error instanceof InputError) return problemResponse(badParam(error.param, error.problem));
      throw error;
    }
    const path = c.req.path;
    // The query as read, not as sent: parameters the feed does not read are not part of what it is.
    const self = `${base}${path}${feedSearch(query, query.before)}`;
    const produce = async (): Promise<Cached> => {
      const page = await loadFeedPage(deps.store, spec, query);
      if (kind === 'topics' && page.items.length === 0 && (await deps.store.count({ kind: 'topic', slug })) === 0) {
        return { found: false, detail: `no topic "${slug}" has articles` };
      }
      if (kind === 'stories' && page.items.length === 0) return { found: false, detail: `no story "${slug}" has articles` };
      if (want === 'html') {
        if (!hasPage(spec)) throw new Error(`${kind} feeds have no HTML page to negotiate`);
        return { found: true, rep: await feedHtmlPage(deps, spec, query, page, base, negotiated ? ['Accept'] : []) };
      }
      // A feed is dated by its newest item; an empty one by when it was first asked for (never 1970).
      const updated = newestModified(page.items) ?? toVnIso(await deps.epochs.firstAsked(`${kind}/${slug}`, deps.clock.now()));
      const doc = document(deps, spec, query, page, base, path, self, updated);
      const hub = hubUrlFor(deps.settings, base);
      return {
        found: true,
        rep: buildRepresentation({
          text: renderFeed(want, doc),
          contentType: view ? XML_VIEW : CONTENT_TYPES[want],
          lastModified: updated,
          // Every RSS and Atom answer varies on Accept now: a browser is given the XML view.
          varyOn: negotiated || want !== 'json' ? ['Accept'] : [],
          link: `<${hub}>; rel="hub", <${self}>; rel="self"`,
          cacheControl: FEED_CACHE_CONTROL,
        }),
      };
    };
    if (key === null) throw new Error('a valid feed query has a cache key');
    let cached: Cached | null;
    try {
      cached = await deps.cache.get(key, spec.streams, produce);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      // A reader polling while Redis is away gets the last feed it could have had, not an error.
      const last = deps.cache.lastGood(key);
      if (!last?.found) throw error;
      deps.log.debug({ err: error, key }, 'store unavailable: serving the last render of this feed');
      return respond(c, last.rep);
    }
    if (!cached) throw new Error('feed render produced nothing');
    if (!cached.found) return missing(c, deps, base, cached.detail);
    return respond(c, cached.rep);
  }
}
