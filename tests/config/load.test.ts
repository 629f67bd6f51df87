import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigProblems, loadConfig } from '../../src/config/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-config-'));
  await cp(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
  await cp(path.join(ROOT, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const load = () => loadConfig({ configDir: path.join(dir, 'config'), feedsDir: path.join(dir, 'feeds') });
const sourceFile = () => path.join(dir, 'config/sources/kinhtedothi.yaml');

async function editSource(from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(sourceFile(), 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  await writeFile(sourceFile(), next);
}

async function problemsOf(): Promise<string> {
  const error = await load().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigProblems);
  return (error as ConfigProblems).message;
}

describe('config loading', () => {
  it('loads the shipped sources and feeds, with every URL resolved against baseUrl', async () => {
    const config = await load();
    const kinhtedothi = config.sources.find((s) => s.id === 'kinhtedothi');
    expect(kinhtedothi?.discovery.feeds).toContain('https://kinhtedothi.vn/rss/home.rss');
    expect(kinhtedothi?.discovery.listings).toContain('https://kinhtedothi.vn/thoi-su');
    expect(kinhtedothi?.schedule.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(config.feeds.map((f) => f.slug)).toEqual(expect.arrayContaining(['all', 'ha-noi', 'kinh-te']));
  });

  it('moves the whole source when baseUrl points at a mirror, keeping the real site it names', async () => {
    await editSource('baseUrl: https://kinhtedothi.vn', 'baseUrl: http://127.0.0.1:9999/mirror');
    const source = (await load()).sources.find((s) => s.id === 'kinhtedothi');
    expect(source?.discovery.feeds[0]).toBe('http://127.0.0.1:9999/mirror/rss/home.rss');
    expect(source?.site).toBe('kinhtedothi.vn');
  });

  it.each(['Asia/Saigon', 'Asia/Kolkata', 'Europe/Kyiv', 'UTC', 'asia/ho_chi_minh'])('takes the time zone %s, as a DateTimeFormat does', async (zone) => {
    await editSource('timezone: Asia/Ho_Chi_Minh', `timezone: ${zone}`);
    expect((await load()).sources.find((s) => s.id === 'kinhtedothi')?.schedule.timezone).toBe(zone);
  });

  it("takes baseUrl's host as the site when a source names none", async () => {
    await editSource(/^site: .*\n/m, '');
    expect((await load()).sources.find((s) => s.id === 'kinhtedothi')?.site).toBe('kinhtedothi.vn');
  });

  it.each([
    ['a bad cron expression', /cron: .*/, 'cron: "every monday"', 'schedule.cron: "every monday" is not a valid cron expression'],
    ['an unknown time zone', 'timezone: Asia/Ho_Chi_Minh', 'timezone: Asia/Saigon_City', 'schedule.timezone: is not an IANA time zone'],
    ['a non-slug id', 'id: kinhtedothi', 'id: Kinh Te', 'id: must be an ASCII slug'],
    ['an unknown field', 'name: Kinh tế & Đô thị', 'name: Kinh tế & Đô thị\nnmae: typo', 'nmae'],
    ['a bad regex in the profile', /datelines:\n/, "datelines:\n    - '(['\n", 'profile.datelines.0: is not a valid regular expression'],
    ['a date layout without a year', /datelines:\n/, "dateFormats: ['DD/MM HH:mm']\n  datelines:\n", 'profile.dateFormats.0: date layout "DD/MM HH:mm" needs a year (YYYY)'],
    ['a date layout with a stray letter', /datelines:\n/, "dateFormats: ['DD/MM/YYYY x']\n  datelines:\n", 'put literal text in [brackets]'],
    ['a site that is no host name', /^site: .*$/m, 'site: https://kinhtedothi.vn/', 'site: must be a lowercase host name such as kinhtedothi.vn'],
  ])('rejects %s, naming the file and the field', async (_name, from, to, expected) => {
    await editSource(from, to);
    const message = await problemsOf();
    expect(message).toContain('kinhtedothi.yaml');
    expect(message).toContain(expected);
  });

  it('reports YAML syntax errors with the line', async () => {
    await writeFile(sourceFile(), 'id: kinhtedothi\nname: [unclosed\n');
    expect(await problemsOf()).toMatch(/kinhtedothi\.yaml: YAML syntax at line \d/);
  });

  it('collects the problems of every file at once', async () => {
    await editSource('id: kinhtedothi', 'id: Bad Id');
    await writeFile(path.join(dir, 'feeds/broken.yaml'), 'slug: broken\ntitle: x\n');
    const message = await problemsOf();
    expect(message).toContain('kinhtedothi.yaml');
    expect(message).toContain('broken.yaml: description');
  });

  it('rejects a feed that includes a source nobody configured', async () => {
    await writeFile(path.join(dir, 'feeds/ghost.yaml'), 'slug: ghost\ntitle: G\ndescription: D\ninclude:\n  sources: [nope]\n');
    expect(await problemsOf()).toContain('ghost.yaml: include.sources.0: no source has id "nope"');
  });

  it('rejects two feeds with one slug', async () => {
    await writeFile(path.join(dir, 'feeds/all-again.yaml'), 'slug: all\ntitle: A\ndescription: D\ninclude: all\n');
    // Whichever file is read second is the one reported; both are named.
    expect(await problemsOf()).toMatch(/all(-again)?\.yaml: slug: "all" is already used by .*all(-again)?\.yaml/);
  });
});

describe('profile inheritance', () => {
  it('gives a sister site the base profile, with its own datelines and cases', async () => {
    const config = await load();
    const base = config.sources.find((s) => s.id === 'kinhtedothi')!;
    const sister = config.sources.find((s) => s.id === 'phapluatxahoi')!;
    expect(sister.profile.title).toEqual(base.profile.title);
    expect(sister.profile.strip).toEqual(base.profile.strip);
    expect(sister.profile.datelines).not.toEqual(base.profile.datelines);
    expect(sister.profile.cases.map((c) => c.fixture)).not.toEqual(base.profile.cases.map((c) => c.fixture));
  });

  it('names the file and the field when the base does not exist', async () => {
    const file = path.join(dir, 'config/sources/phapluatxahoi.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('extends: kinhtedothi', 'extends: nowhere'));
    expect(await problemsOf()).toContain(`${file}: profile.extends: no source with id "nowhere"`);
  });
});
