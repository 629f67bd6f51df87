/**
 * Every page of the site in a real browser (Debian's chromium through
 * playwright-core, see site-world.ts), at 390 px and 1280 px, and at 390 px
 * in dark mode: no horizontal scroll, no console error, every link on this
 * service answering 2xx/3xx, every tap target at least 44 px each way, and no
 * serious or critical axe-core violation. Subscribe panels are checked shut
 * and open. Feed views (RSS, Atom, OPML through the XSLT) are pages too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWEST_LEAD, PAGES, startSiteWorld, WIDTHS, type SiteWorld } from './site-world.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAP = 44;
let world: SiteWorld;
/** Links already seen to answer, so each is asked once however many pages have it. */
const answered = new Map<string, number>();

beforeAll(async () => {
  world = await startSiteWorld();
}, 60_000);
afterAll(async () => {
  await world?.stop();
});

interface Findings {
  status: number;
  consoleErrors: string[];
  scroll: { shut: number; open: number; width: number };
  small: string[];
  links: string[];
  violations: string[];
}

// In-page code is written as strings: the project compiles without the DOM library.
/** Tap targets smaller than TAP px either way (a half pixel for subpixel layout), and every URL the page links or loads. */
const MEASURE = `(() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, summary, input, select, textarea')) {
    // Chromium's own notice that XSLT is going away, put over feed views: the browser's, not the site's.
    if (el.closest('xslt-warning-banner')) continue;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // Hidden, shut away, or the skip link waiting off-screen until focused.
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || r.right <= 0) continue;
    if (r.width < ${TAP} - 0.5 || r.height < ${TAP} - 0.5) small.push(el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 40) + '" ' + Math.round(r.width) + '×' + Math.round(r.height));
  }
  const links = [...document.querySelectorAll('a[href], link[href]')].map((a) => a.href);
  for (const img of document.querySelectorAll('img')) links.push(img.currentSrc || img.src);
  for (const s of document.querySelectorAll('script[src]')) links.push(s.src);
  return { small, links };
})()`;
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const OPEN_ALL = "document.querySelectorAll('details').forEach((d) => { d.open = true; })";
/** axe-core's serious and critical violations, Chromium's XSLT notice left out. */
const AXE_RUN = `axe.run({ exclude: [['xslt-warning-banner']] }, { resultTypes: ['violations'] }).then((r) => r.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(' ')))`;

async function visit(path: string, width: number, scheme: 'light' | 'dark'): Promise<Findings> {
  const context = await world.context(width, scheme);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  try {
    const res = await page.goto(`${world.origin}${path}`, { waitUntil: 'load' });
    const shut = (await page.evaluate(OVERFLOW)) as number;
    await page.evaluate(OPEN_ALL);
    const open = (await page.evaluate(OVERFLOW)) as number;
    const { small, links } = (await page.evaluate(MEASURE)) as { small: string[]; links: string[] };
    await page.addScriptTag({ content: AXE });
    const violations = (await page.evaluate(AXE_RUN)) as string[];
    return { status: res?.status() ?? 0, consoleErrors, scroll: { shut, open, width }, small, links, violations };
  } finally {
    await context.close();
  }
}

async function statusOf(url: string): Promise<number> {
  const known = answered.get(url);
  if (known !== undefined) return known;
  const res = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
  await res.arrayBuffer();
  answered.set(url, res.status);
  return res.status;
}

const runs = [...WIDTHS.map((width) => ({ width, scheme: 'light' as const })), { width: 390, scheme: 'dark' as const }];

describe.each(PAGES)('$name ($path)', ({ name, path }) => {
  it.each(runs)('at $width px, $scheme', async ({ width, scheme }) => {
    const f = await visit(path, width, scheme);
    const missingPage = name === 'not-found';
    expect(f.status).toBe(missingPage ? 404 : 200);
    // The 404 page's only complaint is its own status, which is the point of it.
    const own = `the server responded with a status of 404 (Not Found) (${world.origin}${path})`;
    expect(f.consoleErrors.filter((e) => !(missingPage && e.endsWith(own)))).toEqual([]);
    expect(f.scroll).toEqual({ shut: 0, open: 0, width });
    expect(f.small).toEqual([]);
    expect(f.violations).toEqual([]);
    // In-page links (the skip link) are this very page, already loaded above.
    const ours = [...new Set(f.links)].filter((u) => u.startsWith(`${world.origin}/`) && !u.startsWith(`${world.origin}${path}#`));
    expect(ours.length).toBeGreaterThan(5);
    const broken: string[] = [];
    for (const url of ours) {
      const status = await statusOf(url.replace(/#.*$/, ''));
      if (status < 200 || status >= 400) broken.push(`${status} ${url}`);
    }
    expect(broken).toEqual([]);
    // Links off this service are the papers' articles and sites: not fetched (the test stays on loopback), but real URLs.
    for (const url of f.links.filter((u) => !u.startsWith(`${world.origin}/`))) expect(url).toMatch(/^https:\/\/[a-z0-9.-]+\.vn\//);
  }, 60_000);
});

describe('feed views and the copy button', () => {
  it.each([
    ['/feeds/all.rss', 'Bản tin - Tất cả', 'Đây là một bản tin (feed)', 8],
    ['/topics/ha-noi.atom', 'Bản tin - Hà Nội', 'Đây là một bản tin (feed)', 4],
    ['/opml', 'Bản tin: mọi nguồn tin', 'Đây là danh sách OPML', 0],
  ])('%s opened in the browser is a page: its title, what it is, and its items', async (path, title, what, items) => {
    const context = await world.context(1280);
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(`${world.origin}${path}`, { waitUntil: 'load' });
    expect(await page.title()).toBe(title);
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.locator('#what').textContent()).toBe(what);
    expect(await page.locator('.headline').count()).toBe(items);
    // Leads are HTML in RSS and Atom: the view shows the text as written, not its character references.
    if (items > 0) expect(await page.locator('.headline .lead').first().textContent()).toBe(path.includes('ha-noi') ? 'Sở Giáo dục và Đào tạo yêu cầu các trường theo dõi nhiệt độ hằng ngày.' : NEWEST_LEAD);
    if (path !== '/opml') expect(await page.locator('#feed-url').inputValue()).toBe(`${world.origin}${path}`);
    // Chromium 156 still applies XSLT; it says it will not for long, as a warning, not an error.
    expect(warnings.some((w) => w.includes('XSLT'))).toBe(true);
    await context.close();
  });

  it('copies a feed URL with one click; without script the button is gone and the URL is there to select', async () => {
    const context = await world.context(390);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.origin });
    const page = await context.newPage();
    await page.goto(`${world.origin}/topics/ha-noi`, { waitUntil: 'load' });
    await page.locator('summary').first().click();
    const button = page.locator('button[data-copy]').first();
    await button.click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(`${world.origin}/topics/ha-noi.rss`);
    expect(await button.textContent()).toBe('Đã chép');
    await context.close();

    const bare = await world.context(390, 'light', false);
    const still = await bare.newPage();
    await still.goto(`${world.origin}/topics/ha-noi`, { waitUntil: 'load' });
    await still.locator('summary').first().click();
    expect(await still.locator('button[data-copy]').first().isVisible()).toBe(false);
    const field = still.locator('.copy input').first();
    expect([await field.isVisible(), await field.inputValue()]).toEqual([true, `${world.origin}/topics/ha-noi.rss`]);
    await bare.close();
  });
});
