/**
 * `npm run bench:ingest`: a full crawl of a 2,000-article fixture site
 * (bench/ingest-site.ts: distinct articles, about 10% republished copies) on
 * loopback by the real worker (`bantin worker`, a child process, run from
 * the compiled dist/ with NODE_ENV=production as the Docker image runs it,
 * so tsx's in-process compiler is not counted), politeness lifted. Prints articles/s end to end (discover,
 * fetch, extract, normalize, store), the median extraction time per page,
 * the worker's peak RSS, and, as the baseline measured in the same run,
 * plain HTTP GETs of the same pages at the same concurrency: the ratio
 * says how much of the fetch-only rate the pipeline keeps. The worker
 * runs under `node --cpu-prof` (BENCH_PROFILE=0 for none: it costs a few
 * percent) and the bench prints what one article costs in each step, from
 * that profile (bench/cpu-profile.ts says how samples are assigned).
 *
 *   BENCH_ARTICLES=2000 BENCH_CONCURRENCY=16 npm run bench:ingest
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { request, Agent } from 'undici';
import { loadConfig } from '../src/config/index.js';
import { systemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/log.js';
import { readArticle } from '../src/normalize/index.js';
import { createCrawlQueue } from '../src/queue/index.js';
import { startRedisServer } from '../src/redis/server.js';
import { keys } from '../src/store/index.js';
import { startIngestSite } from './ingest-site.js';
import { readProfile, STEPS, summarize } from './cpu-profile.js';
import { median } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const COUNT = Number(process.env.BENCH_ARTICLES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PREFIX = 'bench';

/** VmHWM is the peak resident set so far, VmRSS the current one. */
async function rssMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU seconds (user + system) the process has used so far: under a shared machine's load this moves far less than wall time. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Baseline: the same pages fetched and read whole, nothing else done. */
async function fetchOnlyRate(origin: string, paths: string[]): Promise<number> {
  const agent = new Agent({ connections: CONCURRENCY });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < paths.length) {
        const res = await request(`${origin}${paths[next++]}`, { dispatcher: agent });
        await res.body.arrayBuffer();
      }
    }),
  );
  await agent.close();
  return paths.length / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bantin-bench-'));
  const redisServer = await startRedisServer({ listen: { port: 0 }, dir: work, appendonly: false });
  const site = await startIngestSite(ROOT, COUNT);
  const configDir = path.join(work, 'config');
  await cp(path.join(ROOT, 'config'), configDir, { recursive: true });
  for (const other of ['phapluatxahoi.yaml', 'thitruongtaichinh.yaml']) await rm(path.join(configDir, 'sources', other), { force: true });
  const sourceFile = path.join(configDir, 'sources/kinhtedothi.yaml');
  const yaml = (await readFile(sourceFile, 'utf8'))
    .replace('baseUrl: https://kinhtedothi.vn', `baseUrl: ${site.origin}`)
    .replace(/minIntervalMs: \d+/, 'minIntervalMs: 0')
    .replace(/concurrency: \d+/, `concurrency: ${CONCURRENCY}`)
    .replace(/maxArticlesPerRun: \d+/, `maxArticlesPerRun: ${COUNT * 2}`)
    .replace(/listings:\n(\s+- .*\n)+/, 'listings: []\n');
  await writeFile(sourceFile, yaml);

  const baseline = await fetchOnlyRate(site.origin, site.paths);

  const env = {
    ...process.env,
    REDIS_URL: redisServer.url,
    BANTIN_CONFIG: configDir,
    BANTIN_FEEDS: path.join(ROOT, 'feeds'),
    BANTIN_REDIS_PREFIX: PREFIX,
    BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
    // Articles are jobs of their own: the worker takes this many at once (the site's politeness allows as many).
    WORKER_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  // The worker's V8 CPU profile, for the per-step costs; BENCH_CPU_PROF=DIR keeps it there for bench/cpu-profile.ts.
  const profileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : path.join(work, 'profile');
  const profile = process.env.BENCH_PROFILE === '0' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  // BENCH_WORKER_ARGS: node flags for the worker alone (V8 heap settings, say), split on spaces.
  const workerArgs = (process.env.BENCH_WORKER_ARGS ?? '').split(' ').filter((a) => a !== '');
  const worker = spawn(process.execPath, [...workerArgs, ...profile, path.join(ROOT, 'bin/bantin.js'), 'worker'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
  const pid = worker.pid as number;

  const connection = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const queue = createCrawlQueue({ connection, prefix: keys(PREFIX).queuePrefix, clock: systemClock, log: silentLogger() });
  // The clock starts once the worker is listening: its boot is not the pipeline's time.
  while ((await queue.queue.getWorkers()).length === 0) await new Promise((r) => setTimeout(r, 50));
  const idleRss = await rssMb(pid, 'VmRSS');
  const cpuBefore = await cpuSeconds(pid);
  const started = performance.now();
  const jobId = await queue.enqueueRun({ sourceId: 'kinhtedothi', slot: null, trigger: 'manual', pages: null });
  let summary: Record<string, unknown>;
  for (;;) {
    const job = await queue.queue.getJob(jobId);
    const state = await job?.getState();
    if (state === 'completed' || state === 'failed') {
      summary = (job?.returnvalue ?? job?.progress ?? {}) as Record<string, unknown>;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const rss = await rssMb(pid, 'VmHWM');
  const workerCpu = (await cpuSeconds(pid)) - cpuBefore;
  worker.kill('SIGTERM');
  const code = await exited;

  const source = (await loadConfig({ configDir, feedsDir: path.join(ROOT, 'feeds') })).sources[0];
  if (!source) throw new Error('bench config has no source');
  const times: number[] = [];
  for (const p of site.paths.slice(0, 300)) {
    const t0 = performance.now();
    const now = Date.now();
    readArticle({ body: site.page(p), contentType: 'text/html; charset=utf-8', url: `${site.origin}${p}` }, { source, fetchedAt: now, now });
    times.push(performance.now() - t0);
  }
  const profiles = profile.length > 0 ? (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile')).sort() : [];
  const last = profiles.at(-1);
  const steps = last === undefined ? null : summarize(await readProfile(path.join(profileDir, last)));

  const stored = Number(summary.new ?? 0) + Number(summary.updated ?? 0) + Number(summary.unchanged ?? 0);
  const runSeconds = Number(summary.durationMs ?? wallSeconds * 1000) / 1000;
  const rate = stored / wallSeconds;
  console.log(`articles            ${COUNT} pages (${site.republished} of them republished copies of an earlier page), ${stored} stored (new ${String(summary.new)}, failed ${String(summary.failed)}), status ${String(summary.status)}`);
  console.log(`end to end          ${rate.toFixed(1)} articles/s (${wallSeconds.toFixed(2)} s from enqueue to done; run itself ${runSeconds.toFixed(2)} s)`);
  console.log(`worker CPU          ${((workerCpu * 1000) / Math.max(1, stored)).toFixed(2)} ms per article (${workerCpu.toFixed(2)} s user + system over the run: ${(workerCpu / wallSeconds).toFixed(2)} cores busy)`);
  console.log(`baseline            ${baseline.toFixed(1)} pages/s plain GET at concurrency ${CONCURRENCY}; pipeline keeps ${((rate / baseline) * 100).toFixed(1)}% of it`);
  console.log(`extraction median   ${median(times).toFixed(2)} ms/page (decode + extract + normalize, ${times.length} pages)`);
  console.log(`worker peak RSS     ${rss.toFixed(0)} MB (${idleRss.toFixed(0)} MB idle before the run)`);
  if (steps) {
    // A sample's weight is wall time, which on a loaded machine includes time the thread waited for a core: the
    // shares are the profile's, the milliseconds those shares of the worker's measured CPU per article.
    const boot = steps.bySteps.get('boot') ?? 0;
    const run = steps.busyUs - boot;
    const cpuPerArticle = (workerCpu * 1000) / Math.max(1, stored);
    console.log(`\nper article, by step (shares of the worker's CPU profile in the run, ${(run / 1e6).toFixed(2)} s of samples; of ${cpuPerArticle.toFixed(2)} ms CPU)`);
    for (const step of STEPS) {
      if (step === 'boot') continue;
      const share = (steps.bySteps.get(step) ?? 0) / run;
      console.log(`  ${step.padEnd(18)} ${(share * cpuPerArticle).toFixed(3).padStart(7)} ms  ${(share * 100).toFixed(1).padStart(5)}%`);
    }
  }
  console.log(`worker exit         ${String(code)} after SIGTERM`);

  await queue.close();
  await connection.quit();
  await site.close();
  await redisServer.stop();
  await rm(work, { recursive: true, force: true });
}

await main();
