/**
 * Strip rules: blocks inside the body container that every sampled page
 * repeats word for word are the site's furniture (share bars, "follow us on
 * Zalo", ad slots), not the article. Each becomes a `strip` selector when a
 * stable one names it; blocks holding a learned field's element, and media
 * blocks whose markup differs (a figure always captioned "Ảnh minh họa"),
 * are left alone.
 */
import type { Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Doc } from '../extract/index.js';
import { normalizeText } from '../normalize/index.js';
import { ownSelectors } from './candidates.js';

export interface StripPage {
  doc: Doc;
}

type Nodes = Cheerio<AnyNode>;

const MEDIA = 'img, picture, video, iframe, audio, figure';

interface Block {
  text: string;
  html: string;
  media: boolean;
}

function container(page: StripPage, bodySelector: string): Nodes | null {
  const found = page.doc(bodySelector).filter((_, el) => normalizeText(page.doc(el).text()) !== '').first();
  return found.length > 0 ? found : null;
}

/** What `selector` matches inside the body, as one block; null when it matches nothing or touches a protected element. */
function blockAt(page: StripPage, body: Nodes, selector: string, protect: readonly string[]): Block | null {
  const nodes = body.find(selector);
  if (nodes.length === 0) return null;
  for (const p of protect) if (nodes.is(p) || nodes.find(p).length > 0 || nodes.closest(p).length > 0) return null;
  const $ = page.doc;
  return {
    text: normalizeText(nodes.text()),
    html: nodes.toArray().map((el) => $.html(el)).join(''),
    media: nodes.is(MEDIA) || nodes.find(MEDIA).length > 0,
  };
}

function sameBlock(a: Block, b: Block): boolean {
  if (a.text !== b.text) return false;
  // Same words but different pictures is content (a stock caption), not furniture; empty blocks compare by markup.
  return a.media || a.text === '' ? a.html === b.html : true;
}

/** Drop rules whose blocks sit inside another rule's, or that name the same block as an earlier rule. */
function outermost(page: StripPage, body: Nodes, selectors: string[]): string[] {
  const sets = selectors.map((s) => body.find(s).toArray());
  return selectors.filter((_, i) => {
    const own = sets[i] ?? [];
    return !selectors.some((outer, j) => {
      const other = sets[j] ?? [];
      if (j === i) return false;
      if (other.length === own.length && own.every((n) => other.includes(n))) return j < i;
      return own.every((n) => page.doc(n).parents().is(outer));
    });
  });
}

/**
 * Strip selectors for blocks repeated inside the body on every page.
 * `protect`: the learned field selectors, whose elements must survive.
 */
export function repeatedBlocks(pages: readonly StripPage[], bodySelector: string, protect: readonly string[] = []): string[] {
  // On one page everything "repeats"; it takes two to tell furniture from content.
  if (pages.length < 2) return [];
  const bodies = pages.map((p) => container(p, bodySelector));
  if (bodies.some((b) => b === null)) return [];
  const [first, ...rest] = pages;
  const firstBody = bodies[0];
  if (!first || !firstBody) return [];

  const candidates = new Set<string>();
  for (const el of firstBody.find('*').toArray()) {
    if (el.type !== 'tag') continue;
    for (const c of ownSelectors(el as Element)) candidates.add(c.selector);
  }
  const chosen: string[] = [];
  for (const selector of candidates) {
    const reference = blockAt(first, firstBody, selector, protect);
    if (reference === null) continue;
    const everywhere = rest.every((page, k) => {
      const block = blockAt(page, bodies[k + 1]!, selector, protect);
      return block !== null && sameBlock(reference, block);
    });
    if (everywhere) chosen.push(selector);
  }
  return outermost(first, firstBody, chosen);
}
