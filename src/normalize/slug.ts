/**
 * Topic and feed slugs: ASCII, lowercase, hyphen-separated. `Đ/đ` has no
 * Unicode decomposition, so stripping combining marks leaves it: map it (and
 * the U+00D0 look-alike some pages type for it) explicitly.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐð]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
