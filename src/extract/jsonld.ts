/**
 * JSON-LD: the structured data most news CMSs emit. Pages wrap it in arrays,
 * in `@graph`, give `@type` as a list, and sometimes ship broken JSON; a
 * broken block is ignored, never fatal.
 */
import type { Doc } from './dom.js';

export const ARTICLE_TYPES = new Set(['NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'BlogPosting', 'LiveBlogPosting']);

export type LdNode = Record<string, unknown>;

export interface JsonLd {
  article: LdNode | null;
  breadcrumb: LdNode | null;
}

function isNode(value: unknown): value is LdNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: LdNode): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

function collect(value: unknown, out: LdNode[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out);
    return;
  }
  if (!isNode(value)) return;
  out.push(value);
  if ('@graph' in value) collect(value['@graph'], out);
}

export function readJsonLd(doc: Doc): JsonLd {
  const nodes: LdNode[] = [];
  doc('script[type="application/ld+json"]').each((_, el) => {
    try {
      collect(JSON.parse(doc(el).text()), nodes);
    } catch {
      // Malformed JSON-LD is common and carries nothing we can trust: skip the block.
    }
  });
  return {
    article: nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t))) ?? null,
    breadcrumb: nodes.find((n) => typesOf(n).includes('BreadcrumbList')) ?? null,
  };
}

export function ldString(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
}

/** Names from `author`: a string, a Person/Organization, or a list of either. */
export function ldNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .map((item) => (isNode(item) ? ldString(item.name) : ldString(item)))
    .filter((n): n is string => n !== null);
}

/** `keywords`/`articleSection`: a comma-separated string or a list. */
export function ldList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list.map((v) => ldString(v)).filter((v): v is string => v !== null);
}

/** `image`: a URL, an ImageObject, or a list of either; the first one. */
export function ldImage(value: unknown): string | null {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (isNode(first)) return ldString(first.url) ?? ldString(first.contentUrl);
  return ldString(first);
}

/** The last item of a BreadcrumbList, by `position` when given. */
export function ldCrumbs(list: LdNode): string[] {
  const items = Array.isArray(list.itemListElement) ? list.itemListElement.filter(isNode) : [];
  return [...items]
    .sort((a, b) => (typeof a.position === 'number' && typeof b.position === 'number' ? a.position - b.position : 0))
    .map((item) => ldString(item.name) ?? (isNode(item.item) ? ldString(item.item.name) : null))
    .filter((n): n is string => n !== null);
}
