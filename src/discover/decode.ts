/** XML bytes to text by the charset the fetcher found (header, XML declaration or BOM; always one TextDecoder knows); UTF-8 otherwise. */
import { TextDecoder } from 'node:util';

export function decodeXml(body: Buffer, charset: string | null): string {
  return new TextDecoder(charset ?? 'utf-8').decode(body);
}
