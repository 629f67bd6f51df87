/** Strip rules: what repeats word for word inside the body of every sampled page is furniture, not the article. */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/extract/index.js';
import { repeatedBlocks } from '../../src/onboard/index.js';

const SHARE = '<div class="share-bar">Chia sẻ: <a href="https://facebook.com/sharer?u=/bai-N">Facebook</a> <a href="https://zalo.me/share">Zalo</a></div>';

function article(n: number, extra = ''): { doc: ReturnType<typeof parseHtml> } {
  const html = `<html><body><h1>Bài ${n}</h1><div class="content">
    <p>Đoạn mở đầu của bài số ${n}, nói về giao thông Hà Nội.</p>
    ${SHARE.replace('bai-N', `bai-${n}`)}
    <p>Đoạn kết của bài số ${n}.</p>${extra}</div></body></html>`;
  return { doc: parseHtml(html) };
}

describe('strip rules', () => {
  it('names a block repeated inside the body of every page', () => {
    expect(repeatedBlocks([1, 2, 3].map((n) => article(n)), 'div.content')).toEqual(['div.share-bar']);
  });

  it('leaves a block that only some pages have, or whose words differ', () => {
    const pages = [
      article(1, '<div class="note">Bài viết có sử dụng tư liệu của TTXVN.</div>'),
      article(2, '<div class="note">Bài viết có sử dụng tư liệu của Reuters.</div>'),
      article(3, '<div class="ads">Quảng cáo</div>'),
    ];
    expect(repeatedBlocks(pages, 'div.content')).toEqual(['div.share-bar']);
  });

  it('leaves a block that holds a learned field, even when it repeats', () => {
    const pages = [1, 2, 3].map((n) => article(n, '<div class="author-box">Phóng viên <span class="author">Minh An</span></div>'));
    expect(repeatedBlocks(pages, 'div.content', ['span.author'])).toEqual(['div.share-bar']);
  });

  it('leaves a figure with the same stock caption and a different picture', () => {
    const pages = [1, 2, 3].map((n) => article(n, `<figure class="photo"><img src="/anh/${n}.jpg"><figcaption>Ảnh minh họa</figcaption></figure>`));
    expect(repeatedBlocks(pages, 'div.content')).toEqual(['div.share-bar']);
  });

  it('keeps the outermost of nested repeated blocks', () => {
    const pages = [1, 2, 3].map((n) => article(n, '<div class="follow"><p class="follow__text">Theo dõi chúng tôi trên Google News</p></div>'));
    expect(repeatedBlocks(pages, 'div.content')).toEqual(['div.share-bar', 'div.follow']);
  });

  it('makes no rule from a single page, where everything repeats', () => {
    expect(repeatedBlocks([article(1)], 'div.content')).toEqual([]);
  });
});
