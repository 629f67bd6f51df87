/**
 * One page in, raw findings out. The page is parsed once; each finder (the
 * site profile, JSON-LD, meta, microdata, `<time>`, the URL, Readability,
 * then discovery's hints) reads it once and yields candidates for every
 * field it knows. Nothing is judged here beyond "is this an article at
 * all": normalize takes the first valid candidate of each field.
 */
import type { SiteProfile } from '../config/profile-schema.js';
import type { FieldSource } from '../core/article.js';
import { NotAnArticleError } from '../core/errors.js';
import type { LinkHints } from '../core/hints.js';
import { findBody, GENERIC_SIGNOFF } from './body.js';
import { guessFinding } from './guesses.js';
import { loginWallCheck, rejectBody, rejectPage, rejectUrl } from './check.js';
import { absoluteUrl, firstMatch, isAttached, parseHtml, query, textOf } from './dom.js';
import { capNesting, flattenDeep, rejectNonDocument } from './guard.js';
import { hintsFinding, mergeFindings, metaFinding, timeFinding, urlFinding } from './finders.js';
import { jsonLdFinding, ldString, readJsonLd } from './jsonld.js';
import { readMeta, metaValue } from './meta.js';
import { microdataFinding, readItemprops } from './microdata.js';
import type { ExtractedPage, ExtractedTree, Finding } from './page.js';
import { applyStrip, profileEvents, profileFinding } from './profile-fields.js';

/** A profiled page whose body selectors miss but whose listing selectors hit this often is a listing. */
const LISTING_LINKS = 3;

export function extractPage(html: string, url: string, profile: SiteProfile | null, hints: LinkHints): ExtractedPage {
  const page = extractPageTree(html, url, profile, hints);
  return { ...page, body: { value: page.body.value.html(), from: page.body.from } };
}

/** extractPage with the body left as a tree: readArticle's way, which spares normalize a parse of it. */
export function extractPageTree(html: string, url: string, profile: SiteProfile | null, hints: LinkHints): ExtractedTree {
  if (profile) rejectUrl(url, profile.nonArticleUrls);
  rejectNonDocument(html, url);
  const doc = parseHtml(capNesting(html));
  flattenDeep(doc);
  // Each is looked for once (a selector query walks the whole page); nothing below changes the page before the strip rules.
  const h1 = textOf(query(doc, 'h1').first());
  const titleElement = query(doc, 'title').first();
  const title = textOf(titleElement);
  rejectPage(doc, url, profile?.paywall ?? [], title, h1);
  const ld = readJsonLd(doc);
  const meta = readMeta(doc);
  const canonicalUrl = absoluteUrl(doc('link[rel="canonical"]').first().attr('href'), url) ?? absoluteUrl(metaValue(meta, ['og:url']) ?? undefined, url);
  // Before stripping: the article's own event box is often one of the blocks stripped from the body.
  const events = profile ? profileEvents(doc, profile, url) : [];
  const headline = metaValue(meta, ['og:title']) ?? (h1 || null);
  const fromProfile: Finding = profile ? profileFinding(doc, profile, headline) : {};
  if (profile) applyStrip(doc, profile);

  const findings: [FieldSource, Finding][] = [
    ['profile', fromProfile],
    ['jsonld', jsonLdFinding(ld)],
    ['meta', metaFinding(meta)],
    ['microdata', microdataFinding(doc, readItemprops(doc))],
    ['time', timeFinding(doc)],
  ];

  const profiledBody = profile ? firstMatch(doc, profile.body) : null;
  if (profile && !profiledBody) {
    const links = firstMatch(doc, profile.listing.links)?.length ?? 0;
    if (links >= LISTING_LINKS) throw new NotAnArticleError(url, `listing page: ${links} article links and no article body`);
  }
  const early = mergeFindings(findings);
  const headlines = [...early.title.map((t) => t.value), h1];
  // Everything that reads the whole page goes before the body is looked for: the copy made for Readability strips it.
  const loginWall = loginWallCheck(doc);
  const missing = early.lead.length === 0 || early.published.length === 0 || early.byline.length === 0 || early.section.length === 0 || early.tags.length === 0;
  const guessed = missing ? guessFinding(doc, headlines[0] ?? null) : {};
  // A strip rule may have taken the first <title> (with its <head>): the first one now is another, or none.
  const first = titleElement.get(0);
  const titles = [h1, first === undefined || isAttached(first) ? title : textOf(query(doc, 'title').first())];

  const bodyFinding = findBody(doc, profiledBody, profile?.signoff ?? GENERIC_SIGNOFF, headlines.slice(0, 3), ldString(ld.article?.articleBody));
  if (!bodyFinding) throw new NotAnArticleError(url, 'no article body');
  rejectBody(url, bodyFinding.stats, loginWall);

  // A sign-off cut from a profiled body is part of what the profile found; without a profile it is a guess after structured data.
  if (profile && bodyFinding.signoff.length > 0) {
    const printed = fromProfile.byline?.[0] ?? [];
    fromProfile.byline = [[...printed, ...bodyFinding.signoff.filter((line) => !printed.includes(line))]];
  }
  findings.push(
    [
      'readability',
      {
        title: [bodyFinding.readableTitle, ...titles],
        lead: guessed.lead ?? [],
        byline: [profile ? null : bodyFinding.signoff, bodyFinding.readableByline ? [bodyFinding.readableByline] : null, ...(guessed.byline ?? [])],
        published: guessed.published ?? [],
        section: guessed.section ?? [],
        tags: guessed.tags ?? [],
      },
    ],
    // The URL's date is day-exact but has no time: after the page's printed dates, before what discovery said.
    ['url', urlFinding(url)],
    ['discovery', hintsFinding(hints)],
  );
  const candidates = mergeFindings(findings);
  if (candidates.title.length === 0) throw new NotAnArticleError(url, 'no title');

  return { fetchedUrl: url, canonicalUrl, candidates, events, body: bodyFinding.body, unreadableJsonLd: ld.unreadable };
}
