import { describe, expect, it } from 'vitest';
import { affectedFeedUrls } from '../../src/websub/index.js';
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
  });
});
