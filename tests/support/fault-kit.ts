/**
 * What the process-killing fault tests share: more articles on the fixture
 * site (so a kill falls with some stored, some in flight, some still
 * queued), pages held open until the test lets them answer, a count of
 * every time each article record is written (Redis keyspace events on the
 * test's own server), the stored records read raw, bantin as a child
 * process whose log lines the test can read, and a small figures report
 * printed where a reader of the test output sees it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { masterNodes, topologyOf, type RedisClient } from '../../src/redis/client.js';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, keys } from '../../src/store/index.js';
import { ROOT } from './config-copy.js';
import type { FixtureSite } from './fixture-site.js';

const TEMPLATE = 'thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html';
const TITLE = 'Thị trường vàng trong nước tăng mạnh phiên đầu tuần';

/**
 * Replace the /do-thi listing with `n` more articles, each the gold-price
 * page under its own URL, canonical link and title. Returns their paths.
 * Paths a given hold holds wait for its `release()` before they answer.
 */
export function addArticles(site: FixtureSite, n: number, holds: Hold | Hold[] = []): string[] {
  const all = Array.isArray(holds) ? holds : [holds];
  const paths = Array.from({ length: n }, (_, i) => `/bai-so-${i + 1}.html`);
  site.route('/do-thi', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><div class="list">${paths.map((p) => `<h3 class="story__title"><a href="${p}">${p}</a></h3>`).join('')}</div></body></html>`);
  });
  paths.forEach((p, i) =>
    site.route(p, async (_req, res, s) => {
      for (const hold of all) if (hold.paths.has(p)) await hold.wait();
      const html = (await s.file(TEMPLATE)).replaceAll(`/${TEMPLATE}`, p).replaceAll(TITLE, `${TITLE} (bài ${i + 1})`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    }),
  );
  return paths;
}

export interface Hold {
  paths: Set<string>;
  /** Requests for held paths waiting now. */
  inFlight(): number;
  wait(): Promise<void>;
  release(): void;
}

/** Hold `paths` (fixture files served as they are, or routes added by addArticles given this hold). */
export function holdPages(site: FixtureSite, paths: string[], { routeFiles }: { routeFiles: string[] }): Hold {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let waiting = 0;
  const hold: Hold = {
    paths: new Set(paths),
    inFlight: () => waiting,
    async wait() {
      waiting++;
      try {
        await released;
      } finally {
        waiting--;
      }
    },
    release: () => release(),
  };
  const held = async (req: IncomingMessage, res: ServerResponse, s: FixtureSite): Promise<void> => {
    await hold.wait();
    const url = new URL(req.url ?? '/', s.origin);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await s.file(url.pathname.slice(1)));
  };
  for (const route of routeFiles) site.route(route, held);
  return hold;
}

/** How many times each path was asked for (GET), from the fixture site's log. */
export function fetchesOf(site: FixtureSite, p: string): number {
  return site.requests.filter((r) => r.method === 'GET' && r.path === p).length;
}

export interface WriteCounter {
  /** Article record key → times it was written (SET), since start. */
  counts(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * Count every write of an article record under `prefix`, from Redis
 * keyspace events: an upsert that finds nothing changed writes nothing, so
 * a count of 2 is an article stored twice. `admin` configures the server
 * (the test's own) and `sub` becomes the subscriber connection. One Redis
 * only: a cluster's keyspace events stay on the node that wrote the key.
 */
export async function countWrites(admin: RedisClient, sub: RedisClient, prefix: string): Promise<WriteCounter> {
  if (topologyOf(admin) === 'cluster') throw new Error('countWrites counts one Redis\'s keyspace events; on a cluster, compare recordsByPath instead');
  await admin.config('SET', 'notify-keyspace-events', 'K$');
  const counts = new Map<string, number>();
  const channelPrefix = '__keyspace@0__:';
  sub.on('pmessage', (_pattern: string, channel: string, event: string) => {
    if (event !== 'set') return;
    const key = channel.slice(channelPrefix.length);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  await sub.psubscribe(`${channelPrefix}${keys(prefix).article('*')}`);
  return {
    counts: () => new Map(counts),
    async close() {
      await sub.punsubscribe().catch(() => undefined);
    },
  };
}

/**
 * Every article record under `prefix`: URL path → record keys holding it
 * (one each, when nothing is stored twice). The keys are found raw (SCAN),
 * each record read through the store, so however it is encoded at rest.
 * On a cluster every master is scanned.
 */
export async function recordsByPath(reader: RedisClient, prefix: string): Promise<Map<string, string[]>> {
  const k = keys(prefix);
  const store = createRedisStore({ redis: reader, prefix, log: silentLogger() });
  const idOf = (key: string): string => key.slice(k.article('').length);
  const byPath = new Map<string, string[]>();
  for (const node of masterNodes(reader)) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', k.article('*'), 'COUNT', '200');
      for (const key of batch) {
        const article = await store.get(idOf(key));
        if (article === null) continue;
        const p = new URL(article.url).pathname;
        byPath.set(p, [...(byPath.get(p) ?? []), key]);
      }
      cursor = next;
    } while (cursor !== '0');
  }
  return byPath;
}

export interface BantinProcess {
  child: ChildProcess;
  /** Every JSON log line the process wrote to stdout so far, parsed. */
  logs: Record<string, unknown>[];
  /** Its other stdout lines and its stderr, as text. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL it if still running and wait for it. */
  kill(): Promise<void>;
}

/** `bantin ARGS` as a long-running child process (a role), its log lines kept for the test. */
export function spawnBantin(args: string[], env: NodeJS.ProcessEnv): BantinProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  const other: string[] = [];
  let partial = '';
  child.stdout?.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        other.push(line);
      }
    }
  });
  child.stderr?.on('data', (d: Buffer) => other.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    logs,
    output: () => other.join('\n'),
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Figures of a fault run: printed as one block, so they stand out in the test output. */
export function report(title: string, figures: Record<string, string | number>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  // eslint-disable-next-line no-console -- the figures are this suite's output, read in the test log (see README, Reliability)
  console.log(`\n[fault figures] ${title}\n${lines.join('\n')}\n`);
}

export const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] as number;
};
