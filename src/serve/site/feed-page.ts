/** The page of one topic, category or source: what it is, its "Đăng ký" control, its latest headlines, older pages. */
import { html } from './html.js';
import { layout, type Crumb, type Site } from './layout.js';
import { countText, headlines, subscribe, time, type FeedSummary, type Headline } from './parts.js';

export interface FeedPageView {
  /** Where the page sits: `Chủ đề`, `Chuyên mục`, `Nguồn`, linked to its list on the front page. */
  parent: Crumb;
  feed: FeedSummary;
  headlines: Headline[];
  /** The next (older) page of this list; null on the last one. */
  olderUrl: string | null;
  /** The newest page, when this is an older one. */
  newestUrl: string | null;
  /** The source's own site, for a source page. */
  homepage: string | null;
}

export function renderFeedPage(site: Site, v: FeedPageView): string {
  const f = v.feed;
  const facts = [f.count === null ? null : countText(f.count), f.updated === null ? null : html`mới nhất ${time(f.updated)}`].filter((x) => x !== null);
  const pager =
    v.olderUrl === null && v.newestUrl === null
      ? null
      : html`<nav class="pager" aria-label="Trang">${v.newestUrl === null ? '' : html`<a class="btn" href="${v.newestUrl}">Mới nhất</a>`}${
          v.olderUrl === null ? '' : html`<a class="btn" href="${v.olderUrl}">Tin cũ hơn</a>`
        }</nav>`;
  const main = html`<h1>${f.title}</h1>
<p class="lede">${f.description}${facts.length > 0 ? html` (${facts.map((x, i) => html`${i > 0 ? ', ' : ''}${x}`)})` : ''}</p>
${v.homepage === null ? '' : html`<p><a class="btn" href="${v.homepage}">Trang của báo: ${v.homepage.replace(/^https?:\/\//, '').replace(/\/$/, '')}</a></p>`}
${subscribe(f)}
<h2>Tin mới nhất</h2>
${headlines(v.headlines, 'Chưa có bài viết nào.')}
${pager}`;
  return layout(site, {
    title: f.title,
    description: f.description,
    crumbs: [{ name: 'Trang chủ', url: `${site.base}/` }, v.parent],
    here: f.title,
    discover: [{ title: f.title, urls: f.urls }],
    main,
    copy: true,
  }).text;
}
