/** The copies of stories as a feed shows them: only copies the feed itself lists, and which one stands for the story. */
import type { Article } from '../core/article.js';
import { isoToMs } from '../core/time.js';
import type { ArticleStore } from '../store/index.js';

/**
 * By story id, the copies of the stories of `items` (and of `storyIds`) that the feed accepts, oldest first.
 * Stories of one copy are left out, except an item's own story, which lists the item.
 */
export async function storyMembers(
  store: ArticleStore,
  items: readonly Article[],
  accepts: (a: Article) => boolean,
  storyIds: readonly string[] = [],
): Promise<Map<string, Article[]>> {
  const wanted = [...new Set([...items.map((a) => a.storyId), ...storyIds])];
  const found = await store.storyCopies(wanted);
  const out = new Map<string, Article[]>();
  for (const id of wanted) {
    const copies = found.get(id);
    if (copies) out.set(id, copies.filter(accepts));
  }
  // A story of one has no index: its copy is the article of its id, when the feed lists it.
  const alone = storyIds.filter((id) => !found.has(id));
  for (const id of alone) {
    const a = await store.get(id);
    if (a && a.storyId === id && accepts(a)) out.set(id, [a]);
  }
  return out;
}

/** The copy that stands for a story: from the source listed first in the feed, else the first published (then by id, so it is stable). */
export function leadCopy(copies: readonly Article[], sourceOrder: readonly string[]): Article {
  const rank = (a: Article): number => {
    const i = sourceOrder.indexOf(a.source);
    return i === -1 ? sourceOrder.length : i;
  };
  const sorted = [...copies].sort((a, b) => rank(a) - rank(b) || isoToMs(a.publishedAt) - isoToMs(b.publishedAt) || (a.id < b.id ? -1 : 1));
  const first = sorted[0];
  if (!first) throw new RangeError('a story has at least one copy');
  return first;
}
