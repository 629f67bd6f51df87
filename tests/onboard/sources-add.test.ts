/**
 * `bantin sources add URL` as an operator runs it, against two fixture sites
 * built unlike Kinhtedothi: Báo Sông Hồng (JSON-LD, an RSS feed, a news
 * sitemap in robots.txt, BEM classes) and Tin Miền Tây (no JSON-LD, no feed,
 * no sitemap: section listings, paragraphs in `div`s, dates printed as
 * text). It writes the source into an empty config directory, `crawl
 * --once` then stores the sites' articles through the learned profile, and
 * `check-config` runs the cases it wrote.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.js';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore } from '../../src/store/index.js';
import { bantin } from '../support/cli.js';
import { ROOT } from '../support/config-copy.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const PREFIX = 'onboard';

/** What the tests read of a written source file. */
interface SourceYaml {
  id: string;
  discovery: Record<string, unknown>;
  profile: Record<string, unknown> & { cases: unknown[] };
}
const SLOW = 90_000;

let redis: TestRedis;
let songhong: FixtureSite;
let mientay: FixtureSite;
let dir: string;
let configDir: string;

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  REDIS_URL: redis.url,
  BANTIN_CONFIG: configDir,
  BANTIN_FEEDS: path.join(ROOT, 'feeds'),
  BANTIN_REDIS_PREFIX: PREFIX,
  // The fixture sites live on 127.0.0.1, which the SSRF guard refuses otherwise.
  BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
  LOG_LEVEL: 'silent',
});

/** `--min-interval-ms 0`: the fixture sites need no politeness delay, in the probe or in the crawls of the written source. */
const add = (site: FixtureSite, id: string, ...flags: string[]) => bantin(['sources', 'add', site.origin, '--id', id, '--min-interval-ms', '0', ...flags], env());

async function stored(source: string): Promise<Article[]> {
  const store = createRedisStore({ redis: redis.client(), prefix: PREFIX, log: silentLogger() });
  return store.list({ streams: [{ kind: 'source', id: source }], limit: 50 });
}

const byTitle = (articles: Article[], title: string): Article => {
  const found = articles.find((a) => a.title === title);
  if (!found) throw new Error(`no stored article "${title}" among ${articles.map((a) => a.title).join(' | ')}`);
  return found;
};

beforeAll(async () => {
  redis = await startTestRedis();
  songhong = await startFixtureSite(path.join(ROOT, 'tests/fixtures/onboard/songhong'));
  mientay = await startFixtureSite(path.join(ROOT, 'tests/fixtures/onboard/mientay'));
  dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-onboard-'));
  configDir = path.join(dir, 'config');
  await mkdir(path.join(configDir, 'sources'), { recursive: true });
  // A config directory holds the taxonomy the sources' categories map onto.
  await copyFile(path.join(ROOT, 'config/taxonomy.yaml'), path.join(configDir, 'taxonomy.yaml'));
});
afterAll(async () => {
  await songhong.close();
  await mientay.close();
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('bantin sources add, on a site with JSON-LD and a feed', () => {
  it(
    'finds the feed, learns a selector per field, writes the source and its sampled pages',
    async () => {
      const r = await add(songhong, 'songhong', '--write');
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      // Per field: the selector, its hit rate, where the generic value came from.
      for (const line of [
        /title\s+h1\.story__headline\s+6\/6\s+jsonld 6/,
        /lead\s+p\.story__summary\s+6\/6\s+jsonld 6/,
        /byline\s+span\.story__author\s+6\/6\s+jsonld 6/,
        /published\s+time\.story__time\s+6\/6\s+jsonld 6/,
        /section\s+nav\.crumbs a\s+6\/6\s+jsonld 6/,
        /tags\s+ul\.story__tags a\s+5\/5\s+jsonld 5, none 1/,
        /body\s+div\.story__content\s+6\/6\s+readability 6/,
      ]) {
        expect(r.stdout).toMatch(line);
      }
      expect(r.stdout).toContain('/rss.xml (6 items, home page <link rel=alternate>)');
      expect(r.stdout).toContain('/sitemap-news.xml (news, 6 URLs, robots.txt)');
      expect(r.stdout).toMatch(/strip: +div\.share-tools, div\.promo-box/);

      const file = path.join(configDir, 'sources/songhong.yaml');
      const yaml = parseYaml(await readFile(file, 'utf8')) as SourceYaml;
      expect(yaml).toMatchObject({ id: 'songhong', name: 'Báo Sông Hồng', baseUrl: songhong.origin, site: '127.0.0.1' });
      // Relative to baseUrl, like the shipped files.
      expect(yaml.discovery).toMatchObject({ feeds: ['/rss.xml'], listings: ['/kinh-te', '/xa-hoi', '/van-hoa'], sitemaps: ['/sitemap-news.xml'] });
      expect(yaml.profile.body).toEqual(['div.story__content']);
      // No per-article id (`story-20241`, `content-20241`) anywhere in the profile.
      expect(JSON.stringify(yaml.profile)).not.toMatch(/#\w+-\d{3,}/);
      expect(yaml.profile.cases).toHaveLength(6);
      expect(yaml.profile.cases[1]).toMatchObject({
        fixture: 'songhong/sample-2.html',
        expect: { title: 'Hà Nội thu hút hơn 2,1 tỷ USD vốn đầu tư nước ngoài trong 10 tháng', publishedAt: '2026-11-27T15:05:00+07:00', authors: ['Thu Hà', 'Quang Minh'] },
      });
      expect((await readdir(path.join(configDir, 'sources/songhong'))).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `sample-${n}.html`));
    },
    SLOW,
  );

  it(
    'crawls the written source: its articles stored with the right title, date, author and body',
    async () => {
      const r = await bantin(['crawl', '--once', '--source', 'songhong'], env());
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/songhong: ok: discovered 6, fetched 6, new 6/);
      const articles = await stored('songhong');
      expect(articles).toHaveLength(6);
      const fdi = byTitle(articles, 'Hà Nội thu hút hơn 2,1 tỷ USD vốn đầu tư nước ngoài trong 10 tháng');
      expect(fdi).toMatchObject({
        publishedAt: '2026-11-27T15:05:00+07:00',
        authors: ['Thu Hà', 'Quang Minh'],
        section: { name: 'Kinh tế', slug: 'kinh-te' },
        lead: 'Trong 10 tháng năm nay, Hà Nội thu hút hơn 2,1 tỷ USD vốn đầu tư trực tiếp nước ngoài, tăng 18% so với cùng kỳ, tập trung vào công nghiệp chế biến và công nghệ thông tin.',
        extraction: { title: 'profile', authors: 'profile', publishedAt: 'profile', body: 'profile' },
      });
      expect(fdi.tags.map((t) => t.name)).toEqual(['FDI', 'Hà Nội']);
      expect(fdi.contentText).toMatch(/^Theo Sở Tài chính Hà Nội, thành phố đã cấp mới 312 dự án/);
      expect(fdi.contentText).toContain('tiếp nhận trực tuyến trên cổng dịch vụ công.');
      // The share bar and the "follow us" box repeated on every page are stripped.
      expect(fdi.contentText).not.toContain('Chia sẻ bài viết');
      expect(fdi.contentText).not.toContain('Google News');
      expect(byTitle(articles, 'Học sinh Thủ đô được tham gia chương trình bơi an toàn miễn phí')).toMatchObject({ authors: ['Lan Anh'], tags: [] });
    },
    SLOW,
  );
});

describe('bantin sources add, on a site with neither JSON-LD nor a feed', () => {
  it(
    'walks the sections, learns the article URLs and the div-paragraph body, and writes the source',
    async () => {
      const r = await add(mientay, 'mientay', '--write');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/feeds: +none/);
      expect(r.stdout).toMatch(/title\s+h1\.tieu-de\s+5\/5/);
      expect(r.stdout).toMatch(/body\s+div\.than-bai\s+5\/5/);
      const yaml = parseYaml(await readFile(path.join(configDir, 'sources/mientay.yaml'), 'utf8')) as SourceYaml;
      expect(yaml.discovery).toMatchObject({ feeds: [], listings: ['/xa-hoi', '/kinh-te', '/giao-duc'], sitemaps: [] });
      // Its articles are /bai-viet/24117/slug: the default `\.html?$` would find none of them.
      expect(yaml.profile.articleUrl).toBe('/\\d{4,}/');
      expect(yaml.profile.strip).toEqual(['div.theo-doi']);
    },
    SLOW,
  );

  it(
    'crawls the written source: title and body from the pages, furniture left out',
    async () => {
      const r = await bantin(['crawl', '--once', '--source', 'mientay'], env());
      expect(r.code).toBe(0);
      const articles = await stored('mientay');
      expect(articles).toHaveLength(5);
      const rice = byTitle(articles, 'Nông dân Sóc Trăng trúng mùa lúa thu đông');
      expect(rice.contentText.split('\n\n')).toEqual([
        expect.stringMatching(/^Tại huyện Mỹ Xuyên, những cánh đồng lúa chín vàng/),
        expect.stringMatching(/^Ông Lâm Văn Sang, ngụ ấp Hòa Lời/),
        expect.stringMatching(/^Theo Sở Nông nghiệp và Môi trường tỉnh/),
        expect.stringMatching(/^Ngành nông nghiệp khuyến cáo bà con/),
      ]);
      expect(rice.images).toEqual([{ url: `${mientay.origin}/anh/24117.jpg`, caption: 'Nông dân Sóc Trăng trúng mùa lúa thu đông. Ảnh: Hoàng Nam' }]);
      expect(rice.extraction).toMatchObject({ title: 'profile', body: 'profile' });
    },
    SLOW,
  );

  // The date is printed as text ("Thứ Ba, 24/11/2026 - 08:15" in div.ngay-dang) and the byline in
  // div.tac-gia: the generic extraction guesses both from their class names, so the learner has a
  // value to learn a selector from.
  it(
    'crawls the written source: the date and author the pages print',
    async () => {
      const rice = byTitle(await stored('mientay'), 'Nông dân Sóc Trăng trúng mùa lúa thu đông');
      expect(rice).toMatchObject({ publishedAt: '2026-11-24T08:15:00+07:00', authors: ['Hoàng Nam'] });
    },
    SLOW,
  );
});

describe('what sources add wrote', () => {
  it(
    'passes check-config: the config loads and every case it wrote passes',
    async () => {
      const r = await bantin(['check-config'], env());
      expect(r.stdout).toContain('config ok: 2 source(s)');
      expect(r.stdout).toContain('profile cases: 11 passed, 0 failed');
      expect(r.code).toBe(0);
    },
    SLOW,
  );

  it(
    'is never replaced without --force, and without --write is only printed',
    async () => {
      const file = path.join(configDir, 'sources/songhong.yaml');
      const before = await readFile(file, 'utf8');
      const refused = await add(songhong, 'songhong', '--write');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('songhong.yaml exists; --force replaces it');

      const printed = await add(songhong, 'songhong');
      expect(printed.code).toBe(0);
      // stdout is the YAML alone (the report is on stderr), ready to redirect into a file.
      expect((parseYaml(printed.stdout) as { id: string }).id).toBe('songhong');
      expect(printed.stderr).toMatch(/title\s+h1\.story__headline\s+6\/6/);
      expect(printed.stderr).toContain('not saved: --write saves');
      expect(await readFile(file, 'utf8')).toBe(before);

      const forced = await add(songhong, 'songhong', '--write', '--force');
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain(`wrote ${file}`);
    },
    SLOW,
  );
});
