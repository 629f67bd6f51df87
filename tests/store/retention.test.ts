/**
 * Retention (store/retention.ts): past the cutoff, `trim` keeps an article's metadata, lead and link where it
 * was listed, `drop` takes it out of every index, URL map and its story's index; archive pages go on from the
 * same cursors; a dry run writes nothing; a trimmed article crawled again stays trimmed.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.js';
import { silentLogger } from '../../src/core/log.js';
import { toVnIso } from '../../src/core/time.js';
import { TRIMMED_LINK_TEXT } from '../../src/core/trim.js';
import { reconcile } from '../../src/crawl/index.js';
import { createRedisStore, keys, pruneSource, type ArticleStore, type PruneDeps, type Stream } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { intercept } from '../support/intercept.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { copyOf, SEED } from '../support/story-copies.js';

const prefix = 'rt';
const k = keys(prefix);
const DAY = 86_400_000;
/** makeArticle(n) is published n minutes after this. */
const BASE_MS = Date.parse('2026-01-01T00:00:00+07:00');
/** "Now" for every prune: 100 days after BASE, so a 30-day policy cuts at BASE + 70 days. */
const NOW = BASE_MS + 100 * DAY;
const clock = { now: () => NOW };

let redis: TestRedis;
let client: ReturnType<TestRedis['client']>;
let store: ArticleStore;

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  store = createRedisStore({ redis: client, prefix, log: silentLogger() });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

const deps = (over: Partial<PruneDeps> = {}): PruneDeps => ({ redis: client, prefix, store, clock, dryRun: false, batch: 2, ...over });

/** A body of a real article's size: what trimming is for. */
const BODY = SEED.contentText;

/** Article n published `daysAgo` days before NOW. */
function aged(n: number, daysAgo: number, over: Partial<Article> = {}): Article {
  return makeArticle(n, {
    publishedAt: toVnIso(NOW - daysAgo * DAY),
    topics: ['ha-noi'],
    category: { name: 'Thời sự', slug: 'thoi-su' },
    contentText: `${n}\n\n${BODY}`,
    contentHtml: `<p>${n}</p><p>${BODY}</p>`,
    ...over,
  });
}

const ids = (list: Article[]): string[] => list.map((a) => a.id);

/** Every key this prefix holds and its value, to tell a write from none (on each master, when on a cluster). */
async function snapshot(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  const found = (await Promise.all(nodes.map((n) => n.keys(`${prefix}:*`)))).flat().sort();
  for (const key of found) out.set(key, (await client.dumpBuffer(key))?.toString('base64') ?? '');
  return out;
}

const STREAMS: Stream[] = [
  { kind: 'all' },
  { kind: 'source', id: 'kinhtedothi' },
  { kind: 'topic', slug: 'ha-noi' },
  { kind: 'category', slug: 'thoi-su' },
];

describe('trim', () => {
  it('keeps metadata, lead, link and every listing of an old article, and drops its body', async () => {
    const old = [aged(1, 95), aged(2, 80), aged(3, 71)];
    const young = aged(4, 10);
    for (const a of [...old, young]) await store.upsert(a);
    // As stored: with the story the store gave each (they tell one story, so the copies have the first one's).
    const stored = new Map(await Promise.all([...old, young].map(async (a) => [a.id, (await store.get(a.id)) as Article] as const)));

    const report = await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    expect(report).toMatchObject({ looked: 3, trimmed: 3, dropped: 0, alreadyTrimmed: 0, bytes: 'measured', interrupted: false });
    expect(report.bytesFreed).toBeGreaterThan(0);

    for (const a of old) {
      const got = (await store.get(a.id)) as Article;
      const { contentHtml, contentText, trimmedAt, ...kept } = got;
      const { contentHtml: _h, contentText: _t, ...before } = stored.get(a.id) as Article;
      expect(kept).toEqual(before);
      expect(trimmedAt).toBe(toVnIso(NOW));
      expect(contentHtml).toBe(`<p>${a.lead}</p><p><a href="${a.url}">${TRIMMED_LINK_TEXT}</a></p>`);
      expect(contentText).toBe(`${a.lead}\n\n${a.url}`);
      expect(await store.hasUrl(a.url)).toBe(true);
    }
    expect(await store.get(young.id)).toEqual(stored.get(young.id));
    for (const s of STREAMS) expect(ids(await store.list({ streams: [s], limit: 10 })), s.kind).toEqual(ids([young, ...old.toReversed()]));
  });

  it('is idempotent: a second prune writes nothing, and reads only from where the first left off', async () => {
    for (const a of [aged(1, 95), aged(2, 80), aged(3, 75)]) await store.upsert(a);
    await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    const after = await snapshot();
    const again = await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    // The last record it trimmed is looked at again (the mark is inclusive), none before it.
    expect(again).toMatchObject({ looked: 1, trimmed: 0, alreadyTrimmed: 1, bytesFreed: 0 });
    expect(await snapshot()).toEqual(after);
  });

  it('looks again next time at a record it could not read, and at everything after it', async () => {
    const [a, b, c] = [aged(1, 95), aged(2, 80), aged(3, 75)];
    for (const x of [a, b, c]) await store.upsert(x);
    const stored = (await client.getBuffer(k.article(b.id))) as Buffer;
    await client.set(k.article(b.id), 'not a record');
    const first = await pruneSource(deps({ batch: 1 }), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    expect(first).toMatchObject({ looked: 3, trimmed: 2, corrupt: 1 });
    const again = await pruneSource(deps({ batch: 1 }), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    // a is behind the mark; the unreadable b holds it, so b and c are read again.
    expect(again).toMatchObject({ looked: 3, trimmed: 0, alreadyTrimmed: 2, corrupt: 1 });
    // Put right (by hand, a repair): the next prune trims it.
    await client.set(k.article(b.id), stored);
    const fixed = await pruneSource(deps({ batch: 1 }), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    expect(fixed).toMatchObject({ trimmed: 1, corrupt: 0 });
    expect((await store.get(b.id))?.trimmedAt).toBe(toVnIso(NOW));
  });

  it('starts over when the days change: an article stored whole behind the old mark is trimmed once past the new cutoff', async () => {
    for (const a of [aged(1, 95), aged(2, 75)]) await store.upsert(a);
    await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    // Retention raised to 90 days: an 80-day-old article is stored whole (not past the new cutoff), behind the mark.
    const whole = aged(3, 80);
    await store.upsert(whole);
    const later = { now: () => NOW + 20 * DAY };
    const report = await pruneSource(deps({ clock: later }), { sourceId: 'kinhtedothi', days: 90, mode: 'trim' });
    expect(report).toMatchObject({ trimmed: 1, alreadyTrimmed: 2 });
    expect((await store.get(whole.id))?.trimmedAt).toBe(toVnIso(NOW + 20 * DAY));
  });

  it('skips nothing when a record it has passed leaves the range mid-walk (re-dated by a crawl)', async () => {
    const [a, b, c, d] = [aged(1, 95), aged(2, 90), aged(3, 85), aged(4, 80)];
    for (const x of [a, b, c, d]) await store.upsert(x);
    let reads = 0;
    // Between the first batch and the second, a crawl re-dates `a` to today: out of the range the walk reads.
    const redating = intercept(client, 'zrangebyscore', (read) =>
      (async (...args: Parameters<typeof read>) => {
        if (reads++ === 1) await client.zadd(k.index({ kind: 'source', id: 'kinhtedothi' }), NOW, a.id);
        return read(...args);
      }) as typeof read,
    );
    const report = await pruneSource(deps({ redis: redating, batch: 1 }), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    expect(report).toMatchObject({ trimmed: 4 });
    for (const x of [b, c, d]) expect((await store.get(x.id))?.trimmedAt, x.title).toBe(toVnIso(NOW));
  });

  it('stays trimmed when the page is crawled again, unchanged or edited', async () => {
    const a = aged(1, 95);
    await store.upsert(a);
    await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
    const trimmed = (await store.get(a.id)) as Article;

    // The crawler stores what reconcile gives it: the same page again is nothing new.
    expect(await store.upsert(reconcile(trimmed, a))).toBe('unchanged');
    expect(await store.get(a.id)).toEqual(trimmed);

    const edited = { ...a, title: `${a.title} (cập nhật)`, contentHash: 'f'.repeat(64), contentText: 'Nội dung mới dài hơn nhiều.' };
    expect(await store.upsert(reconcile(trimmed, edited))).toBe('updated');
    const stored = (await store.get(a.id)) as Article;
    expect(stored.title).toBe(edited.title);
    expect(stored.contentText).toBe(`${a.lead}\n\n${a.url}`);
    expect(stored.trimmedAt).toBe(trimmed.trimmedAt);
  });
});

describe('drop', () => {
  it('takes an old article out of every index, the URL maps and its URL set', async () => {
    const gone = aged(1, 95);
    const kept = aged(2, 10);
    await store.upsert(gone, { aliases: ['https://kinhtedothi.vn/amp/bai-viet-so-1.html'] });
    await store.upsert(kept);

    const report = await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode: 'drop' });
    expect(report).toMatchObject({ looked: 1, dropped: 1, trimmed: 0, bytes: 'measured' });
    expect(report.bytesFreed).toBeGreaterThan(0);

    expect(await store.get(gone.id)).toBeNull();
    for (const s of STREAMS) expect(ids(await store.list({ streams: [s], limit: 10 })), s.kind).toEqual([kept.id]);
    expect(await store.hasUrl(gone.url)).toBe(false);
    expect(await store.hasUrl('https://kinhtedothi.vn/amp/bai-viet-so-1.html')).toBe(false);
    expect(await client.exists(k.articleUrls(gone.id))).toBe(0);
    expect(await store.hasUrl(kept.url)).toBe(true);
  });

  it("keeps a story's id valid when its first copy goes: the copies left still list under it", async () => {
    const first = { ...SEED, publishedAt: toVnIso(NOW - 95 * DAY) };
    const copy = copyOf(SEED, 1, { publishedAt: toVnIso(NOW - 5 * DAY), source: 'phapluatxahoi' });
    const later = copyOf(SEED, 2, { publishedAt: toVnIso(NOW - 4 * DAY), source: 'thitruongtaichinh' });
    for (const a of [first, copy, later]) await store.upsert(a);
    expect((await store.get(copy.id))?.storyId).toBe(first.id);

    await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode: 'drop' });

    expect(await store.get(first.id)).toBeNull();
    const copies = (await store.storyCopies([first.id])).get(first.id) ?? [];
    expect(ids(copies)).toEqual([copy.id, later.id]);
    expect(copies.every((c) => c.storyId === first.id)).toBe(true);
    expect(ids(await store.list({ streams: [{ kind: 'story', id: first.id }], limit: 10 }))).toEqual([later.id, copy.id]);
  });

  it('leaves archive pages where they were: the cursor handed out before goes on with what remains', async () => {
    // Ten articles a day apart, 89 to 98 days old; the four oldest are 95 days old or more.
    const all = Array.from({ length: 10 }, (_, i) => aged(i + 1, 98 - i));
    for (const a of all) await store.upsert(a);
    const stream: Stream[] = [{ kind: 'source', id: 'kinhtedothi' }];
    const first = await store.list({ streams: stream, limit: 3 });
    const last = first.at(-1) as Article;
    const cursor = { publishedMs: Date.parse(last.publishedAt), id: last.id };
    const before = await store.list({ streams: stream, limit: 10, before: cursor });

    await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 95, mode: 'drop' });

    expect(ids(await store.list({ streams: stream, limit: 3 }))).toEqual(ids(first));
    const after = await store.list({ streams: stream, limit: 10, before: cursor });
    expect(ids(after)).toEqual(ids(before).slice(0, 3));
    expect(ids(before).slice(3)).toEqual(ids(all.slice(0, 4)).toReversed());
  });

  it("leaves other sources' articles alone", async () => {
    const other = aged(1, 95, { source: 'phapluatxahoi' });
    await store.upsert(other);
    const report = await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode: 'drop' });
    expect(report.looked).toBe(0);
    expect(await store.get(other.id)).toEqual(other);
  });
});

describe('dry run', () => {
  it('changes nothing, and counts what the real prune then does', async () => {
    for (const a of [aged(1, 95), aged(2, 80), aged(3, 71), aged(4, 10), aged(5, 99)]) await store.upsert(a);
    for (const mode of ['trim', 'drop'] as const) {
      const before = await snapshot();
      const dry = await pruneSource(deps({ dryRun: true }), { sourceId: 'kinhtedothi', days: 30, mode });
      expect(await snapshot(), mode).toEqual(before);
      expect(dry.bytes).toBe(mode === 'trim' ? 'estimated' : 'measured');
      expect(dry.bytesFreed, mode).toBeGreaterThan(0);
      if (mode === 'trim') {
        const real = await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode });
        expect(real.trimmed).toBe(dry.trimmed);
        expect(real.trimmed).toBe(4);
      } else {
        const real = await pruneSource(deps(), { sourceId: 'kinhtedothi', days: 30, mode });
        expect(dry.dropped).toBe(4);
        expect(real.dropped).toBe(dry.dropped);
        expect(real.bytesFreed).toBe(dry.bytesFreed);
      }
    }
  });
});
