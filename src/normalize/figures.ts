/**
 * Photos with captions, in whatever markup the CMS used, become one
 * `<figure><img><figcaption>` each, so the caption travels with its image
 * (into images[].caption) instead of staying behind as a loose paragraph.
 *
 * Forms handled: Kinhtedothi's layout table (image in the first row, caption
 * in the second: `tr[2]/td`), `table.image`/`table.picture` and any table
 * holding a single image; existing `<figure>`s; and a wrapper holding one
 * image plus an element whose class names a caption (`.PhotoCMS_Caption`,
 * `.image_desc`, `.wp-caption-text`).
 */
import type { CheerioAPI, Cheerio } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { imageSource, type Attrs } from './images.js';
import { normalizeText } from './text.js';

// Beyond this a table is content that happens to hold a picture, not a photo with its caption.
const MAX_CAPTION = 600;
const CAPTION_CLASS = /caption|desc|chu-?thich|image_note|imgcaption/i;

function figureHtml($: CheerioAPI, img: Cheerio<Element>, caption: string): string {
  // Attributes stay as found; the sanitizer validates them when it meets the <img>.
  const figure = $('<figure></figure>');
  figure.append(img.clone());
  if (caption !== '') figure.append($('<figcaption></figcaption>').text(caption));
  return $.html(figure);
}

function usableImages($: CheerioAPI, scope: Cheerio<Element>, pageUrl: string): Cheerio<Element> {
  return scope.find('img').filter((_i, img) => imageSource(img.attribs as Attrs, pageUrl) !== null);
}

function textWithout($: CheerioAPI, scope: Cheerio<Element>, drop: string): string {
  const copy = scope.clone();
  copy.find(drop).remove();
  return normalizeText(copy.text());
}

function fromFigure($: CheerioAPI, fig: Cheerio<Element>, pageUrl: string): void {
  const imgs = usableImages($, fig, pageUrl);
  if (imgs.length !== 1) return;
  const captionEl = fig.find('figcaption').first();
  const caption = captionEl.length > 0 ? normalizeText(captionEl.text()) : textWithout($, fig, 'img');
  fig.replaceWith(figureHtml($, imgs.first(), caption));
}

function fromTable($: CheerioAPI, table: Cheerio<Element>, pageUrl: string): void {
  if (table.find('figure, table').length > 0) return;
  const imgs = usableImages($, table, pageUrl);
  if (imgs.length !== 1) return;
  const rows = table.find('tr');
  if (rows.length > 3) return;
  const caption = textWithout($, table, 'img');
  if (caption.length > MAX_CAPTION) return;
  table.replaceWith(figureHtml($, imgs.first(), caption));
}

function fromCaptionedWrapper($: CheerioAPI, captionEl: Cheerio<Element>, pageUrl: string): void {
  // Climb to the nearest ancestor that also holds exactly one picture and nothing else but the caption.
  let wrap = captionEl.parent();
  for (let depth = 0; depth < 3 && wrap.length > 0 && !wrap.is('figure, table, body'); depth++) {
    const imgs = usableImages($, wrap, pageUrl);
    if (imgs.length > 1) return;
    if (imgs.length === 1) {
      const caption = normalizeText(captionEl.text());
      const other = normalizeText(wrap.text()).replace(caption, '').trim();
      if (other === '' && caption.length <= MAX_CAPTION) wrap.replaceWith(figureHtml($, imgs.first(), caption));
      return;
    }
    wrap = wrap.parent();
  }
}

/** Rewrite every captioned photo in the fragment to the one figure form. */
export function unifyFigures($: CheerioAPI, pageUrl: string): void {
  $('figure').each((_i, el) => fromFigure($, $(el), pageUrl));
  // Innermost tables first, so a layout table around a photo table sees a figure, not an image.
  $('table')
    .get()
    .reverse()
    .forEach((el) => fromTable($, $(el), pageUrl));
  $('[class]')
    .filter((_i, el) => CAPTION_CLASS.test(el.attribs.class ?? '') && !$(el).is('figure, figure *, figcaption'))
    .each((_i, el) => {
      if (el.parent !== null) fromCaptionedWrapper($, $(el), pageUrl);
    });
}
