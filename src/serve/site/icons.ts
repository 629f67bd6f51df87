/**
 * The service's icon, drawn here rather than kept as binary files: a red
 * rounded square with three lines of "text". The same shapes make the SVG,
 * the PNGs (manifest, feeds) and favicon.ico (PNG inside ICO), so they match.
 */
import { crc32, deflateSync } from 'node:zlib';

export const ICON_RED = '#b3261e';
const RED = [0xb3, 0x26, 0x1e] as const;
/** Rectangles in a 1×1 square: the rounded background, then the white lines. */
const RADIUS = 0.2;
const LINES = [
  { x0: 0.22, x1: 0.78, y0: 0.25, y1: 0.37 },
  { x0: 0.22, x1: 0.78, y0: 0.44, y1: 0.56 },
  { x0: 0.22, x1: 0.58, y0: 0.63, y1: 0.75 },
];

export function iconSvg(): string {
  const pct = (n: number): string => String(Math.round(n * 64 * 100) / 100);
  const lines = LINES.map((l) => `<rect x="${pct(l.x0)}" y="${pct(l.y0)}" width="${pct(l.x1 - l.x0)}" height="${pct(l.y1 - l.y0)}" rx="2" fill="#fff"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="${pct(RADIUS)}" fill="${ICON_RED}"/>${lines.join('')}</svg>\n`;
}

function insideRounded(u: number, v: number): boolean {
  const cx = Math.min(Math.max(u, RADIUS), 1 - RADIUS);
  const cy = Math.min(Math.max(v, RADIUS), 1 - RADIUS);
  return (u - cx) ** 2 + (v - cy) ** 2 <= RADIUS ** 2;
}

const onLine = (u: number, v: number): boolean => LINES.some((l) => u >= l.x0 && u < l.x1 && v >= l.y0 && v < l.y1);

/** RGBA rows, each with PNG's filter byte (0) in front; 4×4 samples a pixel for smooth edges. */
function pixels(size: number): Buffer {
  const out = Buffer.alloc(size * (size * 4 + 1));
  const n = 4;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) {
      let cover = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = (x + (sx + 0.5) / n) / size;
          const v = (y + (sy + 0.5) / n) / size;
          if (!insideRounded(u, v)) continue;
          cover++;
          if (onLine(u, v)) white++;
        }
      }
      const o = row + 1 + x * 4;
      const w = cover === 0 ? 0 : white / cover;
      out[o] = Math.round(RED[0] + (255 - RED[0]) * w);
      out[o + 1] = Math.round(RED[1] + (255 - RED[1]) * w);
      out[o + 2] = Math.round(RED[2] + (255 - RED[2]) * w);
      out[o + 3] = Math.round((255 * cover) / (n * n));
    }
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function iconPng(size: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels(size))), chunk('IEND', Buffer.alloc(0))]);
}

/** An ICO holding PNGs (every browser since IE 9 reads those). */
export function faviconIco(sizes: readonly number[] = [16, 32, 48]): Buffer {
  const images = sizes.map(iconPng);
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map((png, i) => {
    const e = Buffer.alloc(16);
    const size = sizes[i] ?? 0;
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images]);
}
