/**
 * What each package a role loads costs on its own: every module is imported
 * alone in a fresh `node` (no tsx), then two full GCs, and the script prints
 * what it added to a bare node: RSS, live heap (heapUsed), committed heap
 * (heapTotal) and external memory. Then the packages a worker runs with (by
 * its first job at the latest) all together, and the compiled worker role
 * module (dist/, `npm run build` first).
 *
 *   npx tsx bench/module-memory.ts
 *
 * Read heapUsed, not RSS: loading any package grows the young generation
 * (up to 2 × 16 MB committed, nothing live in it after the GC), so the RSS
 * deltas of separate processes do not add up; heapUsed does, roughly.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORKER_PACKAGES = ['bullmq', 'ioredis', 'cheerio/slim', 'undici', 'zod', 'pino', 'prom-client', 'node-cron', 'yaml', 'tldts', 'robots-parser', 'jsonrepair'];
const OTHERS = ['cheerio', 'hono', '@hono/node-server', '@bull-board/api', '@bull-board/hono', 'rss-parser', 'linkedom', '@mozilla/readability'];
const OWN = ['./dist/config/index.js', './dist/metrics/index.js', './dist/queue/index.js', './dist/store/index.js', './dist/normalize/index.js', './dist/extract/index.js', './dist/websub/index.js', './dist/serve/index.js'];

interface Usage {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** Imports `modules` in a fresh node (relative specifiers from the project root), collects garbage, reports. */
function usageAfter(modules: string[]): Usage {
  const imports = modules.map((m) => `await import(${JSON.stringify(m)});`).join(' ');
  const code = `${imports} for (let i = 0; i < 3; i++) globalThis.gc(); const u = process.memoryUsage(); console.log(JSON.stringify({ rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external }));`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as Usage;
}

const MB = (bytes: number): string => (bytes / 1048576).toFixed(1).padStart(9);
const bare = usageAfter([]);
console.log(`MB added to a bare node (bare: RSS ${MB(bare.rss).trim()}, heapUsed ${MB(bare.heapUsed).trim()})`);
console.log(`  ${'module'.padEnd(34)}${'RSS'.padStart(9)}${'heapUsed'.padStart(9)}${'heapTotal'.padStart(10)}${'external'.padStart(9)}`);
const row = (name: string, u: Usage): void =>
  console.log(`  ${name.padEnd(34)}${MB(u.rss - bare.rss)}${MB(u.heapUsed - bare.heapUsed)} ${MB(u.heapTotal - bare.heapTotal)}${MB(u.external - bare.external)}`);
const sums = { rss: 0, heapUsed: 0 };
for (const m of WORKER_PACKAGES) {
  const u = usageAfter([m]);
  sums.rss += u.rss - bare.rss;
  sums.heapUsed += u.heapUsed - bare.heapUsed;
  row(m, u);
}
console.log(`  ${'sum of the rows above'.padEnd(34)}${MB(sums.rss)}${MB(sums.heapUsed)}`);
row('all of them in one node', usageAfter(WORKER_PACKAGES));
row('dist/roles/worker.js', usageAfter(['./dist/roles/worker.js']));
console.log('  other packages, and our own stages each alone:');
for (const m of [...OTHERS, ...OWN]) row(m, usageAfter([m]));
