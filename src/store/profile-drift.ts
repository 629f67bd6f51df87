/**
 * Profile drift in Redis: per source and field, where the values of its last
 * articles came from (the site profile or a fallback), and since when a field
 * has mostly come from a fallback. One window per source in Redis, so every
 * worker adds to the same one and a transition is seen once.
 */
import type { RedisClient } from '../redis/client.js';
import { z } from 'zod';
import { EXTRACTED_FIELDS, type ExtractedField } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import { guarded } from '../core/unavailable.js';
import { DRIFT_SCRIPT } from './drift-script.js';
import { keys } from './keys.js';

/** Articles per field the share is taken over: recent enough to notice a redesign within a day's crawls. */
export const DRIFT_WINDOW = 50;
/** Fewer counted articles than this declare nothing: one odd page on a fresh source is no redesign. */
export const DRIFT_MIN_SAMPLE = 10;

/** One field's window. */
export interface FieldWindow {
  field: ExtractedField;
  /** Of the counted articles, how many had the field from the profile. */
  profile: number;
  /** Articles counted for the field, at most DRIFT_WINDOW. */
  counted: number;
  /** When the field went into drift (epoch ms); null when it is not in drift. */
  since: number | null;
}

export interface DriftTransition {
  field: ExtractedField;
  kind: 'enter' | 'exit';
  profile: number;
  counted: number;
  /** When the drift began (epoch ms), for an exit too. */
  since: number;
}

/** One article, as the window takes it. */
export interface ProfileObservation {
  /** Every field the source's profile has selectors for; any other field's window is dropped. */
  covered: readonly ExtractedField[];
  /** The fields this article counts for, and whether the profile found each. */
  outcomes: readonly (readonly [field: ExtractedField, fromProfile: boolean])[];
}

export interface ProfileDriftStore {
  /** Add one article's outcomes; the fields that went into or out of drift with it. */
  record(sourceId: string, observation: ProfileObservation, now: number): Promise<DriftTransition[]>;
  /** Every field with a window, in field order. */
  read(sourceId: string): Promise<FieldWindow[]>;
}

const field = z.enum(EXTRACTED_FIELDS);
const count = z.number().int().min(0);
const transitionsSchema = z.array(z.tuple([field, z.enum(['enter', 'exit']), count, count, z.string().regex(/^\d+$/)]));
const WINDOW = new RegExp(`^[01]{1,${DRIFT_WINDOW}}$`);
const SINCE = /^\d{1,15}$/;

export function createProfileDriftStore(deps: { redis: RedisClient; prefix: string }): ProfileDriftStore {
  return guarded('profile drift', profileDriftStore(deps));
}

function profileDriftStore({ redis, prefix }: { redis: RedisClient; prefix: string }): ProfileDriftStore {
  const k = keys(prefix);
  return {
    async record(sourceId, observation, now) {
      const pairs = observation.outcomes.flatMap(([f, fromProfile]) => [f, fromProfile ? '1' : '0']);
      const raw: unknown = await redis.eval(
        DRIFT_SCRIPT,
        2,
        k.profileWindow(sourceId),
        k.profileDrift(sourceId),
        String(now),
        String(DRIFT_WINDOW),
        String(DRIFT_MIN_SAMPLE),
        observation.covered.join(','),
        ...pairs,
      );
      const parsed = transitionsSchema.safeParse(raw);
      if (!parsed.success) throw new CorruptRecordError(k.profileDrift(sourceId), `drift script returned ${JSON.stringify(raw)}`);
      return parsed.data.map(([f, kind, profile, counted, since]) => ({ field: f, kind, profile, counted, since: Number(since) }));
    },

    async read(sourceId) {
      const [windows, drift] = await Promise.all([redis.hgetall(k.profileWindow(sourceId)), redis.hgetall(k.profileDrift(sourceId))]);
      const out: FieldWindow[] = [];
      // An entry that does not parse is left out, not shown as a wrong count: this is a gauge, not a record.
      for (const f of EXTRACTED_FIELDS) {
        const w = windows[f];
        if (w === undefined || !WINDOW.test(w)) continue;
        const since = drift[f];
        out.push({
          field: f,
          profile: w.replaceAll('0', '').length,
          counted: w.length,
          since: since !== undefined && SINCE.test(since) ? Number(since) : null,
        });
      }
      return out;
    },
  };
}
