/**
 * Syllable codes (src/store/syllable-codes.ts), the step before deflate in
 * record layout 3: any well-formed text comes back exactly, the codebook
 * never changes under stored records, and bytes it cannot have written are
 * a corrupt record, not a wrong one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../src/core/article.js';
import { CorruptRecordError } from '../../src/core/errors.js';
import { bodyBytes, decodeRecord, deflateBody } from '../../src/store/record-codec.js';
import { RECORD_DICTIONARY_BASE64 } from '../../src/store/record-dictionary.js';
import { codebookWords, decodeSyllables, encodeSyllables, SyllableCodeError } from '../../src/store/syllable-codes.js';
import { ROOT } from '../support/config-copy.js';

const seed = articleSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/records/kinhtedothi-2019-01-18.json'), 'utf8')));
const roundTrip = (s: string): string => decodeSyllables(encodeSyllables(s));

/** A seeded generator of text from every kind of character: ASCII, Vietnamese letters, other scripts, emoji. */
function randomText(seedValue: number, length: number): string {
  let x = seedValue;
  const next = (): number => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
  const pools = ['abcdeghiklmnopqrstuvxy ', 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ', 'ÀĐÊƠƯỆỮ', '.,;:!?"\'()[]{}<>/\\&\n\t', 'ßǅﬁİ×÷中文한국어Ωж', '😀🇻🇳𝄞'];
  let out = '';
  while (out.length < length) {
    const pool = [...(pools[Math.floor(next() * pools.length)] as string)];
    out += pool[Math.floor(next() * pool.length)] as string;
  }
  return out;
}

describe('syllable codes', () => {
  it('give back exactly what they were given: real text in every case and form, and random text of every kind of character', () => {
    for (const s of [seed.contentText, seed.contentText.toUpperCase(), seed.contentText.toLowerCase(), seed.contentText.normalize('NFD'), seed.contentHtml, '']) {
      expect(roundTrip(s)).toBe(s);
    }
    for (let i = 0; i < 300; i++) {
      const s = randomText(i + 1, 1 + (i % 97) * 7);
      expect(roundTrip(s), JSON.stringify(s)).toBe(s);
    }
  });

  it('code a Vietnamese syllable in at most two bytes, capitalized or not', () => {
    for (const w of ['người', 'Người', 'nghiêng', 'Nghiêng', 'thuỷ', 'thủy', 'Đảng', 'quyết']) {
      expect(encodeSyllables(w).length, w).toBeLessThanOrEqual(w.startsWith('N') || w.startsWith('Đ') ? 3 : 2);
    }
    // Not a syllable: kept letter by letter.
    expect(encodeSyllables('Trump').toString('latin1')).toBe('Trump');
  });

  it('keep the codebook that stored records were written with', () => {
    const words = codebookWords();
    expect(words.length).toBe(20332);
    // Part of the stored layout (record-codec.ts): a change here makes every layout-3 record unreadable.
    expect(createHash('sha256').update(words.join('\n')).digest('hex')).toBe('791a4da1ec165866de8bab3f6f5710c66cc38e7fd04c54a95fbc5d49d39226dd');
  });

  it('make the seed article\'s body smaller than layout 2 did', () => {
    const layout2 = zlib.deflateRawSync(bodyBytes(seed), { level: 6, dictionary: Buffer.from(RECORD_DICTIONARY_BASE64, 'base64') });
    expect(deflateBody(seed).length).toBeLessThan(layout2.length);
  });

  it('refuse bytes they cannot have written, and the codec calls such a record corrupt', () => {
    // Cut codes, a code past the codebook, and literals that are no shortest UTF-8 of a character (overlong, a
    // surrogate, past U+10FFFF): what corrupt bytes inflate to.
    const cases = [[0xfe], [0xfe, 0x41], [0xa0], [0xff, 0x41], [0xff, 0xe1, 0xbb], [0xfd, 0xff], [0xff, 0xc1, 0x81], [0xff, 0xc0, 0x80], [0xff, 0xe0, 0x80, 0x80], [0xff, 0xed, 0xa0, 0x80], [0xff, 0xf4, 0x90, 0x80, 0x80]];
    for (const bad of cases) {
      expect(() => decodeSyllables(Uint8Array.from(bad)), JSON.stringify(bad)).toThrow(SyllableCodeError);
    }
    const header = Buffer.from(JSON.stringify({ id: seed.id, url: seed.url }));
    const body = zlib.deflateRawSync(Buffer.concat([Buffer.alloc(8), Buffer.of(0xfe)]), {
      dictionary: Buffer.from(encodeSyllables(Buffer.from(RECORD_DICTIONARY_BASE64, 'base64').toString('utf8'))),
    });
    const value = Buffer.concat([Buffer.of(3), header, Buffer.of(0x0a), body]);
    expect(() => decodeRecord('bt:article:x', value)).toThrow(CorruptRecordError);
    expect(() => decodeRecord('bt:article:x', value)).toThrow(/syllable codes/);
  });
});
