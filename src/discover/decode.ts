/** XML bytes to text by the charset the fetcher found (header, BOM or XML declaration); UTF-8 otherwise. */
import { TextDecoder } from 'node:util';

export function decodeXml(body: Buffer, charset: string | null): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body);
}
