/**
 * ExtractedPage → Article: every text, date, byline, topic and HTML rule
 * applied, each field taken from the first candidate valid for it, and the
 * result re-validated against the Article schema so a bug here fails loudly
 * instead of storing a malformed record.
 */
import { articleSchema, type Article, type ExtractedField, type FieldSource } from '../core/article.js';
import { NotAnArticleError } from '../core/errors.js';
import { toVnIso } from '../core/time.js';
import type { ExtractedPage, ExtractedTree } from '../extract/index.js';
import { normalizeBody } from './body.js';
import { mergeBylines, parseByline } from './byline.js';
import { choose } from './choose.js';
import { chooseDate, type DateOptions } from './dates.js';
import { contentHash } from './hash.js';
import { articleId, chooseCanonical } from './identity.js';
import { stripDateline } from './lead.js';
import { placeTopics } from './places/index.js';
import { eventSlug, tagRefs, topicRef, topicSlugs } from './topics.js';
import { normalizeText } from './text.js';
import { cleanImageUrl } from './urls.js';

export interface NormalizeContext {
  /** Article.source: the source config id. */
  sourceId: string;
  /** Dateline regexes from the site profile, tried before the built-in forms. */
  datelines: string[];
  /** The profile's own date layouts, tried before the built-in table. */
  dateFormats: string[];
  /** IANA zone of dates printed without one. */
  timezone: string;
  /** The source's real site (a host family): a canonical link on it is trusted even when the page came from a mirror. */
  site: string | null;
  /** slug → canonical slug, applied to `topics`. */
  topicAliases: Record<string, string>;
  /** Epoch ms. */
  fetchedAt: number;
  /** Epoch ms; dates more than a day after it are implausible. */
  now: number;
}

const nonEmpty = (text: string): string | null => (text === '' ? null : text);

/**
 * Turn one extracted page into one Article; throws NotAnArticleError when it has no title or body. A page
 * whose body is extract's tree (readArticle's) has that tree edited here.
 */
export function normalizeArticle(page: ExtractedPage | ExtractedTree, ctx: NormalizeContext): Article {
  const { candidates } = page;
  const url = chooseCanonical(page.fetchedUrl, page.canonicalUrl, ctx.site);
  const fail = (reason: string): NotAnArticleError => new NotAnArticleError(page.fetchedUrl, reason);

  const title = choose(candidates.title, (t) => nonEmpty(normalizeText(t)));
  if (title === null) throw fail('no title');

  const dates: DateOptions = { now: ctx.now, fetchedAt: ctx.fetchedAt, timezone: ctx.timezone, layouts: ctx.dateFormats };
  const publishedFound = chooseDate(candidates.published, dates);
  // A real article with no date anywhere is kept, dated when we first saw it; reconcile keeps that date on re-crawls.
  const published = publishedFound ?? { ms: ctx.fetchedAt, candidate: { from: 'first-seen' as const } };
  const updatedFound = chooseDate(candidates.updated, dates);
  const updated = updatedFound !== null && updatedFound.ms > published.ms ? updatedFound : null;

  // Relative links and images are relative to the page as fetched (an AMP or print copy lives elsewhere than its canonical).
  const given = page.body?.value ?? '';
  const body = normalizeBody(typeof given === 'string' ? given : given.take(), page.fetchedUrl);
  if (body.text === '' && body.images.length === 0) throw fail('empty body');

  const printed = choose(candidates.byline, (lines) => {
    const parsed = parseByline(lines);
    return parsed.authors.length + parsed.credits.length > 0 || parsed.attribution !== null ? parsed : null;
  });
  const printedByline = printed?.value ?? parseByline([]);
  const byline = body.signOff.length > 0 ? mergeBylines(printedByline, parseByline(body.signOff)) : printedByline;

  const lead = choose(candidates.lead, (l) => nonEmpty(stripDateline(l, ctx.datelines)));

  let images = body.images;
  let imagesFrom: FieldSource = body.images.length > 0 ? (page.body?.from ?? 'none') : 'none';
  if (images.length === 0) {
    const leadImage = choose(candidates.image, (src) => cleanImageUrl(src, page.fetchedUrl));
    if (leadImage !== null) {
      images = [{ url: leadImage.value, caption: null }];
      imagesFrom = leadImage.from;
    }
  }

  const section = choose(candidates.section, (name) => (normalizeText(name) === title.value ? null : topicRef(name)));
  const tagsFound = choose(candidates.tags, (names) => {
    const refs = tagRefs(names);
    return refs.length > 0 ? refs : null;
  });
  const tags = tagsFound?.value ?? [];
  const events = page.events.map(eventSlug).filter((s): s is string => s !== null);
  // Places come last: a page's own section and tags keep their order at the head of the list.
  const places = placeTopics({ title: title.value, lead: lead?.value ?? '', bodyText: body.text, section: section?.value ?? null, tags });
  const topics = topicSlugs([...(section ? [section.value.slug] : []), ...tags.map((t) => t.slug), ...events, ...places], ctx.topicAliases);

  const extraction: Record<ExtractedField, FieldSource> = {
    title: title.from,
    lead: lead?.from ?? 'none',
    // A sign-off is read from the body, so it is credited to wherever the body came from.
    authors: byline.authors.length > 0 ? (printed && printedByline.authors.length > 0 ? printed.from : (page.body?.from ?? 'none')) : 'none',
    publishedAt: published.candidate.from,
    updatedAt: updated?.candidate.from ?? 'none',
    section: section?.from ?? 'none',
    tags: tagsFound?.from ?? 'none',
    body: page.body?.from ?? 'none',
    images: imagesFrom,
  };

  const id = articleId(url);
  return articleSchema.parse({
    id,
    // Its own story until the store finds a stored copy telling the same one.
    storyId: id,
    url,
    source: ctx.sourceId,
    title: title.value,
    lead: lead?.value ?? '',
    authors: byline.authors,
    credits: byline.credits,
    attribution: byline.attribution,
    publishedAt: toVnIso(published.ms),
    updatedAt: updated === null ? null : toVnIso(updated.ms),
    section: section?.value ?? null,
    tags,
    topics,
    // readArticle places the article in the taxonomy: the source's mapping is config normalization does not see.
    category: null,
    contentHtml: body.html,
    contentText: body.text,
    images,
    language: 'vi',
    contentHash: contentHash(title.value, lead?.value ?? '', body.text),
    fetchedAt: toVnIso(ctx.fetchedAt),
    extraction,
  } satisfies Article);
}
