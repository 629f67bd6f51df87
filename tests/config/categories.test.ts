/**
 * config/taxonomy.yaml, a source's `categories:` and a feed's include and
 * exclude rules, validated when any command starts: every problem names
 * the file and the field.
 */
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigProblems, loadConfig } from '../../src/config/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-categories-'));
  await cp(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
  await cp(path.join(ROOT, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const load = () => loadConfig({ configDir: path.join(dir, 'config'), feedsDir: path.join(dir, 'feeds') });
const at = (rel: string) => path.join(dir, rel);

async function problemsOf(): Promise<string> {
  const error = await load().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigProblems);
  return (error as ConfigProblems).message;
}

async function edit(rel: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(at(rel), 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  await writeFile(at(rel), next);
}

describe('the shipped taxonomy and mappings', () => {
  it('loads the eighteen categories with Vietnamese names and ASCII slugs', async () => {
    const { taxonomy } = await load();
    expect(taxonomy.categories.map((c) => c.name)).toEqual([
      'Thời sự', 'Chính trị', 'Thế giới', 'Kinh tế', 'Tài chính', 'Bất động sản', 'Đô thị', 'Xã hội', 'Pháp luật',
      'Giáo dục', 'Sức khỏe', 'Văn hóa', 'Giải trí', 'Thể thao', 'Công nghệ', 'Xe', 'Du lịch', 'Đời sống',
    ]);
    expect(taxonomy.categories.find((c) => c.name === 'Bất động sản')?.slug).toBe('bat-dong-san');
  });

  it("resolves every shipped source's mapping against it", async () => {
    const kinhtedothi = (await load()).sources.find((s) => s.id === 'kinhtedothi')!;
    expect(kinhtedothi.categoryRules?.sections.get('giao-thong')).toEqual({ name: 'Đô thị', slug: 'do-thi' });
    expect(kinhtedothi.categoryRules?.paths.map((p) => p.prefix)).toContain('/bat-dong-san');
  });
});

describe('taxonomy problems', () => {
  it('names the file when there is no taxonomy', async () => {
    await unlink(at('config/taxonomy.yaml'));
    expect(await problemsOf()).toContain(`${at('config/taxonomy.yaml')}: cannot read the taxonomy (ENOENT)`);
  });

  it('names the category whose slug is taken twice', async () => {
    await edit('config/taxonomy.yaml', '  - slug: chinh-tri\n', '  - slug: thoi-su\n');
    expect(await problemsOf()).toContain(`${at('config/taxonomy.yaml')}: categories.1.slug: "thoi-su" is already used by another category`);
  });

  it('names a slug that is not ASCII', async () => {
    await edit('config/taxonomy.yaml', '  - slug: xe\n', '  - slug: Xe cộ\n');
    expect(await problemsOf()).toMatch(/taxonomy\.yaml: categories\.15\.slug: must be an ASCII slug/);
  });
});

describe('source mapping problems', () => {
  it('names the section whose category the taxonomy lacks', async () => {
    await edit('config/sources/kinhtedothi.yaml', '    Giao thông: do-thi\n', '    Giao thông: giao-thong\n');
    expect(await problemsOf()).toContain(`${at('config/sources/kinhtedothi.yaml')}: categories.sections.Giao thông: no category "giao-thong" in ${at('config/taxonomy.yaml')}`);
  });

  it('names a path prefix that is no path', async () => {
    await edit('config/sources/kinhtedothi.yaml', '    /bat-dong-san: bat-dong-san\n', '    bat-dong-san: bat-dong-san\n');
    expect(await problemsOf()).toMatch(/kinhtedothi\.yaml: categories\.paths\.bat-dong-san: must be a URL path starting with \//);
  });
});

describe('feed rule problems', () => {
  const feed = (body: string) => writeFile(at('feeds/rules.yaml'), `slug: rules\ntitle: R\ndescription: D\n${body}`);

  it.each([
    ['an unknown category', 'include:\n  categories: [kinhte]\n', `include.categories.0: no category "kinhte" in`],
    ['an excluded source nobody configured', 'include: all\nexclude:\n  sources: [nope]\n', 'exclude.sources.0: no source has id "nope"'],
    ['an excluded category the taxonomy lacks', 'include: all\nexclude:\n  categories: [showbiz]\n', 'exclude.categories.0: no category "showbiz"'],
    ['a keyword with nothing to match', 'include:\n  keywords: ["ha noi", " -- "]\n', 'include.keywords.1: has no letters or digits to match'],
    ['an empty author', 'include:\n  authors: [""]\n', 'include.authors.0: must not be empty'],
    ['an unknown rule', 'include: all\nexclude:\n  tags: [x]\n', 'exclude: Unrecognized key: "tags"'],
    ['an include naming nothing', 'include:\n  keywords: []\n', 'include: names no topic, source, category, author or keyword'],
  ])('names the file and field for %s', async (_what, body, message) => {
    await feed(body);
    expect(await problemsOf()).toContain(`${at('feeds/rules.yaml')}: ${message}`);
  });

  it('loads a feed of categories, keywords and authors with an exclude', async () => {
    await feed('include:\n  categories: [kinh-te]\n  keywords: [giá vàng]\n  authors: [Trần Long]\nexclude:\n  keywords: [quảng cáo]\n  topics: [the-thao]\n');
    const f = (await load()).feeds.find((x) => x.slug === 'rules')!;
    expect(f.include).toMatchObject({ categories: ['kinh-te'], keywords: ['giá vàng'], authors: ['Trần Long'] });
    expect(f.exclude).toMatchObject({ keywords: ['quảng cáo'], topics: ['the-thao'], sources: [] });
  });
});
