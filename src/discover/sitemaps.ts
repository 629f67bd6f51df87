/**
 * sitemap.xml, news sitemaps (same `<url><loc>` shape; their `news:title`
 * and `news:publication_date` become hints) and sitemap indexes. Gzipped files served as plain
 * bytes (`sitemap.xml.gz`) are inflated here, under a cap.
 */
import zlib from 'node:zlib';
// cheerio/slim: in XML mode full cheerio parses with htmlparser2 too, and its parse5 half would only cost memory.
import * as cheerio from 'cheerio/slim';
import { FetchError, type FetchResponse } from '../fetch/index.js';
import type { LinkHints } from '../core/hints.js';
import { decodeXml } from './decode.js';

export interface SitemapContent {
  /** `<urlset>` entries: the page URL as written, and what a news sitemap says of it. */
  urls: { loc: string; hints: LinkHints }[];
  /** `<sitemapindex>` child sitemaps, newest `lastmod` first. */
  children: string[];
}

const MAX_INFLATED = 50 * 1024 * 1024;

export function readSitemap(res: FetchResponse): SitemapContent {
  let body = res.body;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      body = zlib.gunzipSync(body, { maxOutputLength: MAX_INFLATED });
    } catch (error) {
      throw new FetchError('parse-error', res.url, 'a gzipped sitemap that does not inflate (or inflates too far)', res.status, { cause: error });
    }
  }
  const $ = cheerio.load(decodeXml(body, res.charset), { xml: true });
  const root = $.root().children().first();
  const name = root.prop('tagName')?.toLowerCase().replace(/^.*:/, '');
  const child = (el: Parameters<typeof $>[0], tag: string): string => $(el).children(tag).first().text().trim();
  if (name === 'sitemapindex') {
    const children = root
      .children()
      .toArray()
      .map((el) => ({ loc: child(el, 'loc'), lastmod: Date.parse(child(el, 'lastmod')) }))
      .filter((c) => c.loc !== '')
      .sort((a, b) => (Number.isNaN(b.lastmod) ? 0 : b.lastmod) - (Number.isNaN(a.lastmod) ? 0 : a.lastmod));
    return { urls: [], children: children.map((c) => c.loc) };
  }
  if (name === 'urlset') {
    const news = (el: Parameters<typeof $>[0], tag: string): string | null => {
      const value = $(el).find('*').filter((_, n) => n.tagName.toLowerCase().replace(/^.*:/, '') === tag).first().text().trim();
      return value === '' ? null : value;
    };
    const urls = root
      .children()
      .toArray()
      .map((el) => ({ loc: child(el, 'loc'), hints: { title: news(el, 'title'), published: news(el, 'publication_date'), section: null } }))
      .filter((u) => u.loc !== '');
    return { urls, children: [] };
  }
  throw new FetchError('parse-error', res.url, `not a sitemap (root element ${name ?? 'none'})`, res.status);
}
