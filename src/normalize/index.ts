/**
 * The normalize stage: one ExtractedPage in, one strict Article out. The
 * helpers are public because crawl, the queue and the CLI reuse the same
 * rules (canonical URLs, slugs) rather than re-implementing them.
 */
export { normalizeArticle, type NormalizeContext } from './article.js';
export { canonicalUrl, articleId, chooseCanonical, siteFamily } from './identity.js';
export { slugify } from '../core/slug.js';
export { normalizeText } from './text.js';
export { parseDate, parseDateText, chooseDate, type DateOptions, type ParsedDate } from './dates.js';
export { layoutProblem } from '../core/date-layouts.js';
export { parseByline, type Byline } from './byline.js';
export { stripDateline } from './lead.js';
export { normalizeBody, type NormalizedBody } from './body.js';
export { contentHash } from './hash.js';
export { readArticle, type PageBytes, type ReadOptions } from './read-article.js';
export { CASE_TIME_MS, runProfileCases, type CaseResult, type CaseMismatch } from './cases.js';
export { placeTopics, placeMatcher, createPlaceMatcher, PLACE_PARAGRAPHS, type PlaceInput, type PlaceMatcher } from './places/index.js';
