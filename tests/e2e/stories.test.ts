/**
 * One wire story crawled from three fixture sources (the three shipped
 * Kinhtedothi-CMS sites, each pointed at a fixture site of its own): each
 * paper retitled it and edited it a little. `bantin crawl --once` is a real
 * child process; the server reads the feeds back.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bantin } from '../support/cli.js';
import { ROOT } from '../support/config-copy.js';
import { testContext } from '../support/context.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const SEED = 'tests/fixtures/site/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html';
const SEED_TITLE = 'Hà Nội tạo bước đột phá mới trong công tác cán bộ';
const TOKEN = 'e2e-stories-token-0123456789';

interface Paper {
  source: string;
  name: string;
  path: string;
  title: string;
  edit: (html: string) => string;
}

const PAPERS: Paper[] = [
  { source: 'kinhtedothi', name: 'Kinh tế & Đô thị', path: '/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html', title: SEED_TITLE, edit: (h) => h },
  {
    source: 'phapluatxahoi',
    name: 'Pháp luật & Xã hội',
    path: '/thu-do-dot-pha-trong-cong-tac-can-bo-425700.html',
    title: 'Thủ đô đột phá trong công tác cán bộ năm 2018',
    // Later the same evening, a lead without its first clause, and the agency credited at the end.
    edit: (h) =>
      h
        .replace('18-01-2019 17:39', '18-01-2019 19:05')
        .replace('Kinhtedothi - Sáng 18/1, ', '(PLXH) - ')
        .replace('</p>\n  </div>', '</p>\n<p>Theo TTXVN</p>\n  </div>'),
  },
  {
    source: 'thitruongtaichinh',
    name: 'Thị trường Tài chính',
    path: '/ha-noi-giam-74-ban-chi-dao-va-128-dau-moi-510233.html',
    title: 'Hà Nội giảm 74 ban chỉ đạo, 128 đầu mối',
    // Another caption, and the last paragraph cut.
    edit: (h) =>
      h
        .replace('18-01-2019 17:39', '18-01-2019 21:30')
        .replace('Toàn cảnh hội nghị tại đầu cầu Hội trường Bộ Quốc phòng.', 'Các đại biểu dự hội nghị. Ảnh: TTXVN')
        .replace(/<p>Ngoài ra, năm 2018[^\n]*<\/p>\n/, ''),
  },
];

let redis: TestRedis;
let sites: FixtureSite[];
let work: string;

const rssFor = (p: Paper) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${p.name.replace('&', '&amp;')}</title><link>{{BASE}}/</link><description>${p.name.replace('&', '&amp;')}</description>
<item><title>${p.title}</title><link>{{BASE}}${p.path}</link></item>
</channel></rss>
`;

async function paperSite(p: Paper, seed: string): Promise<FixtureSite> {
  const dir = path.join(work, 'sites', p.source);
  await mkdir(path.join(dir, 'rss'), { recursive: true });
  const page = p.edit(seed.replaceAll('/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html', p.path).replaceAll(SEED_TITLE, p.title));
  await writeFile(path.join(dir, p.path), page);
  // Every feed path a shipped source file names (thitruongtaichinh reads section feeds).
  for (const feed of ['home.rss', 'chung-khoan-182.rss']) await writeFile(path.join(dir, 'rss', feed), rssFor(p));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><html lang="vi"><body><p>Trang chủ</p></body></html>');
  return startFixtureSite(dir);
}

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDIS_URL: redis.url,
    BANTIN_CONFIG: path.join(work, 'config'),
    BANTIN_FEEDS: path.join(ROOT, 'feeds'),
    BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
    BANTIN_ADMIN_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
  };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'bantin-e2e-stories-'));
  redis = await startTestRedis();
  const seed = await readFile(path.join(ROOT, SEED), 'utf8');
  sites = await Promise.all(PAPERS.map((p) => paperSite(p, seed)));
  await cp(path.join(ROOT, 'config'), path.join(work, 'config'), { recursive: true });
  for (const [i, p] of PAPERS.entries()) {
    const file = path.join(work, 'config/sources', `${p.source}.yaml`);
    const yaml = (await readFile(file, 'utf8'))
      .replace(/baseUrl: \S+/, `baseUrl: ${sites[i]?.origin}`)
      .replace(/minIntervalMs: \d+/, 'minIntervalMs: 0')
      .replace(/listings:\n(\s+- .*\n)+/, 'listings: []\n');
    await writeFile(file, yaml);
  }
});
afterAll(async () => {
  await Promise.all(sites.map((s) => s.close()));
  await redis.stop();
  await rm(work, { recursive: true, force: true });
});

describe('a wire story from three papers', () => {
  it('is crawled from each of them', async () => {
    const result = await bantin(['crawl', '--once'], env());
    expect(result.stderr).toBe('');
    for (const p of PAPERS) expect(result.stdout).toMatch(new RegExp(`${p.source}: (ok|partial): discovered 1, fetched 1, new 1`));
  });

  it('appears once in /feeds/all in every format, linking the two other papers, and three times with ?stories=all', async () => {
    const { startServer } = await import('../../src/roles/server.js');
    const ctx = await testContext({ ...env(), PORT: '0', HOST: '127.0.0.1' });
    const server = await startServer(ctx);
    try {
      const get = async (p: string) => {
        const res = await fetch(`${server.url}${p}`);
        expect(res.status, p).toBe(200);
        return res.text();
      };
      const parser = new Parser();
      const others = PAPERS.slice(1).map((p, i) => `<a href="${sites[i + 1]?.origin}${p.path}" title="${p.title}">${p.name.replace('&', '&amp;')}</a>`);

      const rss = await parser.parseString(await get('/feeds/all.rss'));
      expect(rss.items.map((i) => i.title)).toEqual([SEED_TITLE]);
      expect(rss.items[0]?.['content:encoded']).toContain(`<p class="bantin-story">Cùng sự kiện: ${others.join(', ')}</p>`);

      const atom = await get('/feeds/all.atom');
      expect(atom.match(/<entry>/g)).toHaveLength(1);
      expect(atom.match(/<link rel="related"/g)).toHaveLength(2);

      const json = JSON.parse(await get('/feeds/all.json')) as { items: { title: string; content_html: string; _bantin: { storyId: string; copies: { source: string }[] } }[] };
      expect(json.items.map((i) => i.title)).toEqual([SEED_TITLE]);
      const [item] = json.items;
      expect(item?._bantin.copies.map((c) => c.source)).toEqual(['phapluatxahoi', 'thitruongtaichinh']);
      expect((item?.content_html.match(/Cùng sự kiện: (.*)<\/p>/)?.[1] ?? '').match(/<a /g)).toHaveLength(2);

      // The Hà Nội feed is curated too: the story once there as well.
      expect((await parser.parseString(await get('/feeds/ha-noi.rss'))).items.map((i) => i.title)).toEqual([SEED_TITLE]);

      const every = JSON.parse(await get('/feeds/all.json?stories=all')) as { items: { title: string }[] };
      expect(every.items.map((i) => i.title)).toEqual(PAPERS.map((p) => p.title).reverse());
      // A source feed lists its own copy; ?stories=one changes nothing where a feed holds one copy.
      const own = JSON.parse(await get('/sources/phapluatxahoi.json')) as { items: { title: string }[] };
      expect(own.items.map((i) => i.title)).toEqual([PAPERS[1]?.title]);

      const storyId = item?._bantin.storyId ?? '';
      for (const format of ['rss', 'atom', 'json'] as const) {
        const story = await get(`/stories/${storyId}.${format}`);
        for (const p of PAPERS) expect(story).toContain(`${p.path}`);
      }
      const storyJson = JSON.parse(await get(`/stories/${storyId}.json`)) as { title: string; items: { title: string }[] };
      expect(storyJson.items.map((i) => i.title)).toEqual(PAPERS.map((p) => p.title).reverse());
      expect(storyJson.title).toBe(`Bản tin - ${SEED_TITLE}`);

      // The ops API shows the story of each copy.
      const copies = JSON.parse(await get(`/feeds/all.json?stories=all`)) as { items: { _bantin: { id: string } }[] };
      for (const copy of copies.items) {
        const res = await fetch(`${server.url}/api/articles/${copy._bantin.id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { storyId: string }).storyId).toBe(storyId);
      }

      const missing = await fetch(`${server.url}/stories/0000000000000000.json`);
      expect(missing.status).toBe(404);
      const bad = await fetch(`${server.url}/feeds/all.json?stories=some`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { detail: string }).detail).toContain('stories');
    } finally {
      await server.stop(5_000);
      await ctx.close();
    }
  });
});
