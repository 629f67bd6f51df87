/**
 * A trimmed article as feed readers see it: still listed where it was, its lead as the summary and the lead
 * with a link to the original as its content, in RSS, Atom and JSON Feed; a feed rendered before the prune
 * is rendered again (the trim announces its streams like any write).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toVnIso } from '../../src/core/time.js';
import { TRIMMED_LINK_TEXT } from '../../src/core/trim.js';
import { pruneSource } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { SEED } from '../support/story-copies.js';
import { PREFIX, serveStack, type Replica, type ServeStack } from './harness.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T09:00:00+07:00');
const BODY_WORDS = 'Ban Thường vụ Thành ủy';

let redis: TestRedis;
let stack: ServeStack;
let replica: Replica;

beforeAll(async () => {
  redis = await startTestRedis();
  stack = serveStack(redis);
  replica = await stack.replica();
});
afterAll(async () => {
  await replica.stop();
  await redis.stop();
});

it('shows a trimmed article with its lead and a link to the original in every format', async () => {
  const old = makeArticle(1, { publishedAt: toVnIso(NOW - 100 * DAY), contentHtml: SEED.contentHtml, contentText: SEED.contentText });
  const young = makeArticle(2, { publishedAt: toVnIso(NOW - DAY) });
  await stack.store.upsert(old);
  await stack.store.upsert(young);
  const path = '/sources/kinhtedothi';
  const before = await (await replica.app.request(`${path}.json`)).json() as { items: { id: string; content_html?: string }[] };
  expect(before.items.find((i) => i.content_html?.includes(BODY_WORDS))).toBeDefined();

  const seen = replica.changeSeen({ kind: 'source', id: 'kinhtedothi' });
  await pruneSource({ redis: stack.client, prefix: PREFIX, store: stack.store, clock: { now: () => NOW }, dryRun: false }, { sourceId: 'kinhtedothi', days: 30, mode: 'trim' });
  await seen;

  const link = `<a href="${old.url}">${TRIMMED_LINK_TEXT}</a>`;
  const json = await (await replica.app.request(`${path}.json`)).json() as { items: { url: string; summary: string; content_html: string }[] };
  expect(json.items.map((i) => i.url)).toEqual([young.url, old.url]);
  const item = json.items[1] as { summary: string; content_html: string };
  expect(item.summary).toBe(old.lead);
  expect(item.content_html).toContain(link);
  expect(item.content_html).not.toContain(BODY_WORDS);

  for (const format of ['rss', 'atom']) {
    const text = await (await replica.app.request(`${path}.${format}`)).text();
    expect(text, format).toContain(old.lead);
    expect(text, format).toContain(TRIMMED_LINK_TEXT);
    expect(text, format).not.toContain(BODY_WORDS);
  }
});
