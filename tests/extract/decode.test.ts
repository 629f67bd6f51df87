/** Charset: header, then <meta>, then BOM, then UTF-8; windows-1258 decodes to the same words. */
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/extract/index.js';
import { pageBytes } from './pages.js';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('decodeHtml', () => {
  it.each([
    ['header charset wins over meta', latin1('<meta charset="utf-8"><p>caf\xe9</p>'), 'text/html; charset=ISO-8859-1', 'café'],
    ['meta charset when the header has none', latin1('<meta charset="iso-8859-1"><p>caf\xe9</p>'), 'text/html', 'café'],
    ['http-equiv content type (windows-1258)', latin1('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258"><p>H\xe0 N\xf4\xf2i</p>'), null, 'Hà Nội'],
    ['unknown header label falls through to meta', latin1('<meta charset="iso-8859-1"><p>caf\xe9</p>'), 'text/html; charset=bogus-charset', 'café'],
    ['BOM when nothing is declared', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('<p>Hà Nội</p>')]), null, 'Hà Nội'],
    ['UTF-8 by default', utf8('<p>Hà Nội</p>'), null, 'Hà Nội'],
  ])('%s', (_name, bytes, header, word) => {
    expect(decodeHtml(bytes, header).normalize('NFC')).toContain(word);
  });

  it('reads the windows-1258 fixture page into the same words as UTF-8 would give', async () => {
    const text = decodeHtml(await pageBytes('kinhtedothi-windows-1258'), null);
    expect(text.normalize('NFC')).toContain('Hà Nội khởi công cải tạo nút giao Kim Liên - Ô Chợ Dừa');
    // windows-1258 spells most toned vowels as letter + combining mark: the raw text is not NFC.
    expect(text).not.toContain('Hà Nội khởi công');
  });
});
