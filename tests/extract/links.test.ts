/** Listing pages: same-site article links in page order, and the next page. */
import { describe, expect, it } from 'vitest';
import { decodeHtml, extractLinks, parseHtml } from '../../src/extract/index.js';
import { pageBytes, sourceById } from './pages.js';

describe('extractLinks', () => {
  it('takes the listing selector links: absolute, same site, article URLs only, no events, no duplicates', async () => {
    const { profile } = await sourceById('kinhtedothi');
    const html = decodeHtml(await pageBytes('kinhtedothi-listing'), null);
    const { links, next } = extractLinks(parseHtml(html), 'https://kinhtedothi.vn/do-thi', profile);
    expect(links).toEqual([
      'https://kinhtedothi.vn/ha-noi-khoi-cong-du-an-cai-tao-ho-thanh-cong.html',
      'https://kinhtedothi.vn/gia-vang-hom-nay-tang-nhe.html',
      'https://kinhtedothi.vn/quy-hoach-phan-khu-do-thi-song-hong.html',
      'https://kinhtedothi.vn/ha-noi-tang-cuong-phong-chong-dich.html',
      'https://kinhtedothi.vn/ra-quan-lap-lai-trat-tu-via-he.html',
      'https://kinhtedothi.vn/thu-do-chuan-bi-don-tet.html',
      'https://kinhtedothi.vn/mo-rong-duong-vanh-dai-4.html',
      'https://kinhtedothi.vn/xu-ly-nuoc-thai-yen-xa.html',
    ]);
    expect(next).toBe('https://kinhtedothi.vn/do-thi?page=2');
  });

  it('reads the older CMS listing and its "next" link after the active page', async () => {
    const { profile } = await sourceById('kinhtedothi');
    const html = `<div class="pkg"><ul>
      <li><div class="info_cate"><a href="/a-1.html">A</a></div></li>
      <li><div class="info_cate"><a href="https://kinhtedothi.vn/b-2.html">B</a></div></li>
      <li><div class="info_cate"><a href="https://other.example/c-3.html">C</a></div></li>
    </ul></div><div class="paging"><a class="active" href="/thoi-su">1</a><a href="/thoi-su/trang-2">2</a></div>`;
    expect(extractLinks(parseHtml(html), 'https://kinhtedothi.vn/thoi-su', profile)).toMatchObject({
      links: ['https://kinhtedothi.vn/a-1.html', 'https://kinhtedothi.vn/b-2.html'],
      next: 'https://kinhtedothi.vn/thoi-su/trang-2',
    });
  });

  it('without matching listing selectors, filters every link on the page, and reports no next page', async () => {
    const { profile } = await sourceById('kinhtedothi');
    const html = '<a href="/x.html">x</a> <a href="/tag/ha-noi.html">tag</a> <a href="/thoi-su">section</a> <a href="javascript:void(0)">js</a>';
    expect(extractLinks(parseHtml(html), 'https://kinhtedothi.vn/', profile)).toMatchObject({ links: ['https://kinhtedothi.vn/x.html'], next: null });
  });

  it('keeps the headline and the date a listing prints beside each link, as hints for the article page', async () => {
    const { profile } = await sourceById('kinhtedothi');
    const html = `<div class="pkg"><ul>
      <li><a href="/a-1.html"><img src="a.jpg"></a><div class="info_cate"><a href="/a-1.html">Hà Nội khởi công cầu Trần Hưng Đạo</a><span class="time">2 giờ trước</span></div></li>
      <li><div class="info_cate"><a href="/b-2.html">Giá vàng hôm nay tăng nhẹ phiên sáng</a><time datetime="2026-11-30T08:00:00+07:00">8:00</time></div></li>
      <li><div class="info_cate"><a href="/c-3.html">Ngắn</a></div></li>
    </ul></div>`;
    const { hints } = extractLinks(parseHtml(html), 'https://kinhtedothi.vn/thoi-su', profile);
    expect(hints.get('https://kinhtedothi.vn/a-1.html')).toEqual({ title: 'Hà Nội khởi công cầu Trần Hưng Đạo', published: '2 giờ trước', section: null });
    expect(hints.get('https://kinhtedothi.vn/b-2.html')).toEqual({ title: 'Giá vàng hôm nay tăng nhẹ phiên sáng', published: '2026-11-30T08:00:00+07:00', section: null });
    // Too short to be a headline ("Ngắn"), and no date near it.
    expect(hints.get('https://kinhtedothi.vn/c-3.html')).toEqual({ title: null, published: null, section: null });
  });
});
