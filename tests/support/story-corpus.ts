/**
 * A labelled corpus for story grouping, generated from real article texts:
 * each original is a story; some get copies made with the edits papers make
 * when they republish a wire story (a new title, a trimmed lead, a paragraph
 * added or cut, a photo caption, an attribution line, the same text under a
 * new URL). Different originals of one group (the same event or topic) are
 * different stories on the same topic; the rest are unrelated. Seeded, so a
 * corpus is the same on every run.
 */

export interface SourceText {
  id: string;
  /** Articles of one group are about the same event or topic (and are different stories). */
  group: string;
  title: string;
  text: string;
}

export interface LabelledArticle {
  key: string;
  /** The original it was made from: the story label. */
  story: string;
  group: string;
  title: string;
  lead: string;
  body: string;
  /** The edits that made it, empty for an original. */
  edits: Edit[];
}

export const EDITS = ['retitle', 'trim-lead', 'add-paragraph', 'cut-paragraph', 'caption', 'attribution', 'republish'] as const;
export type Edit = (typeof EDITS)[number];

export interface CorpusOptions {
  seed: number;
  /** Share of originals that get copies. */
  copiedShare: number;
  /** Copies per copied original, at most. */
  maxCopies: number;
}

export const DEFAULT_CORPUS: CorpusOptions = { seed: 20261201, copiedShare: 0.5, maxCopies: 3 };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCE_END = /(?<=[.!?…])\s+(?=["“(]?[\p{Lu}\d])/u;

export function sentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The text's own paragraphs, or groups of three sentences when the text came as one block. */
export function paragraphs(text: string): string[] {
  const own = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (own.length >= 3) return own;
  const s = sentences(text);
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 3) out.push(s.slice(i, i + 3).join(' '));
  return out;
}

interface Draft {
  title: string;
  lead: string;
  body: string[];
}

function applyEdit(edit: Edit, d: Draft, other: SourceText, pick: <T>(xs: readonly T[]) => T): Draft {
  switch (edit) {
    case 'retitle':
      return { ...d, title: pick([`Toàn cảnh: ${d.title}`, `${d.title} (cập nhật)`, other.title, `Nóng: ${d.title.split(' ').slice(0, 6).join(' ')}`]) };
    case 'trim-lead': {
      const s = sentences(d.lead);
      if (s.length >= 2) return { ...d, lead: s.slice(0, -1).join(' ') };
      const comma = d.lead.indexOf(', ');
      return { ...d, lead: comma > 0 ? d.lead.slice(comma + 2) : d.lead };
    }
    case 'add-paragraph': {
      const extra = pick(paragraphs(other.text));
      const at = Math.floor(d.body.length / 2);
      return { ...d, body: [...d.body.slice(0, at), extra, ...d.body.slice(at)] };
    }
    case 'cut-paragraph':
      return d.body.length > 2 ? { ...d, body: d.body.slice(0, -1) } : d;
    case 'caption':
      return { ...d, body: [`${other.title} (Ảnh: ${pick(['TTXVN', 'Reuters', 'AFP', 'Tư liệu'])})`, ...d.body] };
    case 'attribution':
      return { ...d, body: [...d.body, pick(['Theo TTXVN', '(Theo Reuters)', 'Nguồn: VNA', 'Theo Vietnam+'])] };
    case 'republish':
      return d;
  }
}

/** Originals first, then their copies; callers shuffle for an arrival order. */
export function storyCorpus(texts: readonly SourceText[], options: CorpusOptions = DEFAULT_CORPUS): LabelledArticle[] {
  const rand = mulberry32(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const byGroup = new Map<string, SourceText[]>();
  for (const t of texts) byGroup.set(t.group, [...(byGroup.get(t.group) ?? []), t]);
  const out: LabelledArticle[] = [];
  for (const t of texts) {
    const [lead = '', ...body] = paragraphs(t.text);
    const original: Draft = { title: t.title, lead, body };
    out.push({ key: t.id, story: t.id, group: t.group, title: t.title, lead, body: body.join('\n\n'), edits: [] });
    if (rand() >= options.copiedShare) continue;
    const copies = 1 + Math.floor(rand() * options.maxCopies);
    // Extra text comes from the same group when there is one: an update adds background about the same event.
    const others = (byGroup.get(t.group) ?? []).filter((o) => o.id !== t.id);
    const pool = others.length > 0 ? others : texts.filter((o) => o.id !== t.id);
    for (let c = 1; c <= copies; c++) {
      const edits = [...new Set([pick(EDITS), ...(rand() < 0.5 ? [pick(EDITS)] : [])])];
      let d = original;
      for (const e of edits) d = applyEdit(e, d, pick(pool), pick);
      out.push({ key: `${t.id}~${c}`, story: t.id, group: t.group, title: d.title, lead: d.lead, body: d.body.join('\n\n'), edits });
    }
  }
  return out;
}

export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rand = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface PairScores {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
  /** Pairs grouped together that are different stories, for a reader to look at. */
  falsePairs: [string, string][];
  missedPairs: [string, string][];
}

/** Pairwise precision and recall of a grouping against the labels. */
export function pairScores(items: readonly LabelledArticle[], groupOf: (key: string) => string): PairScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const falsePairs: [string, string][] = [];
  const missedPairs: [string, string][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as LabelledArticle;
      const b = items[j] as LabelledArticle;
      const same = a.story === b.story;
      const grouped = groupOf(a.key) === groupOf(b.key);
      if (same && grouped) tp++;
      else if (grouped) {
        fp++;
        falsePairs.push([a.key, b.key]);
      } else if (same) {
        fn++;
        missedPairs.push([a.key, b.key]);
      }
    }
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePairs: tp + fn,
    predictedPairs: tp + fp,
    falsePairs,
    missedPairs,
  };
}
