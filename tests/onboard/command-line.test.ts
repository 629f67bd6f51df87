/** `bantin sources add`'s own command line: listed, its --help, and what it refuses before fetching anything. */
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

describe('bantin sources add, the command line', () => {
  /** Runs the command in this process (no child, no Redis: these fail before anything is fetched). */
  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
    const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
    try {
      return { code: await main(args), out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('is listed among the commands and has its own --help', async () => {
    expect((await run(['--help'])).out).toMatch(/^ {2}sources add {2,}add a site/m);
    const help = await run(['sources', 'add', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: bantin sources add URL [--id ID] [--name NAME] [--samples N] [--min-interval-ms MS] [--write] [--force]');
    // `sources` alone is still the ops listing.
    expect((await run(['sources', '--help'])).out).toContain('Usage: bantin sources [--json]');
  });

  it('exits 2 naming what is wrong with its input', async () => {
    for (const [args, message] of [
      [[], 'give exactly one URL'],
      [['ftp://example.vn'], '"ftp://example.vn" is not an http(s) URL'],
      [['https://example.vn', '--samples', '0'], '--samples must be a whole number ≥ 1, got "0"'],
      [['https://example.vn', '--id', 'Báo Mới'], '--id must be an ASCII slug'],
    ] as const) {
      const r = await run(['sources', 'add', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(message);
    }
  });
});
