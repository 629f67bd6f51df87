/**
 * A value that is the right type but cannot mean anything (a URL that does
 * not parse, a cron field out of its range) is a config error like any
 * other: one line naming the file, the field and the value, exit 2 from the
 * CLI, never a TypeError with a stack.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigProblems, loadConfig } from '../../src/config/index.js';
import { cronProblem } from '../../src/config/cron.js';
import { bantin } from '../support/cli.js';
import { ROOT } from '../support/config-copy.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-config-values-'));
  await cp(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
  await cp(path.join(ROOT, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const sourceFile = (): string => path.join(dir, 'config/sources/kinhtedothi.yaml');

async function editSource(from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(sourceFile(), 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  await writeFile(sourceFile(), next);
}

async function problemsOf(): Promise<string> {
  const error = await loadConfig({ configDir: path.join(dir, 'config'), feedsDir: path.join(dir, 'feeds') }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigProblems);
  return (error as ConfigProblems).message;
}

describe('URLs that do not parse', () => {
  it.each([
    ['a feed', '    - /rss/home.rss', '    - "http://[::1"', 'discovery.feeds.0: "http://[::1" is not a valid URL'],
    ['a listing', '    - /thoi-su', '    - "https://[::1/thoi-su"', 'discovery.listings.0: "https://[::1/thoi-su" is not a valid URL'],
    ['a sitemap', 'sitemaps: []', 'sitemaps: ["http://exa mple.vn/sitemap.xml"]', 'discovery.sitemaps.0: "http://exa mple.vn/sitemap.xml" is not a valid URL'],
    ['a feed on another scheme', '    - /rss/home.rss', '    - "ftp://kinhtedothi.vn/rss"', 'discovery.feeds.0: "ftp://kinhtedothi.vn/rss" must be an http or https URL'],
    ['the base URL', 'baseUrl: https://kinhtedothi.vn', 'baseUrl: "http://[::1"', 'baseUrl: "http://[::1" is not a valid URL'],
    ['a case URL', /url: https:\/\/kinhtedothi\.vn\/ha-noi-tao[^\n]*/, 'url: "http://[::1"', 'profile.cases.0.url: "http://[::1" is not a valid URL'],
  ])('refuses %s, naming the file, the field and the value', async (_what, from, to, expected) => {
    await editSource(from, to);
    const message = await problemsOf();
    expect(message).toContain(`kinhtedothi.yaml: ${expected}`);
  });

  it('refuses an event list page that does not parse', async () => {
    await editSource('  maxArticlesPerRun: 200\n', '  maxArticlesPerRun: 200\n  events:\n    list: "http://[::1"\n');
    expect(await problemsOf()).toContain('kinhtedothi.yaml: discovery.events.list: "http://[::1" is not a valid URL');
  });

  it('resolves the event list page against baseUrl like every other URL', async () => {
    await editSource('  maxArticlesPerRun: 200\n', '  maxArticlesPerRun: 200\n  events:\n    list: /su-kien\n');
    await editSource('baseUrl: https://kinhtedothi.vn', 'baseUrl: http://127.0.0.1:9999/mirror');
    const config = await loadConfig({ configDir: path.join(dir, 'config'), feedsDir: path.join(dir, 'feeds') });
    expect(config.sources.find((s) => s.id === 'kinhtedothi')?.discovery.events.list).toBe('http://127.0.0.1:9999/mirror/su-kien');
  });

  it('is one config line and exit 2 from the CLI, not a stack trace', async () => {
    await editSource('    - /rss/home.rss', '    - "http://[::1"');
    const r = await bantin(['check-config'], { BANTIN_CONFIG: path.join(dir, 'config'), BANTIN_FEEDS: path.join(dir, 'feeds') });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`bantin: config error: ${sourceFile()}: discovery.feeds.0: "http://[::1" is not a valid URL`);
  }, 20_000);
});

describe('cron fields out of range', () => {
  it.each([
    ['*/61 * * * *', 'minute step 61 is larger than the field\'s range 0-59'],
    ['1-0 * * * *', 'minute range 1-0 runs backwards'],
    ['*/60 * * * *', 'minute step 60 is larger than the field\'s range 0-59'],
    ['0 */25 * * *', 'hour step 25 is larger than the field\'s range 0-23'],
    ['0 5-2 * * *', 'hour range 5-2 runs backwards'],
    ['0 0 30-3 * *', 'day-of-month range 30-3 runs backwards'],
    ['0 0 * 12-1 *', 'month range 12-1 runs backwards'],
    ['0 0 * * 6-1', 'day-of-week range 6-1 runs backwards'],
    ['*/0 * * * *', 'is not a valid cron expression'],
    ['60 * * * *', 'is not a valid cron expression'],
    ['0 0 32 * *', 'is not a valid cron expression'],
    ['*/61 * * * * *', 'second step 61 is larger than the field\'s range 0-59'],
  ])('refuses %s', (expr, problem) => {
    expect(cronProblem(expr)).toContain(problem);
  });

  it.each(['*/15 * * * *', '0 */2 * * 1-5', '5,35 6-22 * * *', '0 0 1 jan *', '0 0 * * sun-sat', '0 0 * * 7', '*/59 * * * *', '0 0 L * *', '@daily', '*/30 * * * * *'])(
    'accepts %s',
    (expr) => {
      expect(cronProblem(expr)).toBeNull();
    },
  );

  it.each([
    ['the schedule', /cron: "\*\/15 \* \* \* \*"/, 'cron: "*/61 * * * *"', 'schedule.cron: "*/61 * * * *" is not a valid cron expression: minute step 61 is larger than the field\'s range 0-59'],
    ['the event pages', '  maxArticlesPerRun: 200\n', '  maxArticlesPerRun: 200\n  events:\n    list: /su-kien\n    cron: "1-0 * * * *"\n', 'discovery.events.cron: "1-0 * * * *" is not a valid cron expression: minute range 1-0 runs backwards'],
  ])('refuses an out-of-range cron in %s, naming the file, the field and the value', async (_what, from, to, expected) => {
    await editSource(from, to);
    expect(await problemsOf()).toContain(`kinhtedothi.yaml: ${expected}`);
  });
});
