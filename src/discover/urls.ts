/** Which URLs found in feeds and sitemaps are this source's articles, and which are its event pages. */
import type { SourceConfig } from '../config/index.js';

export interface UrlRules {
  /** The absolute article URL (fragment dropped), or null when it is not one of this site's articles. */
  article(href: string, base?: string): string | null;
  /** The absolute event-page URL, or null. */
  event(href: string, base?: string): string | null;
}

const siteName = (host: string): string => host.replace(/^www\./, '');

export function urlRules(source: SourceConfig): UrlRules {
  const site = siteName(new URL(source.baseUrl).hostname);
  const articleUrl = new RegExp(source.profile.articleUrl, 'u');
  const excluded = source.profile.nonArticleUrls.map((p) => new RegExp(p, 'u'));
  const eventUrl = new RegExp(source.discovery.events.pattern, 'u');
  const ours = (href: string, base: string | undefined): URL | null => {
    let url: URL;
    try {
      url = new URL(href.trim(), base ?? source.baseUrl);
    } catch {
      return null;
    }
    if (!/^https?:$/.test(url.protocol) || siteName(url.hostname) !== site) return null;
    url.hash = '';
    return url;
  };
  return {
    article(href, base) {
      const url = ours(href, base);
      if (!url || eventUrl.test(url.pathname) || !articleUrl.test(url.pathname)) return null;
      return excluded.some((re) => re.test(url.pathname)) ? null : url.toString();
    },
    event(href, base) {
      const url = ours(href, base);
      return url && eventUrl.test(url.pathname) ? url.toString() : null;
    },
  };
}
