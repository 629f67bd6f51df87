/**
 * Does a selector reproduce the generic result? Answered by reading the
 * sampled page again with a trial profile holding that selector, through
 * the very readArticle the crawl uses, and comparing the field with what
 * the generic extraction found. The value must come from the profile
 * (`extraction` says so): a selector that matches nothing would otherwise
 * "reproduce" the generic value by falling back to it.
 */
import type { Article } from '../core/article.js';
import { NotAnArticleError } from '../core/errors.js';
import { readArticle } from '../normalize/index.js';
import { profileObject, trialSource, withSelector, type ProfileDraft } from './draft-profile.js';
import { EXTRACTION_KEY, PROFILE_KEY, type LearnedField } from './fields.js';
import type { Sample } from './sample.js';
import { overlap } from './similarity.js';

/**
 * A profiled body reproduces the generic one when nearly all its words are
 * the generic body's (it adds nothing the generic extraction did not call
 * body) and it keeps most of them. Readability's body is the larger as a
 * rule: it keeps the lead, the date line, captions as paragraphs, sometimes
 * the byline and a footer, which a site's body container rightly leaves
 * out. The precision bar is what keeps furniture out of a learned body.
 */
export const BODY_PRECISION = 0.9;
export const BODY_RECALL = 0.6;

/**
 * Body text without paragraphs that repeat the title or the lead: those
 * have fields of their own, and Readability keeps the lead in the body where
 * a site's body container (rightly) does not.
 */
function prose(a: Article): string {
  return a.contentText
    .split(/\n+/)
    .filter((p) => p.trim() !== a.title && p.trim() !== a.lead)
    .join('\n');
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

export function reproduces(field: LearnedField, got: Article, generic: Article): boolean {
  if (got.extraction[EXTRACTION_KEY[field]] !== 'profile') return false;
  switch (field) {
    case 'title':
      return got.title === generic.title;
    case 'lead':
      return got.lead === generic.lead;
    case 'byline':
      return sameSet(got.authors, generic.authors);
    case 'published':
      return got.publishedAt === generic.publishedAt;
    case 'section':
      return got.section?.name === generic.section?.name;
    case 'tags':
      return sameSet(
        got.tags.map((t) => t.slug),
        generic.tags.map((t) => t.slug),
      );
    case 'body':
    {
      const o = overlap(prose(got), prose(generic));
      return o.precision >= BODY_PRECISION && o.recall >= BODY_RECALL;
    }
  }
}

export interface Oracle {
  /** The record a sample yields under a profile; null when the page is refused with it. */
  read(draft: ProfileDraft, sample: number, opts?: { signoff?: boolean }): Article | null;
  /** Does `selector`, added to `base`, give the generic value of `field` on the sample? */
  hit(field: LearnedField, selector: string, base: ProfileDraft, sample: number): boolean;
}

export function createOracle(samples: readonly Sample[], ctx: { id: string; baseUrl: string; now: number }): Oracle {
  const cache = new Map<string, Article | null>();
  const read: Oracle['read'] = (draft, i, opts = {}) => {
    const profile = profileObject(draft, { signoff: opts.signoff });
    const key = `${i}\n${JSON.stringify(profile)}`;
    if (cache.has(key)) return cache.get(key) ?? null;
    const sample = samples[i];
    let article: Article | null = null;
    if (sample) {
      try {
        const source = trialSource(ctx.id, ctx.baseUrl, profile);
        article = readArticle({ body: sample.body, contentType: sample.contentType, url: sample.url }, { source, fetchedAt: ctx.now, now: ctx.now });
      } catch (error) {
        // A selector that makes the page unreadable (a body too small to be one) simply does not reproduce it.
        if (!(error instanceof NotAnArticleError)) throw error;
      }
    }
    cache.set(key, article);
    return article;
  };
  return {
    read,
    hit(field, selector, base, i) {
      const generic = samples[i]?.article;
      // Bylines are tried without sign-off cutting: a sign-off would give the authors whatever the selector matched.
      const got = read(withSelector(base, PROFILE_KEY[field], selector), i, { signoff: field !== 'byline' });
      return generic !== undefined && got !== null && reproduces(field, got, generic);
    },
  };
}
