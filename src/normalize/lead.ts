/**
 * Datelines: the masthead or place a lead starts with (`Kinhtedothi - `,
 * `(Dân trí) - `, `HÀ NỘI - `). Only a parenthesised name, an ALL-CAPS token
 * or a known masthead directly followed by a dash counts: a normal sentence
 * (`Sáng 18/1 - ...`, `Hà Nội - nơi ...`) keeps its first words.
 */
import { normalizeText } from './text.js';

const DASH = String.raw`\s*[-–—]\s*`;

const BUILT_IN: RegExp[] = [
  // Mastheads written in mixed case, so the ALL-CAPS rule cannot catch them.
  new RegExp(String.raw`^\(?(?:Kinhtedothi|KTĐT|Dân trí|VnExpress|VietNamNet|Vietnamnet|VTC News|VTV\.vn|VOV\.VN|VOV|Zing|ZingNews|Tiền Phong|Thanh Niên|Tuổi Trẻ|Lao Động|Người Lao Động|Hànộimới|Hanoimoi|Báo Mới|Infonet|PLO|TPO|NDO|ANTĐ|CAND|QĐND|SGGP|TTXVN|Chinhphu\.vn|Baochinhphu\.vn)\)?${DASH}`, 'iu'),
  // "(Dân trí) - ", "(VTC News) -": any short parenthesised name.
  new RegExp(String.raw`^\([^()\n]{1,40}\)${DASH}`, 'u'),
  // "HÀ NỘI - ", "TP.HCM - ", "ĐÀ NẴNG (TTXVN) - ": every letter upper case, at most five words.
  new RegExp(String.raw`^\p{Lu}[\p{Lu}\p{M}\d.&']+(?:\s+[\p{Lu}\p{M}\d.&']+){0,4}(?:\s*\([^()\n]{1,40}\))?${DASH}`, 'u'),
];

function compile(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => new RegExp(p, 'u'));
}

/**
 * Remove dateline prefixes from a lead. Profile patterns are tried first,
 * then the built-in forms; a lead may carry two ("Kinhtedothi - HÀ NỘI - ").
 */
export function stripDateline(lead: string, profilePatterns: readonly string[]): string {
  const patterns = [...compile(profilePatterns), ...BUILT_IN];
  let text = normalizeText(lead);
  for (let round = 0; round < 3; round++) {
    const re = patterns.find((p) => p.test(text));
    if (!re) break;
    const next = text.replace(re, '').trim();
    // A dateline is a prefix; a lead that is nothing but one is left alone.
    if (next === '' || next === text) break;
    text = next;
  }
  return text;
}
