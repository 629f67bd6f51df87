/**
 * The profile being learned, and the source config a trial of it runs
 * under. Every trial goes through the config schema, so what is judged is
 * exactly what the YAML file will load as.
 */
import { sourceFileSchema, type SourceConfig } from '../config/index.js';
import type { ProfileKey } from './fields.js';

export interface ProfileDraft {
  selectors: Partial<Record<ProfileKey, string[]>>;
  strip: string[];
  dateFormats: string[];
}

export const EMPTY_DRAFT: ProfileDraft = { selectors: {}, strip: [], dateFormats: [] };

/**
 * The generic extraction cuts right-aligned closing paragraphs as bylines
 * (extract/body.ts GENERIC_SIGNOFF); a profile cuts only what its `signoff`
 * names, so a learned profile names the same ones to read pages the same way.
 */
export const SIGNOFF = ['p[align=right]', 'p[style*="text-align: right"]', 'p[style*="text-align:right"]'];

export function withSelector(draft: ProfileDraft, key: ProfileKey, selector: string): ProfileDraft {
  return { ...draft, selectors: { ...draft.selectors, [key]: [selector] } };
}

/** The profile as the schema (and the YAML file) has it; fields left out fall back to the generic extraction. */
export function profileObject(draft: ProfileDraft, opts: { signoff?: boolean; articleUrl?: string | null } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['title', 'lead', 'byline', 'published', 'breadcrumb', 'tags', 'body'] as const) {
    const selectors = draft.selectors[key];
    if (selectors && selectors.length > 0) out[key] = selectors;
  }
  if (opts.signoff !== false) out.signoff = SIGNOFF;
  if (draft.strip.length > 0) out.strip = draft.strip;
  if (draft.dateFormats.length > 0) out.dateFormats = draft.dateFormats;
  if (opts.articleUrl) out.articleUrl = opts.articleUrl;
  return out;
}

/**
 * A source with this profile and nothing else of note: for reading sampled
 * pages with it, and (with `politeness`) for the fetcher to pace the probe
 * by the budget the new source will have.
 */
export function trialSource(id: string, baseUrl: string, profile: Record<string, unknown>, politeness?: { minIntervalMs: number }): SourceConfig {
  const parsed = sourceFileSchema.parse({ id, name: id, baseUrl, schedule: { cron: '0 * * * *' }, discovery: { feeds: ['/'] }, ...(politeness ? { politeness } : {}), profile });
  return { ...parsed, file: '' };
}
