/**
 * `bantin sources add` on a site where no field has a selector that holds
 * on 80% of the pages (class names hashed per page, a layout that shifts):
 * it still writes a source that works, on the generic extraction alone,
 * and says so.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bantin } from '../support/cli.js';
import { ROOT } from '../support/config-copy.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let site: FixtureSite;
let dir: string;

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  REDIS_URL: redis.url,
  BANTIN_CONFIG: path.join(dir, 'config'),
  BANTIN_FEEDS: path.join(ROOT, 'feeds'),
  BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
  LOG_LEVEL: 'silent',
});

const AUTHORS = ['Minh An', 'Thu Trang', 'Quốc Việt', 'Hải Yến', 'Đức Anh'];
const articles = AUTHORS.map((author, i) => ({
  n: i + 1,
  path: `/tin/ban-tin-so-${i + 1}-ve-giao-thong-do-thi.html`,
  title: `Bản tin số ${i + 1} về giao thông đô thị`,
  author,
}));
/** A build hash: a different class name on every page. */
const hash = (n: number, k: number): string => `c${((n * 7919 + k * 104729) % 46656).toString(36)}`;
const prose = (n: number): string =>
  [
    `Sáng nay, lực lượng chức năng đã phân luồng giao thông tại nhiều tuyến phố trung tâm để phục vụ thi công công trình số ${n}, người dân được khuyến cáo đi theo các tuyến đường thay thế.`,
    'Theo đơn vị thi công, công trình sẽ hoàn thành trong vòng ba tháng, đảm bảo an toàn và hạn chế tối đa ảnh hưởng đến sinh hoạt của người dân sống dọc tuyến đường.',
    'Cơ quan quản lý cho biết sẽ tăng cường kiểm tra, xử lý nghiêm các trường hợp vi phạm trật tự an toàn giao thông trong thời gian phân luồng.',
  ]
    .map((p) => `<p>${p}</p>`)
    .join('');

beforeAll(async () => {
  redis = await startTestRedis();
  dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-generic-only-'));
  const root = path.join(dir, 'site');
  await mkdir(path.join(root, 'tin'), { recursive: true });
  await mkdir(path.join(dir, 'config/sources'), { recursive: true });
  await copyFile(path.join(ROOT, 'config/taxonomy.yaml'), path.join(dir, 'config/taxonomy.yaml'));
  const links = articles.map((a) => `<div><a href="${a.path}">${a.title}</a></div>`).join('');
  await writeFile(path.join(root, 'index.html'), `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin Đô Thị</title></head><body>${links}</body></html>`);
  for (const a of articles) {
    const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: a.title, datePublished: `2026-11-2${a.n}T08:00:00+07:00`, author: { '@type': 'Person', name: a.author } };
    // A different number of blocks before the body on each page: no position holds either.
    const spacers = Array.from({ length: a.n }, (_, k) => `<div class="${hash(a.n, k)}">Quảng cáo ${k}</div>`).join('');
    const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${a.title}</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body>${spacers}<div class="${hash(a.n, 99)}">${prose(a.n)}</div></body></html>`;
    await writeFile(path.join(root, a.path), html);
  }
  site = await startFixtureSite(root);
});
afterAll(async () => {
  await site.close();
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
});

it('still writes a working source on the generic extraction, and says so', async () => {
  const r = await bantin(['sources', 'add', site.origin, '--id', 'dothi', '--min-interval-ms', '0', '--write'], env());
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('no field has a stable selector on 80% of the pages: the source relies on the generic extraction (empty profile selectors)');
  const yaml = parseYaml(await readFile(path.join(dir, 'config/sources/dothi.yaml'), 'utf8')) as { profile: Record<string, unknown> & { cases: unknown[] } };
  for (const field of ['title', 'lead', 'byline', 'published', 'breadcrumb', 'tags', 'body']) expect(yaml.profile[field], field).toBeUndefined();
  expect(yaml.profile.cases).toHaveLength(5);

  const check = await bantin(['check-config'], env());
  expect(check.stdout).toContain('profile cases: 5 passed, 0 failed');
  const crawl = await bantin(['crawl', '--once', '--source', 'dothi'], env());
  expect(crawl.code).toBe(0);
  expect(crawl.stdout).toMatch(/dothi: ok: discovered 5, fetched 5, new 5/);
}, 90_000);
