/**
 * The fill of `npm run bench:store`, in child processes: each builds its
 * share of the articles (every `workers`-th, the same PRNG seeds as one
 * process would use) and sends each through the store's upsert script and
 * band writes (upsert-command.ts, story-bands.ts), pipelined in batches.
 * Each article is its own story: the keys and values the store's upsert
 * writes for a story's first copy, without its look-up of a story to join
 * (bench:stories measures that). Building a record (sentences, the deflate
 * of the codec, the fingerprint) is CPU, and on a shared machine several
 * processes get more of it than one.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { keys } from '../src/store/keys.js';
import { queueBandWrites } from '../src/store/story-bands.js';
import { fingerprint, storyText } from '../src/store/story-fingerprint.js';
import { queueUpsert } from '../src/store/upsert-command.js';
import { articleMaker, corpusSentences, fixtureSentences } from './store-articles.js';

const self = fileURLToPath(import.meta.url);
const BATCH = 100;

export interface FillSpec {
  redisUrl: string;
  prefix: string;
  root: string;
  corpus: string | null;
  seed: number;
  minBytes: number;
  maxBytes: number;
  n: number;
}

/** Fills `spec.n` articles with `workers` children; `onProgress` gets the count done so far. */
export async function fillInChildren(spec: FillSpec, workers: number, onProgress: (done: number) => void): Promise<void> {
  const done = new Array<number>(workers).fill(0);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const child = fork(self, ['fill-child', JSON.stringify(spec), String(w), String(workers)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (m) => {
        done[w] = Number(m);
        onProgress(done.reduce((s, x) => s + x, 0));
      });
      return new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fill child ${w} exited ${String(code)}`)))));
    }),
  );
}

async function child(spec: FillSpec, w: number, workers: number): Promise<void> {
  const redis = new Redis(spec.redisUrl);
  const sentences = spec.corpus ? corpusSentences(spec.corpus) : fixtureSentences(spec.root);
  const maker = articleMaker(sentences, spec.seed, { minBytes: spec.minBytes, maxBytes: spec.maxBytes });
  const k = keys(spec.prefix);
  let count = 0;
  try {
    for (let from = w; from < spec.n; from += BATCH * workers) {
      const pipeline = redis.pipeline();
      for (let i = from; i < Math.min(spec.n, from + BATCH * workers); i += workers) {
        const a = maker.article(i);
        queueUpsert(pipeline, k, a, []);
        // Each article's bands at the level of the stories stored before it (one each), as the store would.
        queueBandWrites(pipeline, k, a.id, fingerprint(storyText(a)).bands, i);
        count++;
      }
      for (const [err] of (await pipeline.exec()) ?? []) if (err) throw err;
      process.send?.(count);
    }
  } finally {
    await redis.quit();
  }
}

if (process.argv[2] === 'fill-child') {
  const [, , , spec, w, workers] = process.argv;
  await child(JSON.parse(spec as string) as FillSpec, Number(w), Number(workers));
}
