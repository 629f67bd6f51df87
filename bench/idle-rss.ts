/**
 * Idle memory of each role: `bantin serve`, `worker` and `scheduler` are
 * started from the compiled dist/ (NODE_ENV=production, as the image runs
 * them; `npm run build` first) against a Redis of their own, and their
 * resident set is read two seconds after they say they are running, before
 * any job, and again at 30 s (BENCH_IDLE_MS): total, the part backed by files
 * (node's own binary, shared), and the anonymous part (heap, malloc). Median
 * of BENCH_ROUNDS runs (3), and a bare `node` in the same run as the floor.
 *
 * Idle means no job: each role of each round gets its own key prefix, so the
 * scheduler's cron runs never reach the worker beside it, and the first-start
 * crawl is off (it would send the worker to the shipped sources' real sites).
 *
 * Why two readings: at 2 s the heap still holds the young generation that
 * module loading grew to its 2 × 16 MB maximum. Nothing uses it then, and
 * V8's memory reducer gives it back after about 10–20 s with no allocation.
 * The 30 s figure is what a role waiting for work holds from then on.
 *
 *   npm run bench:idle   (builds dist/, then runs this file)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRedisServer } from '../src/redis/server.js';
import { median } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SETTLE_MS = 2000;
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 30_000);

interface Memory {
  rss: number;
  file: number;
  anonymous: number;
}

async function memoryOf(pid: number): Promise<Memory> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? NaN) / 1024;
  return { rss: kb('Rss'), anonymous: kb('Anonymous'), file: kb('Rss') - kb('Anonymous') };
}

/** Starts the command, waits for `ready` on its stdout (or a fixed time), reads its memory at SETTLE_MS and IDLE_MS, stops it. */
async function measure(args: string[], env: NodeJS.ProcessEnv, ready: string | null): Promise<[Memory, Memory]> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    if (ready === null) return void setTimeout(resolve, 500);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${String(code)} before "${ready}"`)));
  });
  child.stdout.resume();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const early = await memoryOf(child.pid as number);
  await new Promise((r) => setTimeout(r, IDLE_MS - SETTLE_MS));
  const idle = await memoryOf(child.pid as number);
  child.kill('SIGTERM');
  await exited;
  return [early, idle];
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bantin-idle-'));
  const redis = await startRedisServer({ listen: { port: 0 }, dir: work, appendonly: false });
  const env = {
    ...process.env,
    REDIS_URL: redis.url,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    PORT: '0',
    BANTIN_CONFIG: path.join(ROOT, 'config'),
    BANTIN_FEEDS: path.join(ROOT, 'feeds'),
    BANTIN_DATA_DIR: work,
    BANTIN_FIRST_CRAWL: '0',
  };
  const subjects: { name: string; args: string[]; ready: string | null }[] = [
    { name: 'node (bare)', args: ['-e', 'setTimeout(() => {}, 600_000)'], ready: null },
    ...['serve', 'worker', 'scheduler'].map((role) => ({ name: role, args: [path.join(ROOT, 'bin/bantin.js'), role], ready: 'bantin running' })),
  ];
  try {
    // The subjects of a round run side by side (a round takes IDLE_MS, not four times that); rounds one after another.
    const runs: [Memory, Memory][][] = subjects.map(() => []);
    for (let i = 0; i < ROUNDS; i++) {
      const round = await Promise.all(
        subjects.map((s, j) => measure(s.args, { ...env, BANTIN_REDIS_PREFIX: `idle-${String(i)}-${String(j)}` }, s.ready)),
      );
      round.forEach((r, j) => runs[j]?.push(r));
    }
    console.log(`idle RSS, MB (median of ${ROUNDS}), ${SETTLE_MS / 1000} s and ${IDLE_MS / 1000} s after the role says it is running`);
    const cols = ['total', 'file', 'anon'].map((c) => c.padStart(7)).join(' ');
    console.log(`  ${'role'.padEnd(12)} ${`at ${SETTLE_MS / 1000} s:`.padEnd(9)}${cols}   ${`at ${IDLE_MS / 1000} s:`.padEnd(9)}${cols}`);
    subjects.forEach((s, j) => {
      const at = (t: 0 | 1): string =>
        (['rss', 'file', 'anonymous'] as const).map((k) => median((runs[j] ?? []).map((r) => r[t][k])).toFixed(0).padStart(7)).join(' ');
      console.log(`  ${s.name.padEnd(12)} ${''.padEnd(9)}${at(0)}   ${''.padEnd(9)}${at(1)}`);
    });
    // The spread matters more than the median here: a round whose young generation V8 has not yet given back reads ~20 MB higher.
    console.log(`rounds, total at ${SETTLE_MS / 1000} s / ${IDLE_MS / 1000} s:`);
    subjects.forEach((s, j) =>
      console.log(`  ${s.name.padEnd(12)} ${(runs[j] ?? []).map(([a, b]) => `${a.rss.toFixed(0)}/${b.rss.toFixed(0)}`).join('  ')}`),
    );
  } finally {
    await redis.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
