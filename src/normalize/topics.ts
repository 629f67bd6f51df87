/**
 * Section, tags and events, and the topic slugs the per-topic feeds select
 * on. Aliases apply to `topics` only: section and tags keep the page's own
 * words and slugs.
 */
import { SLUG, type TopicRef } from '../core/article.js';
import { slugify } from '../core/slug.js';
import { normalizeText } from './text.js';

export function topicRef(name: string): TopicRef | null {
  // Tag clouds often print "#Hà Nội".
  const n = normalizeText(name).replace(/^#+\s*/, '');
  const slug = slugify(n);
  return n === '' || slug === '' ? null : { name: n, slug };
}

/** Tags in page order, one per slug. */
export function tagRefs(names: readonly string[]): TopicRef[] {
  const seen = new Set<string>();
  const out: TopicRef[] = [];
  for (const name of names) {
    const ref = topicRef(name);
    if (ref === null || seen.has(ref.slug)) continue;
    seen.add(ref.slug);
    out.push(ref);
  }
  return out;
}

function lastPathSegment(url: string): string {
  try {
    const path = new URL(url).pathname.replace(/\/+$/, '');
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)).replace(/\.html?$/i, '');
  } catch {
    // A malformed event URL or escape: the event name still gives a slug.
    return '';
  }
}

/** `/su-kien/697/ky-hop-thu-9-quoc-hoi-khoa-xiv.html` → `ky-hop-thu-9-quoc-hoi-khoa-xiv`; the name's slug when the URL has none. */
export function eventSlug(event: { name: string; url: string }): string | null {
  const fromUrl = slugify(lastPathSegment(event.url));
  // A bare numeric id says nothing; fall back to the printed name.
  const slug = fromUrl !== '' && !/^\d+$/.test(fromUrl) ? fromUrl : slugify(event.name);
  return SLUG.test(slug) ? slug : null;
}

export function topicSlugs(slugs: readonly string[], aliases: Readonly<Record<string, string>>): string[] {
  const out = new Set<string>();
  for (const s of slugs) {
    const a = Object.hasOwn(aliases, s) ? aliases[s]! : s;
    if (SLUG.test(a)) out.add(a);
  }
  return [...out];
}
