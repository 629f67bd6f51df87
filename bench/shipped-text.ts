/**
 * The Vietnamese text the project ships in tests/fixtures (expected records
 * of the fixture pages, the golden records, paragraphs of the fixture site
 * and onboard pages): what the record codec's dictionary and ranked
 * syllables are built from (bench/record-dictionary.ts, bench/record-words.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'tests/fixtures');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function shippedText(): string[] {
  const texts: string[] = [];
  for (const file of files(FIXTURES)) {
    const s = readFileSync(file, 'utf8');
    if (file.endsWith('.expected.json') || file.includes(`${path.sep}records${path.sep}`)) {
      if (!file.endsWith('.json')) continue;
      try {
        const a = JSON.parse(s) as { title?: unknown; lead?: unknown; contentText?: unknown };
        for (const t of [a.title, a.lead, a.contentText]) if (typeof t === 'string') texts.push(t);
      } catch {
        // Not a record: nothing to learn from it.
      }
    } else if (file.endsWith('.html')) {
      for (const m of s.matchAll(/<p[^>]*>([^<]{20,})<\/p>/g)) if (m[1]) texts.push(m[1]);
    }
  }
  return texts;
}
