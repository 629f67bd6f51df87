/**
 * The golden fixture pages: `tests/fixtures/pages/pages.json` lists each
 * page with the URL it was "fetched" from and its source; `name.html` is the
 * page, `name.expected.json` the full record it must produce (or
 * `{ "error": "not-an-article" }`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSourceFile, type SourceConfig } from '../../src/config/index.js';
import type { Article } from '../../src/core/article.js';
import { BantinError } from '../../src/core/errors.js';
import { CASE_TIME_MS, readArticle } from '../../src/normalize/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PAGES_DIR = path.resolve(here, '../fixtures/pages');
export const SOURCES_DIR = path.resolve(here, '../../config/sources');

export interface PageEntry {
  name: string;
  url: string;
  /** Source id; its YAML's profile is used when `profile` is true. */
  source: string;
  profile: boolean;
}

export type Outcome = Article | { error: string };

export async function pageEntries(): Promise<PageEntry[]> {
  return JSON.parse(await readFile(path.join(PAGES_DIR, 'pages.json'), 'utf8')) as PageEntry[];
}

export async function sourceById(id: string): Promise<SourceConfig> {
  return loadSourceFile(path.join(SOURCES_DIR, `${id}.yaml`));
}

export async function pageBytes(name: string): Promise<Buffer> {
  return readFile(path.join(PAGES_DIR, `${name}.html`));
}

/** extract + normalize exactly as the crawler does, at the fixed case time. */
export function runPage(bytes: Buffer, entry: PageEntry, source: SourceConfig | null): Outcome {
  try {
    return readArticle({ body: bytes, contentType: null, url: entry.url }, { source, sourceId: entry.source, fetchedAt: CASE_TIME_MS, now: CASE_TIME_MS });
  } catch (error) {
    if (error instanceof BantinError && error.kind === 'not-an-article') return { error: error.kind };
    throw error;
  }
}
