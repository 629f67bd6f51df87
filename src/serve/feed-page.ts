/**
 * One page of a feed from the store: newest first, after the cursor, with
 * the keyword filter and the feed's own rules applied. Reads one item more than asked to know whether
 * an older page exists.
 */
import type { Article } from '../core/article.js';
import { isoToMs } from '../core/time.js';
import type { ArticleStore, Cursor, Stream } from '../store/index.js';
import { matchesAll, queryWords } from './fold.js';
import type { FeedQuery } from './params.js';

export interface FeedPage {
  items: Article[];
  /** Where the next (older) page starts; null on the last page. */
  next: Cursor | null;
}

/** A keyword search reads at most this many records per request, then hands out a cursor to go on. */
const SCAN_LIMIT = 2000;
const SCAN_BATCH = 200;

const cursorOf = (a: Article): Cursor => ({ publishedMs: isoToMs(a.publishedAt), id: a.id });

function searchable(a: Article): string {
  return [a.title, a.lead, a.contentText, ...a.authors, ...a.tags.map((t) => t.name), a.section?.name ?? ''].join('\n');
}

/** `filter`: a curated feed's own rules (feed-rules.ts), applied with `?q=` under the same scan bound and cursor. */
export async function loadFeedPage(
  store: ArticleStore,
  streams: Stream[],
  query: FeedQuery,
  filter: ((a: Article) => boolean) | null = null,
): Promise<FeedPage> {
  if (!query.q && filter === null) {
    const got = await store.list({ streams, limit: query.limit + 1, before: query.before });
    const items = got.slice(0, query.limit);
    const last = items.at(-1);
    return { items, next: got.length > query.limit && last ? cursorOf(last) : null };
  }
  const words = query.q ? queryWords(query.q) : [];
  const keep = (a: Article): boolean => (filter === null || filter(a)) && (words.length === 0 || matchesAll(searchable(a), words));
  const items: Article[] = [];
  let before = query.before;
  let scanned = 0;
  for (;;) {
    const batch = await store.list({ streams, limit: SCAN_BATCH, before });
    for (const a of batch) {
      scanned++;
      if (!keep(a)) {
        before = cursorOf(a);
        continue;
      }
      if (items.length === query.limit) return { items, next: before };
      items.push(a);
      before = cursorOf(a);
    }
    if (batch.length < SCAN_BATCH) return { items, next: null };
    if (scanned >= SCAN_LIMIT) return { items, next: before };
  }
}
