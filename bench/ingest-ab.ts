/**
 * The CPU of an article's in-process steps, compared between two builds in
 * one process: reading the page (decode + extract + normalize, readArticle)
 * and the store's CPU-only steps (record encode, story fingerprint), over
 * bench:ingest's fixture site. Whole bench:ingest runs move ±5 % from run to
 * run on a shared machine, more than a change of a few percent in one step;
 * here both builds see the same pages in alternating rounds, so the
 * difference between them is measured against noise that hits both alike.
 * It also says on how many pages both builds read the same article.
 *
 *   git archive A | tar -x -C /tmp/a && ln -s "$PWD/node_modules" /tmp/a/ && (cd /tmp/a && npm run build)   # and B
 *   npx tsx bench/ingest-ab.ts /tmp/a /tmp/b [pages=600] [rounds=8]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article } from '../src/core/article.js';
import type { SourceConfig } from '../src/config/index.js';
import { startIngestSite } from './ingest-site.js';
import { median } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Build {
  dir: string;
  read: (page: { body: Buffer; contentType: string; url: string }, opts: { source: SourceConfig; fetchedAt: number; now: number }) => Article;
  encode: (record: Article) => Buffer;
  fingerprint: (text: string) => unknown;
  storyText: (a: Article) => string;
  source: SourceConfig;
  readUs: number[];
  storeUs: number[];
}

async function load(dir: string): Promise<Build> {
  const dist = (p: string): Promise<Record<string, unknown>> => import(pathToFileURL(path.join(dir, 'dist', p)).href) as Promise<Record<string, unknown>>;
  const [normalize, config, codec, story] = await Promise.all([dist('normalize/index.js'), dist('config/index.js'), dist('store/record-codec.js'), dist('store/story-fingerprint.js')]);
  const loadConfig = config.loadConfig as (o: { configDir: string; feedsDir: string }) => Promise<{ sources: SourceConfig[] }>;
  const source = (await loadConfig({ configDir: path.join(ROOT, 'config'), feedsDir: path.join(ROOT, 'feeds') })).sources.find((s) => s.id === 'kinhtedothi');
  if (!source) throw new Error('config has no kinhtedothi source');
  return {
    dir,
    read: normalize.readArticle as Build['read'],
    encode: codec.encodeRecord as Build['encode'],
    fingerprint: story.fingerprint as Build['fingerprint'],
    storyText: story.storyText as Build['storyText'],
    source,
    readUs: [],
    storeUs: [],
  };
}

async function main(): Promise<void> {
  const [a, b, pagesArg, roundsArg] = process.argv.slice(2);
  if (!a || !b) throw new Error('usage: tsx bench/ingest-ab.ts BUILD_A BUILD_B [pages] [rounds]');
  const builds = [await load(path.resolve(a)), await load(path.resolve(b))];
  const site = await startIngestSite(ROOT, Number(pagesArg ?? 600));
  const pages = site.paths.map((p) => ({ body: site.page(p), contentType: 'text/html; charset=utf-8', url: `${site.origin}${p}` }));
  await site.close();
  const now = Date.now();
  const rounds = Number(roundsArg ?? 8);
  // A change that should not change what is read: say on how many pages both builds read the same article.
  const same = pages.filter((p) => {
    const [x, y] = builds.map((build) => JSON.stringify(build.read(p, { source: build.source, fetchedAt: now, now })));
    return x === y;
  }).length;
  // Round 0 warms both up and is not counted; the order alternates so neither always runs on a warmer machine.
  for (let round = 0; round <= rounds; round++) {
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
      let t0 = performance.now();
      const articles = pages.map((p) => build.read(p, { source: build.source, fetchedAt: now, now }));
      const read = ((performance.now() - t0) * 1000) / pages.length;
      t0 = performance.now();
      for (const article of articles) {
        build.encode(article);
        build.fingerprint(build.storyText(article));
      }
      const store = ((performance.now() - t0) * 1000) / pages.length;
      if (round > 0) {
        build.readUs.push(read);
        build.storeUs.push(store);
      }
    }
  }
  console.log(`${pages.length} pages of bench:ingest's site, ${rounds} rounds each, medians of the rounds (µs per article)`);
  for (const build of builds) {
    console.log(`${build.dir.padEnd(28)} read ${median(build.readUs).toFixed(0).padStart(5)}   encode + fingerprint ${median(build.storeUs).toFixed(0).padStart(4)}   (read by round: ${build.readUs.map((x) => x.toFixed(0)).join(' ')})`);
  }
  const [x, y] = builds as [Build, Build];
  const ratio = (p: number[], q: number[]): string => `${((median(q) / median(p) - 1) * 100).toFixed(1)}%`;
  console.log(`B against A: read ${ratio(x.readUs, y.readUs)}, encode + fingerprint ${ratio(x.storeUs, y.storeUs)}`);
  console.log(`the same article from both builds on ${same} of ${pages.length} pages`);
}

await main();
