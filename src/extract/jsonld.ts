/**
 * JSON-LD: the structured data most news CMSs emit. Pages wrap it in arrays,
 * in `@graph`, give `@type` as a list, and ship almost-JSON (read leniently);
 * a block that still does not parse is skipped and counted, never fatal.
 */
import type { Doc } from './dom.js';
import { parseLenientJson } from './lenient-json.js';
import type { Finding } from './page.js';

export const ARTICLE_TYPES = new Set(['NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'BackgroundNewsArticle', 'ReviewNewsArticle', 'BlogPosting', 'LiveBlogPosting', 'TechArticle', 'ScholarlyArticle', 'Report']);

export type LdNode = Record<string, unknown>;

export interface JsonLd {
  /** Every node, `@graph` and arrays flattened, in page order. */
  nodes: LdNode[];
  article: LdNode | null;
  breadcrumb: LdNode | null;
  unreadable: number;
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

function collect(value: unknown, out: LdNode[], depth = 0): void {
  if (depth > 20) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out, depth + 1);
    return;
  }
  if (!isNode(value)) return;
  out.push(value);
  if ('@graph' in value) collect(value['@graph'], out, depth + 1);
  // A WebPage often holds the article as `mainEntity`.
  if (isNode(value.mainEntity)) collect(value.mainEntity, out, depth + 1);
}

export function readJsonLd(doc: Doc): JsonLd {
  const nodes: LdNode[] = [];
  let unreadable = 0;
  doc('script[type="application/ld+json" i]').each((_, el) => {
    const text = doc(el).text().trim();
    if (text === '') return;
    const values = parseLenientJson(text);
    if (values === null) unreadable++;
    else collect(values, nodes);
  });
  return {
    nodes,
    article: nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t))) ?? null,
    breadcrumb: nodes.find((n) => typesOf(n).includes('BreadcrumbList')) ?? null,
    unreadable,
  };
}

export function ldString(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (isNode(value) && typeof value['@value'] === 'string') return ldString(value['@value']);
  return null;
}

/** Names from `author`: a string, a Person/Organization, or a list of either. */
export function ldNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (isNode(item) ? ldString(item.name) : ldString(item))).filter((n): n is string => n !== null);
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

/** The names of a BreadcrumbList, by `position` when given. */
export function ldCrumbs(list: LdNode): string[] {
  const items = Array.isArray(list.itemListElement) ? list.itemListElement.filter(isNode) : [];
  return [...items]
    .sort((a, b) => (typeof a.position === 'number' && typeof b.position === 'number' ? a.position - b.position : 0))
    .map((item) => ldString(item.name) ?? (isNode(item.item) ? ldString(item.item.name) : null))
    .filter((n): n is string => n !== null);
}

/** Dates of the article node first, then of any other node that has them (a WebPage, a graph entry). */
function ldDates(ld: JsonLd, key: 'datePublished' | 'dateModified'): (string | null)[] {
  const others = ld.nodes.filter((n) => n !== ld.article && n[key] !== undefined);
  return [ld.article, ...others].map((n) => (n ? ldString(n[key]) : null));
}

/** The JSON-LD finder: every field the article node (and, for dates, any node) gives. */
export function jsonLdFinding(ld: JsonLd): Finding {
  const a = ld.article;
  return {
    title: [ldString(a?.headline), ldString(a?.name)],
    lead: [ldString(a?.description)],
    byline: [ldNames(a?.author)],
    published: [...ldDates(ld, 'datePublished'), ldString(a?.dateCreated)],
    updated: ldDates(ld, 'dateModified'),
    section: [ldList(a?.articleSection)[0], ld.breadcrumb ? ldCrumbs(ld.breadcrumb).slice(1).at(-1) : null],
    tags: [ldList(a?.keywords)],
    image: [ldImage(a?.image), ldImage(a?.thumbnailUrl)],
  };
}
