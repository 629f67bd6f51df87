/**
 * Vietnam's province-level units: the 34 in force since 1 July 2025, each
 * with the former units (63 in all) it was formed from, and the other ways
 * papers write them. Copied from the reference list the issue points to
 * (National Assembly resolution of June 2025); it is a TS table, not a YAML
 * file, because it is facts, not configuration: an operator has nothing to
 * tune here, and the compiler checks its shape.
 */

export type UnitKind = 'city' | 'province';

export interface Unit {
  /** The name topics are named and slugged by: `TP Hồ Chí Minh` → `tp-ho-chi-minh`, as the issue wants the slug. */
  name: string;
  kind: UnitKind;
  /** Former units (before 1 July 2025), its own former self first when it kept its name. */
  formedFrom: readonly string[];
}

export const UNITS: readonly Unit[] = [
  { name: 'Hà Nội', kind: 'city', formedFrom: ['Hà Nội'] },
  { name: 'Huế', kind: 'city', formedFrom: ['Thừa Thiên Huế'] },
  { name: 'Hải Phòng', kind: 'city', formedFrom: ['Hải Phòng', 'Hải Dương'] },
  { name: 'Đà Nẵng', kind: 'city', formedFrom: ['Đà Nẵng', 'Quảng Nam'] },
  { name: 'TP Hồ Chí Minh', kind: 'city', formedFrom: ['TP Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'] },
  { name: 'Cần Thơ', kind: 'city', formedFrom: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'] },
  { name: 'Lai Châu', kind: 'province', formedFrom: ['Lai Châu'] },
  { name: 'Điện Biên', kind: 'province', formedFrom: ['Điện Biên'] },
  { name: 'Sơn La', kind: 'province', formedFrom: ['Sơn La'] },
  { name: 'Lạng Sơn', kind: 'province', formedFrom: ['Lạng Sơn'] },
  { name: 'Quảng Ninh', kind: 'province', formedFrom: ['Quảng Ninh'] },
  { name: 'Thanh Hóa', kind: 'province', formedFrom: ['Thanh Hóa'] },
  { name: 'Nghệ An', kind: 'province', formedFrom: ['Nghệ An'] },
  { name: 'Hà Tĩnh', kind: 'province', formedFrom: ['Hà Tĩnh'] },
  { name: 'Cao Bằng', kind: 'province', formedFrom: ['Cao Bằng'] },
  { name: 'Tuyên Quang', kind: 'province', formedFrom: ['Tuyên Quang', 'Hà Giang'] },
  { name: 'Lào Cai', kind: 'province', formedFrom: ['Lào Cai', 'Yên Bái'] },
  { name: 'Thái Nguyên', kind: 'province', formedFrom: ['Thái Nguyên', 'Bắc Kạn'] },
  { name: 'Phú Thọ', kind: 'province', formedFrom: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'] },
  { name: 'Bắc Ninh', kind: 'province', formedFrom: ['Bắc Ninh', 'Bắc Giang'] },
  { name: 'Hưng Yên', kind: 'province', formedFrom: ['Hưng Yên', 'Thái Bình'] },
  { name: 'Ninh Bình', kind: 'province', formedFrom: ['Ninh Bình', 'Hà Nam', 'Nam Định'] },
  { name: 'Quảng Trị', kind: 'province', formedFrom: ['Quảng Trị', 'Quảng Bình'] },
  { name: 'Quảng Ngãi', kind: 'province', formedFrom: ['Quảng Ngãi', 'Kon Tum'] },
  { name: 'Gia Lai', kind: 'province', formedFrom: ['Gia Lai', 'Bình Định'] },
  { name: 'Khánh Hòa', kind: 'province', formedFrom: ['Khánh Hòa', 'Ninh Thuận'] },
  { name: 'Lâm Đồng', kind: 'province', formedFrom: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'] },
  { name: 'Đắk Lắk', kind: 'province', formedFrom: ['Đắk Lắk', 'Phú Yên'] },
  { name: 'Đồng Nai', kind: 'province', formedFrom: ['Đồng Nai', 'Bình Phước'] },
  { name: 'Tây Ninh', kind: 'province', formedFrom: ['Tây Ninh', 'Long An'] },
  { name: 'Vĩnh Long', kind: 'province', formedFrom: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'] },
  { name: 'Đồng Tháp', kind: 'province', formedFrom: ['Đồng Tháp', 'Tiền Giang'] },
  { name: 'Cà Mau', kind: 'province', formedFrom: ['Cà Mau', 'Bạc Liêu'] },
  { name: 'An Giang', kind: 'province', formedFrom: ['An Giang', 'Kiên Giang'] },
];

/**
 * How a spelling may match. `text`: anywhere a capitalized or ALL-CAPS
 * proper name may stand. `mid-sentence`: only as written (never ALL CAPS)
 * and not first in a sentence, where the capital says nothing: `Thủ đô` is
 * Hà Nội only when a writer capitalizes it mid-sentence (`về Thủ đô`);
 * `Thủ đô Bangkok` fails the rule every match obeys (no capitalized word
 * right after), and `thủ đô` in lower case never matches.
 */
export type SpellingRule = 'text' | 'mid-sentence';

export interface Spelling {
  form: string;
  /** A unit name from UNITS or a former unit: the match counts as that unit. */
  of: string;
  rule?: SpellingRule;
  /** A district or ward: it says where the story happens, so it counts anywhere in the body (see places/index.ts). */
  local?: boolean;
}

const HANOI_DISTRICTS = ['Ba Đình', 'Hoàn Kiếm', 'Đống Đa', 'Hai Bà Trưng', 'Cầu Giấy', 'Tây Hồ', 'Thanh Xuân', 'Long Biên', 'Hoàng Mai', 'Hà Đông', 'Nam Từ Liêm', 'Bắc Từ Liêm'];
// Numbered districts exist only in TP.HCM; 2 and 9 merged into Thủ Đức in 2021 but papers still name them.
const HCM_DISTRICTS = [...Array.from({ length: 12 }, (_, i) => String(i + 1)), 'Bình Thạnh', 'Gò Vấp', 'Phú Nhuận', 'Tân Bình', 'Tân Phú', 'Bình Tân', 'Thủ Đức'];
// Wards named only once in the country (the 2025 wards of Hà Nội's old centre and of District 1): most ward
// names (`phường Tân Bình`, `phường Ba Đình`) recur in other provinces and are left out.
// Rural districts and towns (huyện, thị xã) of the two cities, each a name no other province gives a huyện.
const HANOI_RURAL = ['huyện Ba Vì', 'huyện Chương Mỹ', 'huyện Đan Phượng', 'huyện Đông Anh', 'huyện Gia Lâm', 'huyện Hoài Đức', 'huyện Mê Linh', 'huyện Mỹ Đức', 'huyện Phú Xuyên', 'huyện Phúc Thọ', 'huyện Quốc Oai', 'huyện Sóc Sơn', 'huyện Thạch Thất', 'huyện Thanh Oai', 'huyện Thanh Trì', 'huyện Thường Tín', 'huyện Ứng Hòa', 'thị xã Sơn Tây'];
const HCM_RURAL = ['huyện Củ Chi', 'huyện Hóc Môn', 'huyện Bình Chánh', 'huyện Nhà Bè', 'huyện Cần Giờ'];
const HANOI_WARDS = ['Hoàn Kiếm', 'Cửa Nam', 'Long Biên', 'Cầu Giấy'];
const HCM_WARDS = ['Bến Thành', 'Sài Gòn'];

/**
 * The spellings beyond each unit's own name. `quận` is used only in the
 * centrally-run cities, so `quận X` is unambiguous where a bare district
 * name (`Ba Đình` is also a ward of Thanh Hóa) is not. Bare `Huế` is not a
 * spelling: it is also a common given name (`chị Huế`, `Nguyễn Thị Huế`).
 */
export const SPELLINGS: readonly Spelling[] = [
  ...['TP.HCM', 'TPHCM', 'TP HCM', 'TP. HCM', 'Tp.HCM', 'Tp HCM', 'TP.Hồ Chí Minh', 'TP. Hồ Chí Minh', 'Tp. Hồ Chí Minh', 'thành phố Hồ Chí Minh', 'Sài Gòn'].map(
    (form) => ({ form, of: 'TP Hồ Chí Minh' }),
  ),
  ...HCM_DISTRICTS.map((d) => ({ form: `quận ${d}`, of: 'TP Hồ Chí Minh', local: true })),
  ...HCM_WARDS.map((w) => ({ form: `phường ${w}`, of: 'TP Hồ Chí Minh', local: true })),
  ...HCM_RURAL.map((form) => ({ form, of: 'TP Hồ Chí Minh', local: true })),
  ...['TP Thủ Đức', 'TP. Thủ Đức', 'thành phố Thủ Đức'].map((form) => ({ form, of: 'TP Hồ Chí Minh', local: true })),
  { form: 'Thủ đô', of: 'Hà Nội', rule: 'mid-sentence' },
  { form: 'Thủ Đô Hà Nội', of: 'Hà Nội' },
  ...HANOI_DISTRICTS.map((d) => ({ form: `quận ${d}`, of: 'Hà Nội', local: true })),
  ...HANOI_RURAL.map((form) => ({ form, of: 'Hà Nội', local: true })),
  ...HANOI_WARDS.map((w) => ({ form: `phường ${w}`, of: 'Hà Nội', local: true })),
  ...['TP Huế', 'TP. Huế', 'thành phố Huế', 'cố đô Huế'].map((form) => ({ form, of: 'Huế' })),
  ...['Thừa Thiên - Huế', 'Thừa Thiên – Huế', 'Thừa Thiên-Huế'].map((form) => ({ form, of: 'Thừa Thiên Huế' })),
  ...['Bà Rịa – Vũng Tàu', 'Bà Rịa-Vũng Tàu', 'BR-VT', 'Vũng Tàu', 'Bà Rịa'].map((form) => ({ form, of: 'Bà Rịa - Vũng Tàu' })),
  ...['Đắc Lắc', 'Đăk Lăk', 'Đắk Lăk', 'Daklak', 'Dak Lak'].map((form) => ({ form, of: 'Đắk Lắk' })),
  ...['Đăk Nông', 'Đắc Nông', 'Dak Nong'].map((form) => ({ form, of: 'Đắk Nông' })),
  { form: 'Bắc Cạn', of: 'Bắc Kạn' },
  { form: 'Kontum', of: 'Kon Tum' },
];

/** Unit names that are no spelling on their own (see SPELLINGS). */
export const NOT_BARE: ReadonlySet<string> = new Set(['Huế']);
