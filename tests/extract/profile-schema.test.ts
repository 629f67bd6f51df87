/** Profiles are validated when loaded; a bad one names the field. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadSourceFile } from '../../src/config/index.js';
import { ConfigError } from '../../src/core/errors.js';
import { SOURCES_DIR } from './pages.js';

async function loadWithProfile(change: (profile: Record<string, unknown>) => void): Promise<unknown> {
  const source = parse(await readFile(path.join(SOURCES_DIR, 'kinhtedothi.yaml'), 'utf8')) as { profile: Record<string, unknown> };
  change(source.profile);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-profile-'));
  const file = path.join(dir, 'source.yaml');
  await writeFile(file, stringify(source));
  return loadSourceFile(file).catch((e: unknown) => e);
}

describe('profile schema', () => {
  it.each([
    ['datelines.0', (p: Record<string, unknown>) => (p.datelines = ['(unclosed'])],
    ['articleUrl', (p: Record<string, unknown>) => (p.articleUrl = '[a-')],
    ['nonArticleUrls.0', (p: Record<string, unknown>) => (p.nonArticleUrls = ['*'])],
    ['title', (p: Record<string, unknown>) => (p.title = 'h1.title')],
    ['stripText.0', (p: Record<string, unknown>) => (p.stripText = [''])],
    ['cases.0.url', (p: Record<string, unknown>) => (p.cases = [{ fixture: 'a.html', url: 'not a url', expect: {} }])],
    ['selector', (p: Record<string, unknown>) => (p.selector = ['h1'])],
  ])('names %s', async (field, change) => {
    const error = await loadWithProfile(change);
    expect(error).toBeInstanceOf(ConfigError);
    // zod reports an unknown key at its parent, naming the key in the message.
    expect((error as ConfigError).problems.join('\n')).toContain(field === 'selector' ? 'profile: Unrecognized key: "selector"' : `profile.${field}:`);
  });
});
