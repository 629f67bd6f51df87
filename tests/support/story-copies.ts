/**
 * Real article text for story tests: the fixture pages read by the real
 * extraction (the Kinhtedothi seed article, the fixture site's gold-price
 * story, the Hà Nội stories of the songhong fixture paper), and copies of
 * an article as another paper republishes it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../../src/core/article.js';
import { readArticle } from '../../src/normalize/index.js';
import { makeArticle } from './articles.js';
import { ROOT } from './config-copy.js';

const NOW = Date.parse('2026-11-25T12:00:00+07:00');

function read(file: string, url: string): Article {
  return readArticle({ body: readFileSync(path.join(ROOT, file)), contentType: null, url }, { source: null, sourceId: 'kinhtedothi', fetchedAt: NOW, now: NOW });
}

export const SEED = read('tests/fixtures/site/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html', 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html');
export const GOLD = read('tests/fixtures/site/thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html', 'https://kinhtedothi.vn/thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html');
/** Five different stories about one place, from one paper. */
export const HA_NOI_STORIES = [
  'kinh-te/ha-noi-thu-hut-hon-2-1-ty-usd-von-dau-tu-nuoc-ngoai-trong-10-thang-20256.html',
  'xa-hoi/hoc-sinh-thu-do-duoc-tham-gia-chuong-trinh-boi-an-toan-mien-phi-20270.html',
  'xa-hoi/mo-rong-tuyen-xe-buyt-dien-ket-noi-cac-khu-do-thi-phia-tay-20263.html',
  'van-hoa/lang-gom-bat-trang-don-luong-khach-ky-luc-dip-cuoi-tuan-20288.html',
  'van-hoa/trien-lam-anh-ve-song-hong-mo-cua-tu-do-cho-cong-chung-20295.html',
].map((p) => read(`tests/fixtures/onboard/songhong/${p}`, `https://songhong.example.vn/${p}`));

export interface CopyEdit {
  title?: string;
  lead?: string;
  source?: string;
  publishedAt?: string;
  paragraphs?: (ps: string[]) => string[];
}

/** `a` as another paper republishes it: its own URL (numbered `n`) and source, the edits applied to the text. */
export function copyOf(a: Article, n: number, edit: CopyEdit = {}): Article {
  const paragraphs = (edit.paragraphs ?? ((ps) => ps))(a.contentText.split('\n\n'));
  return makeArticle(n, {
    url: `https://bao${n}.example.vn/ban-sao-${n}.html`,
    source: edit.source ?? (n % 2 === 0 ? 'phapluatxahoi' : 'thitruongtaichinh'),
    title: edit.title ?? a.title,
    lead: edit.lead ?? a.lead,
    topics: a.topics,
    contentText: paragraphs.join('\n\n'),
    contentHtml: paragraphs.map((p) => `<p>${p}</p>`).join(''),
    ...(edit.publishedAt ? { publishedAt: edit.publishedAt } : {}),
  });
}
