/**
 * Choosing one field's selector. Each sampled page says which elements carry
 * the value the generic extraction found there; every selector that could
 * name one of them is a candidate, and the winner is the most stable kind
 * (see candidates.ts) that reproduces the generic value on at least 80% of
 * the pages. Whether it reproduces it is the caller's judgement (`hit`), so
 * the same choice serves every field and is tested on small DOMs alone.
 */
import type { Element } from 'domhandler';
import { candidatesFor, TIERS, type Candidate, type Tier } from './candidates.js';

/** A selector must give the generic value on this share of the pages that have one. */
export const HIT_THRESHOLD = 0.8;
/** Selectors tried per field at most: each try runs the extraction on every sample. */
const MAX_TRIALS = 60;

export interface SelectorScore {
  selector: string;
  tier: Tier;
  /** Rank of the tightest element it came from among a page's targets (0: the element itself, not a wrapper). */
  rank: number;
  hits: number;
  /** Pages on which the generic extraction found a value: what the hit rate is out of. */
  of: number;
}

export interface Choice {
  /** Null when no selector reproduced the generic value on enough pages. */
  chosen: SelectorScore | null;
  /** The best selector tried, for the report when none was good enough. */
  best: SelectorScore | null;
}

/** Per sampled page: the elements carrying the generic value; null when the generic extraction found none there. */
export type Targets = readonly (readonly Element[] | null)[];

export type HitTest = (selector: string, sample: number) => boolean;

interface Generated {
  candidate: Candidate;
  /** Pages whose target elements produced this selector: an upper bound on its hits. */
  pages: Set<number>;
  /** Best position, among a page's targets (tightest first), of an element that produced it. */
  rank: number;
}

function generate(targets: Targets, eligible: number[]): Generated[] {
  const all = new Map<string, Generated>();
  for (const i of eligible) {
    (targets[i] ?? []).forEach((el, rank) => {
      for (const candidate of candidatesFor(el)) {
        const g = all.get(candidate.selector) ?? { candidate, pages: new Set<number>(), rank };
        g.pages.add(i);
        g.rank = Math.min(g.rank, rank);
        all.set(candidate.selector, g);
      }
    });
  }
  return [...all.values()];
}

const tierRank = (t: Tier): number => TIERS.indexOf(t);

/** More hits first, then the tighter element (the `<time>`, not the line around it), then the shorter selector. */
function better(a: SelectorScore, b: SelectorScore): number {
  return b.hits - a.hits || tierRank(a.tier) - tierRank(b.tier) || a.rank - b.rank || a.selector.length - b.selector.length;
}

export function chooseSelector(targets: Targets, hit: HitTest, opts: { threshold?: number } = {}): Choice {
  const eligible = targets.flatMap((t, i) => (t === null ? [] : [i]));
  if (eligible.length === 0) return { chosen: null, best: null };
  const need = Math.ceil((opts.threshold ?? HIT_THRESHOLD) * eligible.length - 1e-9);
  const generated = generate(targets, eligible).sort(
    (a, b) => tierRank(a.candidate.tier) - tierRank(b.candidate.tier) || b.pages.size - a.pages.size || a.rank - b.rank || a.candidate.selector.length - b.candidate.selector.length,
  );
  const score = (g: Generated): SelectorScore => ({
    selector: g.candidate.selector,
    tier: g.candidate.tier,
    rank: g.rank,
    hits: eligible.filter((i) => hit(g.candidate.selector, i)).length,
    of: eligible.length,
  });

  // A selector no page's targets produced on enough pages cannot reach the threshold: not worth a try.
  const promising = generated.filter((g) => g.pages.size >= need);
  let best: SelectorScore | null = null;
  let trials = 0;
  for (const tier of TIERS) {
    const scores: SelectorScore[] = [];
    for (const g of promising.filter((p) => p.candidate.tier === tier)) {
      if (trials++ >= MAX_TRIALS) break;
      scores.push(score(g));
    }
    scores.sort(better);
    const top = scores[0];
    if (top && (best === null || better(top, best) < 0)) best = top;
    // The most stable tier with a good enough selector wins, whatever a less stable one would score.
    if (top && top.hits >= need) return { chosen: top, best: top };
  }
  if (best === null) {
    // Nothing came close: say how far the most common candidates got.
    const tried = [...generated].sort((a, b) => b.pages.size - a.pages.size).slice(0, 3).map(score).sort(better);
    best = tried[0] ?? null;
  }
  return { chosen: null, best };
}
