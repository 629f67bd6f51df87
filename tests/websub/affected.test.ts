import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.js';
import type { StreamFields } from '../../src/store/index.js';
import { affectedFeedUrls, wholeArticlesNeeded } from '../../src/websub/index.js';
import { makeArticle } from '../support/articles.js';
import { testConfig } from '../serve/harness.js';

const every = (path: string): string[] => ['', '.atom', '.json', '.rss'].map((ext) => `https://b.example${path}${ext}`);

const first = makeArticle(1);
const second = makeArticle(2, { topics: ['thi-truong'], section: null });
const elsewhere = makeArticle(3, { source: 'other-site', topics: [], section: null });
// A copy of the first article's story: its story feed is the first one's, listed once.
const copy = makeArticle(4, { storyId: first.id });

describe('feeds an article belongs to', () => {
  it.each([
    {
      name: 'a Hà Nội article: its topic, its source, its story, the all and ha-noi feeds',
      articles: [first],
      paths: ['/feeds/all', '/feeds/ha-noi', '/sources/kinhtedothi', `/stories/${first.id}`, '/topics/ha-noi'],
    },
    {
      name: 'two articles sharing feeds list each URL once',
      articles: [first, second],
      paths: ['/feeds/all', '/feeds/ha-noi', '/feeds/kinh-te', '/sources/kinhtedothi', `/stories/${first.id}`, `/stories/${second.id}`, '/topics/ha-noi', '/topics/thi-truong'],
    },
    {
      name: 'two copies of one story ping its story feed once',
      articles: [first, copy],
      paths: ['/feeds/all', '/feeds/ha-noi', '/sources/kinhtedothi', `/stories/${first.id}`, '/topics/ha-noi'],
    },
    {
      name: 'a source missing from config gets no source feed',
      articles: [elsewhere],
      paths: ['/feeds/all', `/stories/${elsewhere.id}`],
    },
    { name: 'nothing stored, nothing to publish', articles: [], paths: [] },
  ])('$name', ({ articles, paths }) => {
    expect(affectedFeedUrls(testConfig(), 'https://b.example/', articles)).toEqual(paths.flatMap(every).sort());
    // What a queued run's end hands over when no feed needs more: the fields a stored record's header holds.
    expect(affectedFeedUrls(testConfig(), 'https://b.example/', articles.map(fieldsOf))).toEqual(paths.flatMap(every).sort());
  });
});

const fieldsOf = (a: Article): StreamFields => ({ id: a.id, source: a.source, topics: a.topics, category: a.category, storyId: a.storyId });

describe('whether the feeds need whole articles', () => {
  const byKeyword = { slug: 'gia-vang', title: 'Giá vàng', description: 'D', include: { keywords: ['giá vàng'] } };
  const notByAuthor = { slug: 'khong-pv', title: 'Không PV', description: 'D', include: { topics: ['ha-noi'] }, exclude: { authors: ['PV'] } };
  const byTopicNotSource = { slug: 'ha-noi-khac', title: 'Hà Nội', description: 'D', include: { topics: ['ha-noi'] }, exclude: { sources: ['kinhtedothi'] } };

  it.each([
    { name: 'topics, sources and categories only: the header answers', feeds: [byTopicNotSource], whole: false },
    { name: 'a feed by keyword', feeds: [byKeyword], whole: true },
    { name: 'a feed excluding an author', feeds: [byTopicNotSource, notByAuthor], whole: true },
  ])('$name', ({ feeds, whole }) => {
    expect(wholeArticlesNeeded(testConfig(feeds))).toBe(whole);
  });

  it('with whole articles, a feed by keyword or byline gets the same pings as serve lists it under', () => {
    const config = testConfig([byKeyword, notByAuthor, byTopicNotSource]);
    const gold = makeArticle(5, { title: 'Giá vàng tăng', authors: ['PV'] });
    const paths = (a: Article): string[] => affectedFeedUrls(config, 'https://b.example', [a]).filter((u) => u.includes('/feeds/'));
    expect(paths(gold)).toEqual([...every('/feeds/all'), ...every('/feeds/gia-vang'), ...every('/feeds/ha-noi')].sort());
    expect(paths(first)).toEqual([...every('/feeds/all'), ...every('/feeds/ha-noi'), ...every('/feeds/khong-pv')].sort());
    // Handed only the fields for such a feed, it is counted in rather than missed.
    expect(affectedFeedUrls(config, 'https://b.example', [fieldsOf(first)]).filter((u) => u.includes('/feeds/'))).toEqual(
      [...every('/feeds/all'), ...every('/feeds/gia-vang'), ...every('/feeds/ha-noi'), ...every('/feeds/khong-pv')].sort(),
    );
  });
});
