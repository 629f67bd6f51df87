/** The front page: categories and places first, then topics, sources and curated feeds beside the latest headlines. */
import { SITE_NAME } from '../catalog.js';
import { html, type Html } from './html.js';
import { layout, type Site } from './layout.js';
import { countText, feedCards, headlines, time, type FeedSummary, type Headline } from './parts.js';

export interface FrontPage {
  curated: FeedSummary[];
  categories: FeedSummary[];
  places: FeedSummary[];
  /** The topics with most articles, at most FRONT_TOPICS of them. */
  topics: FeedSummary[];
  /** How many topics there are (places apart). */
  topicsTotal: number;
  sources: FeedSummary[];
  latest: Headline[];
  /** Sources in their first crawl (a new install): what the page says while it fills up; null the rest of the time. */
  firstCrawl: FirstCrawlView | null;
}

export interface FirstCrawlView {
  /** ISO: when the earliest of them started. */
  since: string;
  found: number;
  sources: { id: string; name: string; found: number }[];
}

function firstCrawlNotice(n: FirstCrawlView): Html {
  return html`<section class="explain" role="status" aria-labelledby="lan-dau-h"><h2 id="lan-dau-h">Đang lấy tin lần đầu</h2>
<p>Từ ${time(n.since)}, ${SITE_NAME} đang đọc ${n.sources.length === 1 ? 'một nguồn mới' : `${n.sources.length} nguồn mới`} lần đầu và đã có ${countText(n.found)}; trang sẽ đầy dần trong ít phút.</p>
<ul>${n.sources.map((s) => html`<li>${s.name}: ${countText(s.found)}</li>`)}</ul></section>`;
}

export const FRONT_TOPICS = 30;

function section(id: string, heading: string, feeds: FeedSummary[], note: Html | null = null): Html | null {
  if (feeds.length === 0) return null;
  return html`<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${heading}</h2>${note}${feedCards(feeds)}</section>`;
}

export function renderFront(site: Site, p: FrontPage): string {
  const topicsNote =
    p.topicsTotal > p.topics.length
      ? html`<p class="lede">${p.topics.length} trong ${p.topicsTotal} chủ đề, nhiều bài nhất trước; mọi chủ đề có trong <a href="${site.base}/opml">danh sách OPML</a>.</p>`
      : null;
  const main = html`<h1>${SITE_NAME}: tin tức Việt Nam để đăng ký</h1>
<p class="lede">Tin từ các báo Việt Nam, gom theo chuyên mục, địa phương, chủ đề và nguồn. Mỗi mục là một bản tin (RSS, Atom, JSON Feed): bấm “Đăng ký” để đưa vào trình đọc tin của bạn.</p>
<form class="search-form" action="${site.base}/search" method="get" role="search"><label class="vh" for="q">Tìm bài viết</label><input type="search" id="q" name="q" placeholder="Tìm bài viết…" maxlength="200"><button type="submit">Tìm</button></form>
${p.firstCrawl === null ? '' : firstCrawlNotice(p.firstCrawl)}
${section('chuyen-muc', 'Chuyên mục', p.categories)}
${section('dia-phuong', 'Địa phương', p.places)}
<div class="layout">
<section id="moi-nhat" aria-labelledby="moi-nhat-h"><h2 id="moi-nhat-h">Tin mới nhất</h2>${headlines(p.latest, 'Chưa có bài viết nào.')}</section>
<aside aria-label="Chủ đề, nguồn và bản tin tuyển chọn">
${section('chu-de', 'Chủ đề', p.topics, topicsNote)}
${section('nguon', 'Nguồn', p.sources)}
${section('tuyen-chon', 'Bản tin tuyển chọn', p.curated)}
</aside>
</div>`;
  const discover = p.curated.map((f) => ({ title: f.title, urls: f.urls }));
  return layout(site, {
    title: SITE_NAME,
    description: 'Tin tức Việt Nam tổng hợp từ các báo, đăng lại dưới dạng RSS, Atom và JSON Feed.',
    crumbs: [],
    here: SITE_NAME,
    discover,
    main,
    copy: true,
  }).text;
}
