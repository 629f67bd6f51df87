/** Every shipped source's profile cases pass, and a broken expectation is reported by field. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProfileCases } from '../../src/normalize/index.js';
import { PAGES_DIR, SOURCES_DIR, sourceById } from './pages.js';

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

  it('reads a case as of when its page was saved, so a page dated after the fixed case time keeps its date', async () => {
    const source = await sourceById('kinhtedothi');
    const dir = await mkdtemp(path.join(tmpdir(), 'bantin-case-'));
    try {
      const page = (await readFile(path.join(PAGES_DIR, 'kinhtedothi-old-seed.html'), 'utf8')).replace('18-01-2019 17:39', '05-01-2027 09:00');
      await writeFile(path.join(dir, 'later.html'), page);
      const first = source.profile.cases[0];
      if (!first) throw new Error('kinhtedothi has no cases');
      const later = { ...first, fixture: 'later.html', expect: { publishedAt: '2027-01-05T09:00:00+07:00' } };
      const moved = { ...source, file: path.join(dir, 'source.yaml') };
      const [saved, unsaved] = await runProfileCases({ ...moved, profile: { ...source.profile, cases: [{ ...later, fetchedAt: '2027-01-05T10:00:00+07:00' }, later] } });
      expect(saved?.ok).toBe(true);
      // Read as of the fixed case time, the page is dated in the future: first seen, and the case says so.
      expect(unsaved?.mismatches.map((m) => m.field)).toEqual(['publishedAt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
