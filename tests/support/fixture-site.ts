/**
 * A Kinhtedothi-like site on 127.0.0.1: serves files under a directory,
 * URL path = file path, with `{{BASE}}` in text files replaced by the
 * site's own origin (so feeds and canonical links point back at it).
 * Tests can override any path with a handler to make the site misbehave,
 * and read the request log to assert what the crawler asked for.
 */
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, site: FixtureSite) => void | Promise<void>;

export interface FixtureSite {
  origin: string;
  /** Every request seen, in order: method and path with query. */
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  /** Serve `path` (exact, query ignored) with `handler` instead of a file. */
  route(path: string, handler: Handler): void;
  /** Forget all overrides and the request log. */
  reset(): void;
  /** Read a fixture file with `{{BASE}}` substituted. */
  file(relPath: string): Promise<string>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
};

export async function startFixtureSite(root: string): Promise<FixtureSite> {
  const routes = new Map<string, Handler>();
  const requests: FixtureSite['requests'] = [];
  let origin = '';

  const render = async (rel: string): Promise<Buffer> => {
    const raw = await readFile(path.join(root, rel));
    const ext = path.extname(rel);
    if (ext === '.html' || ext === '.rss' || ext === '.xml' || ext === '.txt' || ext === '.json') {
      // latin1 round-trips any byte, so non-UTF-8 fixtures (windows-1258) survive the substitution.
      return Buffer.from(raw.toString('latin1').replaceAll('{{BASE}}', origin), 'latin1');
    }
    return raw;
  };

  const isFile = (rel: string): Promise<boolean> =>
    stat(path.join(root, rel)).then(
      (s) => s.isFile(),
      () => false,
    );
  // Section URLs have no extension (`/thoi-su`): serve `thoi-su.html` or `thoi-su/index.html`.
  const resolveFile = async (urlPath: string): Promise<string | null> => {
    const rel = path.normalize(urlPath).replace(/^([/\\])+/, '');
    if (rel.startsWith('..')) return null;
    for (const candidate of [rel, `${rel}.html`, path.join(rel, 'index.html')]) {
      if (candidate !== '' && (await isFile(candidate))) return candidate;
    }
    return null;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers });
    const handler = routes.get(url.pathname);
    const run = async (): Promise<void> => {
      if (handler) return handler(req, res, site);
      const rel = await resolveFile(decodeURIComponent(url.pathname));
      if (rel === null) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><body><h1>404</h1></body></html>');
        return;
      }
      const body = await render(rel);
      res.writeHead(200, { 'content-type': TYPES[path.extname(rel)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    run().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const site: FixtureSite = {
    origin,
    requests,
    route(p, h) {
      routes.set(p, h);
    },
    reset() {
      routes.clear();
      requests.length = 0;
    },
    async file(rel) {
      return (await render(rel)).toString('utf8');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return site;
}
