/**
 * The stream fields WebSub reads after a run (src/store/stream-fields.ts): from a record of any layout
 * they are the fields the whole record decodes to, taken from the header alone (a body that would not
 * even inflate is never looked at), and a header that is not a record's is refused as corrupt.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleSchema, type Article } from '../../src/core/article.js';
import { CorruptRecordError } from '../../src/core/errors.js';
import { decodeRecord, encodeRecord, type StreamFields } from '../../src/store/index.js';
import { decodeStreamFields } from '../../src/store/stream-fields.js';
import { makeArticle } from '../support/articles.js';
import { ROOT } from '../support/config-copy.js';

const RECORDS = path.join(ROOT, 'tests/fixtures/records');
const golden = readdirSync(RECORDS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => articleSchema.parse(JSON.parse(readFileSync(path.join(RECORDS, f), 'utf8'))));
const articles: Article[] = [
  ...golden,
  makeArticle(1),
  makeArticle(2, { topics: ['thi-truong', 'kinh-te'], category: { name: 'Kinh tế', slug: 'kinh-te' }, section: null }),
  makeArticle(3, { storyId: makeArticle(1).id }),
];

const fieldsOf = (a: Pick<Article, keyof StreamFields>): StreamFields => ({ id: a.id, source: a.source, topics: a.topics, category: a.category, storyId: a.storyId });
const key = 'bt:article:test';
/** A compact record (layout 2 and on): its layout byte, the header's JSON, a newline, then the body. */
const compact = (layout: number, header: Record<string, unknown>, body: Buffer): Buffer =>
  Buffer.concat([Buffer.of(layout), Buffer.from(JSON.stringify(header)), Buffer.of(0x0a), body]);

describe('stream fields of a stored record', () => {
  it.each(articles.map((a) => [a.id, a] as const))('%s: as the record this version writes decodes whole', (_id, a) => {
    const value = encodeRecord(a);
    expect(decodeStreamFields(key, value)).toEqual(fieldsOf(decodeRecord(key, value) as Article));
  });

  it.each(articles.map((a) => [a.id, a] as const))('%s: from a layout-1 record (plain JSON), as it decodes whole', (_id, a) => {
    const value = Buffer.from(JSON.stringify(a));
    expect(decodeStreamFields(key, value)).toEqual(fieldsOf(decodeRecord(key, value) as Article));
  });

  it('reads a layout-2 header without touching the body', () => {
    const a = makeArticle(4, { category: { name: 'Kinh tế', slug: 'kinh-te' } });
    const header = { id: a.id, url: a.url, source: a.source, topics: a.topics, category: a.category, storyId: a.storyId, contentHash: a.contentHash, publishedAt: a.publishedAt };
    expect(decodeStreamFields(key, compact(0x02, header, Buffer.from('not deflate')))).toEqual(fieldsOf(a));
  });

  it('reads a record from before stories and categories as its own story, in no category', () => {
    const a = makeArticle(5);
    const { storyId: _story, category: _category, ...old } = a;
    expect(decodeStreamFields(key, Buffer.from(JSON.stringify(old)))).toEqual({ ...fieldsOf(a), storyId: a.id, category: null });
    expect(decodeStreamFields(key, compact(0x02, { id: a.id, url: a.url, source: a.source, topics: a.topics, publishedAt: a.publishedAt }, Buffer.alloc(0)))).toEqual({
      ...fieldsOf(a),
      storyId: a.id,
      category: null,
    });
  });

  it('gives null for a key that holds nothing', () => {
    expect(decodeStreamFields(key, null)).toBeNull();
  });

  it.each([
    ['a compact record without its header line', Buffer.concat([Buffer.of(0x02), Buffer.from('{"id":"0123456789abcdef"}')])],
    ['a header that is not JSON', Buffer.concat([Buffer.of(0x02), Buffer.from('{"id": 0123'), Buffer.of(0x0a)])],
    ['a header without its source', compact(0x02, { id: '0123456789abcdef', topics: [] }, Buffer.alloc(0))],
    ['a topic that is not a slug', compact(0x02, { id: '0123456789abcdef', source: 'kinhtedothi', topics: ['Hà Nội'] }, Buffer.alloc(0))],
    ['plain JSON that is not a record', Buffer.from('[1, 2]')],
  ])('refuses %s as a corrupt record', (_name, value) => {
    expect(() => decodeStreamFields(key, value)).toThrow(CorruptRecordError);
  });
});
