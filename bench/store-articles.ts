/**
 * Articles for `npm run bench:store`: realistic records whose bodies are
 * 4–15 KB of Vietnamese HTML each (its plain text beside it, as the
 * normalizer stores both), varied: sentences of real text, shuffled and
 * recombined per article with a seeded PRNG, never one repeated within an
 * article, so compression sees what it would on real news rather than a
 * repeated paragraph. The sentences come from the text the project ships
 * (tests/fixtures), or from a JSONL corpus ({"id","title","text"} a line).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { articleSchema, EXTRACTED_FIELDS, type Article } from '../src/core/article.js';
import { toVnIso } from '../src/core/time.js';

export const BODY_MIN_BYTES = 4 * 1024;
export const BODY_MAX_BYTES = 15 * 1024;
const MIN_SENTENCE = 20;

/** mulberry32: small, fast, and the same articles for the same seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentencesOf(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=[.!?…"”])\s+(?=[\p{Lu}"“(])/u))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length >= MIN_SENTENCE);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const unescapeHtml = (s: string): string => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Distinct sentences of the fixture texts: expected records of the fixture pages, golden records, fixture site and onboard paragraphs. */
export function fixtureSentences(root: string): string[] {
  const out = new Set<string>();
  for (const file of files(path.join(root, 'tests/fixtures'))) {
    const s = readFileSync(file, 'utf8');
    if (file.endsWith('.json') && (file.endsWith('.expected.json') || file.includes(`${path.sep}records${path.sep}`))) {
      try {
        const a = JSON.parse(s) as { lead?: unknown; contentText?: unknown };
        for (const t of [a.lead, a.contentText]) if (typeof t === 'string') for (const x of sentencesOf(t)) out.add(x);
      } catch {
        // Not a record.
      }
    } else if (file.endsWith('.html')) {
      for (const m of s.matchAll(/<p[^>]*>([^<]{20,})<\/p>/g)) for (const x of sentencesOf(unescapeHtml(m[1] ?? ''))) out.add(x);
    }
  }
  return [...out];
}

/** Distinct sentences of a JSONL corpus. */
export function corpusSentences(file: string): string[] {
  const out = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { text?: unknown };
    if (typeof row.text === 'string') for (const x of sentencesOf(row.text)) out.add(x);
  }
  return [...out];
}

const SOURCES = ['kinhtedothi', 'phapluatxahoi', 'thitruongtaichinh'] as const;
/** Topic slugs and names, the first ones far more common (as sections and places are). */
const TOPICS: [string, string][] = [
  ['ha-noi', 'Hà Nội'], ['kinh-te', 'Kinh tế'], ['xa-hoi', 'Xã hội'], ['tp-ho-chi-minh', 'TP Hồ Chí Minh'], ['thoi-su', 'Thời sự'],
  ['do-thi', 'Đô thị'], ['giao-thong', 'Giao thông'], ['bat-dong-san', 'Bất động sản'], ['tai-chinh', 'Tài chính'], ['chung-khoan', 'Chứng khoán'],
  ['giao-duc', 'Giáo dục'], ['y-te', 'Y tế'], ['van-hoa', 'Văn hóa'], ['the-thao', 'Thể thao'], ['phap-luat', 'Pháp luật'],
  ['da-nang', 'Đà Nẵng'], ['hai-phong', 'Hải Phòng'], ['bac-ninh', 'Bắc Ninh'], ['quang-ninh', 'Quảng Ninh'], ['can-tho', 'Cần Thơ'],
  ['nong-nghiep', 'Nông nghiệp'], ['du-lich', 'Du lịch'], ['moi-truong', 'Môi trường'], ['cong-nghe', 'Công nghệ'], ['quoc-te', 'Quốc tế'],
  ['hdnd', 'HĐND'], ['xay-dung-dang', 'Xây dựng Đảng'], ['vang', 'Vàng'], ['xang-dau', 'Xăng dầu'], ['ngan-hang', 'Ngân hàng'],
];
const CATEGORIES: [string, string][] = [
  ['thoi-su', 'Thời sự'], ['kinh-te', 'Kinh tế'], ['xa-hoi', 'Xã hội'], ['do-thi', 'Đô thị'], ['phap-luat', 'Pháp luật'], ['van-hoa', 'Văn hóa'],
  ['giao-duc', 'Giáo dục'], ['suc-khoe', 'Sức khỏe'], ['the-thao', 'Thể thao'], ['the-gioi', 'Thế giới'],
];
const AUTHORS = ['Trần Long', 'Phạm Hùng', 'Nguyễn Thị Lan', 'Lê Hải', 'Hoàng Minh Tuấn', 'Vũ Thu Hà', 'Đỗ Quang', 'Bùi Ngọc Anh', 'Phương Linh', 'Minh Châu'];
const BASE_MS = Date.parse('2025-01-01T00:00:00+07:00');

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
/** Skewed towards the head of the list: index ~ N·u². */
const pickSkewed = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * rnd() * list.length)] as T;
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slugOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

export interface ArticleMaker {
  article(n: number): Article;
}

export function articleMaker(sentences: readonly string[], seed: number, body = { minBytes: BODY_MIN_BYTES, maxBytes: BODY_MAX_BYTES }): ArticleMaker {
  if (sentences.length < 50) throw new Error(`too few sentences to build bodies from (${sentences.length})`);
  const order = Array.from(sentences.keys());
  return {
    article(n) {
      const rnd = prng(seed * 1_000_003 + n);
      const target = body.minBytes + Math.floor(rnd() * (body.maxBytes - body.minBytes));
      // A partial Fisher–Yates shuffle: each sentence at most once in an article.
      let next = 0;
      const draw = (): string | null => {
        if (next >= order.length) return null;
        const j = next + Math.floor(rnd() * (order.length - next));
        [order[next], order[j]] = [order[j] as number, order[next] as number];
        return sentences[order[next++] as number] as string;
      };
      const title = (draw() as string).replace(/[.…]$/, '').slice(0, 140);
      const lead = draw() as string;
      const source = SOURCES[n % SOURCES.length] as string;
      const id = createHash('sha256').update(`https://${source}.vn/${n}`).digest('hex').slice(0, 16);
      const url = `https://${source}.vn/${slugOf(title)}-${n}.html`;
      const paragraphs: string[] = [];
      const images: Article['images'] = [];
      let html = '';
      while (Buffer.byteLength(html) < target) {
        const count = 2 + Math.floor(rnd() * 4);
        const parts: string[] = [];
        for (let i = 0; i < count; i++) {
          const s = draw();
          if (s !== null) parts.push(s);
        }
        if (parts.length === 0) break;
        const p = parts.join(' ');
        paragraphs.push(p);
        html += `${html === '' ? '' : '\n'}<p>${escapeText(p)}</p>`;
        if (images.length < 3 && rnd() < 0.12) {
          const caption = rnd() < 0.6 ? `Ảnh: ${pick(rnd, AUTHORS)}` : null;
          const src = `https://static.${source}.vn/w960/images/upload/2025/${String(1 + (n % 12)).padStart(2, '0')}/${String(1 + (n % 28)).padStart(2, '0')}/${id}-${images.length}.jpg`;
          images.push({ url: src, caption });
          html += `\n<figure><img src="${src}" alt=""><figcaption>${caption === null ? '' : escapeText(caption)}</figcaption></figure>`;
        }
      }
      const section = pickSkewed(rnd, TOPICS);
      const tags = Array.from({ length: Math.floor(rnd() * 3) }, () => pickSkewed(rnd, TOPICS)).filter(([s]) => s !== section[0]);
      const topics = [...new Set([section[0], ...tags.map(([s]) => s)])];
      const category = rnd() < 0.9 ? pickSkewed(rnd, CATEGORIES) : null;
      const publishedMs = BASE_MS + n * 97_000;
      const authors = rnd() < 0.15 ? [] : [pick(rnd, AUTHORS), ...(rnd() < 0.2 ? [pick(rnd, AUTHORS)] : [])];
      return articleSchema.parse({
        id,
        url,
        source,
        title,
        lead,
        authors: [...new Set(authors)],
        credits: images.length > 0 && rnd() < 0.5 ? [{ role: 'photo', name: pick(rnd, AUTHORS) }] : [],
        attribution: rnd() < 0.1 ? 'Theo TTXVN' : null,
        publishedAt: toVnIso(publishedMs),
        updatedAt: rnd() < 0.2 ? toVnIso(publishedMs + 3_600_000) : null,
        section: { name: section[1], slug: section[0] },
        tags: [...new Map(tags.map(([slug, name]) => [slug, { name, slug }])).values()],
        topics,
        category: category === null ? null : { name: category[1], slug: category[0] },
        contentHtml: html,
        contentText: paragraphs.join('\n\n'),
        images,
        language: 'vi',
        contentHash: createHash('sha256').update(`${title}\n${n}`).digest('hex'),
        fetchedAt: toVnIso(publishedMs + 300_000),
        extraction: Object.fromEntries(EXTRACTED_FIELDS.map((f) => [f, f === 'updatedAt' ? 'none' : 'profile'])),
      });
    },
  };
}
