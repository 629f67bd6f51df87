/**
 * ExtractedPage → Article: every text, date, byline, topic and HTML rule
 * applied, and the result re-validated against the Article schema so a bug
 * here fails loudly instead of storing a malformed record.
 */
import { articleSchema, type Article, type ExtractedField, type FieldSource } from '../core/article.js';
import { NotAnArticleError } from '../core/errors.js';
import { toVnIso } from '../core/time.js';
import type { ExtractedPage } from '../extract/page.js';
import { normalizeBody } from './body.js';
import { mergeBylines, parseByline } from './byline.js';
import { parseVnDate } from './dates.js';
import { contentHash } from './hash.js';
import { articleId, chooseCanonical } from './identity.js';
import { stripDateline } from './lead.js';
import { eventSlug, tagRefs, topicRef, topicSlugs } from './topics.js';
import { normalizeText } from './text.js';
import { cleanImageUrl } from './urls.js';

export interface NormalizeContext {
  /** Article.source: the source config id. */
  sourceId: string;
  /** Dateline regexes from the site profile, tried before the built-in forms. */
  datelines: string[];
  /** slug → canonical slug, applied to `topics`. */
  topicAliases: Record<string, string>;
  /** Epoch ms. */
  fetchedAt: number;
  /** Epoch ms; dates more than 10 minutes after it are rejected. */
  now: number;
}

/** Turn one extracted page into one Article; throws NotAnArticleError when it has no title, body or publish date. */
export function normalizeArticle(page: ExtractedPage, ctx: NormalizeContext): Article {
  const url = chooseCanonical(page.fetchedUrl, page.canonicalUrl);
  const fail = (reason: string): NotAnArticleError => new NotAnArticleError(page.fetchedUrl, reason);

  const title = page.title ? normalizeText(page.title.value) : '';
  if (title === '') throw fail('no title');

  if (page.published === null) throw fail('no published date');
  const published = parseVnDate(page.published.value, { now: ctx.now });
  if (published === null) throw fail(`unusable published date "${page.published.value}"`);
  const updatedMs = page.updated ? parseVnDate(page.updated.value, { now: ctx.now }) : null;
  const updated = updatedMs !== null && updatedMs > published ? updatedMs : null;

  // Relative links and images are relative to the page as fetched (an AMP or print copy lives elsewhere than its canonical).
  const body = normalizeBody(page.body?.value ?? '', page.fetchedUrl);
  if (body.text === '' && body.images.length === 0) throw fail('empty body');

  const printed = parseByline(page.byline?.value ?? []);
  const byline = body.signOff.length > 0 ? mergeBylines(printed, parseByline(body.signOff)) : printed;

  const lead = page.lead ? stripDateline(page.lead.value, ctx.datelines) : '';

  let images = body.images;
  let imagesFrom: FieldSource = body.images.length > 0 ? (page.body?.from ?? 'none') : 'none';
  const leadImage = images.length === 0 && page.leadImage ? cleanImageUrl(page.leadImage, page.fetchedUrl) : null;
  if (leadImage !== null) {
    images = [{ url: leadImage, caption: null }];
    imagesFrom = 'meta';
  }

  const section = page.section ? topicRef(page.section.value) : null;
  const tags = tagRefs(page.tags?.value ?? []);
  const events = page.events.map(eventSlug).filter((s): s is string => s !== null);
  const topics = topicSlugs([...(section ? [section.slug] : []), ...tags.map((t) => t.slug), ...events], ctx.topicAliases);

  const authorsFound = byline.authors.length > 0;
  const extraction: Record<ExtractedField, FieldSource> = {
    title: page.title?.from ?? 'none',
    lead: page.lead && lead !== '' ? page.lead.from : 'none',
    // A sign-off is read from the body, so it is credited to wherever the body came from.
    authors: authorsFound ? (page.byline && printed.authors.length > 0 ? page.byline.from : (page.body?.from ?? 'none')) : 'none',
    publishedAt: page.published.from,
    updatedAt: updated !== null && page.updated ? page.updated.from : 'none',
    section: section !== null && page.section ? page.section.from : 'none',
    tags: tags.length > 0 && page.tags ? page.tags.from : 'none',
    body: page.body?.from ?? 'none',
    images: imagesFrom,
  };

  return articleSchema.parse({
    id: articleId(url),
    url,
    source: ctx.sourceId,
    title,
    lead,
    authors: byline.authors,
    credits: byline.credits,
    attribution: byline.attribution,
    publishedAt: toVnIso(published),
    updatedAt: updated === null ? null : toVnIso(updated),
    section,
    tags,
    topics,
    contentHtml: body.html,
    contentText: body.text,
    images,
    language: 'vi',
    contentHash: contentHash(title, lead, body.text),
    fetchedAt: toVnIso(ctx.fetchedAt),
    extraction,
  } satisfies Article);
}
