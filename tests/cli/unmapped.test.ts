/**
 * `bantin sources --unmapped`: the sections of each source's stored articles
 * that no `categories:` mapping covers, run as an operator runs it (a child
 * process against a private redis-server holding the articles).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { ROOT } from '../support/config-copy.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const run = promisify(execFile);
const PREFIX = 'unmapped';
let redis: TestRedis;

beforeAll(async () => {
  redis = await startTestRedis();
  const store = createRedisStore({ redis: redis.client(), prefix: PREFIX, log: silentLogger() });
  const section = (name: string, slug: string) => ({ section: { name, slug }, topics: [slug] });
  await store.upsert(makeArticle(1, { ...section('Giao thông', 'giao-thong'), category: { name: 'Đô thị', slug: 'do-thi' } }));
  await store.upsert(makeArticle(2, { ...section('Kinh tế', 'kinh-te'), category: { name: 'Kinh tế', slug: 'kinh-te' } }));
  await store.upsert(makeArticle(3, { ...section('Sống xanh', 'song-xanh'), title: 'Bệnh viện xanh', lead: '' }));
  await store.upsert(makeArticle(4, { ...section('Sống xanh', 'song-xanh'), title: 'Bác sĩ khuyên trồng cây', lead: '' }));
  await store.upsert(makeArticle(5, { ...section('Góc nhìn', 'goc-nhin'), title: 'Một ngày mưa', lead: '' }));
  await store.upsert(makeArticle(6, { section: null, topics: [], title: 'Không chuyên mục' }));
});
afterAll(async () => redis.stop());

async function bantin(args: string[]): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env, REDIS_URL: redis.url, BANTIN_CONFIG: path.join(ROOT, 'config'), BANTIN_FEEDS: path.join(ROOT, 'feeds'), BANTIN_REDIS_PREFIX: PREFIX, LOG_LEVEL: 'silent' };
  try {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/bantin.js'), ...args], { env, cwd: ROOT });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('bantin sources --unmapped', () => {
  it('lists the sections no mapping covers, with what the keyword table made of them, and not the mapped ones', async () => {
    const json = await bantin(['sources', '--unmapped', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      { source: 'kinhtedothi', section: 'Sống xanh', articles: 2, lastSeen: makeArticle(4).publishedAt, placedAs: 'suc-khoe' },
      { source: 'kinhtedothi', section: 'Góc nhìn', articles: 1, lastSeen: makeArticle(5).publishedAt, placedAs: null },
    ]);
    const table = await bantin(['sources', '--unmapped']);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SOURCE\s+SECTION\s+ARTICLES\s+LAST SEEN\s+KEYWORDS GAVE$/);
    expect(lines[1]).toMatch(/^kinhtedothi\s+Sống xanh\s+2\s+\S+\s+suc-khoe$/);
    expect(lines[2]).toMatch(/^kinhtedothi\s+Góc nhìn\s+1\s+\S+\s+-$/);
  }, 60_000);
});
