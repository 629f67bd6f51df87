/**
 * Golden records: every fixture page, extracted and normalized, must equal
 * its reviewed `name.expected.json` field by field. `UPDATE_GOLDEN=1`
 * rewrites the files; review the diff by hand before committing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/index.js';
import { PAGES_DIR, pageBytes, pageEntries, runPage, sourceById, type PageEntry } from './pages.js';

const entries: PageEntry[] = await pageEntries();
const update = process.env.UPDATE_GOLDEN === '1';
const sources = new Map<string, SourceConfig>();

beforeAll(async () => {
  for (const e of entries) if (e.profile && !sources.has(e.source)) sources.set(e.source, await sourceById(e.source));
});

describe('golden pages', () => {
  it('cover at least 20 pages, four of them rejected', async () => {
    expect(entries.length).toBeGreaterThanOrEqual(20);
    const rejected: string[] = [];
    for (const e of entries) {
      const expected = JSON.parse(await readFile(path.join(PAGES_DIR, `${e.name}.expected.json`), 'utf8')) as { error?: string };
      if (expected.error === 'not-an-article') rejected.push(e.name);
    }
    expect(rejected.sort()).toEqual(['kinhtedothi-404', 'kinhtedothi-event-page', 'kinhtedothi-listing', 'kinhtedothi-login-wall']);
  });

  it.each(entries.map((e) => [e.name, e] as const))('%s', async (_name, entry) => {
    const actual = runPage(await pageBytes(entry.name), entry, entry.profile ? (sources.get(entry.source) ?? null) : null);
    const file = path.join(PAGES_DIR, `${entry.name}.expected.json`);
    if (update) {
      await writeFile(file, `${JSON.stringify(actual, null, 2)}\n`);
      expect.fail(`${file} rewritten (UPDATE_GOLDEN=1): review the diff, then run without it`);
    }
    const expected = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    // One assertion per field, named, so a failure says which field drifted.
    for (const field of new Set([...Object.keys(expected), ...Object.keys(got)])) {
      expect.soft(got[field], `${entry.name}: ${field}`).toEqual(expected[field]);
    }
  });
});
