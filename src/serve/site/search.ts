/** `/search?q=`: the keyword search of feeds, shown as headlines; an empty form and a no-result state. */
import { html } from './html.js';
import { layout, type Site } from './layout.js';
import { countText, headlines, subscribe, type FeedSummary, type Headline } from './parts.js';

export type SearchView =
  | { state: 'empty' }
  /** The query was refused; `problem` says why, in Vietnamese. */
  | { state: 'invalid'; q: string; problem: string }
  | {
      state: 'results';
      q: string;
      headlines: Headline[];
      /** True when these are all the matches (no older page). */
      complete: boolean;
      olderUrl: string | null;
      /** The search as a feed of its own, when the service has a feed of every article to search in. */
      feed: FeedSummary | null;
    };

export function renderSearch(site: Site, v: SearchView): string {
  const q = v.state === 'empty' ? '' : v.q;
  const form = html`<form class="search-form" action="${site.base}/search" method="get" role="search"><label class="vh" for="q">Từ khóa</label><input type="search" id="q" name="q" value="${q}" placeholder="Ví dụ: giá vàng, Hà Nội" maxlength="200"><button type="submit">Tìm</button></form>`;
  let body;
  if (v.state === 'empty') {
    body = html`<p class="empty">Nhập một hay vài từ: tìm trong tiêu đề, tóm tắt, nội dung, tác giả và thẻ của bài. Không phân biệt chữ hoa và dấu.</p>`;
  } else if (v.state === 'invalid') {
    body = html`<p class="empty" role="alert">${v.problem}</p>`;
  } else {
    const n = v.headlines.length;
    const summary =
      n === 0
        ? html`Không có bài nào khớp với “${v.q}”. Thử từ khác, hoặc ít từ hơn.`
        : v.complete
          ? html`${countText(n)} khớp với “${v.q}”, mới nhất trước.`
          : html`${countText(n)} mới nhất khớp với “${v.q}”; còn bài cũ hơn.`;
    body = html`<p class="lede" role="status">${summary}</p>
${v.feed === null || n === 0 ? '' : html`<p>Nhận bài mới về “${v.q}” trong trình đọc tin:</p>${subscribe(v.feed)}`}
${n === 0 ? '' : headlines(v.headlines, '')}
${v.olderUrl === null ? '' : html`<nav class="pager" aria-label="Trang"><a class="btn" href="${v.olderUrl}">Tin cũ hơn</a></nav>`}`;
  }
  const title = v.state === 'results' ? `Tìm “${v.q}”` : 'Tìm kiếm';
  return layout(site, {
    title,
    description: 'Tìm bài viết trong mọi nguồn tin.',
    crumbs: [{ name: 'Trang chủ', url: `${site.base}/` }],
    here: title,
    discover: v.state === 'results' && v.feed !== null ? [{ title: v.feed.title, urls: v.feed.urls }] : [],
    section: 'search',
    main: html`<h1>Tìm kiếm</h1>\n${form}\n${body}`,
    copy: v.state === 'results' && v.feed !== null && v.headlines.length > 0,
  }).text;
}
