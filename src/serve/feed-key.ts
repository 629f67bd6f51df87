/**
 * The render cache key of a feed request: what its answer varies on and
 * nothing else. The query part is the query as parseFeedQuery reads it, so
 * a parameter it does not read (`utm_source`, `fbclid`, `?x=N` junk) leaves
 * the key, and the document, as they are: any number of such URLs share one
 * entry. A parameter added to parseFeedQuery is in the key by construction.
 * Unknown parameters are dropped rather than refused: readers and
 * newsletters append tracking tags to feed URLs, and a 400 would break them.
 */
import { InputError } from '../core/errors.js';
import { parseFeedQuery, type FeedQuery } from './params.js';

/** The query a request without one reads as. */
const DEFAULT_QUERY: FeedQuery = parseFeedQuery(new URLSearchParams());

/** The query of `search` (`?…` or ''), or null when it is invalid: the slow path answers that with its 400. */
export function readFeedQuery(search: string): FeedQuery | null {
  if (search === '') return DEFAULT_QUERY;
  try {
    return parseFeedQuery(new URLSearchParams(search));
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

export interface FeedKeyParts {
  kind: string;
  name: string;
  ext: string | undefined;
  want: string;
  base: string;
}

/** Every field of the parsed query, in parseFeedQuery's order: two queries that read the same share the key. */
export function feedKey(p: FeedKeyParts, query: FeedQuery): string {
  return `${p.kind}|${p.name}|${p.ext ?? ''}|${p.want}|${p.base}|${JSON.stringify(query)}`;
}
