/** How feeds show stories: which copy stands for one, its links to the others, and paging that keeps a story once. */
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { Article } from '../../src/core/article.js';
import { silentLogger } from '../../src/core/log.js';
import { createApp } from '../../src/serve/index.js';
import { createRedisStore, type ArticleStore } from '../../src/store/index.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { copyOf, GOLD, HA_NOI_STORIES, SEED } from '../support/story-copies.js';
import { PREFIX, settingsFor, testConfig } from './harness.js';

interface JsonItem {
  title: string;
  content_html: string;
  _bantin: { id: string; source: string; storyId: string; copies: { id: string; source: string }[] };
}
interface JsonFeed {
  items: JsonItem[];
  next_url?: string;
}

let redis: TestRedis;
let store: ArticleStore;
let app: Hono;

const at = (hhmm: string) => `2019-01-18T${hhmm}:00+07:00`;
const get = async (path: string): Promise<JsonFeed> => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as JsonFeed;
};

beforeAll(async () => {
  redis = await startTestRedis();
  store = createRedisStore({ redis: redis.client(), prefix: PREFIX, log: silentLogger() });
  app = createApp({
    store,
    config: testConfig([
      { slug: 'uu-tien', title: 'Ưu tiên', description: 'Nguồn xếp trước đại diện cho sự kiện.', include: { sources: ['thitruongtaichinh', 'kinhtedothi', 'phapluatxahoi'] } },
      { slug: 'tru-plxh', title: 'Trừ PLXH', description: 'Mọi nguồn trừ một.', include: { topics: ['ha-noi'] }, exclude: { sources: ['phapluatxahoi'] } },
    ]),
    settings: settingsFor(),
    clock: new ManualClock(Date.parse('2026-02-01T00:00:00+07:00')),
    log: silentLogger(),
    ready: async () => ({ ok: true, checks: {} }),
  });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

/** The seed story from three papers: kinhtedothi first (17:39), then phapluatxahoi (19:05), then thitruongtaichinh (21:30). */
async function wireStory(): Promise<Article[]> {
  const copies = [
    { ...SEED, publishedAt: at('17:39') },
    copyOf(SEED, 2, { source: 'phapluatxahoi', title: 'Thủ đô đột phá trong công tác cán bộ', publishedAt: at('19:05') }),
    copyOf(SEED, 3, { source: 'thitruongtaichinh', title: 'Hà Nội giảm 74 ban chỉ đạo', publishedAt: at('21:30'), paragraphs: (ps) => ps.slice(0, -1) }),
  ];
  for (const c of copies) await store.upsert(c);
  return copies;
}

describe('one item per story', () => {
  it('stands the first published copy for the story in a curated feed, the others linked from it', async () => {
    const [first, second, third] = await wireStory();
    const feed = await get('/feeds/all.json');
    expect(feed.items.map((i) => i._bantin.id)).toEqual([first?.id]);
    expect(feed.items[0]?._bantin.copies.map((c) => c.id)).toEqual([second?.id, third?.id]);
  });

  it('stands the copy of the source the feed lists first, however late it came', async () => {
    const [first, second, third] = await wireStory();
    const feed = await get('/feeds/uu-tien.json');
    expect(feed.items.map((i) => i._bantin.id)).toEqual([third?.id]);
    expect(feed.items[0]?._bantin.copies.map((c) => c.id)).toEqual([first?.id, second?.id]);
  });

  it('neither shows nor links a copy the feed excludes', async () => {
    const [first, second, third] = await wireStory();
    const feed = await get('/feeds/tru-plxh.json');
    expect(feed.items.map((i) => i._bantin.id)).toEqual([first?.id]);
    expect(feed.items[0]?._bantin.copies.map((c) => c.id)).toEqual([third?.id]);
    expect(JSON.stringify(feed)).not.toContain(second?.url);
  });

  it('lists every copy in topic and source feeds unless ?stories=one, and in curated feeds with ?stories=all', async () => {
    const copies = await wireStory();
    const newestFirst = copies.map((c) => c.id).reverse();
    expect((await get('/topics/ha-noi.json')).items.map((i) => i._bantin.id)).toEqual(newestFirst);
    expect((await get('/topics/ha-noi.json?stories=one')).items.map((i) => i._bantin.id)).toEqual([copies[0]?.id]);
    expect((await get('/feeds/all.json?stories=all')).items.map((i) => i._bantin.id)).toEqual(newestFirst);
    // Every copy still links the others, so a reader of one paper's feed finds the rest.
    const every = await get('/feeds/all.json?stories=all');
    expect(every.items.map((i) => i._bantin.copies.length)).toEqual([2, 2, 2]);
  });

  it('pages a feed so that each story comes once, at its standing copy, and no page is short before the last', async () => {
    // Three stories of three copies each, their copies interleaved in time with the other stories'.
    const texts = [SEED, GOLD, HA_NOI_STORIES[0] as Article];
    const all: Article[] = [];
    for (const [s, text] of texts.entries()) {
      for (let c = 0; c < 3; c++) {
        const hh = String(8 + c * 3 + s).padStart(2, '0');
        const copy = c === 0 ? { ...text, publishedAt: at(`${hh}:00`) } : copyOf(text, 10 * s + c, { publishedAt: at(`${hh}:00`) });
        await store.upsert(copy);
        all.push(copy);
      }
    }
    const seen: string[] = [];
    let next: string | undefined = '/feeds/all.json?limit=1';
    let pages = 0;
    while (next && pages < 10) {
      const page: JsonFeed = await get(next.replace('https://bantin.example', ''));
      seen.push(...page.items.map((i) => i._bantin.id));
      if (page.next_url) expect(page.items).toHaveLength(1);
      next = page.next_url;
      pages++;
    }
    // Newest standing copy first: each story's first published copy, at its own time.
    expect(seen).toEqual([texts[2]?.id, texts[1]?.id, texts[0]?.id]);
  });

  it('answers /stories/{id} with every copy, and 404 for an id no article has', async () => {
    const copies = await wireStory();
    const story = await get(`/stories/${SEED.id}.json`);
    expect(story.items.map((i) => i._bantin.id)).toEqual(copies.map((c) => c.id).reverse());
    // A story of one is its article.
    await store.upsert(GOLD);
    expect((await get(`/stories/${GOLD.id}.json`)).items.map((i) => i._bantin.id)).toEqual([GOLD.id]);
    expect((await app.request('/stories/0000000000000000.rss')).status).toBe(404);
    expect((await app.request('/stories/not-an-id.rss')).status).toBe(404);
  });
});
