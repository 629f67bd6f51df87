/**
 * Writes every kind of feed document bantin serves (curated, topic, place, category, source and story feeds,
 * each plain, short, summary, searched, an older page and every copy of each story, in RSS, Atom and JSON Feed,
 * and the OPML) into a folder, and runs the tests' own validators on them. The folder is for validators that are
 * no dependency of the project, such as the W3C Feed Validation Service run offline (README: Feed validators).
 *
 *   npm run feed-docs -- [DIR]     (default corpus/fv-docs, git-ignored)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeArticle } from '../tests/support/articles.js';
import { startTestRedis } from '../tests/support/redis.js';
import { serveStack } from '../tests/serve/harness.js';
import { atomSchemaErrors, feedparser, jsonFeedErrors, xmllintErrors } from '../tests/render/validators.js';

const OUT = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'corpus', 'fv-docs'));
await mkdir(OUT, { recursive: true });
const redis = await startTestRedis();
const stack = serveStack(redis);
const titles = ['Hà Nội khởi công tuyến đường sắt đô thị số 5', 'Giá vàng hôm nay tăng mạnh, vượt mốc 90 triệu & "kỷ lục"', 'Học sinh nghỉ học vì rét <10 độ C>', 'Xuất khẩu nông sản đạt 57 tỷ USD'];
for (let n = 1; n <= 12; n++) {
  const gold = n % 3 === 0;
  await stack.store.upsert(
    makeArticle(n, {
      title: `${titles[n % titles.length]} (${n})`,
      topics: gold ? ['gia-vang', 'kinh-te'] : ['ha-noi'],
      tags: gold ? [{ name: 'Giá vàng', slug: 'gia-vang' }] : [],
      category: gold ? { name: 'Kinh tế', slug: 'kinh-te' } : { name: 'Đô thị', slug: 'do-thi' },
      images: n % 2 === 0 ? [{ url: `https://cdn.kinhtedothi.vn/anh/${n}.jpg`, caption: 'Ảnh minh họa' }] : [],
      credits: n % 4 === 0 ? [{ role: 'photo', name: 'Ngọc Tú' }] : [],
    }),
  );
}
// One story in two copies (a wire story republished), for the story documents.
const wire = 'Sáng nay Ủy ban nhân dân thành phố Hà Nội tổ chức lễ khởi công tuyến đường sắt đô thị số 5 đoạn Văn Cao Hòa Lạc với tổng chiều dài gần 39 km đi qua năm quận huyện và dự kiến hoàn thành vào năm 2030 theo kế hoạch đã được phê duyệt.';
const copyA = makeArticle(101, { url: 'https://kinhtedothi.vn/duong-sat-so-5.html', title: 'Khởi công đường sắt số 5', contentText: wire, contentHtml: `<p>${wire}</p>` });
await stack.store.upsert(copyA);
await stack.store.upsert(makeArticle(102, { url: 'https://kinhtedothi.vn/tin-ttxvn/duong-sat-so-5.html', title: 'Hà Nội khởi công tuyến metro số 5', contentText: wire, contentHtml: `<p>${wire}</p>`, attribution: 'TTXVN', authors: [] }));
const storyId = (await stack.store.get(copyA.id))?.storyId ?? copyA.id;
const r = await stack.replica({ WEBSUB_HUB_URL: 'https://hub.example/' });
// An archive page: the second page of a paged feed, as its next link names it.
const next = /<link[^>]*rel="next"[^>]*href="([^"]+)"/.exec(await (await r.app.request('/feeds/all.atom?limit=3')).text())?.[1];
if (!next) throw new Error('no next link on /feeds/all.atom?limit=3');
const archiveQuery = new URL(next.replace(/&amp;/g, '&')).search;
const paths = [`/stories/${storyId}`, '/feeds/all', '/feeds/ha-noi', '/feeds/kinh-te', '/topics/ha-noi', '/topics/gia-vang', '/categories/kinh-te', '/categories/the-thao', '/sources/kinhtedothi'];
const queries = ['', '?limit=3', '?mode=summary', '?q=gia%20vang', archiveQuery, '?stories=all'];
const xml: string[] = [];
const atom: string[] = [];
let json = 0;
const jsonErrors: string[] = [];
for (const p of paths) {
  for (const q of queries) {
    for (const ext of ['rss', 'atom', 'json']) {
      const res = await r.app.request(`${p}.${ext}${q}`);
      const text = await res.text();
      const name = `${p.slice(1).replace('/', '-')}${q.replace(/[?&=%:+]/g, '_')}.${ext}`;
      await writeFile(path.join(OUT, name), text);
      if (ext === 'json') {
        json++;
        jsonErrors.push(...jsonFeedErrors(text).map((e) => `${name}: ${e}`));
      } else {
        xml.push(text);
        if (ext === 'atom') atom.push(text);
      }
    }
  }
}
for (const format of ['rss', 'atom', 'json']) {
  const text = await (await r.app.request(`/opml?format=${format}`)).text();
  await writeFile(path.join(OUT, `opml-${format}.opml`), text);
  xml.push(text);
}
const fp = await feedparser(xml.filter((t) => !t.includes('<opml')));
process.stdout.write(`${xml.length} XML documents (${atom.length} Atom, 3 OPML), ${json} JSON Feeds written to ${OUT}\n`);
process.stdout.write(`xmllint: ${(await xmllintErrors(xml)) || 'no errors'}\n`);
process.stdout.write(`jing (RFC 4287 RELAX NG): ${(await atomSchemaErrors(atom)) || 'no errors'}\n`);
process.stdout.write(`feedparser bozo: ${fp.filter((d) => d.bozo !== 0).length} of ${fp.length}\n`);
process.stdout.write(`JSON Feed 1.1 schema: ${jsonErrors.length === 0 ? 'no errors' : jsonErrors.join('\n')}\n`);
await r.stop();
await redis.stop();
