/** Field-by-field fallback, the ticker rule and the "no article" reasons, on small hand-made pages. */
import { describe, expect, it } from 'vitest';
import { NotAnArticleError } from '../../src/core/errors.js';
import { NO_HINTS } from '../../src/core/hints.js';
import { extractPage as extract, type ExtractedPage } from '../../src/extract/index.js';
import type { SiteProfile } from '../../src/config/profile-schema.js';
import { sourceById } from './pages.js';

const PROSE = '<p>' + 'Thành phố tiếp tục triển khai các giải pháp cải thiện chất lượng không khí trong mùa đông. '.repeat(5) + '</p>';
const URL = 'https://kinhtedothi.vn/bai-viet-1.html';

const extractPage = (html: string, url: string, profile: SiteProfile | null): ExtractedPage => extract(html, url, profile, NO_HINTS);

/** The candidate normalization will consider first for a field. */
const first = <F extends keyof ExtractedPage['candidates']>(p: ExtractedPage, field: F): ExtractedPage['candidates'][F][number] | undefined => p.candidates[field][0];

function page(head: string, body: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

describe('extractPage', () => {
  it('falls back field by field when a profile selector finds nothing, and says where each came from', async () => {
    const { profile } = await sourceById('kinhtedothi');
    const html = page(
      `<meta property="og:title" content="Tiêu đề từ OpenGraph">
       <script type="application/ld+json">{ broken json</script>
       <script type="application/ld+json">[{"@type":"WebSite"},{"@graph":[{"@type":["ReportageNewsArticle"],"datePublished":"2024-02-01T08:00:00+07:00","author":{"@type":"Person","name":"Lan Anh"}}]}]</script>
       <meta property="article:tag" content="không khí">`,
      `<div class="sapo_detail">Kinhtedothi - Lead từ hồ sơ trang.</div><div id="cotent_detail">${PROSE}</div><time datetime="2020-01-01T00:00:00+07:00">cũ</time>`,
    );
    const result = extractPage(html, URL, profile);
    expect(first(result, 'title')).toEqual({ value: 'Tiêu đề từ OpenGraph', from: 'meta' });
    expect(first(result, 'lead')).toEqual({ value: 'Kinhtedothi - Lead từ hồ sơ trang.', from: 'profile' });
    expect(first(result, 'published')).toEqual({ value: '2024-02-01T08:00:00+07:00', from: 'jsonld' });
    expect(first(result, 'byline')).toEqual({ value: ['Lan Anh'], from: 'jsonld' });
    expect(first(result, 'tags')).toEqual({ value: ['không khí'], from: 'meta' });
    expect(result.body?.from).toBe('profile');
    // The broken block is skipped and counted; the good one still counts.
    expect(result.unreadableJsonLd).toBe(1);
  });

  it('reads microdata, then meta pubdate, then time[datetime] when nothing before them says', () => {
    const microdata = page(
      '',
      `<article itemscope itemtype="https://schema.org/NewsArticle">
         <h1 itemprop="headline">Tiêu đề từ microdata</h1>
         <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Minh Châu</span></span>
         <meta itemprop="datePublished" content="2024-03-05T09:15:00+07:00">
         <meta itemprop="dateModified" content="2024-03-05T11:00:00+07:00">
         <span itemprop="articleSection">Đô thị</span>
         <div itemprop="articleBody">${PROSE}</div>
       </article>`,
    );
    const a = extractPage(microdata, URL, null);
    expect(first(a, 'title')).toEqual({ value: 'Tiêu đề từ microdata', from: 'microdata' });
    expect(first(a, 'byline')).toEqual({ value: ['Minh Châu'], from: 'microdata' });
    expect(first(a, 'published')).toEqual({ value: '2024-03-05T09:15:00+07:00', from: 'microdata' });
    expect(first(a, 'updated')).toEqual({ value: '2024-03-05T11:00:00+07:00', from: 'microdata' });
    expect(first(a, 'section')).toEqual({ value: 'Đô thị', from: 'microdata' });

    const pubdate = extractPage(page('<title>Tiêu đề</title><meta name="pubdate" content="2024-03-06T07:00:00+07:00">', `<h1>Tiêu đề</h1><article>${PROSE}</article>`), URL, null);
    expect(first(pubdate, 'published')).toEqual({ value: '2024-03-06T07:00:00+07:00', from: 'meta' });

    const time = extractPage(page('<title>Tiêu đề</title>', `<h1>Tiêu đề</h1><article>${PROSE}<time datetime="2024-03-07T06:30:00+07:00">7/3</time></article>`), URL, null);
    expect(first(time, 'published')).toEqual({ value: '2024-03-07T06:30:00+07:00', from: 'time' });
  });

  it('never takes the site-wide DÒNG SỰ KIỆN ticker as the article\'s events', async () => {
    const { profile } = await sourceById('kinhtedothi');
    const html = page(
      '',
      `<div class="dong_su_kien"><span>DÒNG SỰ KIỆN.</span><a href="/su-kien/1/a.html">Sự kiện A</a></div>
       <h1 class="title_detail_news">Bài có sự kiện</h1><div class="time_detail_news">18-01-2019 17:39</div>
       <div id="cotent_detail">${PROSE}</div>
       <div class="box_event"><a href="/su-kien/2/b.html">Sự kiện B</a></div>`,
    );
    const result = extractPage(html, URL, profile);
    expect(result.events).toEqual([{ name: 'Sự kiện B', url: 'https://kinhtedothi.vn/su-kien/2/b.html' }]);
    expect(result.body?.value).not.toContain('Sự kiện');
  });

  it('strips blocks by heading text and cuts a right-aligned sign-off into the byline', async () => {
    const { profile } = await sourceById('kinhtedothi');
    const html = page(
      '',
      `<h1 class="title_detail_news">Bài viết</h1><div id="cotent_detail">${PROSE}
       <div class="box"><h3>Tin liên quan</h3><ul><li><a href="/x-1.html">Tin X</a></li></ul></div>
       <p align="right">Hải Yến</p></div>`,
    );
    const result = extractPage(html, URL, profile);
    expect(first(result, 'byline')).toEqual({ value: ['Hải Yến'], from: 'profile' });
    expect(result.body?.value).not.toMatch(/Tin liên quan|Tin X|Hải Yến/);
  });

  it('takes no title from a <title> the strip rules removed, though a 404 in it still rejects the page', async () => {
    const { profile } = await sourceById('kinhtedothi');
    const stripsHead = { ...profile, strip: [...profile.strip, 'head'] };
    const html = (title: string): string => page(`<title>${title}</title>`, `<h1 class="title_detail_news">Bài viết</h1><div id="cotent_detail">${PROSE}</div>`);
    const titles = (p: SiteProfile): string[] => extractPage(html('Tiêu đề trang'), URL, p).candidates.title.map((t) => t.value);
    expect(titles(profile)).toContain('Tiêu đề trang');
    expect(titles(stripsHead)).not.toContain('Tiêu đề trang');
    expect(titles(stripsHead)).toContain('Bài viết');
    expect(() => extractPage(html('Lỗi 404'), URL, stripsHead)).toThrow(NotAnArticleError);
  });

  it.each([
    ['no title', page('', `<div>${PROSE}</div>`), null, /no title/],
    ['a stub body', page('<title>Tin ngắn</title>', '<h1>Tin ngắn</h1><article><p>Chỉ một câu.</p></article>'), null, /body/],
    ['a 404 page', page('<title>Lỗi 404</title>', `<h1>404</h1><div>${PROSE}</div>`), null, /404/],
    ['a password form and no prose', page('<title>Bài trả phí</title>', '<h1>Bài trả phí</h1><article><p>Mở đầu.</p><form><input type="password"></form></article>'), null, /login/],
  ])('rejects %s as not an article', (_name, html, profile, reason) => {
    let error: unknown;
    try {
      extractPage(html, URL, profile);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotAnArticleError);
    expect((error as NotAnArticleError).reason).toMatch(reason);
  });
});
