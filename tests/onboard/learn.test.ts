/**
 * The selector learner on small DOMs: which selector it picks for a field
 * given the elements that carry the value on each page. The judgement "does
 * this selector give the value" is the page's first matching element's text
 * here; `sources add` asks readArticle instead (see sources-add.test.ts).
 */
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseHtml, type Doc } from '../../src/extract/index.js';
import { chooseSelector, type Targets } from '../../src/onboard/index.js';

interface Page {
  doc: Doc;
  want: string | null;
}

const text = (doc: Doc, selector: string): string | null => {
  const el = doc(selector).filter((_, e) => doc(e).text().trim() !== '').first();
  return el.length > 0 ? doc(el).text().replace(/\s+/g, ' ').trim() : null;
};

/** Pages and what the generic extraction "found" on each; the targets are the elements whose text is that value. */
function learn(pages: Page[]) {
  const targets: Targets = pages.map(({ doc, want }) =>
    want === null ? null : doc('body *').toArray().filter((el): el is Element => el.type === 'tag' && doc(el).text().trim() === want),
  );
  return chooseSelector(targets, (selector, i) => text(pages[i]!.doc, selector) === pages[i]!.want);
}

const page = (body: string, want: string | null): Page => ({ doc: parseHtml(`<html><body>${body}</body></html>`), want });

describe('the selector learner', () => {
  it('prefers a stable class over the element’s position', () => {
    const pages = [1, 2, 3, 4, 5].map((n) =>
      page(`<div class="wrap"><div><span>Tin nóng</span><h1 class="headline">Tiêu đề bài ${n}</h1></div></div>`, `Tiêu đề bài ${n}`),
    );
    const { chosen } = learn(pages);
    expect(chosen).toMatchObject({ selector: 'h1.headline', tier: 'class', hits: 5, of: 5 });
  });

  it('never names an element by a per-article id', () => {
    const pages = [20241, 20256, 20263].map((id) => page(`<article id="story-${id}"><h2 id="title-${id}" class="story__title">Bài ${id}</h2></article>`, `Bài ${id}`));
    const { chosen } = learn(pages);
    expect(chosen?.selector).toBe('h2.story__title');
  });

  it('takes a selector that gives the value on 4 pages of 5 (80%)', () => {
    const pages = [1, 2, 3, 4, 5].map((n) =>
      n === 5 ? page(`<div class="top">Tác giả: Minh An</div>`, 'Minh An') : page(`<p>Đoạn văn</p><span class="author">Tác giả ${n}</span>`, `Tác giả ${n}`),
    );
    const { chosen } = learn(pages);
    expect(chosen).toMatchObject({ selector: 'span.author', hits: 4, of: 5 });
  });

  it('takes none that gives it on 7 pages of 10, and says how close the best came', () => {
    const pages = Array.from({ length: 10 }, (_, n) =>
      n < 7 ? page(`<span class="author">Tác giả ${n}</span>`, `Tác giả ${n}`) : page(`<b>Tác giả ${n}</b><i>khác</i>`, `Tác giả ${n}`),
    );
    const { chosen, best } = learn(pages);
    expect(chosen).toBeNull();
    expect(best).toMatchObject({ selector: 'span.author', hits: 7, of: 10 });
  });

  it('counts only pages where the generic extraction found a value', () => {
    const pages = [
      ...[1, 2, 3, 4].map((n) => page(`<ul class="tags"><li><a href="/t/${n}">chủ đề ${n}</a></li></ul>`, `chủ đề ${n}`)),
      page('<p>Bài không có từ khóa</p>', null),
    ];
    expect(learn(pages).chosen).toMatchObject({ selector: 'ul.tags', hits: 4, of: 4 });
  });

  it('falls back to a position only when nothing names the element', () => {
    const pages = [1, 2, 3, 4].map((n) => page(`<div class="meta"><span>Thời sự</span><span>Ngày ${n}/11/2026</span></div>`, `Ngày ${n}/11/2026`));
    const { chosen } = learn(pages);
    expect(chosen).toMatchObject({ selector: 'div.meta > span:nth-child(2)', tier: 'position', hits: 4 });
  });

  it('prefers the tightest element: the one carrying the value, not a wrapper around it', () => {
    const pages = [1, 2, 3].map((n) => page(`<div class="byline"><span class="name">Thu Hà ${n}</span></div>`, `Thu Hà ${n}`));
    // Both hold exactly the name; the learner is handed the elements tightest first (innermost).
    const targets: Targets = pages.map(({ doc }) => [doc('span.name').toArray()[0] as Element, doc('div.byline').toArray()[0] as Element]);
    const { chosen } = chooseSelector(targets, (selector, i) => text(pages[i]!.doc, selector) === pages[i]!.want);
    expect(chosen?.selector).toBe('span.name');
  });
});
