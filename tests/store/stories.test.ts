/**
 * Story identity in the store: copies of one story share its id, different
 * stories on the same topic do not, and the id is stable. The texts are the
 * fixture pages read by the real extraction (tests/support/story-copies.ts).
 */
import type { RedisClient } from '../../src/redis/client.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.js';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, keys, type ArticleStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { copyOf, GOLD, HA_NOI_STORIES, SEED } from '../support/story-copies.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { pairScores, shuffled, storyCorpus, type SourceText } from '../support/story-corpus.js';

const prefix = 'bt';

let redis: TestRedis;
let client: RedisClient;
let store: ArticleStore;

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  store = createRedisStore({ redis: client, prefix, log: silentLogger() });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

const storyOf = async (a: Article): Promise<string | undefined> => (await store.get(a.id))?.storyId;

describe('story identity', () => {
  it('gives a wire copy the story of the first stored copy, whatever edits it carries', async () => {
    await store.upsert(SEED);
    const copies = [
      copyOf(SEED, 1, { title: 'Thủ đô đột phá trong công tác cán bộ năm 2018' }),
      copyOf(SEED, 2, { lead: SEED.lead.replace(/^[^,]+, /, '') }),
      copyOf(SEED, 3, { paragraphs: (ps) => [...ps.slice(0, 3), GOLD.contentText.split('\n\n')[0] as string, ...ps.slice(3)] }),
      copyOf(SEED, 4, { paragraphs: (ps) => ps.slice(0, -1) }),
      copyOf(SEED, 5, { paragraphs: (ps) => ['Quang cảnh hội nghị trực tuyến toàn quốc (Ảnh: TTXVN)', ...ps, 'Theo TTXVN'] }),
      copyOf(SEED, 6),
    ];
    for (const c of copies) await store.upsert(c);
    for (const c of copies) expect(await storyOf(c)).toBe(SEED.id);
    expect(await storyOf(SEED)).toBe(SEED.id);
  });

  it('keeps different stories apart, the Hà Nội stories of one paper among them', async () => {
    for (const a of [SEED, GOLD, ...HA_NOI_STORIES]) await store.upsert(a);
    const stories = await Promise.all([SEED, GOLD, ...HA_NOI_STORIES].map(storyOf));
    expect(new Set(stories).size).toBe(2 + HA_NOI_STORIES.length);
    expect(stories).toEqual([SEED, GOLD, ...HA_NOI_STORIES].map((a) => a.id));
  });

  it('keeps a story id for good: a re-crawl with new text, or the copy stored again, changes nothing', async () => {
    await store.upsert(SEED);
    const copy = copyOf(SEED, 1);
    await store.upsert(copy);
    const rewritten = { ...SEED, contentText: GOLD.contentText, contentHtml: GOLD.contentHtml, contentHash: GOLD.contentHash };
    expect(await store.upsert(rewritten)).toBe('updated');
    expect(await storyOf(SEED)).toBe(SEED.id);
    expect(await store.upsert(copy)).toBe('unchanged');
    expect(await storyOf(copy)).toBe(SEED.id);
  });

  it('treats texts too short to tell as stories of their own, even when they are the same', async () => {
    const a = makeArticle(1, { lead: 'Ảnh: TTXVN', contentText: 'Toàn cảnh hội nghị.' });
    const b = makeArticle(2, { lead: 'Ảnh: TTXVN', contentText: 'Toàn cảnh hội nghị.' });
    await store.upsert(a);
    await store.upsert(b);
    expect([await storyOf(a), await storyOf(b)]).toEqual([a.id, b.id]);
  });

  it('lists every copy of a story, oldest first, and forgets a copy that is removed', async () => {
    const first = { ...SEED, publishedAt: '2019-01-18T17:39:00+07:00' };
    await store.upsert(first);
    expect(await store.storyCopies([first.id])).toEqual(new Map());
    const later = { ...copyOf(SEED, 1), publishedAt: '2019-01-18T18:00:00+07:00' };
    const latest = { ...copyOf(SEED, 2), publishedAt: '2019-01-18T19:30:00+07:00' };
    await store.upsert(latest);
    await store.upsert(later);
    const ids = async () => (await store.storyCopies([first.id])).get(first.id)?.map((a) => a.id);
    expect(await ids()).toEqual([first.id, later.id, latest.id]);
    expect(await store.list({ streams: [{ kind: 'story', id: first.id }], limit: 10 })).toHaveLength(3);
    await store.remove(later.id);
    expect(await ids()).toEqual([first.id, latest.id]);
    await store.remove(first.id);
    expect(await ids()).toEqual([latest.id]);
  });

  it('reads a record stored before stories as its own story, and lets later copies find it once it is stored again', async () => {
    const { storyId: _none, ...old } = SEED;
    await client.set(keys(prefix).article(SEED.id), JSON.stringify(old));
    await client.zadd(keys(prefix).index({ kind: 'all' }), Date.parse(SEED.publishedAt), SEED.id);
    expect(await storyOf(SEED)).toBe(SEED.id);
    // Its bands were never written; storing it again (same text: unchanged) writes them.
    expect(await client.get(keys(prefix).storyCount)).toBeNull();
    expect(await store.upsert(SEED)).toBe('unchanged');
    expect(await client.get(keys(prefix).storyCount)).toBe('1');
    const late = copyOf(SEED, 2);
    await store.upsert(late);
    expect(await storyOf(late)).toBe(SEED.id);
  });
});

describe('a labelled corpus generated from the fixture texts', () => {
  it('groups every generated copy with its original and nothing else', async () => {
    const texts: SourceText[] = [SEED, GOLD, ...HA_NOI_STORIES].map((a, i) => ({
      id: a.id,
      group: i < 2 ? a.id : 'ha-noi',
      title: a.title,
      text: [a.lead, a.contentText].join('\n\n'),
    }));
    const items = shuffled(storyCorpus(texts, { seed: 1, copiedShare: 1, maxCopies: 3 }), 2);
    expect(items.length).toBeGreaterThan(texts.length * 2);
    const ids = new Map<string, string>();
    for (const [n, item] of items.entries()) {
      const a = makeArticle(100 + n, { url: `https://bao.example.vn/${encodeURIComponent(item.key)}.html`, title: item.title, lead: item.lead, contentText: item.body });
      await store.upsert(a);
      ids.set(item.key, a.id);
    }
    const storyIds = new Map<string, string>();
    for (const [key, id] of ids) storyIds.set(key, (await store.get(id))?.storyId ?? id);
    const scores = pairScores(items, (key) => storyIds.get(key) as string);
    expect(scores.falsePairs).toEqual([]);
    expect(scores.missedPairs).toEqual([]);
  });
});
