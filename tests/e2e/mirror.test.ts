/**
 * A source crawled through a mirror keeps the real site's identity: the
 * pages' canonical links name kinhtedothi.vn, the source names it as its
 * `site`, so article URLs and ids are the real site's, not the mirror's.
 * A canonical on any other site is still refused: it could take over
 * another article's id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../src/normalize/index.js';
import { decodeRecord } from '../../src/store/index.js';
import { bantin } from '../support/cli.js';
import { ARTICLE_PATHS, startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';

const PREFIX = 'mirror';
const [SEED, GOLD] = ARTICLE_PATHS as [string, string];
let world: CrawlWorld;

beforeAll(async () => {
  world = await startCrawlWorld();
  // The mirror serves the real site's pages as they are: canonical links point at the real site.
  world.site.route(SEED, async (_req, res, s) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end((await s.file(SEED.slice(1))).replace(`<link rel="canonical" href="${s.origin}`, '<link rel="canonical" href="https://kinhtedothi.vn'));
  });
  // A page whose canonical claims some other site.
  world.site.route(GOLD, async (_req, res, s) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end((await s.file(GOLD.slice(1))).replace(`<link rel="canonical" href="${s.origin}`, '<link rel="canonical" href="https://other.example.com'));
  });
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('a source crawled through a mirror', () => {
  it('stores the real site URL and id for a canonical on the source site, and the mirror URL for one elsewhere', async () => {
    const run = await bantin(['crawl', '--once', '--source', 'kinhtedothi'], world.env(PREFIX));
    expect(run.code, run.stderr).toBe(0);
    const redis = world.redis.client();
    try {
      const real = `https://kinhtedothi.vn${SEED}`;
      // Read as stored, in whatever layout the store writes (src/store/record-codec.ts).
      const record = async (url: string) => {
        const key = `${PREFIX}:article:${articleId(url)}`;
        return decodeRecord(key, await redis.getBuffer(key));
      };
      const seed = await record(real);
      expect(seed?.url).toBe(real);

      const mirrored = `${world.site.origin}${GOLD}`;
      const gold = await record(mirrored);
      expect(gold?.url).toBe(mirrored);
      expect(await redis.get(`${PREFIX}:article:${articleId(`https://other.example.com${GOLD}`)}`)).toBeNull();
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});
