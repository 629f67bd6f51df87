/**
 * `npm run screenshots`: every page of the site at 390 and 1280 px (and the
 * front page in dark mode), full length, into screenshots/ (git-ignored),
 * from the same hermetic world as tests/browser/site.test.ts.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PAGES, startSiteWorld, WIDTHS } from '../browser/site-world.js';

const OUT = path.resolve(import.meta.dirname, '../../screenshots');

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const world = await startSiteWorld();
  try {
    const shots: { name: string; path: string; width: number; scheme: 'light' | 'dark' }[] = [
      ...PAGES.flatMap((p) => WIDTHS.map((width) => ({ ...p, width, scheme: 'light' as const }))),
      ...WIDTHS.map((width) => ({ name: 'front-dark', path: '/', width, scheme: 'dark' as const })),
      { name: 'feed-rss-dark', path: '/feeds/all.rss', width: 390, scheme: 'dark' },
    ];
    for (const s of shots) {
      const context = await world.context(s.width, s.scheme);
      const page = await context.newPage();
      page.on('console', (m) => process.stdout.write(`  ${s.name}@${s.width} console.${m.type()}: ${m.text()}\n`));
      const res = await page.goto(`${world.origin}${s.path}`, { waitUntil: 'load' });
      const file = path.join(OUT, `${s.name}-${s.width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${res?.status() ?? '-'} ${s.path} → ${path.relative(process.cwd(), file)}\n`);
      await context.close();
    }
  } finally {
    await world.stop();
  }
}

await main();
