/** The frame of every page: head, header with the service's name and navigation, breadcrumbs, footer. */
import { SITE_NAME } from '../catalog.js';
import type { FeedFormat } from '../../render/index.js';
import type { AssetUrls } from './assets.js';
import { html, type Html } from './html.js';
import { FORMAT_LABEL, FORMAT_TYPE } from './parts.js';

/** What every page needs to know about the site it is on. */
export interface Site {
  /** The public origin, no trailing slash. */
  base: string;
  assets: AssetUrls;
}

export interface Crumb {
  name: string;
  url: string;
}

export interface Shell {
  /** The document title; the site's name is added after it. */
  title: string;
  description: string;
  /** From the front page down to the parent of this page; empty on the front page. */
  crumbs: Crumb[];
  /** This page's own name in the breadcrumbs. */
  here: string;
  /** Feeds announced for autodiscovery. */
  discover: { title: string; urls: Record<FeedFormat, string> }[];
  /** The navigation entry this page belongs to, if any. */
  section?: 'search';
  main: Html;
  /** True when the page holds a copy button, which needs the one script. */
  copy: boolean;
}

const NAV = [
  { name: 'Chuyên mục', path: '/#chuyen-muc' },
  { name: 'Địa phương', path: '/#dia-phuong' },
  { name: 'Chủ đề', path: '/#chu-de' },
  { name: 'Nguồn', path: '/#nguon' },
  { name: 'Tìm kiếm', path: '/search', section: 'search' },
] as const;

export function layout(site: Site, s: Shell): Html {
  const a = site.assets;
  const discover = s.discover.flatMap((d) =>
    (Object.keys(d.urls) as FeedFormat[]).map(
      (fmt) => html`<link rel="alternate" type="${FORMAT_TYPE[fmt]}" title="${`${d.title} (${FORMAT_LABEL[fmt]})`}" href="${d.urls[fmt]}">\n`,
    ),
  );
  const crumbs =
    s.crumbs.length === 0
      ? null
      : html`<nav class="crumbs" aria-label="Vị trí"><ol>${s.crumbs.map((c) => html`<li><a href="${c.url}">${c.name}</a></li>`)}<li aria-current="page">${s.here}</li></ol></nav>`;
  const title = s.crumbs.length === 0 ? s.title : `${s.title} – ${SITE_NAME}`;
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${s.description}">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#b3261e">
<link rel="stylesheet" href="${a.css}">
<link rel="icon" href="${a.favicon}" sizes="32x32">
<link rel="icon" href="${a.svg}" type="image/svg+xml">
<link rel="apple-touch-icon" href="${a.png(192)}">
<link rel="manifest" href="${a.manifest}">
${discover}</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="${site.base}/"><img src="${a.svg}" alt="" width="28" height="28">${SITE_NAME}</a>
<nav class="site-nav" aria-label="Chính"><ul>${NAV.map(
    (n) => html`<li><a href="${site.base}${n.path}"${'section' in n && n.section === s.section ? html` aria-current="page"` : ''}>${n.name}</a></li>`,
  )}</ul></nav>
</div></header>
<main class="wrap" id="main">
${crumbs}
${s.main}
</main>
<footer class="site-footer"><div class="wrap">
<p>${SITE_NAME} tổng hợp tin từ các báo Việt Nam và đăng lại dưới dạng RSS, Atom và JSON Feed. Bài viết thuộc về tòa soạn đã đăng.</p>
<ul>
<li><a href="${site.base}/">Trang chủ</a></li>
<li><a href="${site.base}/opml" download="bantin.opml">Tải danh sách OPML</a></li>
<li><a href="${site.base}/api/topics">API chủ đề (JSON)</a></li>
</ul>
</div></footer>
${s.copy ? html`<script src="${a.js}" defer></script>\n` : ''}</body>
</html>
`;
}
