import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/normalize/index.js';
import { articleJobId, runJobId } from '../../src/queue/index.js';

describe('job ids', () => {
  it('gives one run job per source and slot', () => {
    const slot = '2026-03-02T01:15:00.000Z';
    expect(runJobId({ sourceId: 'kinhtedothi', slot }, 1)).toBe(runJobId({ sourceId: 'kinhtedothi', slot }, 2));
    expect(runJobId({ sourceId: 'kinhtedothi', slot }, 1)).not.toBe(runJobId({ sourceId: 'phapluatxahoi', slot }, 1));
    expect(runJobId({ sourceId: 'kinhtedothi', slot }, 1)).not.toContain(':');
  });

  it('gives manual runs their own ids', () => {
    expect(runJobId({ sourceId: 'kinhtedothi', slot: null }, 1)).not.toBe(runJobId({ sourceId: 'kinhtedothi', slot: null }, 2));
  });

  it.each([
    ['the AMP copy', 'https://kinhtedothi.vn/amp/ha-noi-tao-buoc-dot-pha-332156.html'],
    ['the mobile host', 'https://m.kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-332156.html'],
    ['a tracked link', 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-332156.html?utm_source=facebook&fbclid=x'],
    ['a fragment', 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-332156.html#binh-luan'],
  ])('gives %s of an article the article job id of the page', (_name, url) => {
    const page = 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-332156.html';
    expect(articleJobId(canonicalUrl(url))).toBe(articleJobId(canonicalUrl(page)));
  });

  it('gives different articles different ids', () => {
    expect(articleJobId('https://kinhtedothi.vn/a.html')).not.toBe(articleJobId('https://kinhtedothi.vn/b.html'));
  });
});

describe('event pages on their own schedule', () => {
  it('gives the events run of a slot its own id beside the crawl run of that slot', () => {
    const slot = '2026-03-02T01:00:00.000Z';
    const crawl = runJobId({ sourceId: 'kinhtedothi', slot, parts: ['feeds', 'listings', 'sitemaps'] }, 1);
    const events = runJobId({ sourceId: 'kinhtedothi', slot, parts: ['events'] }, 1);
    expect(events).not.toBe(crawl);
    expect(events).toBe(runJobId({ sourceId: 'kinhtedothi', slot, parts: ['events'] }, 2));
  });
});
