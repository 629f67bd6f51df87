/**
 * One page of a feed from the store: newest first, after the cursor, with
 * the keyword filter, the feed's own rules and its story mode applied, and
 * the other copies of each item's story. Reads one item more than asked to
 * know whether an older page exists.
 */
import type { Article } from '../core/article.js';
import { isoToMs } from '../core/time.js';
import type { ArticleStore, Cursor } from '../store/index.js';
import type { FeedSpec } from './catalog.js';
import { matchesAll, queryWords } from './fold.js';
import type { FeedQuery } from './params.js';
import { leadCopy, storyMembers } from './stories.js';

export interface FeedPage {
  items: Article[];
  /** Where the next (older) page starts; null on the last page. */
  next: Cursor | null;
  /** By item id: the other copies of its story in this feed, oldest first. */
  copies: Map<string, Article[]>;
}

/** A keyword search reads at most this many records per request, then hands out a cursor to go on. */
const SCAN_LIMIT = 2000;
const SCAN_BATCH = 200;

const cursorOf = (a: Article): Cursor => ({ publishedMs: isoToMs(a.publishedAt), id: a.id });

function searchable(a: Article): string {
  return [a.title, a.lead, a.contentText, ...a.authors, ...a.tags.map((t) => t.name), a.section?.name ?? ''].join('\n');
}

type FeedSource = Pick<FeedSpec, 'kind' | 'slug' | 'streams' | 'filter' | 'accepts' | 'stories' | 'sourceOrder'>;

/** Every copy of one story, newest first: a story is short, so it is one page. */
async function storyPage(store: ArticleStore, spec: FeedSource, query: FeedQuery): Promise<FeedPage> {
  const members = await storyMembers(store, [], spec.accepts, [spec.slug]);
  const items = [...(members.get(spec.slug) ?? [])].reverse().slice(0, query.limit);
  return { items, next: null, copies: copiesOf(items, members) };
}

function copiesOf(items: readonly Article[], members: ReadonlyMap<string, Article[]>): Map<string, Article[]> {
  const out = new Map<string, Article[]>();
  for (const a of items) {
    const others = (members.get(a.storyId) ?? []).filter((m) => m.id !== a.id);
    if (others.length > 0) out.set(a.id, others);
  }
  return out;
}

export async function loadFeedPage(store: ArticleStore, spec: FeedSource, query: FeedQuery): Promise<FeedPage> {
  if (spec.kind === 'stories') return storyPage(store, spec, query);
  const oneItemPerStory = (query.stories ?? spec.stories) === 'one';
  const { filter } = spec;
  if (!query.q && filter === null && !oneItemPerStory) {
    const got = await store.list({ streams: spec.streams, limit: query.limit + 1, before: query.before });
    const items = got.slice(0, query.limit);
    const last = items.at(-1);
    const members = await storyMembers(store, items, spec.accepts);
    return { items, next: got.length > query.limit && last ? cursorOf(last) : null, copies: copiesOf(items, members) };
  }
  const words = query.q ? queryWords(query.q) : [];
  const keep = (a: Article): boolean => (filter === null || filter(a)) && (words.length === 0 || matchesAll(searchable(a), words));
  const items: Article[] = [];
  const members = new Map<string, Article[]>();
  let before = query.before;
  let scanned = 0;
  const done = (next: Cursor | null): FeedPage => ({ items, next, copies: copiesOf(items, members) });
  for (;;) {
    const batch = await store.list({ streams: spec.streams, limit: SCAN_BATCH, before });
    const kept = new Set(batch.filter(keep));
    // Copies the search or the rules leave out neither stand for a story nor are linked from it.
    for (const [id, list] of await storyMembers(store, [...kept], (a) => spec.accepts(a) && keep(a))) members.set(id, list);
    for (const a of batch) {
      scanned++;
      // A story's other copies are shown with the copy that stands for it, wherever in the feed that one is.
      const shown = kept.has(a) && (!oneItemPerStory || leadCopy(members.get(a.storyId) ?? [a], spec.sourceOrder).id === a.id);
      if (!shown) {
        before = cursorOf(a);
        continue;
      }
      if (items.length === query.limit) return done(before);
      items.push(a);
      before = cursorOf(a);
    }
    if (batch.length < SCAN_BATCH) return done(null);
    if (scanned >= SCAN_LIMIT) return done(before);
  }
}
