/**
 * The compact record layout (src/store/record-codec.ts): every golden record
 * round-trips exactly; records of the old layout (plain JSON, as earlier
 * versions wrote them) are read by every path and kept right by the scripts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RedisClient } from '../../src/redis/client.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleSchema, type Article } from '../../src/core/article.js';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, decodeRecord, keys, type ArticleStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { layout2Record } from '../support/record-layout-2.js';
import { ROOT } from '../support/config-copy.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: RedisClient;
let store: ArticleStore;
const prefix = 'bt';
const k = keys(prefix);
const RECORDS = path.join(ROOT, 'tests/fixtures/records');
const golden = readdirSync(RECORDS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, record: articleSchema.parse(JSON.parse(readFileSync(path.join(RECORDS, f), 'utf8'))) }));

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  store = createRedisStore({ redis: client, prefix, log: silentLogger() });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

/** What the old layout gave back for a record: its JSON, parsed. */
const oldRead = (a: Article): Article => articleSchema.parse(JSON.parse(JSON.stringify(a)));

/** What an earlier version stored for this article: its JSON. */
async function writeOldLayout(a: Article): Promise<void> {
  await client.set(k.article(a.id), JSON.stringify(a));
}

const layoutOf = async (id: string): Promise<number | undefined> => (await client.getBuffer(k.article(id)))?.[0];
const ids = async (slug: string) => (await store.list({ streams: [{ kind: 'topic', slug }], limit: 20 })).map((a) => a.id);

describe('the compact record layout', () => {
  it('round-trips every golden record exactly, by get and by list', async () => {
    expect(golden.length).toBeGreaterThanOrEqual(6);
    for (const { file, record } of golden) {
      expect(await store.upsert(record), file).toBe('new');
      expect(await layoutOf(record.id), file).toBe(3);
      const back = await store.get(record.id);
      expect(back, file).toEqual(record);
      // Exactly: the same JSON, key order included, as the old layout (the record's JSON) read back.
      expect(JSON.stringify(back), file).toBe(JSON.stringify(oldRead(record)));
      expect(await store.upsert(record), file).toBe('unchanged');
    }
    const listed = await store.list({ streams: [{ kind: 'all' }], limit: 20 });
    for (const { file, record } of golden) expect(JSON.stringify(listed.find((a) => a.id === record.id)), file).toBe(JSON.stringify(oldRead(record)));
  });

  it('stores a realistic record in a fraction of its JSON', async () => {
    const seed = golden.find((g) => g.file === 'kinhtedothi-2019-01-18.json')?.record as Article;
    await store.upsert(seed);
    const stored = (await client.getBuffer(k.article(seed.id))) as Buffer;
    expect(stored.length).toBeLessThan(Buffer.byteLength(JSON.stringify(seed)) * 0.5);
  });

  it('reads records of the old layout by get and list, next to new ones', async () => {
    const a = makeArticle(1);
    const b = makeArticle(2);
    await store.upsert(a);
    await store.upsert(b);
    await writeOldLayout(a);
    expect(await layoutOf(a.id)).toBe(0x7b);
    expect(await store.get(a.id)).toEqual(a);
    expect((await store.list({ streams: [{ kind: 'all' }], limit: 5 })).map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it('reads every golden record as record layout 2 left it, and an update rewrites it in layout 3', async () => {
    for (const { file, record } of golden) {
      expect(await store.upsert(record), file).toBe('new');
      await client.set(k.article(record.id), layout2Record(record));
      expect(await layoutOf(record.id), file).toBe(2);
      expect(JSON.stringify(await store.get(record.id)), file).toBe(JSON.stringify(oldRead(record)));
      expect(await store.upsert(record), file).toBe('unchanged');
      expect(await store.upsert({ ...record, title: `${record.title} (sửa)`, contentHash: 'f'.repeat(64) }), file).toBe('updated');
      expect(await layoutOf(record.id), file).toBe(3);
    }
  });

  it('keeps a body of real Vietnamese text exactly, whatever its case, marks or characters outside every syllable', async () => {
    const seed = golden.find((g) => g.file === 'kinhtedothi-2019-01-18.json')?.record as Article;
    const texts = [
      seed.contentText.toUpperCase(),
      seed.contentText.normalize('NFD'),
      'HÀ Nội, hÀ nội, Hà NỘI: Đà Nẵng đà nẵng ĐÀ NẴNG; Qui Nhơn, Quy Nhơn, hoà, hòa, thuỷ, thủy',
      'İstanbul ǅ ǈ ß ﬁ × ÷ 😀 ௵ \u0000 \n ‘Tết’ — “nguyên đán”…',
      '',
    ];
    for (const [n, contentText] of texts.entries()) {
      const a = makeArticle(n + 1, { contentText, contentHtml: `<p>${contentText}</p>`, lead: contentText.slice(0, 80) });
      await store.upsert(a);
      expect(await layoutOf(a.id)).toBe(3);
      // The storyId may differ: the upper-case and decomposed copies of one text are one story.
      const back = await store.get(a.id);
      expect(back && { ...back, storyId: a.storyId }, JSON.stringify(contentText.slice(0, 40))).toEqual(a);
    }
  });

  it('keeps indexes right when an old-layout record is updated: it moves stream, and is rewritten in the new layout', async () => {
    const a = makeArticle(1, { topics: ['ha-noi', 'giao-thong'], tags: [{ name: 'Giao thông', slug: 'giao-thong' }], category: { name: 'Xã hội', slug: 'xa-hoi' } });
    await store.upsert(a);
    await writeOldLayout(a);
    expect(await store.upsert(a)).toBe('unchanged');
    const moved = { ...a, topics: ['ha-noi', 'kinh-te'], tags: [{ name: 'Kinh tế', slug: 'kinh-te' }], category: null, contentHash: 'e'.repeat(64) };
    expect(await store.upsert(moved)).toBe('updated');
    expect(await ids('giao-thong')).toEqual([]);
    expect(await ids('kinh-te')).toEqual([a.id]);
    expect(await store.count({ kind: 'category', slug: 'xa-hoi' })).toBe(0);
    expect(await layoutOf(a.id)).toBe(3);
    // And from the new layout the same way.
    expect(await store.upsert({ ...moved, topics: ['ha-noi'], tags: [], contentHash: 'd'.repeat(64) })).toBe('updated');
    expect(await ids('kinh-te')).toEqual([]);
    expect(await ids('ha-noi')).toEqual([a.id]);
  });

  it('removes old-layout and new-layout records from every index and URL map', async () => {
    const old = makeArticle(1, { category: { name: 'Kinh tế', slug: 'kinh-te' } });
    const fresh = makeArticle(2, { category: { name: 'Kinh tế', slug: 'kinh-te' } });
    const amp = (a: Article) => a.url.replace('.html', '.amp.html');
    await store.upsert(old, { aliases: [amp(old)] });
    await store.upsert(fresh, { aliases: [amp(fresh)] });
    await writeOldLayout(old);
    for (const a of [old, fresh]) {
      expect(await store.remove(a.id)).toBe(true);
      expect(await store.get(a.id)).toBeNull();
      expect(await store.hasUrl(a.url)).toBe(false);
      expect(await store.hasUrl(amp(a))).toBe(false);
    }
    for (const stream of [{ kind: 'all' }, { kind: 'topic', slug: 'ha-noi' }, { kind: 'source', id: 'kinhtedothi' }, { kind: 'category', slug: 'kinh-te' }] as const) {
      expect(await store.count(stream)).toBe(0);
    }
  });

  it('reads, updates and removes an old-layout record whose JSON starts with whitespace, as the codec reads it', async () => {
    // JSON may start with whitespace (a record written back by hand or by another tool): the scripts must tell
    // its layout by the first byte as the codec does, not take every value not starting with `{` for a compact one.
    const a = makeArticle(1);
    await store.upsert(a);
    await client.set(k.article(a.id), ` ${JSON.stringify(a)}`);
    expect(await store.get(a.id)).toEqual(a);
    expect(await store.upsert(makeArticle(1, { topics: ['kinh-te'], contentHash: 'f'.repeat(64) }))).toBe('updated');
    expect(await ids('ha-noi')).toEqual([]);
    expect(await ids('kinh-te')).toEqual([a.id]);
    expect(await store.remove(a.id)).toBe(true);
    expect(await store.count({ kind: 'all' })).toBe(0);
    expect(await store.hasUrl(a.url)).toBe(false);
  });

  it('keeps the story of a stored record of either layout, and lets a copy join a story whose first copy is old-layout', async () => {
    const text = golden.find((g) => g.file === 'kinhtedothi-2019-01-18.json')?.record as Article;
    const first = makeArticle(1, { lead: text.lead, contentText: text.contentText, contentHtml: text.contentHtml });
    await store.upsert(first);
    await writeOldLayout(first);
    const copy = makeArticle(2, { lead: text.lead, contentText: text.contentText, contentHtml: text.contentHtml });
    await store.upsert(copy);
    expect((await store.get(copy.id))?.storyId).toBe(first.id);
    // Stored again, the copy keeps the story its stored record names (read from the new layout's header).
    expect(await store.upsert({ ...copy, contentHash: 'c'.repeat(64) })).toBe('updated');
    expect((await store.get(copy.id))?.storyId).toBe(first.id);
    expect((await store.storyCopies([first.id])).get(first.id)?.map((a) => a.id)).toEqual([first.id, copy.id]);
  });

  it('reports a compact record that does not inflate as corrupt, and leaves it out of a list', async () => {
    const a = makeArticle(1);
    const b = makeArticle(2);
    await store.upsert(a);
    await store.upsert(b);
    const stored = (await client.getBuffer(k.article(b.id))) as Buffer;
    const cut = stored.subarray(0, stored.indexOf(0x0a) + 3);
    await client.set(k.article(b.id), cut);
    await expect(store.get(b.id)).rejects.toMatchObject({ kind: 'corrupt-record' });
    expect((await store.list({ streams: [{ kind: 'all' }], limit: 5 })).map((x) => x.id)).toEqual([a.id]);
    expect(() => decodeRecord('x', Buffer.from([2, 0x7b, 0x7d]))).toThrow(/header/);
    expect(() => decodeRecord('x', Buffer.from([3, 0x7b, 0x7d]))).toThrow(/header/);
  });
});
