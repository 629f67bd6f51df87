/**
 * The crawl progress an operator watches: one live line on a terminal
 * (redrawn in place, with rate and ETA from the clock), plain lines at
 * every tenth for logs, and a summary line at the end.
 */
import { expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { ManualClock } from '../../src/core/clock.js';
import { buildReport } from '../../src/crawl/index.js';

function sink(isTTY: boolean): { out: { isTTY: boolean; write: (s: string) => void }; text: () => string } {
  let text = '';
  return { out: { isTTY, write: (s: string) => void (text += s) }, text: () => text };
}

function feed(isTTY: boolean): string {
  const clock = new ManualClock(0);
  const s = sink(isTTY);
  const progress = createProgress('kinhtedothi', s.out, clock);
  progress.event({ type: 'discovered', total: 25, toFetch: 20, failures: 1 });
  for (let done = 1; done <= 20; done++) {
    clock.advance(500);
    const failed = done === 7;
    progress.event({ type: 'article', url: `https://example.vn/${done}.html`, outcome: failed ? 'failed' : 'new', ...(failed ? { failure: 'timeout' } : {}), done, of: 20 });
  }
  progress.done(
    buildReport({
      sourceId: 'kinhtedothi',
      startedAt: 0,
      finishedAt: 10_000,
      discovered: 25,
      discoveryFailures: [{ url: 'https://example.vn/kinh-te', failure: 'http-5xx' }],
      articles: Array.from({ length: 20 }, (_, i) => (i === 6 ? { outcome: 'failed' as const, failure: 'timeout' } : { outcome: 'new' as const })),
    }),
  );
  return s.text();
}

it('redraws one line on a terminal, with counts, rate and ETA', () => {
  const text = feed(true);
  expect(text.startsWith('kinhtedothi: discover: 25 article links, 20 to fetch, 1 feed/listing failures\n')).toBe(true);
  // Two articles a second; after 10 of 20, 5 s to go.
  expect(text).toContain('\rkinhtedothi: fetch 10/20  stored 9  failed 1  2.0/s  ETA 5s\u001b[K');
  expect(text.split('\n')).toHaveLength(4); // discover line, the live line, the summary, and the final newline
  expect(text).toContain('\nkinhtedothi: partial: discovered 25, fetched 19, new 19, updated 0, unchanged 0, failed 1 (http-5xx=1 timeout=1) in 10.0s\n');
});

it('writes plain lines at every tenth for a log', () => {
  const lines = feed(false).trim().split('\n');
  expect(lines.some((l) => l.includes('\r'))).toBe(false);
  const fetchLines = lines.filter((l) => l.startsWith('kinhtedothi: fetch'));
  expect(fetchLines.map((l) => l.split('  ')[0])).toEqual(['kinhtedothi: fetch 1/20', ...[2, 4, 6, 8, 10, 12, 14, 16, 18, 20].map((n) => `kinhtedothi: fetch ${n}/20`)]);
  expect(lines.at(-1)).toBe('kinhtedothi: partial: discovered 25, fetched 19, new 19, updated 0, unchanged 0, failed 1 (http-5xx=1 timeout=1) in 10.0s');
});
