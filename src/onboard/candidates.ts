/**
 * The CSS selectors that could name one element, from the most stable kind
 * to the least: a stable id, a semantic attribute (itemprop, rel, a meta's
 * property), a class, a class of an ancestor plus the tag, the bare tag, and
 * last a position path. A profile outlives redesigns of a page's layout far
 * better when it names what an element *is* than where it sits.
 */
import type { Element } from 'domhandler';

export const TIERS = ['id', 'attribute', 'class', 'scoped', 'tag', 'position'] as const;
export type Tier = (typeof TIERS)[number];

export interface Candidate {
  selector: string;
  tier: Tier;
}

/** Identifiers a selector can name without escaping; anything else (Tailwind's `md:flex`) is skipped. */
const PLAIN_NAME = /^-?[_a-zA-Z][_a-zA-Z0-9-]*$/;
/** A run of digits marks a per-article id or class (`post-332156`, `story-10234`): never the same on the next page. */
const PER_ARTICLE = /\d{3,}/;
/** Attributes that say what an element is, not how it looks. */
const SEMANTIC_ATTRS = ['itemprop', 'rel'] as const;
/** How far up an ancestor may be to scope a selector (`div.tags a`). */
const SCOPE_DEPTH = 4;
/** Position paths longer than this are too brittle to be worth writing down. */
const POSITION_DEPTH = 6;

export function stableName(name: string | undefined): name is string {
  return name !== undefined && PLAIN_NAME.test(name) && !PER_ARTICLE.test(name);
}

export function stableClasses(el: Element): string[] {
  return (el.attribs.class ?? '').split(/\s+/).filter((c) => stableName(c));
}

function parentElement(el: Element): Element | null {
  const parent = el.parent;
  return parent !== null && parent.type === 'tag' ? (parent as Element) : null;
}

/** Selectors naming the element itself, without context: `div#main`, `[itemprop="name"]`, `h1.title`. */
export function ownSelectors(el: Element): Candidate[] {
  const tag = el.name;
  const out: Candidate[] = [];
  if (stableName(el.attribs.id)) out.push({ selector: `${tag}#${el.attribs.id}`, tier: 'id' });
  for (const attr of SEMANTIC_ATTRS) {
    const value = el.attribs[attr]?.trim();
    if (value && /^[\w:. -]+$/.test(value)) out.push({ selector: `${tag}[${attr}="${value}"]`, tier: 'attribute' });
  }
  if (tag === 'meta') {
    for (const attr of ['property', 'name'] as const) {
      const value = el.attribs[attr]?.trim();
      if (value && /^[\w:.-]+$/.test(value)) out.push({ selector: `meta[${attr}="${value}"]`, tier: 'attribute' });
    }
  }
  for (const c of stableClasses(el)) out.push({ selector: `${tag}.${c}`, tier: 'class' });
  return out;
}

/** The selector that anchors a scoped or positional one: the ancestor's id or its first stable class. */
function anchorOf(el: Element): string | null {
  if (stableName(el.attribs.id)) return `${el.name}#${el.attribs.id}`;
  const c = stableClasses(el)[0];
  return c === undefined ? null : `${el.name}.${c}`;
}

function scopedSelectors(el: Element): Candidate[] {
  const out: Candidate[] = [];
  let up = parentElement(el);
  for (let depth = 0; up !== null && depth < SCOPE_DEPTH; depth++, up = parentElement(up)) {
    const tag = up.name;
    const anchors = [...(stableName(up.attribs.id) ? [`${tag}#${up.attribs.id}`] : []), ...stableClasses(up).slice(0, 2).map((c) => `${tag}.${c}`)];
    for (const anchor of anchors) out.push({ selector: `${anchor} ${el.name}`, tier: 'scoped' });
    if (anchors.length > 0) break;
  }
  return out;
}

function nthChild(el: Element): number {
  const siblings = (el.parent?.children ?? []).filter((n) => n.type === 'tag');
  return siblings.indexOf(el) + 1;
}

/** `div.main > div:nth-child(3) > h1:nth-child(1)`: the last resort, when nothing names the element. */
function positionSelector(el: Element): Candidate | null {
  const steps: string[] = [];
  let node: Element | null = el;
  for (let depth = 0; node !== null && depth < POSITION_DEPTH; depth++) {
    const anchor = depth > 0 ? anchorOf(node) : null;
    if (anchor !== null) return { selector: [anchor, ...steps].join(' > '), tier: 'position' };
    if (node.name === 'body') return { selector: ['body', ...steps].join(' > '), tier: 'position' };
    steps.unshift(`${node.name}:nth-child(${nthChild(node)})`);
    node = parentElement(node);
  }
  return null;
}

/** Every selector worth trying for this element, most stable first. */
export function candidatesFor(el: Element): Candidate[] {
  const out = [...ownSelectors(el), ...scopedSelectors(el), { selector: el.name, tier: 'tag' as const }];
  const position = positionSelector(el);
  if (position) out.push(position);
  return out;
}
