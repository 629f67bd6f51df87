/**
 * Vietnamese text folded for comparison (no diacritics, no case), and the
 * ASCII slugs of topics and feeds made from it: `Hà Nội` → `ha-noi`. One
 * definition, because the slug normalization writes must be the slug a
 * request path is redirected to. `Đ/đ` has no Unicode decomposition, so it
 * is mapped by hand (with the U+00D0 look-alike some pages type for it).
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐð]/g, 'd')
    .toLowerCase();
}

export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
