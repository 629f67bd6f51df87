import { describe, expect, it } from 'vitest';
import { affectedFeedUrls } from '../../src/websub/index.js';
import { makeArticle } from '../support/articles.js';
import { testConfig } from '../serve/harness.js';

const every = (path: string): string[] => ['', '.atom', '.json', '.rss'].map((ext) => `https://b.example${path}${ext}`);

describe('feeds an article belongs to', () => {
  it.each([
    {
      name: 'a Hà Nội article: its topic, its source, the all and ha-noi feeds',
      articles: [makeArticle(1)],
      paths: ['/feeds/all', '/feeds/ha-noi', '/sources/kinhtedothi', '/topics/ha-noi'],
    },
    {
      name: 'two articles sharing feeds list each URL once',
      articles: [makeArticle(1), makeArticle(2, { topics: ['thi-truong'], section: null })],
      paths: ['/feeds/all', '/feeds/ha-noi', '/feeds/kinh-te', '/sources/kinhtedothi', '/topics/ha-noi', '/topics/thi-truong'],
    },
    {
      name: 'a source missing from config gets no source feed',
      articles: [makeArticle(3, { source: 'other-site', topics: [], section: null })],
      paths: ['/feeds/all'],
    },
    { name: 'nothing stored, nothing to publish', articles: [], paths: [] },
  ])('$name', ({ articles, paths }) => {
    expect(affectedFeedUrls(testConfig(), 'https://b.example/', articles)).toEqual(paths.flatMap(every).sort());
  });
});
