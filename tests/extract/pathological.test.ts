/**
 * Pages no reader could lay out end as an article or as not-an-article,
 * never as a crash: the crawl would count a crash as `internal` and lose the
 * page's reason, and `bantin extract` would print a stack trace.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BantinError } from '../../src/core/errors.js';
import { readArticle } from '../../src/normalize/index.js';
import { bantin } from '../support/cli.js';

const NOW = Date.parse('2026-11-25T12:00:00+07:00');
const PROSE = '<p>' + 'Thành phố tiếp tục triển khai các giải pháp cải thiện chất lượng không khí trong mùa đông. '.repeat(5) + '</p>';
const nested = (depth: number): Buffer =>
  Buffer.from(`<html><head><title>Bài lồng sâu</title></head><body><h1>Bài lồng sâu</h1>${'<div>'.repeat(depth)}${PROSE}${'</div>'.repeat(depth)}</body></html>`);

const PAGES: [string, Buffer][] = [
  ['100,000 nested divs', nested(100_000)],
  ['3,000 nested divs', nested(3_000)],
  ['a 0-byte page', Buffer.alloc(0)],
  ['binary bytes served as text/html', randomBytes(64 * 1024)],
  ['an image served as text/html', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), randomBytes(4096)])],
];

function outcome(body: Buffer): string {
  try {
    const article = readArticle({ body, contentType: 'text/html', url: 'https://bao.example.vn/a.html' }, { source: null, fetchedAt: NOW, now: NOW });
    return article.contentText.includes('chất lượng không khí') ? 'article' : 'article without its text';
  } catch (error) {
    if (error instanceof BantinError) return error.kind;
    throw error;
  }
}

describe('pathological pages', () => {
  it.each(PAGES)('%s ends as an article or not-an-article', (_name, body) => {
    expect(['article', 'not-an-article']).toContain(outcome(body));
  });

  it('keeps the text of a deeply nested article', () => {
    expect(outcome(nested(100_000))).toBe('article');
  });

  it('refuses empty and binary pages as not-an-article', () => {
    expect(outcome(Buffer.alloc(0))).toBe('not-an-article');
    expect(outcome(randomBytes(64 * 1024))).toBe('not-an-article');
  });
});

describe('bantin extract on pathological pages', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-patho-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['empty.html', Buffer.alloc(0)],
    ['binary.html', randomBytes(16 * 1024)],
  ])('%s: exit 1 with one line saying why, no stack trace', async (name, body) => {
    const file = path.join(dir, name);
    await writeFile(file, body);
    const r = await bantin(['extract', file, '--url', 'https://bao.example.vn/a.html']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^bantin extract: https:\/\/bao\.example\.vn\/a\.html is not an article: /);
    expect(r.stderr).not.toMatch(/\bat \S+:\d+:\d+/);
  });

  it('prints the record of a deeply nested article', async () => {
    const file = path.join(dir, 'deep.html');
    await writeFile(file, nested(100_000));
    const r = await bantin(['extract', file, '--url', 'https://bao.example.vn/a.html', '--field', 'title']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('Bài lồng sâu');
  });
});
