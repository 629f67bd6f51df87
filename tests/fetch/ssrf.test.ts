import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isBlockedAddress } from '../../src/fetch/index.js';
import { failureOf, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(async () => h.reset());

describe('SSRF guard', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['100.128.0.1', false],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['8.8.8.8', false],
    ['103.9.76.10', false],
    ['::', true],
    ['::1', true],
    ['fe80::1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::192.168.0.1', true],
    ['2001:4860:4860::8888', false],
    ['not-an-ip', true],
  ])('%s blocked: %s', (ip, blocked) => {
    expect(isBlockedAddress(ip)).toBe(blocked);
  });

  it('refuses loopback, by literal and by a name resolving to it, before any request is sent', async () => {
    const fetcher = h.fetcher({ allowPrivateNetworks: false });
    expect(await failureOf(fetcher.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' }))).toBe('blocked-address');
    const byName = h.site.origin.replace('127.0.0.1', 'localhost');
    expect(await failureOf(fetcher.fetch(`${byName}/page.html`, { sourceId: 's', expect: 'html' }))).toBe('blocked-address');
    expect(h.site.requests).toEqual([]);
  });

  it('refuses a redirect from an allowed host into a private address', async () => {
    // localhost is allowed for this source, the 127.0.0.1 it redirects to is not.
    h.site.route('/hop', (_req, res) => {
      res.writeHead(302, { location: `${h.site.origin}/page.html` });
      res.end();
    });
    const fetcher = h.fetcher({ allowPrivateNetworks: false, politeness: () => ({ minIntervalMs: 0, concurrency: 2, allowHosts: ['localhost'] }) });
    const byName = h.site.origin.replace('127.0.0.1', 'localhost');
    expect(await failureOf(fetcher.fetch(`${byName}/hop`, { sourceId: 's', expect: 'html' }))).toBe('blocked-address');
    expect(h.pageRequests().map((r) => r.path)).toEqual(['/hop']);
  });

  it('lets a source reach a host on its allowlist', async () => {
    const fetcher = h.fetcher({ allowPrivateNetworks: false, politeness: () => ({ minIntervalMs: 0, concurrency: 2, allowHosts: ['127.0.0.1'] }) });
    expect((await fetcher.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' })).status).toBe(200);
  });

  it.each(['ftp://127.0.0.1/x', 'file:///etc/passwd', 'gopher://example.org/'])('refuses the non-http URL %s', async (url) => {
    expect(await failureOf(h.fetcher().fetch(url, { sourceId: 's', expect: 'any' }))).toBe('blocked-address');
  });
});
