/**
 * A public XSS vector list through the body sanitizer and a real browser:
 *   npm run eval:xss -- FILE [--no-baseline]
 * FILE holds one vector per line, or a JSON array of strings. Each vector is
 * sanitized as an article body would be, then every output is loaded in
 * Debian's chromium with the checks of tests/normalize/xss/browser.ts, and
 * held to the allowlist as parse5 reads it (tests/normalize/xss/structure.ts).
 * The baseline loads the raw vectors the same way, to show how many of them
 * run in this browser when nothing sanitizes them. Exits 1 when any
 * sanitized vector ran, reached out or left the allowlist.
 * Keep fetched lists outside the repository.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { normalizeBody } from '../src/normalize/index.js';
import { BrowserCheck, type Finding } from '../tests/normalize/xss/browser.js';
import { structuralProblems } from '../tests/normalize/xss/structure.js';

const PAGE = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (file === undefined) {
  console.error('usage: npm run eval:xss -- FILE [--no-baseline]   (FILE: one vector per line, or a JSON array of strings)');
  process.exit(2);
}

function vectorsOf(text: string): string[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    const parsed: unknown = JSON.parse(t);
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) throw new Error(`${file}: a JSON list must be an array of strings`);
    return parsed;
  }
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** Distinct vectors with a sign of each kind; signs no page split placed count once, as "unplaced". */
function tally(findings: Finding[]): Record<string, number> {
  const by = new Map<string, Set<number>>();
  for (const f of findings) {
    const set = by.get(f.kind) ?? new Set<number>();
    set.add(f.index);
    by.set(f.kind, set);
  }
  return Object.fromEntries(['executed', 'request', 'dom', 'browser'].map((k) => [k, by.get(k)?.size ?? 0]));
}

const vectors = vectorsOf(await readFile(file, 'utf8'));
const t0 = performance.now();
const outputs = vectors.map((v) => normalizeBody(v, PAGE).html);
const sanitizeMs = performance.now() - t0;
let structural = 0;
let unstable = 0;
for (const html of outputs) {
  if (structuralProblems(html).length > 0) structural++;
  if (normalizeBody(html, PAGE).html !== html) unstable++;
}

const browser = await BrowserCheck.start();
try {
  const t1 = performance.now();
  const sanitized = await browser.check(outputs);
  const browserMs = performance.now() - t1;
  const s = tally(sanitized);
  console.log(`${file}: ${vectors.length} vectors (sanitized in ${sanitizeMs.toFixed(0)} ms, browser check ${(browserMs / 1000).toFixed(1)} s)`);
  console.log(`sanitized: executed ${s.executed}, unexpected requests ${s.request}, unsafe DOM ${s.dom}, browser warnings ${s.browser}; outside the allowlist (parse5) ${structural}; not idempotent ${unstable}`);
  for (const f of sanitized.slice(0, 20)) console.log(`  #${f.index} ${f.kind}: ${f.what}\n    in:  ${vectors[f.index] ?? ''}\n    out: ${outputs[f.index] ?? ''}`);
  if (!args.includes('--no-baseline')) {
    const t2 = performance.now();
    // Only executions are worth splitting pages for here: the raw markup asks for plenty besides.
    const raw = tally(await browser.check(vectors, { batch: 200, pinpoint: ['executed'] }));
    console.log(`baseline, unsanitized: executed ${raw.executed} of ${vectors.length} (${((performance.now() - t2) / 1000).toFixed(1)} s)`);
  }
  process.exitCode = sanitized.length > 0 || structural > 0 ? 1 : 0;
} finally {
  await browser.close();
}
