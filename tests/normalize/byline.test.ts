import { describe, expect, it } from 'vitest';
import type { Credit } from '../../src/core/article.js';
import { parseByline } from '../../src/normalize/index.js';

interface Case {
  name: string;
  lines: string[];
  authors: string[];
  credits?: Credit[];
  attribution?: string | null;
}

const cases: Case[] = [
  { name: 'author and photo credit', lines: ['Trần Long - Ảnh: Phạm Hùng'], authors: ['Trần Long'], credits: [{ role: 'photo', name: 'Phạm Hùng' }] },
  { name: 'two authors joined by a dash', lines: ['Hoàng Phương - Ngọc Thành'], authors: ['Hoàng Phương', 'Ngọc Thành'] },
  { name: 'two authors joined by a comma', lines: ['Hoàng Phương, Ngọc Thành'], authors: ['Hoàng Phương', 'Ngọc Thành'] },
  { name: 'two authors joined by và', lines: ['Hoàng Phương và Ngọc Thành'], authors: ['Hoàng Phương', 'Ngọc Thành'] },
  { name: 'a team is an author', lines: ['Nhóm PV'], authors: ['Nhóm PV'] },
  { name: 'Theo TTXVN is attribution only', lines: ['Theo TTXVN'], authors: [], attribution: 'TTXVN' },
  { name: '(theo Reuters) is attribution only', lines: ['(theo Reuters)'], authors: [], attribution: 'Reuters' },
  { name: 'author with agency in parentheses', lines: ['Minh An (theo Reuters)'], authors: ['Minh An'], attribution: 'Reuters' },
  { name: 'author then agency', lines: ['Hà Phương - Theo VnExpress'], authors: ['Hà Phương'], attribution: 'VnExpress' },
  { name: 'Nguồn: is attribution', lines: ['Nguồn: Báo Chính phủ'], authors: [], attribution: 'Báo Chính phủ' },
  { name: 'compiler is the author', lines: ['Việt Thành tổng hợp'], authors: ['Việt Thành'] },
  { name: 'compiler in parentheses', lines: ['Việt Thành (tổng hợp)'], authors: ['Việt Thành'] },
  { name: 'translator is the author', lines: ['Minh Châu lược dịch'], authors: ['Minh Châu'] },
  { name: 'Bài, ảnh: one person in two roles', lines: ['Bài, ảnh: Ngọc Thành'], authors: ['Ngọc Thành'], credits: [{ role: 'photo', name: 'Ngọc Thành' }] },
  { name: 'Bài và ảnh', lines: ['Bài và ảnh: Ngọc Thành'], authors: ['Ngọc Thành'], credits: [{ role: 'photo', name: 'Ngọc Thành' }] },
  { name: 'Bài/ảnh slashed', lines: ['Bài/ảnh: Ngọc Thành'], authors: ['Ngọc Thành'], credits: [{ role: 'photo', name: 'Ngọc Thành' }] },
  { name: 'video credit', lines: ['Lê Hà - Video: Quang Minh'], authors: ['Lê Hà'], credits: [{ role: 'video', name: 'Quang Minh' }] },
  { name: 'clip is video', lines: ['Clip: Quang Minh'], authors: [], credits: [{ role: 'video', name: 'Quang Minh' }] },
  { name: 'graphics credit', lines: ['Đồ họa: Thu Hà'], authors: [], credits: [{ role: 'graphics', name: 'Thu Hà' }] },
  { name: 'design credit', lines: ['Thiết kế: Văn Nam'], authors: [], credits: [{ role: 'design', name: 'Văn Nam' }] },
  { name: 'content credit', lines: ['Nội dung: Hồng Nhung'], authors: [], credits: [{ role: 'content', name: 'Hồng Nhung' }] },
  {
    name: 'emagazine credits on one line',
    lines: ['Nội dung: Hồng Nhung - Thiết kế: Văn Nam - Ảnh: Phạm Hùng, Công Hùng'],
    authors: [],
    credits: [
      { role: 'content', name: 'Hồng Nhung' },
      { role: 'design', name: 'Văn Nam' },
      { role: 'photo', name: 'Phạm Hùng' },
      { role: 'photo', name: 'Công Hùng' },
    ],
  },
  { name: 'lowercase role word', lines: ['Trần Long - ảnh: Phạm Hùng'], authors: ['Trần Long'], credits: [{ role: 'photo', name: 'Phạm Hùng' }] },
  { name: 'trailing period stripped', lines: ['Trần Long.'], authors: ['Trần Long'] },
  { name: 'trailing periods stripped from a credit', lines: ['Ảnh: Phạm Hùng...'], authors: [], credits: [{ role: 'photo', name: 'Phạm Hùng' }] },
  { name: 'names from JSON-LD, one per line', lines: ['Trần Long', 'Phạm Hùng'], authors: ['Trần Long', 'Phạm Hùng'] },
  { name: 'duplicate names kept once', lines: ['Trần Long', 'trần long'], authors: ['Trần Long'] },
  { name: 'NFD and NBSP in names', lines: ['Trần\u00A0Long'.normalize('NFD')], authors: ['Trần Long'] },
  { name: 'hyphenated-looking name without spaces is one name', lines: ['Nguyễn Văn A-B'], authors: ['Nguyễn Văn A-B'] },
  { name: 'empty lines ignored', lines: ['', '  '], authors: [] },
];

describe('parseByline', () => {
  it.each(cases)('$name', ({ lines, authors, credits = [], attribution = null }) => {
    expect(parseByline(lines)).toEqual({ authors, credits, attribution });
  });
});
