/**
 * Learning a whole profile from the samples: the body container first (the
 * other fields are then tried with it, which spares Readability a run per
 * trial), then each field on its own, then the strip rules and the date
 * layouts the chosen date element prints. A strip rule that costs any field
 * a page it reproduced is dropped.
 */
import { normalizeText, parseDateText } from '../normalize/index.js';
import { EMPTY_DRAFT, type ProfileDraft } from './draft-profile.js';
import { EXTRACTION_KEY, LEARNED_FIELDS, PROFILE_KEY, type LearnedField } from './fields.js';
import { chooseSelector, type SelectorScore, type Targets } from './learn.js';
import { createOracle, reproduces, type Oracle } from './oracle.js';
import type { Sample } from './sample.js';
import { repeatedBlocks } from './strip.js';
import { dateReading, findTargets } from './targets.js';

export interface FieldReport {
  field: LearnedField;
  /** Null: no selector reached the threshold, and the field is left to the generic extraction. */
  chosen: SelectorScore | null;
  best: SelectorScore | null;
  /** Where the generic extraction found the value, by page count: `{ jsonld: 5 }`. */
  from: Record<string, number>;
}

export interface LearnedProfile {
  draft: ProfileDraft;
  fields: FieldReport[];
  /** Pages on which the learned profile reads its body and gives every other learned field the generic value. */
  agreeing: number;
}

export interface LearnContext {
  id: string;
  baseUrl: string;
  now: number;
}

function countFrom(samples: readonly Sample[], field: LearnedField): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    const from = s.article.extraction[EXTRACTION_KEY[field]];
    out[from] = (out[from] ?? 0) + 1;
  }
  return out;
}

function learnField(field: LearnedField, targets: Targets, oracle: Oracle, base: ProfileDraft): Pick<FieldReport, 'chosen' | 'best'> {
  return chooseSelector(targets, (selector, i) => oracle.hit(field, selector, base, i));
}

/**
 * Pages (by index) on which every learned field reproduces the generic value
 * under `draft`; the body only has to be the profile's, since strip rules
 * move it away from the generic one on purpose.
 */
function agreement(samples: readonly Sample[], oracle: Oracle, draft: ProfileDraft, fields: readonly LearnedField[], targets: Record<LearnedField, Targets>): number[] {
  return samples.flatMap((s, i) => {
    const got = oracle.read(draft, i);
    if (got === null) return [];
    const ok = fields.every((f) => targets[f][i] === null || (f === 'body' ? got.extraction.body === 'profile' : reproduces(f, got, s.article)));
    return ok ? [i] : [];
  });
}

/** Layouts of the dates the chosen element prints as text (an ISO attribute needs none). */
function dateLayouts(samples: readonly Sample[], selector: string, now: number): string[] {
  const layouts: string[] = [];
  for (const s of samples) {
    const el = s.doc(selector).toArray()[0];
    if (el === undefined || el.type !== 'tag') continue;
    const layout = parseDateText(dateReading(s.doc, el, (e) => normalizeText(s.doc(e).text())), { now })?.layout;
    if (layout !== undefined && layout !== 'ISO 8601' && layout !== 'relative' && !layouts.includes(layout)) layouts.push(layout);
  }
  return layouts;
}

export function learnProfile(samples: readonly Sample[], ctx: LearnContext): LearnedProfile {
  const oracle = createOracle(samples, ctx);
  const targets = {} as Record<LearnedField, Targets>;
  for (const f of LEARNED_FIELDS) targets[f] = samples.map((s) => findTargets(s.doc, f, s.article, ctx.now));
  const reports = new Map<LearnedField, FieldReport>();
  let draft: ProfileDraft = EMPTY_DRAFT;
  const record = (field: LearnedField, choice: Pick<FieldReport, 'chosen' | 'best'>): void => {
    reports.set(field, { field, ...choice, from: countFrom(samples, field) });
    if (choice.chosen) draft = { ...draft, selectors: { ...draft.selectors, [PROFILE_KEY[field]]: [choice.chosen.selector] } };
  };

  // A body container is tried with the furniture it repeats on every page stripped: the generic body already
  // leaves share bars and follow prompts out, so the bare container would read as "more than the body".
  const furniture = new Map<string, string[]>();
  const stripped = (selector: string): ProfileDraft => {
    let rules = furniture.get(selector);
    if (rules === undefined) furniture.set(selector, (rules = repeatedBlocks(samples, selector)));
    return { ...EMPTY_DRAFT, strip: rules };
  };
  record('body', chooseSelector(targets.body, (selector, i) => oracle.hit('body', selector, stripped(selector), i)));
  const withBody = draft;
  for (const field of LEARNED_FIELDS) if (field !== 'body') record(field, learnField(field, targets[field], oracle, withBody));

  const learned = LEARNED_FIELDS.filter((f) => reports.get(f)?.chosen);
  const body = draft.selectors.body?.[0];
  if (body !== undefined) {
    const protect = learned.filter((f) => f !== 'body').flatMap((f) => draft.selectors[PROFILE_KEY[f]] ?? []);
    let kept = agreement(samples, oracle, draft, learned, targets).length;
    for (const rule of repeatedBlocks(samples, body, protect)) {
      const trial = { ...draft, strip: [...draft.strip, rule] };
      const agreeing = agreement(samples, oracle, trial, learned, targets).length;
      if (agreeing < kept) continue;
      draft = trial;
      kept = agreeing;
    }
  }
  const published = draft.selectors.published?.[0];
  if (published !== undefined) draft = { ...draft, dateFormats: dateLayouts(samples, published, ctx.now) };

  return {
    draft,
    fields: LEARNED_FIELDS.map((f) => reports.get(f)!),
    agreeing: agreement(samples, oracle, draft, learned, targets).length,
  };
}
