import path from 'node:path';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConfigProblems, loadConfig } from '../../src/config/index.js';
import { entries } from '../../src/roles/scheduler.js';
import { ROOT } from '../support/config-copy.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-entries-'));
  await cp(path.join(ROOT, 'config'), dir, { recursive: true });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function withEvents(block: string) {
  const file = path.join(dir, 'sources/kinhtedothi.yaml');
  const yaml = await readFile(file, 'utf8');
  await writeFile(file, yaml.replace(/\ndiscovery:\n/, `\ndiscovery:\n  events:\n${block}`));
  return loadConfig({ configDir: dir, feedsDir: path.join(ROOT, 'feeds') });
}

it('crawls event pages in every run when they have no schedule of their own', async () => {
  const source = (await loadConfig({ configDir: dir, feedsDir: path.join(ROOT, 'feeds') })).sources.find((s) => s.id === 'kinhtedothi')!;
  expect(entries(source).map((e) => [e.task, e.parts])).toEqual([['kinhtedothi', null]]);
});

it('gives event pages a task of their own, and leaves them out of the regular crawl', async () => {
  const config = await withEvents('    list: /su-kien\n    cron: "0 */6 * * *"\n');
  const source = config.sources.find((s) => s.id === 'kinhtedothi')!;
  const [crawl, events] = entries(source);
  expect(crawl?.parts).toEqual(['feeds', 'listings', 'sitemaps']);
  expect(crawl?.schedule.cron).toBe(source.schedule.cron);
  expect(events).toMatchObject({ task: 'kinhtedothi.events', parts: ['events'], schedule: { cron: '0 */6 * * *', timezone: 'Asia/Ho_Chi_Minh' } });
});

it('refuses an events schedule with no event list to start from', async () => {
  const error = await withEvents('    cron: "0 */6 * * *"\n').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigProblems);
  expect((error as ConfigProblems).message).toContain('discovery.events: a schedule of its own (cron) needs the event list page (list)');
});
