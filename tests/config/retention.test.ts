/**
 * Retention settings: a source's `retention:` in its YAML, validated with errors that say what to write, and
 * BANTIN_RETENTION_DAYS / BANTIN_RETENTION_MODE for every other source; the source's own wins.
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigProblems, loadConfig, readSettings, retentionPolicy } from '../../src/config/index.js';
import { ConfigError } from '../../src/core/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-retention-'));
  await cp(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
  await cp(path.join(ROOT, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const load = () => loadConfig({ configDir: path.join(dir, 'config'), feedsDir: path.join(dir, 'feeds') });
const withRetention = (yaml: string) => appendFile(path.join(dir, 'config/sources/kinhtedothi.yaml'), `\nretention:\n${yaml}\n`);

async function problemsOf(): Promise<string> {
  const error = await load().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigProblems);
  return (error as ConfigProblems).message;
}

describe('retention in a source file', () => {
  it('reads days and mode, trim by default', async () => {
    await withRetention('  days: 90');
    const source = (await load()).sources.find((s) => s.id === 'kinhtedothi');
    expect(source?.retention).toEqual({ days: 90, mode: 'trim' });
  });

  it('says what is wrong with days, mode or an unknown key, naming the file and the field', async () => {
    await withRetention('  days: 0\n  mode: delete\n  keep: all');
    const message = await problemsOf();
    expect(message).toContain('kinhtedothi.yaml');
    expect(message).toMatch(/retention\.days.*must be a whole number of days \(≥ 1\), or null to keep articles forever/);
    expect(message).toMatch(/retention\.mode.*must be trim \(keep metadata, lead and link\) or drop \(remove the article\)/);
    expect(message).toMatch(/retention.*keep/);
  });

  it('refuses a retention that is not a map', async () => {
    await withRetention('  - 90');
    expect(await problemsOf()).toMatch(/retention.*must be a map such as \{ days: 90, mode: trim \}/);
  });
});

describe('which retention applies', () => {
  const settings = (env: Record<string, string>) => readSettings(env);

  it('keeps forever when neither the source nor the environment sets one', () => {
    expect(retentionPolicy({ retention: undefined }, settings({}))).toBeNull();
  });

  it('takes the environment for a source without its own, and the source file over it', () => {
    const env = settings({ BANTIN_RETENTION_DAYS: '30', BANTIN_RETENTION_MODE: 'drop' });
    expect(retentionPolicy({ retention: undefined }, env)).toEqual({ days: 30, mode: 'drop' });
    expect(retentionPolicy({ retention: { days: 365, mode: 'trim' } }, env)).toEqual({ days: 365, mode: 'trim' });
    expect(retentionPolicy({ retention: { days: null, mode: 'trim' } }, env)).toBeNull();
  });

  it('refuses a BANTIN_RETENTION_DAYS or BANTIN_RETENTION_MODE that means nothing', () => {
    for (const [env, problem] of [
      [{ BANTIN_RETENTION_DAYS: 'ninety' }, 'BANTIN_RETENTION_DAYS: must be a whole number of days from 1 to 36500, or unset to keep articles forever'],
      [{ BANTIN_RETENTION_DAYS: '0' }, 'BANTIN_RETENTION_DAYS: must be a whole number of days from 1 to 36500'],
      [{ BANTIN_RETENTION_MODE: 'purge' }, 'BANTIN_RETENTION_MODE: must be trim or drop'],
      [{ BANTIN_RETENTION_CRON: '61 3 * * *' }, 'BANTIN_RETENTION_CRON: "61 3 * * *"'],
    ] as const) {
      let error: unknown = null;
      try {
        readSettings(env);
      } catch (e) {
        error = e;
      }
      expect(error, problem).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toContain(problem);
    }
  });
});
