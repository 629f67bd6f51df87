/** Page bytes to text: see core/charset for how the charset is found (Node 20's full ICU decodes windows-1258). */
import { decodeBytes } from '../core/charset.js';

export function decodeHtml(body: Buffer, headerContentType: string | null): string {
  return decodeBytes(body, headerContentType);
}
