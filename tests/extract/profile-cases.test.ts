/** Every shipped source's profile cases pass, and a broken expectation is reported by field. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProfileCases } from '../../src/normalize/index.js';
import { SOURCES_DIR, sourceById } from './pages.js';

const ids = (await readdir(SOURCES_DIR)).filter((f) => f.endsWith('.yaml')).map((f) => path.basename(f, '.yaml'));

describe('profile cases', () => {
  it.each(ids)('%s: every case passes', async (id) => {
    const source = await sourceById(id);
    expect(source.profile.cases.length, `${id} ships no cases`).toBeGreaterThan(0);
    const results = await runProfileCases(source);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('reports the field that differs, and a missing fixture', async () => {
    const source = await sourceById('kinhtedothi');
    const [first] = source.profile.cases;
    if (!first) throw new Error('kinhtedothi has no cases');
    const broken = {
      ...source,
      profile: {
        ...source.profile,
        cases: [
          { ...first, expect: { title: 'Một tiêu đề khác', authors: ['Trần Long'] } },
          { ...first, fixture: 'no-such-page.html' },
          { ...first, expect: { error: 'not-an-article' } },
        ],
      },
    };
    const [wrongTitle, missing, notRejected] = await runProfileCases(broken);
    expect(wrongTitle?.ok).toBe(false);
    expect(wrongTitle?.mismatches).toEqual([
      { field: 'title', expected: 'Một tiêu đề khác', actual: 'Hà Nội tạo bước đột phá mới trong công tác cán bộ' },
    ]);
    expect(missing?.ok).toBe(false);
    expect(missing?.error).toMatch(/ENOENT/);
    expect(notRejected?.ok).toBe(false);
  });
});
