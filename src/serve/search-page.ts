/** `/search?q=`: the `?q=` keyword filter of feeds over every article, one item per story, as an HTML page. */
import type { Context } from 'hono';
import { InputError } from '../core/errors.js';
import type { Article } from '../core/article.js';
import type { ServeDeps } from './context.js';
import { respond, baseUrl } from './context.js';
import { loadFeedPage } from './feed-page.js';
import { feedUrls, headlineOf, HTML, page, siteOf } from './pages.js';
import { DEFAULT_LIMIT, feedSearch, parseFeedQuery, type FeedQuery } from './params.js';
import { renderSearch, type FeedSummary, type SearchView } from './site/index.js';

const RESULTS = 20;
/** Results of a search change with every article, and every query is its own page: kept a short while only. */
const SEARCH_CACHE_CONTROL = 'public, max-age=60';

const EVERYTHING = {
  kind: 'feeds' as const,
  slug: 'search',
  streams: [{ kind: 'all' as const }],
  filter: null,
  accepts: (_: Article): boolean => true,
  stories: 'one' as const,
  sourceOrder: [],
};

/** Why a query is refused, in the words of the page. */
const REFUSED: Record<string, string> = {
  q: 'Từ khóa cần từ 1 đến 200 ký tự, và chỉ một ô tìm kiếm.',
  before: 'Liên kết trang này đã hỏng: hãy tìm lại từ đầu.',
};

export async function searchPage(c: Context, deps: ServeDeps): Promise<Response> {
  const base = baseUrl(c, deps.settings);
  const site = siteOf(deps, base);
  const params = new URL(c.req.url).searchParams;
  const q = params.get('q');
  if (q === null || (q.trim() === '' && params.getAll('q').length === 1)) return respond(c, page(renderSearch(site, { state: 'empty' }), HTML, null, [], { cacheControl: SEARCH_CACHE_CONTROL }));
  let query: FeedQuery;
  try {
    // Only what a search reads: other parameters (a form's submit button) change nothing.
    const read = new URLSearchParams([...params].filter(([k]) => k === 'q' || k === 'before'));
    query = { ...parseFeedQuery(read), limit: RESULTS };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const view: SearchView = { state: 'invalid', q, problem: REFUSED[error.param] ?? 'Yêu cầu tìm kiếm không hợp lệ.' };
    return new Response(renderSearch(site, view), { status: 400, headers: { 'content-type': HTML, 'cache-control': 'no-store' } });
  }
  const words = query.q ?? '';
  const found = await loadFeedPage(deps.store, EVERYTHING, query);
  const everything = deps.config.feeds.find((f) => f.include === 'all' && f.exclude.topics.length + f.exclude.sources.length + f.exclude.categories.length + f.exclude.authors.length + f.exclude.keywords.length === 0);
  const suffix = `?q=${encodeURIComponent(words)}`;
  const feed: FeedSummary | null = everything
    ? {
        key: 'search',
        title: `${everything.title}: “${words}”`,
        description: `Bài viết khớp với “${words}”.`,
        pageUrl: null,
        urls: Object.fromEntries(Object.entries(feedUrls(base, `/feeds/${everything.slug}`)).map(([f, u]) => [f, `${u}${suffix}`])) as FeedSummary['urls'],
        count: null,
        updated: null,
      }
    : null;
  const html = renderSearch(site, {
    state: 'results',
    q: words,
    headlines: found.items.map((a) => headlineOf(deps, a)),
    complete: found.next === null && query.before === null,
    olderUrl: found.next === null ? null : `${base}/search${feedSearch({ ...query, limit: DEFAULT_LIMIT }, found.next)}`,
    feed,
  });
  return respond(c, page(html, HTML, null, [], { cacheControl: SEARCH_CACHE_CONTROL }));
}
