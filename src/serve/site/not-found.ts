/** The page a browser gets for an address that leads nowhere (everyone else gets problem+json, with the same status). */
import { html } from './html.js';
import { layout, type Site } from './layout.js';

export function renderNotFound(site: Site): string {
  const main = html`<h1>Không tìm thấy trang</h1>
<p class="lede">Địa chỉ này không dẫn tới trang hay bản tin nào: có thể địa chỉ bị gõ sai, hoặc chủ đề chưa có bài viết nào.</p>
<form class="search-form" action="${site.base}/search" method="get" role="search"><label class="vh" for="q">Tìm bài viết</label><input type="search" id="q" name="q" placeholder="Tìm bài viết…" maxlength="200"><button type="submit">Tìm</button></form>
<p><a class="btn btn-primary" href="${site.base}/">Về trang chủ</a></p>`;
  return layout(site, {
    title: 'Không tìm thấy trang',
    description: 'Trang không tồn tại.',
    crumbs: [{ name: 'Trang chủ', url: `${site.base}/` }],
    here: 'Không tìm thấy',
    discover: [],
    main,
    copy: false,
  }).text;
}
