/**
 * The drift window in Redis: per source and field, the last 50 outcomes;
 * into drift below half once 10 are counted, out again at half, each
 * transition reported once however many workers record at the same time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedField } from '../../src/core/article.js';
import { createProfileDriftStore, keys, type DriftTransition, type ProfileDriftStore } from '../../src/store/index.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const PREFIX = 'drifttest';
const SOURCE = 'kinhtedothi';
const COVERED: ExtractedField[] = ['title', 'lead', 'authors', 'publishedAt', 'section', 'tags', 'body'];
const T0 = Date.parse('2026-03-02T08:00:00+07:00');

let redis: TestRedis;
let drift: ProfileDriftStore;
beforeAll(async () => {
  redis = await startTestRedis();
  drift = createProfileDriftStore({ redis: redis.client(), prefix: PREFIX });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

/** `n` articles whose title did (or did not) come from the profile, one minute apart; every transition they caused. */
async function titles(n: number, fromProfile: boolean, start = T0): Promise<DriftTransition[]> {
  const out: DriftTransition[] = [];
  for (let i = 0; i < n; i++) out.push(...(await drift.record(SOURCE, { covered: COVERED, outcomes: [['title', fromProfile]] }, start + i * 60_000)));
  return out;
}

const title = async () => (await drift.read(SOURCE)).find((w) => w.field === 'title');

describe('going into drift', () => {
  it('declares nothing before 10 articles are counted, then drift from the 10th', async () => {
    expect(await titles(9, false)).toEqual([]);
    expect(await title()).toEqual({ field: 'title', profile: 0, counted: 9, since: null });
    const at = T0 + 9 * 60_000;
    expect(await titles(1, false, at)).toEqual([{ field: 'title', kind: 'enter', profile: 0, counted: 10, since: at }]);
    expect(await title()).toEqual({ field: 'title', profile: 0, counted: 10, since: at });
    // Already in drift: more misses report nothing.
    expect(await titles(5, false)).toEqual([]);
  });

  it('needs strictly under half: 5 of 10 from the profile is no drift, 5 of 11 is', async () => {
    expect(await titles(5, true)).toEqual([]);
    expect(await titles(5, false)).toEqual([]);
    expect((await title())?.since).toBeNull();
    expect(await titles(1, false)).toMatchObject([{ field: 'title', kind: 'enter', profile: 5, counted: 11 }]);
  });

  it('keeps each field apart: the title drifting leaves the body alone', async () => {
    for (let i = 0; i < 12; i++) {
      await drift.record(SOURCE, { covered: COVERED, outcomes: [['title', false], ['body', true]] }, T0 + i);
    }
    const windows = await drift.read(SOURCE);
    expect(windows.find((w) => w.field === 'title')?.since).not.toBeNull();
    expect(windows.find((w) => w.field === 'body')).toEqual({ field: 'body', profile: 12, counted: 12, since: null });
  });
});

describe('coming out of drift', () => {
  it('ends at half from the profile, reports the start it had, and only once', async () => {
    await titles(10, false);
    const since = T0 + 9 * 60_000;
    // 9 of 19 is still under half.
    expect(await titles(9, true)).toEqual([]);
    expect(await titles(1, true)).toEqual([{ field: 'title', kind: 'exit', profile: 10, counted: 20, since }]);
    expect(await title()).toEqual({ field: 'title', profile: 10, counted: 20, since: null });
    expect(await titles(5, true)).toEqual([]);
  });
});

describe('the window', () => {
  it('holds the last 50 articles: older outcomes slide out', async () => {
    await titles(50, false);
    expect(await title()).toMatchObject({ profile: 0, counted: 50 });
    // The 50 misses slide out one by one: drift ends when 25 of the last 50 are hits.
    const back = await titles(24, true);
    expect(back).toEqual([]);
    expect(await title()).toMatchObject({ profile: 24, counted: 50 });
    expect(await titles(1, true)).toMatchObject([{ kind: 'exit', profile: 25, counted: 50 }]);
    await titles(25, true);
    expect(await title()).toEqual({ field: 'title', profile: 50, counted: 50, since: null });
  });

  it('reports a transition once when many workers record at the same moment', async () => {
    const all = await Promise.all(
      Array.from({ length: 40 }, (_, i) => drift.record(SOURCE, { covered: COVERED, outcomes: [['title', false]] }, T0 + i)),
    );
    expect(all.flat().filter((t) => t.kind === 'enter')).toHaveLength(1);
    expect(await title()).toMatchObject({ profile: 0, counted: 40 });
  });

  it('drops a field the profile no longer covers, ending its drift once', async () => {
    await titles(10, false);
    const since = T0 + 9 * 60_000;
    const without = COVERED.filter((f) => f !== 'title');
    expect(await drift.record(SOURCE, { covered: without, outcomes: [['body', true]] }, T0 + 3_600_000)).toEqual([
      { field: 'title', kind: 'exit', profile: 0, counted: 10, since },
    ]);
    expect(await title()).toBeUndefined();
    expect(await drift.record(SOURCE, { covered: without, outcomes: [['body', true]] }, T0 + 3_600_001)).toEqual([]);
  });

  it('is kept per source', async () => {
    await titles(12, false);
    expect(await drift.read('phapluatxahoi')).toEqual([]);
  });

  it('leaves out what it cannot read back instead of showing a wrong count', async () => {
    const k = keys(PREFIX);
    await redis.client().hset(k.profileWindow(SOURCE), 'title', '10x1', 'body', '1101', 'nonsense', '1');
    await redis.client().hset(k.profileDrift(SOURCE), 'body', 'yesterday');
    expect(await drift.read(SOURCE)).toEqual([{ field: 'body', profile: 3, counted: 4, since: null }]);
  });
});
