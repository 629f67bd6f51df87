/**
 * The benchmark's fixture site: N article pages in Kinhtedothi's older-CMS
 * markup and one RSS feed listing them all, served from memory on 127.0.0.1.
 *
 * Each page is an article of its own, as on a real feed: its title, sapo,
 * byline, date, tags and 4–15 KB body are built as the store bench's
 * articles are (bench/store-articles.ts: sentences drawn per article with a
 * seeded PRNG), from sentences a word-pair chain of the fixture texts writes
 * (SENTENCE_POOL of them). The fixtures hold only about 170 sentences: drawn
 * as they are, any two pages would share a tenth of their text, and story
 * assignment would compare nearly every article with stored ones, as the
 * old bench (one seed article on every page) made it do. Chained sentences
 * keep the fixtures' words and sentence lengths, and each article then swaps
 * a share of its words (SWAPPED_WORDS) for other words of the fixtures, as
 * different stories use different names, places and numbers: so two
 * articles share few four-word shingles, as distinct stories do, and
 * the text stays real Vietnamese syllables for the parser and the
 * compressor. About one page in ten (REPUBLISHED_SHARE) is a
 * republished copy of an earlier page, the same article under a URL of its
 * own, so story assignment meets near-duplicates about as often as it does
 * on a real site rather than on every article.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Article } from '../src/core/article.js';
import { articleMaker, fixtureSentences, prng } from './store-articles.js';

const SEED = 'ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156';
const SEED_TITLE = 'Hà Nội tạo bước đột phá mới trong công tác cán bộ';
const BODY_SEED = 11;
export const REPUBLISHED_SHARE = 0.1;
/**
 * Fixture sentences no article would hold: the 404 and login-wall fixtures' text (as a title it
 * would make the page a 404 page) and one deliberately mis-decoded fixture's mojibake.
 */
const NOT_PROSE = /\uFFFD|404|không tìm thấy|không tồn tại|trang bạn tìm|đăng nhập|đăng ký/iu;
const SENTENCE_POOL = 60_000;
const SWAPPED_WORDS = 0.5;
const MIN_WORDS = 10;
const MAX_WORDS = 45;

/** Sentences written by a first-order chain over the words of `sentences`: each word followed by one that follows it there. */
function chainSentences(sentences: readonly string[], count: number, rnd: () => number): string[] {
  const END = '';
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const s of sentences) {
    const words = s.split(' ');
    starts.push(words[0] as string);
    words.forEach((w, i) => {
      const list = next.get(w) ?? [];
      list.push(words[i + 1] ?? END);
      next.set(w, list);
    });
  }
  const out: string[] = [];
  while (out.length < count) {
    const words = [starts[Math.floor(rnd() * starts.length)] as string];
    for (;;) {
      const list = next.get(words.at(-1) as string) ?? [END];
      const w = list[Math.floor(rnd() * list.length)] as string;
      if (w === END || words.length >= MAX_WORDS) break;
      words.push(w);
    }
    if (words.length >= MIN_WORDS) out.push(words.join(' '));
  }
  return out;
}

export interface IngestSite {
  origin: string;
  paths: string[];
  /** How many of the pages are republished copies of an earlier one. */
  republished: number;
  /** The page bodies, for timing extraction alone. */
  page(p: string): Buffer;
  close(): Promise<void>;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page's date as Kinhtedothi prints it (dd-mm-yyyy HH:MM, Vietnam time, which toVnIso already wrote out). */
function vnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) throw new Error(`not an ISO time: ${iso}`);
  return `${m[3]}-${m[2]}-${m[1]} ${m[4]}:${m[5]}`;
}

/** The body in the CMS's markup: paragraphs, and images as its captioned tables. */
function bodyHtml(a: Article): string {
  const paragraphs = a.contentText.split('\n\n').map((p) => `<p>${escapeHtml(p)}</p>`);
  const every = Math.max(2, Math.floor(paragraphs.length / (a.images.length + 1)));
  a.images.forEach((img, i) => {
    const caption = img.caption === null ? '' : `\n<tr><td class="image_desc">${escapeHtml(img.caption)}</td></tr>`;
    const table = `<table class="image center" align="center" cellspacing="0" cellpadding="3">\n<tbody>\n<tr><td><img src="${img.url}" alt="${escapeHtml(a.title)}" width="640" height="427"></td></tr>${caption}\n</tbody>\n</table>`;
    paragraphs.splice(Math.min(paragraphs.length, every * (i + 1) + i), 0, table);
  });
  return paragraphs.join('\n');
}

function pageHtml(template: string, origin: string, slug: string, a: Article): string {
  const head = template.slice(0, template.indexOf('<div id="cotent_detail">'));
  const tail = template.slice(template.indexOf('<div class="box_guests">'));
  const byline = a.authors.length === 0 ? '' : `${a.authors.join(', ')}${a.credits.length > 0 ? ` - Ảnh: ${a.credits.map((c) => c.name).join(', ')}` : ''}`;
  const tags = a.tags.map((t) => `<a href="{{BASE}}/tag/${t.slug}">${escapeHtml(t.name)}</a>`).join(' ');
  const category = a.category ?? { name: 'Thời sự', slug: 'thoi-su' };
  return `${head}<div id="cotent_detail">\n${bodyHtml(a)}\n  </div>\n  ${tail}`
    .replace(/<div class="tag_detail"><span>Tags:<\/span>.*<\/div>/, `<div class="tag_detail"><span>Tags:</span> ${tags}</div>`)
    .replace('<a href="{{BASE}}/thoi-su">Thời sự</a>', `<a href="{{BASE}}/${category.slug}">${escapeHtml(category.name)}</a>`)
    .replace(/<span class="name_author">[^<]*<\/span>/, `<span class="name_author">${escapeHtml(byline)}</span>`)
    .replace(/<div class="time_detail_news">[^<]*<\/div>/, `<div class="time_detail_news">${vnDate(a.publishedAt)}</div>`)
    .replace(/<div class="sapo_detail">[^<]*<\/div>/, `<div class="sapo_detail">Kinhtedothi - ${escapeHtml(a.lead)}</div>`)
    .replaceAll(SEED_TITLE, escapeHtml(a.title))
    .replaceAll(SEED, slug)
    .replaceAll('{{BASE}}', origin);
}

/** The article with a share of its word types swapped, the same way throughout it, for other words of `vocabulary`. */
function reworded(a: Article, vocabulary: readonly string[], rnd: () => number): Article {
  const swap = new Map<string, string>();
  const word = (w: string): string => {
    let to = swap.get(w);
    if (to === undefined) {
      to = rnd() < SWAPPED_WORDS ? (vocabulary[Math.floor(rnd() * vocabulary.length)] as string) : w;
      swap.set(w, to);
    }
    return to;
  };
  const text = (t: string): string => t.replace(/[^\s.,;:!?“”"()]+/gu, word);
  return { ...a, title: text(a.title), lead: text(a.lead), contentText: a.contentText.split('\n\n').map(text).join('\n\n') };
}

export async function startIngestSite(root: string, count: number): Promise<IngestSite> {
  const template = await readFile(path.join(root, 'tests/fixtures/site', `${SEED}.html`), 'utf8');
  const rnd = prng(BODY_SEED);
  const sentences = fixtureSentences(root).filter((s) => !NOT_PROSE.test(s));
  const vocabulary = [...new Set(sentences.flatMap((s) => s.split(/[\s.,;:!?“”"()]+/u)).filter((w) => w !== ''))];
  const maker = articleMaker(chainSentences(sentences, SENTENCE_POOL, rnd), BODY_SEED);
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const pages = new Map<string, Buffer>();
  const paths: string[] = [];
  const originals: Article[] = [];
  let republished = 0;
  for (let n = 1; n <= count; n++) {
    const slug = `ha-noi-bai-so-${n}-${400000 + n}`;
    const p = `/${slug}.html`;
    let article: Article;
    if (originals.length > 10 && rnd() < REPUBLISHED_SHARE) {
      article = originals[Math.floor(rnd() * originals.length)] as Article;
      republished++;
    } else {
      article = reworded(maker.article(n), vocabulary, prng(BODY_SEED * 7919 + n));
      originals.push(article);
    }
    pages.set(p, Buffer.from(pageHtml(template, origin, slug, article)));
    paths.push(p);
  }
  const items = paths.map((p, i) => `<item><title>Bài ${(i + 1).toString(36)}</title><link>${origin}${p}</link><guid>${origin}${p}</guid></item>`).join('\n');
  const rss = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title><link>${origin}/</link><description>bench</description>${items}</channel></rss>`);

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const body = url.pathname === '/rss/home.rss' ? rss : pages.get(url.pathname);
    if (url.pathname === '/robots.txt' || body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': url.pathname.endsWith('.rss') ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
  return {
    origin,
    paths,
    republished,
    page: (p) => pages.get(p) ?? Buffer.alloc(0),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
