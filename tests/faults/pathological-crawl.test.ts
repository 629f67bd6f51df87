/**
 * Hostile pages crawled the way an operator crawls (`bantin crawl --once`,
 * a real process, the fixture site serving them among its articles): a
 * page nested 3,000 and 100,000 levels deep, a 0-byte page, and binary
 * bytes served as text/html. Each ends as a stored article or as
 * `not-an-article`: the crawl never counts one as `internal` (a crash
 * with its reason lost), and nothing is logged at error level, so no
 * stack trace reaches the operator's log. `bantin extract` on the same
 * bytes exits 0 with the record or 1 with one line, never a crash.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/config-copy.js';
import { startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';
import { recordsByPath, report } from '../support/fault-kit.js';

const PREFIX = 'patho';
const SOURCE = 'kinhtedothi';
const TEMPLATE = 'thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html';
const PROSE = '<p>' + 'Thành phố tiếp tục triển khai các giải pháp cải thiện chất lượng không khí trong mùa đông. '.repeat(5) + '</p>';

/** A generic page (no profile fits it) nested `depth` levels deep around its text. */
const nestedPage = (depth: number): Buffer =>
  Buffer.from(`<html><head><title>Bài lồng sâu</title></head><body><h1>Bài lồng sâu</h1>${'<div>'.repeat(depth)}${PROSE}${'</div>'.repeat(depth)}</body></html>`);

/** The fixture's gold-price article under `p`, everything in its body wrapped `depth` levels deep. */
async function nestedArticle(world: CrawlWorld, p: string, depth: number): Promise<Buffer> {
  const html = (await world.site.file(TEMPLATE)).replaceAll(`/${TEMPLATE}`, p).replace('Thị trường vàng trong nước tăng mạnh', 'Giá vàng lồng sâu');
  return Buffer.from(html.replace('<body>', `<body>${'<div>'.repeat(depth)}`).replace('</body>', `${'</div>'.repeat(depth)}</body>`));
}

/**
 * `bantin ARGS` as a child process, as tests/support/cli.ts runs it, but killed past `ms`: a page that
 * sent the parser quadratic must fail this test, not leave a process burning a core after it.
 */
function bantin(args: string[], env: NodeJS.ProcessEnv, ms = 100_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/bantin.js'), ...args],
      { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, cwd: ROOT, timeout: ms, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr: error?.killed ? `killed after ${ms} ms\n${stderr}` : stderr }),
    );
  });
}

/** Path on the fixture site → the bytes it serves as text/html. */
let PAGES: [string, Buffer][];
let world: CrawlWorld;

beforeAll(async () => {
  world = await startCrawlWorld();
  PAGES = [
    ['/bai-long-3000.html', await nestedArticle(world, '/bai-long-3000.html', 3_000)],
    ['/bai-long-100000.html', await nestedArticle(world, '/bai-long-100000.html', 100_000)],
    ['/trang-long-3000.html', nestedPage(3_000)],
    ['/trang-rong.html', Buffer.alloc(0)],
    ['/trang-nhi-phan.html', randomBytes(64 * 1024)],
    // An image's bytes behind a text/html header: mostly undecodable, a few text-like bytes.
    ['/trang-anh.html', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), randomBytes(8192)])],
  ];
  world.site.route('/do-thi', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><div class="list">${PAGES.map(([p]) => `<h3 class="story__title"><a href="${p}">${p}</a></h3>`).join('')}</div></body></html>`);
  });
  for (const [p, body] of PAGES) {
    world.site.route(p, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
  }
});
afterAll(async () => {
  await world.close();
});

describe('hostile pages through the real crawl', () => {
  it('each ends as an article or not-an-article, never internal, with nothing logged at error level', async () => {
    const r = await bantin(['crawl', '--once', '--source', SOURCE], world.env(PREFIX, { LOG_LEVEL: 'info' }));
    const lines = r.stdout.split('\n');
    const logs = lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as { level: number; msg: string; url?: string; failure?: string; err?: { stack?: string } }];
      } catch {
        return [];
      }
    });
    const summary = lines.find((l) => l.startsWith(`${SOURCE}: `) && / in [\d.]+s/.test(l)) ?? `(no summary line in:\n${r.stdout}\n${r.stderr})`;
    // Partial (some pages are no article) is not a failed source.
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/\bat \S+:\d+:\d+/);
    expect(summary).not.toMatch(/internal/);
    // The only failures the run counts are pages that are no article.
    expect(summary).toMatch(/^kinhtedothi: (ok|partial): discovered \d+, .*failed \d+( \(not-an-article=\d+\))? in /);

    const errors = logs.filter((l) => l.level >= 50);
    expect(errors.map((l) => `${l.msg} ${l.url ?? ''} ${l.err?.stack?.split('\n')[0] ?? ''}`), 'log lines at error level').toEqual([]);

    const stored = await recordsByPath(world.redis.client(), PREFIX);
    const failedAs = (p: string): string[] => logs.filter((l) => l.msg === 'article failed' && l.url !== undefined && new URL(l.url).pathname === p).map((l) => l.failure ?? '?');
    const outcomes = Object.fromEntries(PAGES.map(([p]) => [p, stored.has(p) ? 'article' : failedAs(p).join(',') || 'nothing said']));
    report('hostile pages through bantin crawl --once', { ...outcomes, 'run summary': summary.replace(/^kinhtedothi: /, '') });
    for (const [p, outcome] of Object.entries(outcomes)) expect(['article', 'not-an-article'], `${p} ended as ${outcome}`).toContain(outcome);
    // Empty and binary bodies are no article; the fixture site's own two articles are stored beside them.
    expect(outcomes).toMatchObject({ '/trang-rong.html': 'not-an-article', '/trang-nhi-phan.html': 'not-an-article', '/trang-anh.html': 'not-an-article' });
    expect(stored.has('/thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html')).toBe(true);
    expect(stored.has('/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html')).toBe(true);
  }, 150_000);
});

describe('bantin extract on the same bytes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bantin-patho-crawl-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 with the record or 1 with one line saying why, never a crash or a stack trace', async () => {
    for (const [p, body] of PAGES) {
      const file = path.join(dir, path.basename(p));
      await writeFile(file, body);
      const r = await bantin(['extract', file, '--url', `https://kinhtedothi.vn${p}`, '--source', SOURCE, '--field', 'title'], {
        BANTIN_CONFIG: world.config.configDir,
        BANTIN_FEEDS: world.config.feedsDir,
      }, 45_000);
      expect([0, 1], `${p}: exit ${r.code}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr, p).not.toMatch(/\bat \S+:\d+:\d+|RangeError|Maximum call stack/);
      if (r.code === 1) expect(r.stderr.trim(), p).toMatch(/^bantin extract: \S+ is not an article: [^\n]+$/);
      else expect(r.stdout.trim(), p).not.toBe('');
    }
  }, 150_000);
});
