/**
 * Photos with captions, in whatever markup the CMS used, are found here and
 * emitted by the sanitizer as one `<figure><img><figcaption>` each, so the
 * caption travels with its image (into images[].caption) instead of staying
 * behind as a loose paragraph.
 *
 * Forms handled: Kinhtedothi's layout table (image in the first row, caption
 * in the second: `tr[2]/td`), `table.image`/`table.picture` and any small
 * table holding a single image; existing `<figure>`s; and a wrapper holding
 * one image plus an element whose class names a caption (`.PhotoCMS_Caption`,
 * `.image_desc`, `.wp-caption-text`).
 *
 * Nothing is rewritten in the DOM: the result is a map from the wrapper
 * element to its picture and caption, which the sanitizer consults.
 */
import type { AnyNode, Element } from 'domhandler';
import { findAll, hasAncestor, textOf } from './dom.js';
import { imageSource, type Attrs } from './images.js';
import { normalizeText } from './text.js';

export interface FoundFigure {
  img: Element;
  /** Null when the photo has no caption. */
  caption: string | null;
}
export type Figures = Map<Element, FoundFigure>;

// Beyond this a table is content that happens to hold a picture, not a photo with its caption.
const MAX_CAPTION = 600;
const MAX_PHOTO_TABLE_ROWS = 3;
const CAPTION_CLASS = /caption|desc|chu-?thich|image_note/i;

function usableImages(e: Element, pageUrl: string): Element[] {
  return findAll(e.children, (n) => n.name === 'img' && imageSource(n.attribs as Attrs, pageUrl) !== null);
}

function captionOrNull(text: string): string | null {
  const t = normalizeText(text);
  return t === '' ? null : t;
}

function fromFigure(fig: Element, pageUrl: string, out: Figures): void {
  const imgs = usableImages(fig, pageUrl);
  if (imgs.length !== 1) return;
  const [figcaption] = findAll(fig.children, (n) => n.name === 'figcaption');
  out.set(fig, { img: imgs[0]!, caption: captionOrNull(textOf(figcaption ?? fig)) });
}

function fromTable(table: Element, pageUrl: string, out: Figures): void {
  if (findAll(table.children, (n) => n.name === 'table' || n.name === 'figure').length > 0) return;
  const imgs = usableImages(table, pageUrl);
  if (imgs.length !== 1) return;
  const rows = findAll(table.children, (n) => n.name === 'tr');
  if (rows.length > MAX_PHOTO_TABLE_ROWS) return;
  // With several rows, the caption has rows of its own: words beside the picture make it a data table's cell.
  const pictureRow = rows.find((r) => hasAncestor(imgs[0]!, (a) => a === r));
  if (rows.length > 1 && pictureRow !== undefined && normalizeText(textOf(pictureRow)) !== '') return;
  // The image has no text, so the table's text is the caption row(s).
  const caption = captionOrNull(textOf(table));
  if (caption !== null && caption.length > MAX_CAPTION) return;
  out.set(table, { img: imgs[0]!, caption });
}

function fromCaptionedWrapper(captionEl: Element, pageUrl: string, out: Figures): void {
  const caption = captionOrNull(textOf(captionEl));
  if (caption === null || caption.length > MAX_CAPTION) return;
  // Climb to the nearest ancestor that also holds exactly one picture and no other words.
  let wrap: AnyNode | null = captionEl.parent;
  for (let depth = 0; depth < 3 && wrap !== null && wrap.type === 'tag'; depth++) {
    if (wrap.name === 'figure' || wrap.name === 'table' || out.has(wrap)) return;
    const imgs = usableImages(wrap, pageUrl);
    if (imgs.length > 1) return;
    if (imgs.length === 1) {
      if (normalizeText(textOf(wrap)) === caption) out.set(wrap, { img: imgs[0]!, caption });
      return;
    }
    wrap = wrap.parent;
  }
}

/** Find every captioned photo in the fragment. */
export function findFigures(roots: readonly AnyNode[], pageUrl: string): Figures {
  const out: Figures = new Map();
  const figures: Element[] = [];
  const tables: Element[] = [];
  const captions: Element[] = [];
  findAll(roots, (e) => {
    if (e.name === 'figure') figures.push(e);
    else if (e.name === 'table') tables.push(e);
    else if (CAPTION_CLASS.test(e.attribs.class ?? '')) captions.push(e);
    return false;
  });
  for (const f of figures) fromFigure(f, pageUrl, out);
  // A table nested in another is a photo table at most once: the innermost wins, its wrapper is layout.
  for (const t of tables) fromTable(t, pageUrl, out);
  for (const c of captions) {
    if (!hasAncestor(c, (a) => a.name === 'figure' || out.has(a))) fromCaptionedWrapper(c, pageUrl, out);
  }
  return out;
}
