import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { bantin } from '../support/cli.js';
import { ROOT } from '../support/config-copy.js';

const SEED = path.join(ROOT, 'tests/fixtures/site/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html');
const SEED_URL = 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html';

describe('bantin CLI', () => {
  it('lists its commands', async () => {
    const r = await bantin(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['start', 'serve', 'worker', 'scheduler', 'crawl', 'extract', 'check-config']) expect(r.stdout).toContain(`  ${c}`);
  });

  it('gives each command its own --help', async () => {
    const r = await bantin(['crawl', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: bantin crawl [--once] [--source ID]');
    // Every other command the same way, in this process (a child each would take seconds apiece).
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      for (const name of ['start', 'serve', 'worker', 'scheduler', 'extract', 'check-config', 'sources', 'jobs', 'pause', 'resume', 'reset-backoff']) {
        printed.length = 0;
        expect(await main([name, '--help']), name).toBe(0);
        expect(printed.join('\n'), name).toContain(`Usage: bantin ${name}`);
      }
    } finally {
      log.mockRestore();
    }
  });

  it('takes --backfill and --pages together or not at all', async () => {
    for (const args of [['--pages', '3'], ['--backfill']]) {
      const r = await bantin(['crawl', '--once', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain('--backfill and --pages N go together');
    }
  });

  it('rejects an unknown option with exit code 2', async () => {
    const r = await bantin(['crawl', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('frobnicate');
  });

  it('prints the article record of a saved page', async () => {
    const r = await bantin(['extract', SEED, '--url', SEED_URL]);
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(record.title).toBe('Hà Nội tạo bước đột phá mới trong công tác cán bộ');
    expect(record.authors).toEqual(['Trần Long']);
    expect(record.publishedAt).toBe('2019-01-18T17:39:00+07:00');
    expect(record.source).toBe('kinhtedothi');
    expect(record.extraction).toMatchObject({ title: 'profile', body: 'profile' });
  });

  it('prints one field with --field', async () => {
    const r = await bantin(['extract', SEED, '--url', SEED_URL, '--field', 'credits']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ role: 'photo', name: 'Phạm Hùng' }]);
  });

  it('exits 1 with the reason when the page is no article', async () => {
    const r = await bantin(['extract', path.join(ROOT, 'tests/fixtures/site/thoi-su.html'), '--url', 'https://kinhtedothi.vn/thoi-su']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bantin extract: https:\/\/kinhtedothi\.vn\/thoi-su is not an article: /);
  });

  it('validates the shipped config and runs the profile cases', async () => {
    const r = await bantin(['check-config']);
    expect(r.stdout).toMatch(/config ok: \d+ source\(s\)/);
    expect(r.stdout).toMatch(/profile cases: \d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it('stops with exit code 2 on a bad config, naming the file and the field', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-cli-'));
    try {
      await cp(path.join(ROOT, 'config'), dir, { recursive: true });
      const file = path.join(dir, 'sources/kinhtedothi.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/cron: .*/, 'cron: "61 * * * *"'));
      for (const args of [['check-config', '--config', dir], ['crawl', '--once', '--config', dir]]) {
        const r = await bantin(args, { BANTIN_DATA_DIR: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`bantin: config error: ${file}: schedule.cron: "61 * * * *" is not a valid cron expression`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
