/** The site's templates as functions: one escaping rule for every value, and the front page's first-crawl notice. */
import { describe, expect, it } from 'vitest';
import { html } from '../../src/serve/site/html.js';
import { renderFront, siteAssets } from '../../src/serve/site/index.js';

describe('html`…`', () => {
  it('escapes every value put in, once, and keeps what it built itself', () => {
    const title = 'Giá <vàng> & "bạc" \'x\'';
    const inner = html`<b>${title}</b>`;
    expect(html`<p title="${title}">${inner}${[title, 3, null, false]}</p>`.text).toBe(
      '<p title="Giá &lt;vàng&gt; &amp; &quot;bạc&quot; &#39;x&#39;"><b>Giá &lt;vàng&gt; &amp; &quot;bạc&quot; &#39;x&#39;</b>Giá &lt;vàng&gt; &amp; &quot;bạc&quot; &#39;x&#39;3</p>',
    );
  });

  it('drops characters no document may hold', () => {
    expect(html`${'a\u0000b\uFFFEc'}`.text).toBe('abc');
  });
});

describe('the front page while sources are crawled for the first time', () => {
  const site = { base: 'https://bantin.example', assets: siteAssets().urls };
  const empty = { curated: [], categories: [], places: [], topics: [], topicsTotal: 0, sources: [], latest: [] };

  it('says since when and what each source has found, and nothing the rest of the time', () => {
    const page = renderFront(site, {
      ...empty,
      firstCrawl: { since: '2026-02-01T08:00:00+07:00', found: 12, sources: [{ id: 'kinhtedothi', name: 'Kinh tế & Đô thị', found: 12 }] },
    });
    expect(page).toContain('<h2 id="lan-dau-h">Đang lấy tin lần đầu</h2>');
    expect(page).toContain('Từ <time datetime="2026-02-01T08:00:00+07:00">01/02/2026 08:00</time>, Bản tin đang đọc một nguồn mới lần đầu và đã có 12 bài');
    expect(page).toContain('<li>Kinh tế &amp; Đô thị: 12 bài</li>');
    expect(renderFront(site, { ...empty, firstCrawl: null })).not.toContain('lan-dau');
  });

  it('an empty store still makes a page that says so', () => {
    expect(renderFront(site, { ...empty, firstCrawl: null })).toContain('<p class="empty">Chưa có bài viết nào.</p>');
  });
});
