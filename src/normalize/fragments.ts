/**
 * In-page links (`<a href="#note-1">`, footnotes, a table of contents) and
 * their targets. Ids are kept only where a fragment link of the same body
 * points, and always with the `bantin-` prefix, link and target alike
 * (`#note-1` → `#bantin-note-1`):
 *
 * - the body is embedded in other people's pages (feed readers, syndicating
 *   sites), where a bare `id="config"` or `id="user"` would shadow their
 *   `window.config` (DOM clobbering) or collide with their own ids; a
 *   hyphenated prefix is never a JavaScript identifier;
 * - the original id must be 1-64 of `[A-Za-z0-9_-]`, so Word's `_ftn1`
 *   footnotes work, and nothing needs escaping in a URL or a selector;
 * - a link whose target did not make it into the output is unwrapped (a
 *   dead link is worse than text), so every kept fragment resolves.
 */
import type { AnyNode, Element } from 'domhandler';
import { findAll } from './dom.js';
import type { OutNode } from './out-tree.js';

export const ID_PREFIX = 'bantin-';
const RAW_ID = /^[\w-]{1,64}$/;

/** The id a fragment href points at (`#note-1` → `note-1`), or null when it is not a plain in-page link. */
export function fragmentTarget(href: string): string | null {
  const h = href.trim();
  if (!h.startsWith('#')) return null;
  const id = h.slice(1);
  return RAW_ID.test(id) ? id : null;
}

/** The output form of an id; already prefixed ids (our own output, sanitized again) are left alone. */
export function outputId(raw: string): string {
  return raw.startsWith(ID_PREFIX) ? raw : ID_PREFIX + raw;
}

/** Hands out each referenced id once, to the first element carrying it (the one a browser would scroll to). */
export class Anchors {
  private readonly wanted: Set<string>;
  private readonly given = new Set<string>();

  constructor(roots: readonly AnyNode[]) {
    this.wanted = new Set();
    for (const a of findAll(roots, (e) => e.name === 'a' && e.attribs.href !== undefined)) {
      const id = fragmentTarget(a.attribs.href!);
      if (id !== null) this.wanted.add(id);
    }
  }

  /** The output id for `e` (its `id`, or an old-style `<a name>`), if a link wants it and nobody has it yet. */
  take(e: Element): string | null {
    if (this.wanted.size === 0) return null;
    for (const raw of [e.attribs.id, e.name === 'a' ? e.attribs.name : undefined]) {
      const id = raw?.trim();
      if (id === undefined || !this.wanted.has(id) || this.given.has(id)) continue;
      this.given.add(id);
      return outputId(id);
    }
    return null;
  }
}

function collectIds(nodes: readonly OutNode[], into: Set<string>): void {
  for (const n of nodes) {
    if (typeof n === 'string') continue;
    const id = n.attrs.find(([k]) => k === 'id');
    if (id !== undefined) into.add(id[1]);
    collectIds(n.children, into);
  }
}

function collectTargets(nodes: readonly OutNode[], into: Set<string>): void {
  for (const n of nodes) {
    if (typeof n === 'string') continue;
    const href = n.tag === 'a' ? n.attrs.find(([k]) => k === 'href')?.[1] : undefined;
    if (href?.startsWith('#')) into.add(href.slice(1));
    collectTargets(n.children, into);
  }
}

/** Unwrap in-page links to ids not in `ids`, then drop ids no remaining link points to. */
function tidy(nodes: OutNode[], ids: ReadonlySet<string> | null, targets: ReadonlySet<string> | null): OutNode[] {
  const out: OutNode[] = [];
  for (const n of nodes) {
    if (typeof n === 'string') {
      out.push(n);
      continue;
    }
    n.children = tidy(n.children, ids, targets);
    const href = n.tag === 'a' ? n.attrs.find(([k]) => k === 'href')?.[1] : undefined;
    if (ids !== null && href?.startsWith('#') && !ids.has(href.slice(1))) {
      // A dead link that is itself a target (a footnote's back-link) stays a target.
      const id = n.attrs.find(([k]) => k === 'id');
      if (id === undefined) out.push(...n.children);
      else out.push({ tag: 'span', attrs: [id], children: n.children });
      continue;
    }
    if (targets !== null) {
      n.attrs = n.attrs.filter(([k, v]) => k !== 'id' || targets.has(v));
      // A span is kept only to carry an id.
      if (n.tag === 'span' && n.attrs.length === 0) {
        out.push(...n.children);
        continue;
      }
    }
    out.push(n);
  }
  return out;
}

/**
 * Every kept in-page link has its target and every kept id a link: links whose target did not make it
 * into the finished (pruned) tree are unwrapped, then ids whose only link was unwrapped (a link nested in
 * a link) are dropped.
 */
export function dropDanglingFragments(nodes: OutNode[]): OutNode[] {
  const ids = new Set<string>();
  collectIds(nodes, ids);
  const linked = tidy(nodes, ids, null);
  const targets = new Set<string>();
  collectTargets(linked, targets);
  return tidy(linked, null, targets);
}
