/**
 * `profile.articleUrl`: which same-site links are articles. Discovery keeps
 * only links whose path matches it, so a site whose articles do not end in
 * `.html` would crawl nothing with the default. Learned from the sampled
 * article paths against the paths known not to be articles (the home page,
 * its sections, pages the extraction refused): the first rule, most
 * specific kind first, that takes every article and none of the others.
 */

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function firstSegment(path: string): string | null {
  const m = /^\/([^/]+)\//.exec(path);
  return m?.[1] ?? null;
}

/** Candidate rules, most telling first. */
function rules(articlePaths: readonly string[]): string[] {
  const out = ['\\.html?$', '[-_/]\\d{5,}(?:\\.[a-z]+)?/?$', '/\\d{4,}/'];
  const segments = new Set(articlePaths.map(firstSegment));
  const [only] = segments;
  if (segments.size === 1 && only) out.push(`^/${escape(only)}/`);
  // Four or more words in the last segment: a headline slug, the weakest sign of an article.
  // Anchored at a slash and with no hyphen in the tail, so a long path cannot backtrack its way through every split.
  out.push('/(?:[^/-]+-){3,}[^/-]*$');
  return out;
}

export function learnArticleUrl(articleUrls: readonly string[], nonArticleUrls: readonly string[]): string {
  const paths = articleUrls.map((u) => new URL(u).pathname);
  const others = nonArticleUrls.map((u) => new URL(u).pathname);
  const candidates = rules(paths);
  const score = (rule: string): number => {
    const re = new RegExp(rule, 'u');
    return paths.filter((p) => re.test(p)).length - others.filter((p) => re.test(p)).length;
  };
  const perfect = candidates.find((rule) => score(rule) === paths.length && others.every((p) => !new RegExp(rule, 'u').test(p)));
  if (perfect) return perfect;
  // No rule separates them cleanly: the one that does best; extraction still refuses what is no article.
  return [...candidates].sort((a, b) => score(b) - score(a))[0] ?? '\\.html?$';
}
