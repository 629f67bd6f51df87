/**
 * The sanitized XSS vectors in a real browser: Debian's chromium (installed
 * by tests/support/install-tools.sh) loads every output, batched, from a
 * loopback server, with every request off loopback aborted (xss/browser.ts).
 * Nothing may run, reach out, or be left in the DOM that could.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeBody } from '../../src/normalize/index.js';
import { BrowserCheck } from './xss/browser.js';
import { xssVectors } from './xss/vectors.js';

const PAGE = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';
const PAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');
const vectors = xssVectors();
let browser: BrowserCheck;

beforeAll(async () => {
  browser = await BrowserCheck.start();
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

describe('XSS vectors in chromium', () => {
  it('sees the raw vectors run (the check is not vacuous)', async () => {
    // One of every twenty, unsanitized: they must light up, and the classic ones must actually execute.
    const sample = vectors.filter((v) => v.id % 20 === 0);
    const classics = [
      '<img src=x onerror=__x(1)>',
      '<svg onload=alert(2)>',
      '<iframe srcdoc="<script>__x(3)</script>"></iframe>',
      '<noscript><p title="</noscript><img src=x onerror=__x(4)>">',
      '<link rel=stylesheet href="https://evil.example/x.css">',
    ];
    // pinpoint nothing: the traps place executions themselves, and this test needs no more than that.
    const findings = await browser.check([...classics, ...sample.map((v) => v.html)], { pinpoint: [] });
    const at = (i: number): string[] => findings.filter((f) => f.index === i).map((f) => f.what);
    expect(at(0)).toContain('sentinel __x(1)');
    expect(at(1)).toContain('alert(2)');
    expect(at(2)).toContain('sentinel __x(3)');
    expect(at(3)).toContain('sentinel __x(4)');
    expect(findings.map((f) => f.what)).toContain('request https://evil.example/x.css');
    const ran = new Set(findings.filter((f) => f.kind === 'executed' && f.index >= classics.length).map((f) => f.index));
    const lit = new Set(findings.map((f) => f.index).filter((i) => i >= classics.length));
    expect(ran.size).toBeGreaterThan(sample.length * 0.25);
    expect(lit.size).toBeGreaterThan(sample.length * 0.5);
  }, 60_000);

  it(`runs nothing of the ${vectors.length} sanitized vectors, and nothing reaches out`, async () => {
    const outputs = vectors.map((v) => normalizeBody(v.html, PAGE).html);
    const findings = await browser.check(outputs);
    const report = findings.slice(0, 20).map((f) => `${vectors[f.index]!.family}: ${f.what}\n  in:  ${vectors[f.index]!.html}\n  out: ${outputs[f.index]}`);
    expect(report).toEqual([]);
  }, 60_000);

  it('loads real article bodies (pictures, players, tables) with only their own pictures and players requested', async () => {
    const bodies: string[] = [];
    for (const f of (await readdir(PAGES_DIR)).filter((n) => n.endsWith('.expected.json')).sort()) {
      const rec = JSON.parse(await readFile(path.join(PAGES_DIR, f), 'utf8')) as { contentHtml?: string };
      if (rec.contentHtml) bodies.push(rec.contentHtml);
    }
    expect(bodies.length).toBeGreaterThan(10);
    expect(bodies.some((b) => b.includes('<iframe'))).toBe(true);
    expect(await browser.check(bodies)).toEqual([]);
  }, 60_000);
});
