import { describe, expect, it } from 'vitest';
import { stripDateline } from '../../src/normalize/index.js';

const KINHTEDOTHI_PROFILE = ['^\\(?Kinhtedothi\\)?\\s*[-–—]\\s*', '^\\(?KTĐT\\)?\\s*[-–—]\\s*'];

describe('stripDateline: datelines removed', () => {
  it.each([
    { name: 'Kinhtedothi masthead', lead: 'Kinhtedothi - Sáng 18/1, Ban Tổ chức T.Ư đã tổ chức', want: 'Sáng 18/1, Ban Tổ chức T.Ư đã tổ chức' },
    { name: 'parenthesised Kinhtedothi', lead: '(Kinhtedothi) - Chiều nay, UBND TP', want: 'Chiều nay, UBND TP' },
    { name: 'KTĐT, older leads', lead: 'KTĐT - Sáng 18/1, Hà Nội', want: 'Sáng 18/1, Hà Nội' },
    { name: 'KTĐT typed with U+00D0', lead: 'KTÐT - Sáng 18/1', want: 'Sáng 18/1' },
    { name: '(Dân trí)', lead: '(Dân trí) - Bộ Y tế cho biết', want: 'Bộ Y tế cho biết' },
    { name: '(VTC News) with no space after the dash', lead: '(VTC News) -Giá vàng tăng', want: 'Giá vàng tăng' },
    { name: 'HÀ NỘI place dateline', lead: 'HÀ NỘI - Sáng nay, thành phố', want: 'Sáng nay, thành phố' },
    { name: 'TP.HCM', lead: 'TP.HCM - Giá xăng giảm', want: 'Giá xăng giảm' },
    { name: 'place then agency', lead: 'ĐÀ NẴNG (TTXVN) - Mưa lớn', want: 'Mưa lớn' },
    { name: 'en dash', lead: 'Kinhtedothi – Sáng 18/1', want: 'Sáng 18/1' },
    { name: 'em dash', lead: 'HÀ NỘI — Sáng 18/1', want: 'Sáng 18/1' },
    { name: 'masthead then place', lead: 'Kinhtedothi - HÀ NỘI - Sáng 18/1', want: 'Sáng 18/1' },
    { name: 'mixed-case known masthead', lead: 'Dân trí - Bộ Y tế cho biết', want: 'Bộ Y tế cho biết' },
    { name: 'NFD input', lead: 'HÀ NỘI - Sáng nay'.normalize('NFD'), want: 'Sáng nay' },
  ])('$name', ({ lead, want }) => {
    expect(stripDateline(lead, KINHTEDOTHI_PROFILE)).toBe(want);
  });
});

describe('stripDateline: real first words kept', () => {
  it.each([
    { name: 'time phrase with a dash', lead: 'Sáng 18/1 - ngày đầu tiên của hội nghị, các đại biểu' },
    { name: 'Hà Nội in sentence case', lead: 'Hà Nội - nơi hội tụ tinh hoa văn hóa' },
    { name: 'mixed-case organisation', lead: 'UBND TP Hà Nội - cơ quan chủ trì' },
    { name: 'no dash at all', lead: 'Sáng 18/1, Ban Tổ chức T.Ư đã tổ chức' },
    { name: 'dash inside the sentence', lead: 'Giá vàng hôm nay - 18/1 tăng mạnh' },
    { name: 'parentheses not at the start', lead: 'Theo Bộ Tài chính (MOF) - cơ quan này' },
    { name: 'a lead that is only a dateline', lead: 'HÀ NỘI - ' },
  ])('$name', ({ lead }) => {
    expect(stripDateline(lead, KINHTEDOTHI_PROFILE)).toBe(lead.trim());
  });

  it('applies profile patterns first, before the built-in forms', () => {
    // A profile may know a masthead the built-in forms would not catch.
    expect(stripDateline('Báo Kinh tế Đô thị: Sáng nay', ['^Báo Kinh tế Đô thị:\\s*'])).toBe('Sáng nay');
  });
});
