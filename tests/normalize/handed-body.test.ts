/**
 * readArticle hands normalize the body tree extract built instead of the body's HTML to parse again. The
 * article must be the one the HTML gives, on every fixture page of the repo, whatever source reads it; and
 * the handed tree the one a parse of the HTML builds, or else the HTML itself.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { loadSourceFile, type SourceConfig } from '../../src/config/index.js';
import type { Article } from '../../src/core/article.js';
import { BantinError } from '../../src/core/errors.js';
import { NO_HINTS } from '../../src/core/hints.js';
import { decodeHtml, extractPageTree, parseHtml } from '../../src/extract/index.js';
import { BodyTree } from '../../src/extract/handed-body.js';
import { CASE_TIME_MS, normalizeBody, readArticle } from '../../src/normalize/index.js';
import { readArticleViaHtml, type PageBytes } from '../../src/normalize/read-article.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../fixtures');
const SOURCES = path.resolve(here, '../../config/sources');
const PAGE_URL = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name)).sort();
}

const files = await htmlFiles(FIXTURES);
const sources: (SourceConfig | null)[] = [null];
for (const f of (await readdir(SOURCES)).filter((n) => n.endsWith('.yaml')).sort()) sources.push(await loadSourceFile(path.join(SOURCES, f)));

type Outcome = Article | { error: string; message: string };
function outcome(read: () => Article): Outcome {
  try {
    return read();
  } catch (error) {
    if (error instanceof BantinError) return { error: error.kind, message: error.message };
    throw error;
  }
}

/** A node as plain data: what normalize can read of it. */
type Shape = { type: string; name?: string; attribs?: Record<string, string>; data?: string; children?: Shape[] };
function shape(n: AnyNode): Shape {
  if (n.type === 'text' || n.type === 'comment' || n.type === 'directive') return { type: n.type, data: n.data };
  const el = n as Element;
  return { type: n.type, name: el.name, attribs: el.attribs, children: 'children' in n ? n.children.map(shape) : [] };
}
/** The tree normalize's own parse builds from the HTML. */
const parsed = (html: string): Shape[] => (load(html, null, false).root().get(0)?.children ?? []).map(shape);

/** The page's URL as the fixture's source would have it, so its profile applies. */
const urlFor = (file: string, source: SourceConfig | null): string => `${source?.baseUrl ?? 'https://bao.example.vn'}/${path.basename(file)}`;

const seen = { articles: 0, trees: 0, html: [] as string[] };

describe('readArticle with the handed tree against readArticle by way of the HTML', () => {
  it('covers every fixture page of the repo', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(sources.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files.map((f) => [path.relative(FIXTURES, f), f] as const))('%s', async (_name, file) => {
    const bytes = await readFile(file);
    for (const source of sources) {
      const page: PageBytes = { body: bytes, contentType: null, url: urlFor(file, source) };
      const opts = { source, sourceId: source?.id ?? 'generic', fetchedAt: CASE_TIME_MS, now: CASE_TIME_MS };
      const viaHtml = outcome(() => readArticleViaHtml(page, opts));
      expect(outcome(() => readArticle(page, opts)), source?.id ?? 'generic').toEqual(viaHtml);
      if (!('error' in viaHtml)) seen.articles++;

      // The tree itself: what a parse of the HTML builds, when it is handed at all. Two extractions: serializing edits the tree (SVG names).
      const body = (): BodyTree | null => {
        try {
          return extractPageTree(decodeHtml(bytes, null), page.url, source?.profile ?? null, NO_HINTS).body.value;
        } catch (error) {
          if (error instanceof BantinError) return null;
          throw error;
        }
      };
      const html = body()?.html();
      const taken = body()?.take();
      if (html === undefined || taken === undefined) continue;
      if (typeof taken === 'string') {
        seen.html.push(`${path.relative(FIXTURES, file)} (${source?.id ?? 'generic'})`);
        expect(taken).toBe(html);
      } else {
        seen.trees++;
        expect(taken.map(shape)).toEqual(parsed(html));
      }
    }
  });

  it('compared articles, not errors, and handed trees, not HTML, on most of them', () => {
    expect(seen.articles).toBeGreaterThanOrEqual(60);
    // A body handed as HTML (a shape the tree cannot keep) is compared too, but must stay the exception.
    expect(seen.trees, seen.html.join(', ')).toBeGreaterThanOrEqual(Math.ceil(seen.articles * 0.9));
  });
});

/** A container's children handed after `edit`, against the HTML the container then serializes to. */
function handed(html: string, edit: (doc: ReturnType<typeof parseHtml>) => void, trimmed = true): { tree: string | Shape[]; html: string } {
  const doc = parseHtml(`<body><div id="body">${html}</div></body>`);
  edit(doc);
  const box = doc('#body');
  const serialized = trimmed ? (box.html() ?? '').trim() : (box.html() ?? '');
  const taken = new BodyTree(box.get(0), () => serialized, trimmed).take();
  return { tree: typeof taken === 'string' ? taken : taken.map(shape), html: serialized };
}

describe('BodyTree: the tree a parse of the HTML builds', () => {
  it('merges the text nodes a removed element leaves side by side, as one text node is what normalize sees', () => {
    const { tree, html } = handed('<p>Hà   <span class="ad">x</span>   Nội</p>', (doc) => doc('.ad').remove());
    expect(tree).toEqual(parsed(html));
    expect(tree).toEqual([{ type: 'tag', name: 'p', attribs: {}, children: [{ type: 'text', data: 'Hà      Nội' }] }]);
  });

  it('gives the same body as the HTML where extract removed nodes between text', () => {
    const doc = parseHtml('<div id="body">  Một <b class="x">A</b> hai <i class="x">B</i>\u00a0ba\u00a0 </div>');
    doc('.x').remove();
    const box = doc('#body');
    const html = (box.html() ?? '').trim();
    const taken = new BodyTree(box.get(0), () => html, true).take();
    expect(typeof taken).not.toBe('string');
    expect(normalizeBody(taken, PAGE_URL)).toEqual(normalizeBody(html, PAGE_URL));
  });

  it('trims the edges as the string is trimmed, keeping a non-breaking space (written &nbsp;)', () => {
    expect(handed('\n  \u00a0Một hai\u00a0 \n', () => undefined)).toEqual({ tree: [{ type: 'text', data: '\u00a0Một hai\u00a0' }], html: '&nbsp;Một hai&nbsp;' });
    expect(handed(' \n <p>a</p> \n ', () => undefined).tree).toEqual(parsed('<p>a</p>'));
    expect(handed(' \n <p>a</p> \n ', () => undefined, false).tree).toEqual(parsed(' \n <p>a</p> \n '));
  });

  it.each([
    { name: 'an amp-img renamed img that keeps its children (a parse makes them its siblings)', edit: (doc: ReturnType<typeof parseHtml>) => doc('amp-img').each((_, e) => void (e.name = 'img')), html: '<amp-img src="/a.jpg"><div fallback>Ảnh</div></amp-img>' },
    { name: 'a block inserted into a paragraph (a parse closes the paragraph)', edit: (doc: ReturnType<typeof parseHtml>) => void doc('#here').replaceWith('<div>chèn</div>'), html: '<p>a<span id="here"></span>b</p>' },
    { name: 'markup-looking text in a noscript (written as is, read as markup)', edit: () => undefined, html: '<noscript>&lt;img src="/a.jpg"&gt;</noscript><p>a</p>' },
  ])('hands the HTML instead where a parse would build another shape: $name', ({ edit, html }) => {
    const result = handed(html, edit);
    expect(result.tree).toBe(result.html);
  });
});
