/**
 * The benchmark's fixture site: N article pages in Kinhtedothi's older-CMS
 * markup (the seed article, each page with its own URL, title and body)
 * and one RSS feed listing them all, served from memory on 127.0.0.1.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const SEED = 'ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156';

export interface IngestSite {
  origin: string;
  paths: string[];
  /** The page bodies, for timing extraction alone. */
  page(p: string): Buffer;
  close(): Promise<void>;
}

export async function startIngestSite(root: string, count: number): Promise<IngestSite> {
  const template = await readFile(path.join(root, 'tests/fixtures/site', `${SEED}.html`), 'utf8');
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const pages = new Map<string, Buffer>();
  const paths: string[] = [];
  for (let n = 1; n <= count; n++) {
    const slug = `ha-noi-bai-so-${n}-${400000 + n}`;
    const p = `/${slug}.html`;
    const html = template
      .replaceAll('{{BASE}}', origin)
      .replaceAll(SEED, slug)
      .replace('Hà Nội tạo bước đột phá mới trong công tác cán bộ</h1>', `Hà Nội tạo bước đột phá mới, mã ${n.toString(36)}</h1>`)
      .replace('<div id="cotent_detail">', `<div id="cotent_detail"><p>Đoạn mở đầu riêng của bài mã ${n.toString(36)}.</p>`);
    pages.set(p, Buffer.from(html));
    paths.push(p);
  }
  const items = paths.map((p, i) => `<item><title>Bài ${(i + 1).toString(36)}</title><link>${origin}${p}</link><guid>${origin}${p}</guid></item>`).join('\n');
  const rss = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title><link>${origin}/</link><description>bench</description>${items}</channel></rss>`);

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const body = url.pathname === '/rss/home.rss' ? rss : pages.get(url.pathname);
    if (url.pathname === '/robots.txt' || body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': url.pathname.endsWith('.rss') ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
  return {
    origin,
    paths,
    page: (p) => pages.get(p) ?? Buffer.alloc(0),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
