/** Pieces several pages share: a feed's card with its one "Đăng ký" control, a headline, dates and counts. */
import { toVnIso } from '../../core/time.js';
import type { FeedFormat } from '../../render/index.js';
import { html, type Html } from './html.js';

export const FORMAT_TYPE: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};
export const FORMAT_LABEL: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

export interface FeedSummary {
  /** Unique on its page: names the URL field the copy button copies. */
  key: string;
  title: string;
  description: string;
  /** The feed's HTML page on this site; null when the feed view (XSLT) is its page. */
  pageUrl: string | null;
  urls: Record<FeedFormat, string>;
  /** Stored articles in the feed, exact; null when it cannot be known without reading them all (see README). */
  count: number | null;
  /** ISO; null when empty. */
  updated: string | null;
}

export interface Headline {
  title: string;
  url: string;
  publishedAt: string;
  lead: string;
  sourceName: string;
  /** Absolute URL of the article's first picture. */
  image: string | null;
}

/** `18/01/2019 17:39`, in Vietnam's time, the way Vietnamese papers print dates. */
export function vnDate(iso: string): string {
  const local = toVnIso(Date.parse(iso));
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

export const countText = (n: number): string => `${n.toLocaleString('vi-VN')} bài`;

export const time = (iso: string): Html => html`<time datetime="${iso}">${vnDate(iso)}</time>`;

/** One control per feed: a disclosure offering RSS, Atom and JSON Feed, and the URL to copy (selectable without script). */
export function subscribe(f: Pick<FeedSummary, 'key' | 'title' | 'urls'>, open = false): Html {
  const id = `url-${f.key}`;
  const formats = (Object.keys(f.urls) as FeedFormat[]).map(
    (fmt) => html`<li><a class="btn" href="${f.urls[fmt]}" type="${FORMAT_TYPE[fmt]}">${FORMAT_LABEL[fmt]}</a></li>`,
  );
  return html`<details class="sub"${open ? html` open` : ''}><summary>Đăng ký<span class="vh"> ${f.title}</span></summary><div class="sub-panel">
<p>Mở bằng trình đọc tin, theo định dạng nó đọc được:</p>
<ul class="formats">${formats}</ul>
<label class="copy-label" for="${id}">Hoặc chép địa chỉ RSS vào trình đọc tin</label>
<div class="copy"><input type="text" id="${id}" value="${f.urls.rss}" readonly><button type="button" data-copy="${id}" hidden>Sao chép</button></div>
</div></details>`;
}

export function feedCard(f: FeedSummary): Html {
  const name = f.pageUrl === null ? html`<a class="feed-name" href="${f.urls.rss}">${f.title}</a>` : html`<a class="feed-name" href="${f.pageUrl}">${f.title}</a>`;
  const facts = [f.count === null ? null : countText(f.count), f.updated === null ? null : html`mới nhất ${time(f.updated)}`].filter((x) => x !== null);
  return html`<li class="feed"><div class="feed-head">${name}${facts.length > 0 ? html`<span class="count">${facts.map((x, i) => html`${i > 0 ? ' · ' : ''}${x}`)}</span>` : ''}</div>${subscribe(f)}</li>`;
}

export const feedCards = (feeds: readonly FeedSummary[]): Html => html`<ul class="feeds">${feeds.map(feedCard)}</ul>`;

export function headlineItem(h: Headline): Html {
  return html`<li class="headline"><h3><a href="${h.url}">${h.title}</a></h3>
<p class="meta">${h.sourceName} · ${time(h.publishedAt)}</p>
${h.lead === '' ? '' : html`<p class="lead">${h.lead}</p>`}
${h.image === null ? '' : html`<img class="thumb" src="${h.image}" alt="" loading="lazy" width="160" height="107">`}</li>`;
}

export function headlines(list: readonly Headline[], empty: string): Html {
  return list.length === 0 ? html`<p class="empty">${empty}</p>` : html`<ol class="headlines">${list.map(headlineItem)}</ol>`;
}
