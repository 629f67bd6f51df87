/**
 * `npm run bench:ingest`: a full crawl of a 2,000-article fixture site on
 * loopback by the real worker (`bantin worker`, a child process, run from
 * the compiled dist/ with NODE_ENV=production as the Docker image runs it,
 * so tsx's in-process compiler is not counted), politeness lifted. Prints articles/s end to end (discover,
 * fetch, extract, normalize, store), the median extraction time per page,
 * the worker's peak RSS, and, as the baseline measured in the same run,
 * plain HTTP GETs of the same pages at the same concurrency: the ratio
 * says how much of the fetch-only rate the pipeline keeps.
 *
 *   BENCH_ARTICLES=2000 BENCH_CONCURRENCY=16 npm run bench:ingest
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
import { startIngestSite } from './ingest-site.js';
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
  const worker = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'worker'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
  const pid = worker.pid as number;

  const connection = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const queue = createCrawlQueue({ connection, prefix: `${PREFIX}:q`, clock: systemClock, log: silentLogger() });
  // The clock starts once the worker is listening: its boot is not the pipeline's time.
  while ((await queue.queue.getWorkers()).length === 0) await new Promise((r) => setTimeout(r, 50));
  const idleRss = await rssMb(pid, 'VmRSS');
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

  const stored = Number(summary.new ?? 0) + Number(summary.updated ?? 0) + Number(summary.unchanged ?? 0);
  const runSeconds = Number(summary.durationMs ?? wallSeconds * 1000) / 1000;
  const rate = stored / wallSeconds;
  console.log(`articles            ${COUNT} pages, ${stored} stored (new ${String(summary.new)}, failed ${String(summary.failed)}), status ${String(summary.status)}`);
  console.log(`end to end          ${rate.toFixed(1)} articles/s (${wallSeconds.toFixed(2)} s from enqueue to done; run itself ${runSeconds.toFixed(2)} s)`);
  console.log(`baseline            ${baseline.toFixed(1)} pages/s plain GET at concurrency ${CONCURRENCY}; pipeline keeps ${((rate / baseline) * 100).toFixed(1)}% of it`);
  console.log(`extraction median   ${median(times).toFixed(2)} ms/page (decode + extract + normalize, ${times.length} pages)`);
  console.log(`worker peak RSS     ${rss.toFixed(0)} MB (${idleRss.toFixed(0)} MB idle before the run)`);
  console.log(`worker exit         ${String(code)} after SIGTERM`);

  await queue.close();
  await connection.quit();
  await site.close();
  await redisServer.stop();
  await rm(work, { recursive: true, force: true });
}

await main();
