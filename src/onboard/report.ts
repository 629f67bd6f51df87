/**
 * What `sources add` prints: what the probe found, which pages were
 * sampled, and per field the selector, its hit rate and where the generic
 * value came from. The same field table heads the profile in the YAML file.
 */
import type { Onboarding } from './onboard.js';
import type { LearnedProfile } from './profile.js';
import { relativeTo } from './source-file.js';

/** `{ jsonld: 5, readability: 1 }` → `jsonld 5, readability 1`, most first. */
export function describeFrom(from: Record<string, number>): string {
  return Object.entries(from)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

export function fieldLines(learned: LearnedProfile): string[] {
  const rows = learned.fields.map((f) => {
    const score = f.chosen ?? f.best;
    const selector = f.chosen ? f.chosen.selector : f.best ? `- (best: ${f.best.selector})` : '-';
    const hits = score ? `${score.hits}/${score.of}` : '-';
    const from = Object.keys(f.from).every((k) => k === 'none' || k === 'first-seen') ? `${describeFrom(f.from)} (not on the pages)` : describeFrom(f.from);
    return [f.field, selector, hits, from];
  });
  return table([['field', 'selector', 'hits', 'generic value from'], ...rows]);
}

/** True when not one field got a selector: the source then relies on the generic extraction alone. */
export const genericOnly = (learned: LearnedProfile): boolean => learned.fields.every((f) => f.chosen === null);

export function reportLines(o: Onboarding): string[] {
  const rel = (url: string): string => relativeTo(o.baseUrl, url);
  const list = (items: string[]): string => (items.length > 0 ? items.join('  ') : 'none');
  const { draft } = o.learned;
  const lines = [
    `${o.id}: ${o.name} (${o.baseUrl})`,
    `feeds:      ${list(o.probe.feeds.map((f) => `${rel(f.url)} (${f.items} items, ${f.via})`))}`,
    `sitemaps:   ${list(o.probe.sitemaps.map((s) => `${rel(s.url)} (${s.news ? 'news, ' : ''}${s.urls} URLs, ${s.via})`))}`,
    `sections:   ${list(o.probe.sections.map((s) => rel(s.url)))}`,
    `discovery:  feeds ${list(o.discovery.feeds.map(rel))}; listings ${list(o.discovery.listings.map(rel))}; sitemaps ${list(o.discovery.sitemaps.map(rel))}`,
    `samples:    ${o.samples.length} article page(s) read by the generic extraction${o.refused.length > 0 ? `; ${o.refused.length} refused:` : ''}`,
    ...o.refused.map((r) => `              ${rel(r.url)}: ${r.reason}`),
    `articleUrl: ${o.articleUrl}`,
    '',
    ...fieldLines(o.learned),
    '',
    `strip:      ${draft.strip.length > 0 ? `${draft.strip.join(', ')} (repeated inside the body on every sampled page)` : 'none'}`,
    `dates:      ${draft.dateFormats.length > 0 ? `dateFormats ${draft.dateFormats.join(' | ')}` : draft.selectors.published ? 'machine-readable (no dateFormats needed)' : 'left to the generic extraction'}`,
    `agreement:  the learned profile reads its body and the generic value of every other learned field on ${o.learned.agreeing}/${o.samples.length} pages`,
  ];
  if (genericOnly(o.learned)) lines.push('no field has a stable selector on 80% of the pages: the source relies on the generic extraction (empty profile selectors)');
  return lines;
}

export function notesFor(o: Onboarding, opts: { command: string; date: string; cases: number }): { header: string[]; profile: string[] } {
  return {
    header: [
      `${o.name} (${o.site}): written by \`${opts.command}\` on ${opts.date},`,
      `learned from ${o.samples.length} article page(s). Every URL is relative to baseUrl, so pointing`,
      'baseUrl at a mirror or a local copy moves the whole source.',
    ],
    profile: [
      'Each selector gives the generic extraction\'s value on at least 80% of the sampled pages;',
      'a field without one is left to the generic extraction (JSON-LD, meta, microdata, Readability).',
      ...fieldLines(o.learned).map((l) => `  ${l}`),
      ...(opts.cases > 0 ? [`The ${opts.cases} case(s) at the end read the sampled pages saved in ${o.id}/ beside this file.`] : []),
    ],
  };
}
