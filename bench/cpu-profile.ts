/**
 * Reads a V8 CPU profile (`node --cpu-prof`; bench:ingest writes the
 * worker's) as text: self time by package or source folder, by function,
 * inclusive time of our functions, and time by pipeline step. A sample
 * belongs to the step of the nearest of our frames on its stack (core/
 * and redis/ helpers pass it on to their caller), so socket writes count for whoever
 * sent the command; a sample with none of our frames goes by package
 * (BullMQ's own loop is the queue, ioredis reading replies is Redis I/O).
 *
 *   npx tsx bench/cpu-profile.ts FILE.cpuprofile [--top 25]
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

const callFrame = z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() });
const profileSchema = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame, children: z.array(z.number()).optional() })),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
  startTime: z.number(),
  endTime: z.number(),
});
export type CpuProfile = z.infer<typeof profileSchema>;
type Frame = z.infer<typeof callFrame>;

export async function readProfile(file: string): Promise<CpuProfile> {
  return profileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Where a frame's code lives: an npm package, a folder of ours (bantin/store), node itself, or V8. */
export function placeOf(url: string): string {
  if (url === '') return '(v8/native)';
  if (url.startsWith('node:')) return 'node:internal';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const ours = /\/(?:dist|src)\/([^/]+)\//.exec(url);
  if (ours) return `bantin/${ours[1] as string}`;
  return url.replace(/^file:\/\//, '');
}

export const STEPS = ['fetch', 'decode', 'extract', 'normalize', 'store read', 'story assignment', 'record codec', 'store write', 'queue', 'run bookkeeping', 'Redis I/O', 'GC', 'boot', 'other'] as const;
export type Step = (typeof STEPS)[number];

const file = (url: string): string => url.split('/').pop() ?? '';

/** The step one of our frames belongs to; null for core/ helpers and code not ours. */
function stepOfFrame(f: Frame): Step | null {
  const place = placeOf(f.url);
  if (!place.startsWith('bantin/')) return null;
  const stage = place.slice('bantin/'.length);
  const name = file(f.url);
  switch (stage) {
    case 'fetch':
    case 'discover':
      // Discovery (the run's feed, read once) is a fetch too: per article it is a sliver.
      return 'fetch';
    case 'extract':
      return name.startsWith('decode.') ? 'decode' : 'extract';
    case 'normalize':
      return 'normalize';
    case 'store':
      if (name.startsWith('story-')) return 'story assignment';
      // The codec's files: record-codec.ts and the syllable codes it writes the body in.
      if (name.startsWith('record-') || name.startsWith('syllable')) return 'record codec';
      if (f.functionName === 'get' && name.startsWith('redis-store.')) return 'store read';
      // The run's own keys (lease, crawl state, profile drift) are bookkeeping; every other store file writes articles.
      return /^(crawl-state|profile-drift|run-lease|drift-script)\./.test(name) ? 'run bookkeeping' : 'store write';
    case 'queue':
      return 'queue';
    case 'core':
    case 'redis':
      // Shared helpers (the store's command batches among them): the sample is their caller's.
      return null;
    case 'cli':
    case 'config':
      return 'boot';
    default:
      // crawl, roles, metrics: the run around the steps (lease, drift, counts).
      return 'run bookkeeping';
  }
}

function stepOfPackage(leaf: Frame, stack: Frame[]): Step {
  if (leaf.functionName === '(garbage collector)') return 'GC';
  if (stack.some((f) => /esm\/(module_job|loader|translators)|cjs\/loader/.test(f.url) || f.functionName === 'compileSourceTextModule')) return 'boot';
  const places = new Set(stack.map((f) => placeOf(f.url)));
  if (places.has('bullmq')) return 'queue';
  if (places.has('ioredis')) return 'Redis I/O';
  if (places.has('undici')) return 'fetch';
  return 'other';
}

export interface Summary {
  wallUs: number;
  busyUs: number;
  gcUs: number;
  selfByPlace: Map<string, number>;
  selfByFunction: Map<string, number>;
  inclusiveOurs: Map<string, number>;
  bySteps: Map<Step, number>;
}

const nameOf = (f: Frame): string => `${f.functionName || '(anonymous)'} ${placeOf(f.url)}${f.url ? `/${file(f.url)}:${f.lineNumber + 1}` : ''}`;
const bump = <K>(m: Map<K, number>, k: K, us: number): void => void m.set(k, (m.get(k) ?? 0) + us);

export function summarize(profile: CpuProfile): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => bump(selfUs, id, profile.timeDeltas[i] ?? 0));

  const out: Summary = { wallUs: profile.endTime - profile.startTime, busyUs: 0, gcUs: 0, selfByPlace: new Map(), selfByFunction: new Map(), inclusiveOurs: new Map(), bySteps: new Map() };
  for (const [id, us] of selfUs) {
    const leaf = byId.get(id)?.callFrame;
    if (!leaf || leaf.functionName === '(idle)' || leaf.functionName === '(program)') continue;
    out.busyUs += us;
    if (leaf.functionName === '(garbage collector)') out.gcUs += us;
    bump(out.selfByFunction, nameOf(leaf), us);
    bump(out.selfByPlace, placeOf(leaf.url), us);
    const stack: Frame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && frame.functionName !== '(root)') stack.push(frame);
    }
    // Each function once, however deep its recursion.
    for (const k of new Set(stack.filter((f) => placeOf(f.url).startsWith('bantin/')).map(nameOf))) bump(out.inclusiveOurs, k, us);
    const ours = stack.map(stepOfFrame).find((s): s is Step => s !== null);
    bump(out.bySteps, ours ?? stepOfPackage(leaf, stack), us);
  }
  return out;
}

function table(title: string, rows: [string, number][], busy: number, top: number): string {
  const lines = rows
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms ${((v / busy) * 100).toFixed(1).padStart(5)}%  ${k}`);
  return [title, ...lines, ''].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  if (!path) throw new Error('usage: tsx bench/cpu-profile.ts FILE.cpuprofile [--top N]');
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const s = summarize(await readProfile(path));
  console.log(`profile  ${(s.wallUs / 1e6).toFixed(2)} s wall, busy ${(s.busyUs / 1e6).toFixed(2)} s (GC ${(s.gcUs / 1e6).toFixed(2)} s)\n`);
  console.log(table('self time by step', [...s.bySteps], s.busyUs, top));
  console.log(table('self time by package / folder', [...s.selfByPlace], s.busyUs, top));
  console.log(table('self time by function', [...s.selfByFunction], s.busyUs, top));
  console.log(table('inclusive (top-down) time, bantin functions', [...s.inclusiveOurs], s.busyUs, top));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
