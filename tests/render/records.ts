/** The Article records under tests/fixtures/records, validated as the store would. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleSchema, type Article } from '../../src/core/article.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/records');

export function loadRecords(): Map<string, Article> {
  const out = new Map<string, Article>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    out.set(name.replace(/\.json$/, ''), articleSchema.parse(JSON.parse(readFileSync(path.join(dir, name), 'utf8'))));
  }
  return out;
}

export function record(name: string): Article {
  const found = loadRecords().get(name);
  if (!found) throw new Error(`no record fixture ${name}`);
  return found;
}

/** A ~200 KB body built from the real article, with every hostile sequence repeated through it. */
export function hugeRecord(): Article {
  const seed = record('kinhtedothi-2019-01-18');
  const hostile = record('adversarial-markup').contentHtml + record('adversarial-characters').contentHtml;
  let html = '';
  while (html.length < 200_000) html += seed.contentHtml + hostile;
  return articleSchema.parse({ ...seed, id: 'huge000000000000', url: 'https://kinhtedothi.vn/bai-rat-dai.html', contentHtml: html });
}
