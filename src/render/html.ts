/**
 * The front page and topic pages: server-rendered Vietnamese HTML, no
 * JavaScript, with autodiscovery links so a reader given the page finds the feeds.
 */
import { htmlEscape, clean, normalizeUrl } from './text.js';
import type { FeedFormat } from './types.js';

export interface FeedSummary {
  title: string;
  description: string;
  /** The HTML page of the feed, when it has one. */
  pageUrl: string | null;
  urls: Record<FeedFormat, string>;
  count: number;
  /** True when `count` is a lower bound (feeds merging several streams). */
  countIsLowerBound: boolean;
  /** ISO; null when empty. */
  updated: string | null;
}

export interface Headline {
  title: string;
  url: string;
  publishedAt: string;
  lead: string;
}

export interface HomePage {
  title: string;
  intro: string;
  /** `<link rel="alternate">` tags in the head. */
  discover: { title: string; urls: Record<FeedFormat, string> }[];
  sections: { heading: string; feeds: FeedSummary[] }[];
  headlines: Headline[];
  opmlUrl: string;
}

const TYPE_OF: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};
const LABEL: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

const h = (s: string): string => htmlEscape(clean(s));

/** `18/01/2019 17:39`, the way Vietnamese papers print dates (records are already +07:00). */
function vnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

function feedRow(f: FeedSummary): string {
  const name = f.pageUrl ? `<a href="${h(f.pageUrl)}">${h(f.title)}</a>` : h(f.title);
  const count = `${f.countIsLowerBound ? 'ít nhất ' : ''}${f.count} bài`;
  const updated = f.updated ? `, cập nhật <time datetime="${h(f.updated)}">${vnDate(f.updated)}</time>` : '';
  const links = (Object.keys(f.urls) as FeedFormat[]).map((fmt) => `<a href="${h(f.urls[fmt])}" type="${TYPE_OF[fmt]}">${LABEL[fmt]}</a>`);
  return `<li>${name} <small>(${count}${updated})</small> — Đăng ký: ${links.join(' · ')}</li>`;
}

export function renderHomePage(page: HomePage): string {
  const discover = page.discover.flatMap((d) =>
    (Object.keys(d.urls) as FeedFormat[]).map(
      (fmt) => `<link rel="alternate" type="${TYPE_OF[fmt]}" title="${h(`${d.title} (${LABEL[fmt]})`)}" href="${h(d.urls[fmt])}">`,
    ),
  );
  const sections = page.sections
    .filter((s) => s.feeds.length > 0)
    .map((s) => `<section><h2>${h(s.heading)}</h2><ul>${s.feeds.map(feedRow).join('')}</ul></section>`);
  const headlines = page.headlines.map(
    (a) =>
      `<li><a href="${h(normalizeUrl(a.url))}">${h(a.title)}</a> <small><time datetime="${h(a.publishedAt)}">${vnDate(a.publishedAt)}</time></small><br>${h(a.lead)}</li>`,
  );
  return [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(page.title)}</title>`,
    ...discover,
    '<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:auto;padding:1rem;line-height:1.5}li{margin:.4rem 0}</style>',
    '</head><body>',
    `<h1>${h(page.title)}</h1>`,
    `<p>${h(page.intro)} <a href="${h(page.opmlUrl)}">Tải danh sách OPML</a> để nhập vào trình đọc tin.</p>`,
    ...sections,
    `<section><h2>Tin mới nhất</h2>${headlines.length > 0 ? `<ol>${headlines.join('')}</ol>` : '<p>Chưa có bài viết nào.</p>'}</section>`,
    '</body></html>',
    '',
  ].join('\n');
}
