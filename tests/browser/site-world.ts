/**
 * The site as a browser meets it: a serve stack on a private redis-server
 * with a dozen stored articles, behind a real HTTP server on loopback whose
 * public URL is its own, and Debian's chromium driven by playwright-core.
 * Nothing leaves the machine: article pictures (on the papers' sites) are
 * answered with a local placeholder, every other request off loopback is
 * aborted. Used by site.test.ts and by `npm run screenshots`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { chromium, type BrowserContext } from 'playwright-core';
import { iconPng } from '../../src/serve/site/icons.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { serveStack, type Replica } from '../serve/harness.js';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions', '--mute-audio',
  // Behind the request rules: no name resolves, so nothing could leave even if a request slipped by.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export const WIDTHS = [390, 1280] as const;

/** The newest article's lead: quotes, an ampersand and angle brackets, which every view must show as written. */
export const NEWEST_LEAD = 'Rau quả, cà phê và gạo tăng mạnh nhất, theo "Bộ Nông nghiệp & Môi trường" <số liệu sơ bộ>.';

/** Every kind of page the site has, by a short name (the screenshot's file name). */
export const PAGES: readonly { name: string; path: string }[] = [
  { name: 'front', path: '/' },
  { name: 'place', path: '/topics/ha-noi' },
  { name: 'topic', path: '/topics/gia-vang' },
  { name: 'category', path: '/categories/kinh-te' },
  { name: 'source', path: '/sources/kinhtedothi' },
  { name: 'search-empty', path: '/search' },
  { name: 'search-results', path: '/search?q=gi%C3%A1+v%C3%A0ng' },
  { name: 'search-none', path: '/search?q=xyzzy' },
  { name: 'not-found', path: '/khong-co-trang-nay' },
  { name: 'feed-rss', path: '/feeds/all.rss' },
  { name: 'feed-atom', path: '/topics/ha-noi.atom' },
  { name: 'opml', path: '/opml' },
];

const STORIES: { title: string; lead: string; topics: string[]; tags?: { name: string; slug: string }[]; category?: { name: string; slug: string }; image?: boolean }[] = [
  { title: 'Hà Nội khởi công tuyến đường sắt đô thị số 5 Văn Cao – Hòa Lạc', lead: 'Tuyến dài gần 39 km, đi qua 5 quận, huyện, dự kiến hoàn thành vào năm 2030.', topics: ['ha-noi'], category: { name: 'Đô thị', slug: 'do-thi' }, image: true },
  { title: 'Giá vàng hôm nay tăng mạnh, vượt mốc 90 triệu đồng mỗi lượng', lead: 'Giá vàng miếng SJC sáng nay được các doanh nghiệp điều chỉnh tăng thêm 1,2 triệu đồng.', topics: ['gia-vang'], tags: [{ name: 'Giá vàng', slug: 'gia-vang' }], category: { name: 'Kinh tế', slug: 'kinh-te' }, image: true },
  { title: 'Thủ đô đón hơn 2 triệu lượt khách du lịch trong dịp lễ', lead: 'Các điểm đến trong nội thành như phố cổ, Hồ Gươm, Văn Miếu luôn đông khách.', topics: ['ha-noi'], category: { name: 'Du lịch', slug: 'du-lich' }, image: true },
  { title: 'Ngân hàng Nhà nước giữ nguyên lãi suất điều hành', lead: 'Quyết định nhằm hỗ trợ tăng trưởng kinh tế trong bối cảnh lạm phát được kiểm soát.', topics: ['kinh-te'], category: { name: 'Kinh tế', slug: 'kinh-te' } },
  { title: 'Giá vàng thế giới lập đỉnh mới, nhà đầu tư thận trọng', lead: '', topics: ['gia-vang'], tags: [{ name: 'Giá vàng', slug: 'gia-vang' }], category: { name: 'Kinh tế', slug: 'kinh-te' }, image: true },
  { title: 'Hà Nội mở thêm 12 tuyến buýt điện kết nối các khu đô thị mới', lead: 'Các tuyến buýt điện sẽ vận hành từ tháng tới với giá vé không đổi.', topics: ['ha-noi'], category: { name: 'Đô thị', slug: 'do-thi' }, image: true },
  { title: 'Học sinh Hà Nội được nghỉ học vì rét đậm dưới 10 độ C', lead: 'Sở Giáo dục và Đào tạo yêu cầu các trường theo dõi nhiệt độ hằng ngày.', topics: ['ha-noi'], category: { name: 'Giáo dục', slug: 'giao-duc' } },
  { title: 'Xuất khẩu nông sản 11 tháng đạt kỷ lục 57 tỷ USD', lead: NEWEST_LEAD, topics: ['kinh-te'], category: { name: 'Kinh tế', slug: 'kinh-te' }, image: true },
];

export interface SiteWorld {
  origin: string;
  /** A fresh context at a width, dark or light, with the off-machine rules in place. */
  context(width: number, scheme?: 'light' | 'dark', javaScript?: boolean): Promise<BrowserContext>;
  stop(): Promise<void>;
}

export async function startSiteWorld(): Promise<SiteWorld> {
  const redis: TestRedis = await startTestRedis();
  const stack = serveStack(redis);
  for (const [i, s] of STORIES.entries()) {
    const url = `https://kinhtedothi.vn/tin-${i + 1}.html`;
    await stack.store.upsert(
      makeArticle(i + 1, {
        url,
        title: s.title,
        lead: s.lead,
        topics: s.topics,
        tags: s.tags ?? [],
        section: s.category ?? null,
        category: s.category ?? null,
        images: s.image ? [{ url: `https://cdn.kinhtedothi.vn/anh/tin-${i + 1}.jpg`, caption: null }] : [],
      }),
    );
  }
  let replica: Replica | null = null;
  const server: Server = createServer((req, res) => {
    if (!replica) {
      res.writeHead(503).end();
      return;
    }
    void getRequestListener(replica.app.fetch)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  replica = await stack.replica({ BANTIN_PUBLIC_URL: origin });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const picture = iconPng(192);
  return {
    origin,
    async context(width, scheme = 'light', javaScript = true) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, locale: 'vi-VN', serviceWorkers: 'block', javaScriptEnabled: javaScript });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`)) return route.continue();
        if (route.request().resourceType() === 'image') return route.fulfill({ status: 200, contentType: 'image/png', body: picture });
        return route.abort('blockedbyclient');
      });
      return context;
    },
    async stop() {
      await browser.close();
      await replica?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.stop();
    },
  };
}
