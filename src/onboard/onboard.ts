/**
 * A site in one go: probe it, sample its articles, learn a profile and the
 * shape of its article URLs, choose its discovery. Nothing is written here
 * (save.ts does that); what comes back is everything the source file, its
 * cases and the printed report are made of.
 */
import type { Fetcher } from '../fetch/index.js';
import { learnArticleUrl } from './article-url.js';
import { OnboardError } from './errors.js';
import { probeSite, type Probe } from './probe.js';
import { learnProfile, type LearnedProfile } from './profile.js';
import { sampleArticles, type Refusal, type Sample } from './sample.js';
import { chooseDiscovery, type Discovery } from './source-file.js';

export interface OnboardRequest {
  /** The site's home page; without its trailing slash, the source's baseUrl. */
  url: string;
  id: string;
  /** Null: the site's own name (og:site_name, the home page title), else its host. */
  name: string | null;
  /** Article pages to learn from. */
  samples: number;
}

export interface OnboardDeps {
  /** The crawl's fetcher, with this source's politeness. */
  fetcher: Fetcher;
  now: () => number;
  step?: (line: string) => void;
}

export interface Onboarding {
  id: string;
  name: string;
  baseUrl: string;
  site: string;
  probe: Probe;
  samples: Sample[];
  refused: Refusal[];
  learned: LearnedProfile;
  articleUrl: string;
  discovery: Discovery;
}

export function baseUrlOf(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.search = '';
  return u.toString().replace(/\/+$/, '');
}

/** The real site's host as the shipped files write it (`kinhtedothi.vn`): no `www.`. */
export function siteOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

export async function onboardSite(req: OnboardRequest, deps: OnboardDeps): Promise<Onboarding> {
  const step = deps.step ?? (() => undefined);
  const baseUrl = baseUrlOf(req.url);
  const probe = await probeSite(req.url, { fetcher: deps.fetcher, sourceId: req.id, step });
  if (probe.candidates.length === 0) {
    throw new OnboardError('no-articles', 'found no link that looks like an article on the home page, its sections, feeds or sitemaps');
  }
  step(`sample: up to ${req.samples} of ${probe.candidates.length} article links`);
  const { samples, refused } = await sampleArticles(probe.candidates, req.samples, { fetcher: deps.fetcher, sourceId: req.id, now: deps.now });
  if (samples.length === 0) {
    const why = refused.slice(0, 3).map((r) => `${r.url}: ${r.reason}`);
    throw new OnboardError('no-articles', `the generic extraction read none of the ${refused.length} pages tried as an article (${why.join('; ')})`);
  }
  step(`learn: ${samples.length} article page(s)`);
  const learned = learnProfile(samples, { id: req.id, baseUrl, now: deps.now() });
  const nonArticles = [probe.home, ...probe.sections.map((s) => s.url)];
  const articleUrl = learnArticleUrl(
    samples.map((s) => s.url),
    nonArticles,
  );
  return {
    id: req.id,
    name: req.name ?? probe.name ?? siteOf(req.url),
    baseUrl,
    site: siteOf(req.url),
    probe,
    samples,
    refused,
    learned,
    articleUrl,
    discovery: chooseDiscovery(probe, articleUrl),
  };
}
