/**
 * One page in, raw findings out. Each field is looked for in order: the
 * site profile, then JSON-LD, meta, microdata, `<time>`, Readability; the
 * first source with a value wins and is recorded beside it. Nothing is
 * cleaned here: normalize owns text, dates, bylines and HTML.
 */
import type { SiteProfile } from '../config/profile-schema.js';
import { NotAnArticleError } from '../core/errors.js';
import { NO_HINTS, type LinkHints } from '../core/hints.js';
import { findBody, GENERIC_SIGNOFF } from './body.js';
import { rejectBody, rejectPage, rejectUrl } from './check.js';
import { absoluteUrl, firstMatch, metaContent, parseHtml, textOf, type Doc } from './dom.js';
import { firstFound, found, genericFinders } from './generic.js';
import { readJsonLd } from './jsonld.js';
import type { ExtractedPage, Found } from './page.js';
import { applyStrip, profileDate, profileEvents, profileSection, profileText, profileTexts } from './profile-fields.js';

/** A profiled page whose body selectors miss but whose listing selectors hit this often is a listing. */
const LISTING_LINKS = 3;

function canonicalOf(doc: Doc, url: string): string | null {
  return absoluteUrl(doc('link[rel="canonical"]').first().attr('href'), url) ?? absoluteUrl(metaContent(doc, ['og:url']) ?? undefined, url);
}

function fromProfile<T>(profile: SiteProfile | null, read: (p: SiteProfile) => T | null): () => Found<T> | null {
  return () => (profile ? found(read(profile), 'profile') : null);
}

/** Most Vietnamese CMSs call the lead a "sapo"; others a description or summary. */
const LEAD_GUESS = 'h2[class*="sapo"], p[class*="sapo"], div[class*="sapo"], [class*="lead"], p.description, h2.description, [class*="summary"]';
const LEAD_MAX_CHARS = 600;

function guessLead(doc: Doc): string | null {
  const el = doc(LEAD_GUESS)
    .filter((_, e) => {
      const length = textOf(doc(e)).length;
      return length > 0 && length <= LEAD_MAX_CHARS;
    })
    .first();
  return el.length > 0 ? textOf(el) : null;
}

/**
 * Readability's container often starts with the headline or the lead, which
 * the record already has in their own fields: drop those leading echoes.
 */
function dropEchoes(html: string, echoes: (string | undefined)[]): string {
  const wanted = new Set(echoes.filter((e): e is string => e !== undefined).map((e) => e.replace(/\s+/g, ' ').trim()));
  const fragment = parseHtml(html);
  let changed = false;
  for (const el of fragment('h1, h2, p').slice(0, 3).toArray()) {
    if (!wanted.has(textOf(fragment(el)))) continue;
    fragment(el).remove();
    changed = true;
  }
  return changed ? fragment.html() : html;
}

export function extractPage(html: string, url: string, profile: SiteProfile | null, _hints: LinkHints = NO_HINTS): ExtractedPage {
  if (profile) rejectUrl(url, profile.nonArticleUrls);
  const doc = parseHtml(html);
  rejectPage(doc, url, profile?.paywall ?? []);
  const ld = readJsonLd(doc);
  const canonicalUrl = canonicalOf(doc, url);
  // Before stripping: the article's own event box is often one of the blocks stripped from the body.
  const events = profile ? profileEvents(doc, profile, url) : [];
  if (profile) applyStrip(doc, profile);
  const generic = genericFinders(doc, ld);

  const profiledBody = profile ? firstMatch(doc, profile.body) : null;
  if (profile && !profiledBody) {
    const links = firstMatch(doc, profile.listing.links)?.length ?? 0;
    if (links >= LISTING_LINKS) throw new NotAnArticleError(url, `listing page: ${links} article links and no article body`);
  }
  const bodyFinding = findBody(doc, profiledBody, profile?.signoff ?? GENERIC_SIGNOFF);

  const title = firstFound(
    fromProfile(profile, (p) => profileText(doc, p.title)),
    ...generic.title,
    () => found(bodyFinding?.readableTitle, 'readability'),
  );
  if (!title) throw new NotAnArticleError(url, 'no title');
  if (!bodyFinding) throw new NotAnArticleError(url, 'no article body');
  rejectBody(url, doc, bodyFinding.stats);

  const printed = profile ? profileTexts(doc, profile.byline) : null;
  const bylineLines = [...(printed ?? []), ...bodyFinding.signoff.filter((line) => !printed?.includes(line))];
  // With a profile, its byline rules are the authority; without one, structured data outranks a guessed sign-off.
  const byline = profile
    ? firstFound(() => found(bylineLines, 'profile'), ...generic.byline)
    : firstFound(...generic.byline, () => found(bylineLines, 'readability'), () => found(bodyFinding.readableByline ? [bodyFinding.readableByline] : null, 'readability'));

  const lead = firstFound(fromProfile(profile, (p) => profileText(doc, p.lead)), ...generic.lead, () => found(guessLead(doc), 'readability'));
  const body = bodyFinding.body.from === 'readability' ? { ...bodyFinding.body, value: dropEchoes(bodyFinding.body.value, [title.value, lead?.value]) } : bodyFinding.body;

  return {
    fetchedUrl: url,
    canonicalUrl,
    title,
    lead,
    byline,
    published: firstFound(fromProfile(profile, (p) => profileDate(doc, p.published)), ...generic.published),
    updated: firstFound(fromProfile(profile, (p) => profileDate(doc, p.updated)), ...generic.updated),
    section: firstFound(
      fromProfile(profile, (p) => profileSection(doc, p.breadcrumb, title.value)),
      ...generic.section.map((find) => () => {
        const section = find();
        return section && section.value !== title.value ? section : null;
      }),
    ),
    tags: firstFound(fromProfile(profile, (p) => profileTexts(doc, p.tags)), ...generic.tags),
    events,
    body,
    leadImage: absoluteUrl(generic.leadImage() ?? undefined, url),
  };
}
