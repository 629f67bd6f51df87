/**
 * The index steps of an upsert or a remove, after its script wrote the
 * record and left a pending marker in the record's slot (upsert-script.ts):
 * every stream index, the URL map, topic names and story index, each a
 * single-key command that can be done twice, then the marker dropped, then
 * the change published. A writer that dies in between leaves the marker;
 * whoever comes next (the article's next upsert, `bantin store check
 * --repair`) does the steps again from the record as it is then.
 *
 * On a single Redis the steps go in one MULTI, so they are seen all at once.
 * On a cluster they are sent at once to their slots' masters, the marker
 * dropped only once all have answered.
 */
import { topologyOf, type RedisClient } from '../redis/client.js';
import { sendTogether, type RedisCommand } from '../redis/batch.js';
import { CorruptRecordError } from '../core/errors.js';
import { parseHeader, samePlacement, type RecordHeader } from './header.js';
import { parseStreamName, type KeySchema } from './keys.js';
import { FINISH_SCRIPT, FIRST_COPY_SCRIPT, FORGET_URLS_SCRIPT } from './upsert-script.js';

export interface Settlement {
  id: string;
  /** The writer's token, which owns the marker. */
  token: string;
  /** The record as the writer left it; null after a remove. */
  current: RecordHeader | null;
  /** The records it replaced (the stored one, and what an unfinished writer's marker held). */
  was: readonly RecordHeader[];
  /** URLs to map to the article (canonical first, then aliases). */
  urls: readonly string[];
  /** URLs a remove forgets, unless one has come to mean another article. */
  forget: readonly string[];
  /** Topic slug → display name. */
  topicNames: Readonly<Record<string, string>>;
  /** Stream names an index lists the article in that it does not belong to (a check found them). */
  strayStreams?: readonly string[];
  /** More single-key commands for the same round trip, after the record (a new story's bands). */
  extra?: readonly RedisCommand[];
}

function indexKey(k: KeySchema, name: string): string {
  return `${k.indexPrefix}${name}`;
}

/** Where `header` belongs: each of its streams at its score, and its own story's index if it has one already. */
function placeCommands(k: KeySchema, header: RecordHeader): RedisCommand[] {
  const out: RedisCommand[] = header.streams.map((s): RedisCommand => ['ZADD', indexKey(k, s), header.score, header.id]);
  // A story's first copy is in its index only once the story has a second; there it follows its own time.
  if (header.storyId === header.id) out.push(['ZADD', k.index({ kind: 'story', id: header.id }), 'XX', header.score, header.id]);
  return out;
}

/** Stream names the article must leave: where the replaced records were and the current one is not. */
function staleStreams(s: Settlement): string[] {
  const keep = new Set(s.current?.streams ?? []);
  const stale = new Set<string>();
  for (const w of s.was) {
    for (const name of w.streams) stale.add(name);
    // A removed first copy leaves its own story's index too.
    if (s.current === null) stale.add(`story:${w.storyId}`);
  }
  for (const name of s.strayStreams ?? []) stale.add(name);
  if (s.current?.storyId === s.id) keep.add(`story:${s.id}`);
  return [...stale].filter((name) => !keep.has(name));
}

/** Every stream whose readers may see a difference: the story's, where the article was, where it is. */
export function changedStreams(s: Pick<Settlement, 'current' | 'was'>): string[] {
  const names = new Set<string>();
  const story = s.current?.storyId ?? s.was.at(-1)?.storyId;
  if (story) names.add(`story:${story}`);
  for (const w of s.was) for (const name of w.streams) names.add(name);
  for (const name of s.current?.streams ?? []) names.add(name);
  return [...names].filter((name) => parseStreamName(name) !== null);
}

export function stepCommands(k: KeySchema, s: Settlement): RedisCommand[] {
  const out: RedisCommand[] = [];
  if (s.current) out.push(...placeCommands(k, s.current));
  for (const name of staleStreams(s)) out.push(['ZREM', indexKey(k, name), s.id]);
  if (s.current && s.urls.length > 0) out.push(['HSET', k.urls, ...s.urls.flatMap((u) => [u, s.id])]);
  if (!s.current && s.forget.length > 0) out.push(['EVAL', FORGET_URLS_SCRIPT, 1, k.urls, s.id, ...s.forget]);
  const names = Object.entries(s.topicNames);
  if (names.length > 0) out.push(['HSET', k.topicNames, ...names.flat()]);
  out.push(...(s.extra ?? []));
  return out;
}

function finishCommand(k: KeySchema, s: Pick<Settlement, 'id' | 'token'>): RedisCommand {
  return ['EVAL', FINISH_SCRIPT, 2, k.article(s.id), k.articlePending(s.id), s.token];
}

export function publishCommand(k: KeySchema, s: Settlement): RedisCommand {
  return ['PUBLISH', k.changes, JSON.stringify(changedStreams(s))];
}

/**
 * Every step of a first store of a new article, in order, for one pipeline on a single Redis (bench:store fills a
 * store with what the upsert writes). The story's index is left alone: such an article is its own story.
 */
export function freshCommands(k: KeySchema, s: Settlement): RedisCommand[] {
  return [...stepCommands(k, s), finishCommand(k, s), publishCommand(k, s)];
}

function headerAfter(k: KeySchema, id: string, answer: unknown): RecordHeader | null {
  if (answer === null || answer === undefined) return null;
  if (typeof answer !== 'string') throw new CorruptRecordError(k.article(id), 'finish step answered no header');
  return parseHeader(k.article(id), answer);
}

/** Does the index steps, drops the marker, publishes; if the record moved meanwhile, places it as it is now too. */
export async function settle(redis: RedisClient, k: KeySchema, s: Settlement): Promise<void> {
  const steps = stepCommands(k, s);
  const firstCopy = s.current && s.current.storyId !== s.id ? s.current.storyId : null;
  const storyIndex = firstCopy ? k.index({ kind: 'story', id: firstCopy }) : '';
  let now: RecordHeader | null;
  if (topologyOf(redis) === 'single') {
    const all: RedisCommand[] = [...steps];
    if (firstCopy) all.push(['EVAL', FIRST_COPY_SCRIPT, 2, k.index({ kind: 'all' }), storyIndex, firstCopy]);
    all.push(finishCommand(k, s), publishCommand(k, s));
    const answers = await sendTogether(redis, all, { atomic: true });
    now = headerAfter(k, s.id, answers.at(-2));
  } else {
    const answers = await sendTogether(redis, firstCopy ? [...steps, ['ZSCORE', k.index({ kind: 'all' }), firstCopy]] : steps);
    const score = firstCopy ? answers.at(-1) : null;
    if (typeof score === 'string') await redis.zadd(storyIndex, 'NX', score, firstCopy as string);
    // Every index step has answered: the marker can go, and the change be told, in the same round trip.
    const [finished] = await sendTogether(redis, [finishCommand(k, s), publishCommand(k, s)]);
    now = headerAfter(k, s.id, finished);
  }
  // Another writer changed the record while these steps ran, and they may have taken out what it needs: put it back.
  // (Only adding: an entry left over is not shown, since lists check records; `store check --repair` clears it.)
  if (now && !(s.current && samePlacement(now, s.current))) await sendTogether(redis, placeCommands(k, now));
}
