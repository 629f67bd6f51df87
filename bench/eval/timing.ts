/**
 * bantin's generic reading against Readability.js alone, timed side by side
 * in one process so machine noise hits both alike: warm-up passes first (JIT,
 * lazy imports), then rounds over the pages with the two interleaved per page
 * and their order swapped every round. Both start from the page's bytes
 * (gunzipped beforehand) and both decode them: readArticle decodes inside,
 * the baseline calls the same decodeHtml, so decoding is included in both.
 */
import { performance } from 'node:perf_hooks';
import { median, quantile } from '../stats.js';
import { runBantin, runReadabilityBytes } from './extractors.js';

export interface TimedPage {
  url: string;
  body: Buffer;
}

export interface Side {
  median: number;
  p95: number;
  /** Sum of the per-page medians: the cost of reading the whole set once. */
  total: number;
}

export interface Timing {
  pages: number;
  rounds: number;
  warmup: number;
  bantin: Side;
  readability: Side;
  /** bantin / readability of the medians; the target is ≤ 1. */
  ratio: number;
  /** The same of the totals, where the slow pages count by their weight. */
  totalRatio: number;
}

function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function side(perPage: readonly number[]): Side {
  return { median: median(perPage), p95: quantile(perPage, 0.95), total: perPage.reduce((s, v) => s + v, 0) };
}

export function timePages(pages: readonly TimedPage[], opts: { rounds: number; warmup: number }): Timing {
  const bantin = (p: TimedPage) => () => runBantin(p.body, p.url);
  const readability = (p: TimedPage) => () => runReadabilityBytes(p.body);
  for (let w = 0; w < opts.warmup; w++) {
    for (const p of pages) {
      bantin(p)();
      readability(p)();
    }
  }
  const samples = pages.map(() => ({ bantin: [] as number[], readability: [] as number[] }));
  for (let round = 0; round < opts.rounds; round++) {
    pages.forEach((p, i) => {
      const s = samples[i]!;
      // Swapping who goes first each round keeps a cache or GC debt left by one from always landing on the other.
      if (round % 2 === 0) {
        s.bantin.push(timeOnce(bantin(p)));
        s.readability.push(timeOnce(readability(p)));
      } else {
        s.readability.push(timeOnce(readability(p)));
        s.bantin.push(timeOnce(bantin(p)));
      }
    });
  }
  const b = side(samples.map((s) => median(s.bantin)));
  const r = side(samples.map((s) => median(s.readability)));
  return { pages: pages.length, rounds: opts.rounds, warmup: opts.warmup, bantin: b, readability: r, ratio: b.median / r.median, totalRatio: b.total / r.total };
}
