/**
 * Bylines as Vietnamese papers print them: `Trần Long - Ảnh: Phạm Hùng`,
 * `Bài, ảnh: Ngọc Thành`, `Theo TTXVN`, `Việt Thành tổng hợp`. Authors wrote
 * the story; credits made its pictures, video or graphics; the attribution is
 * the agency it came from, which is never an author.
 */
import type { Credit, CreditRole } from '../core/article.js';
import { normalizeText } from './text.js';

export interface Byline {
  authors: string[];
  credits: Credit[];
  attribution: string | null;
}

type Role = CreditRole | 'author';

// Each pattern matches a whole role label, so their order does not matter.
const ROLE_WORDS: [RegExp, Role][] = [
  [/^(?:bài viết|bài|tin|văn bản|text)$/iu, 'author'],
  [/^(?:ảnh|hình ảnh|hình|photo)$/iu, 'photo'],
  [/^(?:video|clip)$/iu, 'video'],
  [/^(?:đồ họa|đồ hoạ|infographic|graphics?)$/iu, 'graphics'],
  [/^(?:thiết kế|design)$/iu, 'design'],
  [/^(?:nội dung)$/iu, 'content'],
];

// "Theo TTXVN", "(theo Reuters)", "Nguồn: VnExpress"
const ATTRIBUTION = /^\(?\s*(?:theo|nguồn\s*:)\s+(.+?)\s*\)?$/iu;
const ATTRIBUTION_INSIDE = /\(\s*(?:theo|nguồn\s*:)\s+([^()]+?)\s*\)/iu;
// "Việt Thành tổng hợp", "Minh An (lược dịch)": the compiler is the author.
const COMPILED = /\s*\(?\s*(?:tổng hợp và biên dịch|tổng hợp|lược dịch|biên dịch|biên tập|dịch)\s*\)?$/iu;
// Separators between byline segments: spaced dashes, pipes, semicolons, line breaks.
const SEGMENTS = /\s+[-–—]\s+|\s*[|;\n]\s*|^[-–—]\s*/u;
const NAME_LIST = /\s*,\s*|\s+(?:và|&)\s+/u;
// Roles also come slashed: "Bài/ảnh".
const ROLE_LIST = /\s*[,/]\s*|\s+(?:và|&)\s+/u;

function roleOf(word: string): Role | null {
  const w = normalizeText(word);
  for (const [re, role] of ROLE_WORDS) if (re.test(w)) return role;
  return null;
}

/** `Bài, ảnh` / `Bài và ảnh` / `Ảnh` → roles, or null when the prefix is not made of role words. */
function rolesOf(prefix: string): Role[] | null {
  const words = prefix.split(ROLE_LIST).filter((w) => w !== '');
  if (words.length === 0) return null;
  const roles: Role[] = [];
  for (const w of words) {
    const r = roleOf(w);
    if (r === null) return null;
    roles.push(r);
  }
  return roles;
}

function cleanName(s: string): string {
  return normalizeText(s)
    .replace(COMPILED, '')
    .replace(/^[\s\-–—:,.]+|[\s\-–—:,.]+$/gu, '')
    .trim();
}

function names(s: string): string[] {
  return s
    .split(NAME_LIST)
    .map(cleanName)
    .filter((n) => n !== '' && /\p{L}/u.test(n));
}

class BylineBuilder {
  private readonly authors: string[] = [];
  private readonly credits: Credit[] = [];
  private attribution: string | null = null;

  author(name: string): void {
    if (!this.authors.some((a) => a.toLowerCase() === name.toLowerCase())) this.authors.push(name);
  }

  credit(role: CreditRole, name: string): void {
    if (!this.credits.some((c) => c.role === role && c.name.toLowerCase() === name.toLowerCase())) {
      this.credits.push({ role, name });
    }
  }

  attribute(agency: string): void {
    const a = cleanName(agency);
    if (a !== '' && this.attribution === null) this.attribution = a;
  }

  segment(raw: string): void {
    let seg = normalizeText(raw).replace(/\.+$/u, '').trim();
    const inside = ATTRIBUTION_INSIDE.exec(seg);
    if (inside) {
      this.attribute(inside[1]!);
      seg = (seg.slice(0, inside.index) + seg.slice(inside.index + inside[0].length)).trim();
    }
    if (seg === '') return;
    const attr = ATTRIBUTION.exec(seg);
    if (attr) {
      this.attribute(attr[1]!);
      return;
    }
    const colon = seg.indexOf(':');
    const roles = colon > 0 ? rolesOf(seg.slice(0, colon)) : null;
    if (roles === null) {
      for (const n of names(seg)) this.author(n);
      return;
    }
    for (const n of names(seg.slice(colon + 1))) {
      for (const role of roles) {
        if (role === 'author') this.author(n);
        else this.credit(role, n);
      }
    }
  }

  build(): Byline {
    return { authors: [...this.authors], credits: [...this.credits], attribution: this.attribution };
  }
}

/** Parse byline lines (as printed, or one name each from structured data). */
export function parseByline(lines: readonly string[]): Byline {
  const b = new BylineBuilder();
  for (const line of lines) {
    for (const seg of line.split(SEGMENTS)) b.segment(seg);
  }
  return b.build();
}

/** Merge a sign-off found at the end of the body into the byline printed above it. */
export function mergeBylines(first: Byline, second: Byline): Byline {
  const b = new BylineBuilder();
  for (const x of [first, second]) {
    for (const a of x.authors) b.author(a);
    for (const c of x.credits) b.credit(c.role, c.name);
    if (x.attribution !== null) b.attribute(x.attribution);
  }
  return b.build();
}
