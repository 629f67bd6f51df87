import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/normalize/index.js';

const NFD = (s: string): string => s.normalize('NFD');

describe('normalizeText', () => {
  it.each([
    { name: 'NFD tone marks come out NFC', input: NFD('Hà Nội tạo bước đột phá'), want: 'Hà Nội tạo bước đột phá' },
    { name: 'zero-width space removed', input: 'Hà\u200BNội', want: 'HàNội' },
    { name: 'zero-width joiner and non-joiner removed', input: 'Trần\u200C \u200DLong', want: 'Trần Long' },
    { name: 'word joiner and BOM removed', input: '\uFEFFKinh tế\u2060', want: 'Kinh tế' },
    { name: 'soft hyphen removed', input: 'đô\u00ADthị', want: 'đôthị' },
    { name: 'U+00D0 at word start repaired to Đ', input: 'Ðảng ủy', want: 'Đảng ủy' },
    { name: 'lowercase eth at word start repaired to đ', input: 'Hà Nội ðẹp', want: 'Hà Nội đẹp' },
    { name: 'eth inside an all-caps abbreviation repaired', input: 'HÐND TP', want: 'HĐND TP' },
    { name: 'eth in KTĐT masthead repaired', input: 'KTÐT - Sáng nay', want: 'KTĐT - Sáng nay' },
    { name: 'eth inside a lowercase foreign word kept', input: 'Guðrún', want: 'Guðrún' },
    { name: 'non-breaking spaces collapsed', input: 'Hà\u00A0\u00A0Nội', want: 'Hà Nội' },
    { name: 'narrow no-break space collapsed', input: '18\u202F/1', want: '18 /1' },
    { name: 'ideographic spaces collapsed to one ideographic space, not dropped', input: '東京\u3000\u3000大阪 \u3000名古屋', want: '東京\u3000大阪\u3000名古屋' },
    { name: 'repeated spaces, tabs and newlines collapsed', input: '  Kinh   tế\t&\nĐô thị  ', want: 'Kinh tế & Đô thị' },
    { name: 'curly quotes kept', input: '“việc dễ triển khai trước” ‘a’', want: '“việc dễ triển khai trước” ‘a’' },
    { name: 'C0 control characters removed', input: 'Hà\u0000 Nội\u0007\u001F', want: 'Hà Nội' },
    { name: 'C1 control characters removed', input: 'Đô\u0085 thị\u009F', want: 'Đô thị' },
    { name: 'already clean text unchanged', input: 'Ban Tổ chức T.Ư', want: 'Ban Tổ chức T.Ư' },
    { name: 'zero-width between letter and tone mark, then composed', input: 'Ha\u200B\u0300 Nội', want: 'Hà Nội' },
    { name: 'NFC singleton (Angstrom sign) composed', input: '\u212B', want: '\u00C5' },
    { name: 'NFD with eth repaired together', input: 'Ðà Nẵng'.normalize('NFD'), want: 'Đà Nẵng' },
    { name: 'empty stays empty', input: ' \u200B\u00A0 ', want: '' },
  ])('$name', ({ input, want }) => {
    const got = normalizeText(input);
    expect(got).toBe(want);
    expect(got.normalize('NFC')).toBe(got);
  });
});
