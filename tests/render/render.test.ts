import { describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import type { Article } from '../../src/core/article.js';
import { renderFeed, type FeedDocument, type FeedFormat, type FeedMode, type StoryCopy } from '../../src/render/index.js';
import { atomSchemaErrors, child, children, feedparser, jsonFeedErrors, parseXml, xmllintErrors } from './validators.js';
import { hugeRecord, loadRecords, record } from './records.js';

// eslint-disable-next-line no-control-regex -- an independent copy of the characters XML 1.0 forbids
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const cleaned = (s: string): string => s.replace(XML_FORBIDDEN, '');

function doc(items: Article[], over: Partial<FeedDocument> = {}, links: Partial<FeedDocument['links']> = {}): FeedDocument {
  return {
    id: 'tag:bantin,2026:topics/ha-noi',
    title: 'Bản tin - Hà Nội & "Thủ đô" <1>',
    description: 'Tin tức về Thủ đô Hà Nội.',
    author: { name: 'Bản tin', uri: 'https://bantin.example/' },
    links: {
      self: 'https://bantin.example/topics/ha-noi.rss?limit=5&mode=full',
      alternate: 'https://bantin.example/topics/ha-noi',
      next: null,
      first: null,
      hub: null,
      ...links,
    },
    ttlMinutes: 15,
    mode: 'full',
    categoryScheme: 'https://bantin.example/topics/',
    origin: 'https://bantin.example',
    items,
    copies: new Map(),
    emptyUpdated: '2026-01-05T08:30:00+07:00',
    stylesheet: '/assets/feed.xsl',
    icons: {
      favicon: 'https://bantin.example/icon-64.png',
      icon: 'https://bantin.example/icon-512.png',
      rssImage: { url: 'https://bantin.example/icon-144.png', width: 144, height: 144 },
    },
    ...over,
  };
}

const records = [...loadRecords().values()];
const everyone = [...records, hugeRecord()].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
/** Each record's story told again by every other record, so names, titles and URLs of every kind land in the copy links. */
const copiesOfAll = new Map<string, StoryCopy[]>(
  everyone.map((a) => [
    a.id,
    everyone
      .filter((o) => o.id !== a.id)
      .map((o) => ({ id: o.id, url: o.url, title: o.title, source: o.source, sourceName: `${o.source} & <Báo> "Đô thị"`, publishedAt: o.publishedAt })),
  ]),
);
const cases: { name: string; items: Article[]; mode: FeedMode; copies: Map<string, StoryCopy[]> }[] = [
  ...records.map((r) => ({ name: r.url, items: [r], mode: 'full' as const, copies: new Map() })),
  { name: 'all records incl. 200 KB body, full', items: everyone, mode: 'full', copies: new Map() },
  { name: 'all records, summary', items: everyone, mode: 'summary', copies: new Map() },
  { name: 'all records, each with the others as copies of its story, full', items: everyone, mode: 'full', copies: copiesOfAll },
  { name: 'all records, each with the others as copies of its story, summary', items: everyone, mode: 'summary', copies: copiesOfAll },
  { name: 'empty feed', items: [], mode: 'full', copies: new Map() },
];
const withHub = { hub: 'https://hub.example/?a=1&b=2', next: 'https://bantin.example/topics/ha-noi.rss?before=1-x&limit=5' };

describe('every record renders to well-formed, valid feeds', () => {
  it.each(cases)('RSS and Atom are well-formed XML: $name', ({ items, mode, copies }) => {
    for (const format of ['rss', 'atom'] as const) {
      const xml = renderFeed(format, doc(items, { mode, copies }, withHub));
      expect(() => parseXml(xml)).not.toThrow();
    }
  });

  it.each(cases)('JSON Feed matches the 1.1 schema: $name', ({ items, mode, copies }) => {
    const json = renderFeed('json', doc(items, { mode, copies }, withHub));
    expect(jsonFeedErrors(json)).toEqual([]);
    const parsed = JSON.parse(json) as { version: string; items: { content_html?: string; content_text?: string }[] };
    expect(parsed.version).toBe('https://jsonfeed.org/version/1.1');
    for (const item of parsed.items) expect(mode === 'full' ? item.content_html : item.content_text).toBeTypeOf('string');
  });

  it('libxml2 finds every RSS and Atom document well-formed', async () => {
    const docs = cases.flatMap(({ items, mode, copies }) => (['rss', 'atom'] as const).map((f) => renderFeed(f, doc(items, { mode, copies }, withHub))));
    expect(await xmllintErrors(docs)).toBe('');
  });

  it('Atom documents validate against the RFC 4287 RELAX NG schema', async () => {
    const docs = cases.map(({ items, mode, copies }) => renderFeed('atom', doc(items, { mode, copies }, withHub)));
    expect(await atomSchemaErrors(docs)).toBe('');
  });

  it('Python feedparser reads every RSS and Atom document without bozo', async () => {
    const formats: FeedFormat[] = ['rss', 'atom'];
    const docs = cases.flatMap(({ items, mode, copies }) => formats.map((f) => renderFeed(f, doc(items, { mode, copies }, withHub))));
    const results = await feedparser(docs);
    results.forEach((r, i) => expect({ doc: i, bozo: r.bozo, exception: r.exception }).toEqual({ doc: i, bozo: 0, exception: null }));
    expect(results.map((r) => r.version)).toEqual(cases.flatMap(() => ['rss20', 'atom10']));
  });
});

describe('what readers see', () => {
  const hostile = record('adversarial-markup');
  const chars = record('adversarial-characters');

  it('shows titles as plain text in every format and parser', async () => {
    const items = [hostile, chars];
    const [rss, atom] = await feedparser([renderFeed('rss', doc(items)), renderFeed('atom', doc(items))]);
    const expected = items.map((a) => cleaned(a.title));
    expect(rss!.entries.map((e) => e.title)).toEqual(expected);
    expect(atom!.entries.map((e) => e.title)).toEqual(expected);
    const json = JSON.parse(renderFeed('json', doc(items))) as { items: { title: string }[] };
    expect(json.items.map((i) => i.title)).toEqual(expected);
    const parsed = await new Parser().parseString(renderFeed('rss', doc(items)));
    expect(parsed.items.map((i) => i.title)).toEqual(expected);
  });

  it('carries the full HTML body intact, `]]>` and all, in RSS content:encoded and Atom content', async () => {
    const parser = new Parser<object, { 'content:encoded': string; guid: string }>();
    const rss = await parser.parseString(renderFeed('rss', doc([hostile, chars])));
    expect(rss.items.map((i) => i['content:encoded'])).toEqual([hostile.contentHtml, cleaned(chars.contentHtml)]);
    const atom = parseXml(renderFeed('atom', doc([hostile])));
    expect(child(child(atom, 'entry'), 'content').text).toBe(hostile.contentHtml);
  });

  it('uses the canonical URL as RSS guid, Atom id and JSON Feed id alike', async () => {
    const items = [record('unicode-urls'), hostile];
    const [rss, atom] = await feedparser([renderFeed('rss', doc(items)), renderFeed('atom', doc(items))]);
    const json = JSON.parse(renderFeed('json', doc(items))) as { items: { id: string }[] };
    const expected = items.map((a) => new URL(a.url).href);
    expect(rss!.entries.map((e) => e.id)).toEqual(expected);
    expect(atom!.entries.map((e) => e.id)).toEqual(expected);
    expect(json.items.map((i) => i.id)).toEqual(expected);
    expect(expected[0]).toBe('https://kinhtedothi.vn/h%C3%A0-n%E1%BB%99i-%C4%91%E1%BA%B9p.html');
  });

  it('names authors with dc:creator in RSS, never a bare name in <author>', () => {
    const rss = parseXml(renderFeed('rss', doc([hostile, record('kinhtedothi-2019-01-18')])));
    const items = children(child(rss, 'channel'), 'item');
    expect(items.map((i) => children(i, 'dc:creator').map((c) => c.text))).toEqual([['A & B <Nhóm>'], ['Trần Long']]);
    expect(items.flatMap((i) => children(i, 'author'))).toEqual([]);
  });

  it('credits an item the same way in every format: the byline, else the agency, else nobody', async () => {
    const attributed = record('no-authors-odd-image'); // no byline, attributed to TTXVN
    const anonymous = { ...attributed, id: 'ffffffffffffffff', url: 'https://kinhtedothi.vn/khong-ten.html', attribution: null };
    const items = [attributed, anonymous, record('kinhtedothi-2019-01-18')];
    const [rss, atom] = await feedparser([renderFeed('rss', doc(items)), renderFeed('atom', doc(items))]);
    const json = JSON.parse(renderFeed('json', doc(items))) as { items: { authors?: { name: string }[] }[] };
    const expected = [['TTXVN'], [], ['Trần Long']];
    expect(rss!.entries.map((e) => e.authors)).toEqual(expected);
    expect(json.items.map((i) => (i.authors ?? []).map((a) => a.name))).toEqual(expected);
    // In Atom an entry without a byline names nobody itself and falls under the feed's author, never a made-up one.
    const entries = children(parseXml(renderFeed('atom', doc(items))), 'entry');
    expect(entries.map((e) => children(e, 'author').map((a) => child(a, 'name').text))).toEqual(expected);
    expect(atom!.entries.map((e) => e.authors)).toEqual(expected);
    expect(children(parseXml(renderFeed('atom', doc(items))), 'author').map((a) => child(a, 'name').text)).toEqual(['Bản tin']);
  });

  it('tags items with their topic names, scheme and slug', async () => {
    const seed = record('kinhtedothi-2019-01-18');
    const [rss] = await feedparser([renderFeed('rss', doc([seed]))]);
    // The topics, then Hà Nội again under the places domain.
    expect(rss!.entries[0]!.tags).toEqual(['Chính trị', 'Hà Nội', 'Công tác cán bộ', 'Hà Nội']);
    const atom = parseXml(renderFeed('atom', doc([hostile])));
    expect(children(child(atom, 'entry'), 'category').map((c) => c.attrs)).toEqual([
      { term: 'thi-truong', label: 'Thị trường <hot> & "nóng"', scheme: 'https://bantin.example/topics/' },
      { term: 'vang-bac', label: "Vàng & 'bạc'", scheme: 'https://bantin.example/topics/' },
      { term: 'ha-noi', label: 'Hà Nội', scheme: 'https://bantin.example/topics/' },
      { term: 'ha-noi', label: 'Hà Nội', scheme: 'https://bantin.example/places/' },
    ]);
  });

  it('names a place only the text mentions by its gazetteer name, never its slug', async () => {
    const [rss] = await feedparser([renderFeed('rss', doc([hostile]))]);
    expect(rss!.entries[0]!.tags).toEqual(['Thị trường <hot> & "nóng"', "Vàng & 'bạc'", 'Hà Nội', 'Hà Nội']);
    const json = JSON.parse(renderFeed('json', doc([hostile]))) as { items: { tags: string[] }[] };
    expect(json.items[0]!.tags).toEqual(['Thị trường <hot> & "nóng"', "Vàng & 'bạc'", 'Hà Nội']);
  });

  it('tells the category and the places apart from free tags by RSS domain and Atom scheme', async () => {
    const rec = record('places-category-credits');
    const [rss, atom] = await feedparser([renderFeed('rss', doc([rec])), renderFeed('atom', doc([rec]))]);
    const topics = 'https://bantin.example/topics/';
    const categories = 'https://bantin.example/categories/';
    const places = 'https://bantin.example/places/';
    expect(rss!.entries[0]!.schemes).toEqual([
      { term: 'Đô thị', scheme: topics },
      { term: 'hà nội', scheme: topics },
      { term: 'Bắc Giang', scheme: topics },
      { term: 'Bắc Ninh', scheme: topics },
      { term: 'Đô thị', scheme: categories },
      { term: 'Hà Nội', scheme: places },
      { term: 'Bắc Giang', scheme: places },
      { term: 'Bắc Ninh', scheme: places },
    ]);
    const entry = child(parseXml(renderFeed('atom', doc([rec]))), 'entry');
    const byScheme = (scheme: string) => children(entry, 'category').filter((c) => c.attrs.scheme === scheme).map((c) => [c.attrs.term, c.attrs.label]);
    expect(byScheme(categories)).toEqual([['do-thi', 'Đô thị']]);
    expect(byScheme(places)).toEqual([
      ['ha-noi', 'Hà Nội'],
      ['bac-giang', 'Bắc Giang'],
      ['bac-ninh', 'Bắc Ninh'],
    ]);
    expect(atom!.entries[0]!.schemes.filter((t) => t.scheme !== topics)).toEqual([
      { term: 'do-thi', scheme: categories },
      { term: 'ha-noi', scheme: places },
      { term: 'bac-giang', scheme: places },
      { term: 'bac-ninh', scheme: places },
    ]);
  });

  it('names photo and video credits as contributors in RSS and Atom, apart from the authors', async () => {
    const rec = record('places-category-credits');
    const [rss, atom] = await feedparser([renderFeed('rss', doc([rec])), renderFeed('atom', doc([rec]))]);
    for (const e of [rss!.entries[0]!, atom!.entries[0]!]) {
      expect(e.contributors).toEqual(['Lê Hải & Cộng sự', 'Ngọc Ánh']);
      expect(e.authors).toEqual(['Minh Anh']);
    }
    const item = child(child(parseXml(renderFeed('rss', doc([rec]))), 'channel'), 'item');
    expect(children(item, 'dc:contributor').map((c) => c.text)).toEqual(['Lê Hải & Cộng sự', 'Ngọc Ánh']);
    const bare = child(child(parseXml(renderFeed('rss', doc([record('no-authors-odd-image')]))), 'channel'), 'item');
    expect(children(bare, 'dc:contributor')).toEqual([]);
  });

  it('gives JSON Feed items a `_bantin` object with the record’s structured fields, its story and no copies when the feed has none', () => {
    const items = [record('places-category-credits'), record('no-authors-odd-image')];
    const json = JSON.parse(renderFeed('json', doc(items))) as { items: { _bantin: Record<string, unknown> }[] };
    expect(json.items.map((i) => i._bantin)).toEqual([
      {
        about: 'https://bantin.example/',
        id: 'a1b2c3d4e5f60718',
        source: 'kinhtedothi',
        section: { name: 'Đô thị', slug: 'do-thi' },
        category: { name: 'Đô thị', slug: 'do-thi' },
        topics: ['do-thi', 'ha-noi', 'bac-giang', 'bac-ninh'],
        places: [
          { name: 'Hà Nội', slug: 'ha-noi' },
          { name: 'Bắc Giang', slug: 'bac-giang' },
          { name: 'Bắc Ninh', slug: 'bac-ninh' },
        ],
        credits: [
          { role: 'photo', name: 'Lê Hải & Cộng sự' },
          { role: 'video', name: 'Ngọc Ánh' },
        ],
        attribution: null,
        storyId: 'a1b2c3d4e5f60718',
        copies: [],
      },
      {
        about: 'https://bantin.example/',
        id: '884cd370c6f529ed',
        source: 'kinhtedothi',
        section: null,
        category: null,
        topics: ['kinh-te'],
        places: [],
        credits: [],
        attribution: 'TTXVN',
        storyId: '884cd370c6f529ed',
        copies: [],
      },
    ]);
  });

  it('links the other copies of a story as "Cùng sự kiện" in the HTML, as Atom related links and in `_bantin.copies`', () => {
    const [item, other] = [record('places-category-credits'), record('no-authors-odd-image')];
    const copy: StoryCopy = { id: other.id, url: 'https://phapluatxahoi.vn/bai-a&b.html', title: 'Tin <mới> & nóng', source: 'phapluatxahoi', sourceName: 'Pháp luật & Xã hội', publishedAt: other.publishedAt };
    const copies = new Map([[item.id, [copy]]]);
    for (const mode of ['full', 'summary'] as const) {
      const rss = parseXml(renderFeed('rss', doc([item], { mode, copies })));
      const rssItem = child(child(rss, 'channel'), 'item');
      const html = [child(rssItem, 'description').text, mode === 'full' ? child(rssItem, 'content:encoded').text : ''].join('');
      expect(html).toContain('Cùng sự kiện: <a href="https://phapluatxahoi.vn/bai-a&amp;b.html" title="Tin &lt;mới&gt; &amp; nóng">Pháp luật &amp; Xã hội</a>');
      const atom = parseXml(renderFeed('atom', doc([item], { mode, copies })));
      const related = children(child(atom, 'entry'), 'link').filter((l) => l.attrs.rel === 'related');
      expect(related.map((l) => [l.attrs.href, l.attrs.title])).toEqual([['https://phapluatxahoi.vn/bai-a&b.html', 'Pháp luật & Xã hội']]);
      const json = JSON.parse(renderFeed('json', doc([item], { mode, copies }))) as { items: { content_html?: string; content_text?: string; _bantin: { copies: unknown[] } }[] };
      const jsonItem = json.items[0];
      expect(mode === 'full' ? jsonItem?.content_html : jsonItem?.content_text).toContain(mode === 'full' ? 'Cùng sự kiện: <a href=' : 'Cùng sự kiện: Pháp luật & Xã hội (https://phapluatxahoi.vn/bai-a&b.html)');
      expect(jsonItem?._bantin.copies).toEqual([
        { id: other.id, url: 'https://phapluatxahoi.vn/bai-a&b.html', title: 'Tin <mới> & nóng', source: 'phapluatxahoi', sourceName: 'Pháp luật & Xã hội', date_published: other.publishedAt },
      ]);
    }
  });

  it.each([
    { name: 'adversarial-markup', image: { url: 'https://cdn.kinhtedothi.vn/anh.png?w=1&h=2', type: 'image/png' } },
    { name: 'adversarial-characters', image: { url: 'https://static.kinhtedothi.vn/w960/images/upload/2026/01/02/anh.JPEG', type: 'image/jpeg' } },
    { name: 'unicode-urls', image: { url: 'https://cdn.kinhtedothi.vn/524/2018/8/3/thu%20vien%20%E1%BA%A3nh.jpg', type: 'image/jpeg' } },
    { name: 'no-authors-odd-image', image: null },
  ])('gives $name its image as Media RSS and an Atom enclosure link, never an RSS enclosure without a length', ({ name, image }) => {
    const rec = record(name);
    const item = child(child(parseXml(renderFeed('rss', doc([rec]))), 'channel'), 'item');
    expect(children(item, 'enclosure')).toEqual([]);
    const media = children(item, 'media:content');
    expect(media).toHaveLength(rec.images.length);
    if (image) {
      expect(media[0]?.attrs).toEqual({ url: image.url, medium: 'image', type: image.type, isDefault: 'true' });
      expect(children(item, 'media:thumbnail').map((t) => t.attrs.url)).toEqual([image.url]);
    }
    const entry = child(parseXml(renderFeed('atom', doc([rec]))), 'entry');
    const enclosures = children(entry, 'link').filter((l) => l.attrs.rel === 'enclosure');
    expect(enclosures.map((l) => ({ url: l.attrs.href, type: l.attrs.type }))).toEqual(image ? [image] : []);
  });

  it('captions an image and credits its photographer in Media RSS', () => {
    const rec = record('kinhtedothi-2019-01-18');
    const item = child(child(parseXml(renderFeed('rss', doc([rec]))), 'channel'), 'item');
    const [first] = children(item, 'media:content');
    expect(children(first!, 'media:description').map((d) => d.text)).toEqual([rec.images[0]?.caption]);
    expect(children(first!, 'media:credit').map((c) => [c.attrs.role, c.text])).toEqual([['photographer', 'Phạm Hùng']]);
  });

  it('dates an empty feed by the date it is given, never 1970', () => {
    const channel = child(parseXml(renderFeed('rss', doc([]))), 'channel');
    expect(child(channel, 'lastBuildDate').text).toBe('Mon, 05 Jan 2026 08:30:00 +0700');
    expect(child(parseXml(renderFeed('atom', doc([]))), 'updated').text).toBe('2026-01-05T08:30:00+07:00');
  });

  it('dates the feed by its newest modification, not by the time of rendering', () => {
    const items = [record('adversarial-characters'), hostile];
    const channel = child(parseXml(renderFeed('rss', doc(items))), 'channel');
    expect(child(channel, 'lastBuildDate').text).toBe('Sat, 03 Jan 2026 09:30:00 +0700');
    expect(child(parseXml(renderFeed('atom', doc(items))), 'updated').text).toBe('2026-01-03T09:30:00+07:00');
    expect(child(child(channel, 'item'), 'pubDate').text).toBe('Fri, 02 Jan 2026 09:00:00 +0700');
    expect(renderFeed('rss', doc(items))).toBe(renderFeed('rss', doc(items)));
  });

  it('leaves the full body out in summary mode', () => {
    const seed = record('kinhtedothi-2019-01-18');
    for (const format of ['rss', 'atom', 'json'] as const) {
      const out = renderFeed(format, doc([seed], { mode: 'summary' }));
      expect(out).not.toContain('Bên cạnh đó');
      expect(out).toContain('Ban Tổ chức T.Ư');
    }
  });

  it('advertises hub, self and paging links only when given', () => {
    const links = { ...withHub, first: 'https://bantin.example/topics/ha-noi.atom' };
    const atom = parseXml(renderFeed('atom', doc([hostile], {}, links)));
    expect(children(atom, 'link').map((l) => [l.attrs.rel, l.attrs.href])).toEqual([
      ['self', 'https://bantin.example/topics/ha-noi.rss?limit=5&mode=full'],
      ['alternate', 'https://bantin.example/topics/ha-noi'],
      ['hub', links.hub],
      ['first', links.first],
      ['next', links.next],
    ]);
    // Later pages change when an older article is backfilled or dropped: paged-feed pages, never RFC 5005 archives.
    expect(children(atom, 'fh:archive')).toHaveLength(0);
    const bare = parseXml(renderFeed('rss', doc([hostile])));
    expect(children(child(bare, 'channel'), 'atom:link').map((l) => l.attrs.rel)).toEqual(['self']);
    const json = JSON.parse(renderFeed('json', doc([hostile], {}, links))) as Record<string, unknown>;
    expect([json.hubs, json.next_url]).toEqual([[{ type: 'WebSub', url: links.hub }], links.next]);
    expect(JSON.parse(renderFeed('json', doc([hostile]))) as object).not.toHaveProperty('hubs');
  });
});

describe('golden output for the real Kinhtedothi article', () => {
  it.each(['rss', 'atom', 'json'] as const)('%s', async (format) => {
    const out = renderFeed(format, doc([record('kinhtedothi-2019-01-18')]));
    await expect(out).toMatchFileSnapshot(`../fixtures/records/golden/kinhtedothi-2019-01-18.${format}`);
  });
});

describe('a feed opened in a browser, and the service icon', () => {
  const withIcons = doc([record('kinhtedothi-2019-01-18')]);

  it.each(['rss', 'atom'] as const)('%s names the feed XSLT right after the XML declaration, and readers still parse it', async (format) => {
    const out = renderFeed(format, withIcons);
    expect(out.split('\n').slice(0, 2)).toEqual(['<?xml version="1.0" encoding="utf-8"?>', '<?xml-stylesheet type="text/xsl" href="/assets/feed.xsl"?>']);
    expect((await feedparser([out])).map((d) => [d.bozo, d.entries.length])).toEqual([[0, 1]]);
    expect(renderFeed(format, doc([], { stylesheet: null }))).not.toContain('xml-stylesheet');
  });

  it('RSS carries the icon as its channel image, titled and linked as the channel', () => {
    const channel = child(parseXml(renderFeed('rss', withIcons)), 'channel');
    const image = child(channel, 'image');
    expect(['url', 'title', 'link', 'width', 'height'].map((n) => child(image, n).text)).toEqual([
      'https://bantin.example/icon-144.png',
      child(channel, 'title').text,
      child(channel, 'link').text,
      '144',
      '144',
    ]);
  });

  it('Atom carries icon and logo, JSON Feed icon and favicon; none without icons', () => {
    const atom = parseXml(renderFeed('atom', withIcons));
    expect([child(atom, 'icon').text, child(atom, 'logo').text]).toEqual(['https://bantin.example/icon-64.png', 'https://bantin.example/icon-512.png']);
    const json = JSON.parse(renderFeed('json', withIcons)) as Record<string, unknown>;
    expect([json.icon, json.favicon]).toEqual(['https://bantin.example/icon-512.png', 'https://bantin.example/icon-64.png']);
    expect(children(parseXml(renderFeed('atom', doc([], { icons: null }))), 'icon')).toEqual([]);
    expect(JSON.parse(renderFeed('json', doc([], { icons: null }))) as object).not.toHaveProperty('icon');
  });
});
