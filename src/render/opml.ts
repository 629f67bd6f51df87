/** OPML 2.0: every feed as one outline, grouped, ready to import into a reader. */
import { rfc822 } from './dates.js';
import { el, parent, stylesheetPi, XML_DECLARATION } from './xml.js';

export interface OpmlGroup {
  title: string;
  feeds: { title: string; xmlUrl: string; htmlUrl: string; description: string }[];
}

export interface OpmlDocument {
  title: string;
  /** ISO; the newest change of any feed listed, never "now" (keeps the body stable). */
  updated: string | null;
  /** OPML `type`: `rss` for RSS and Atom (what readers expect), `json` for JSON Feed. */
  outlineType: 'rss' | 'json';
  groups: OpmlGroup[];
  /** The XSLT a browser shows the list through; null for none. */
  stylesheet: string | null;
}

export function renderOpml(doc: OpmlDocument): string {
  const head = [el('title', {}, doc.title)];
  if (doc.updated) head.push(el('dateModified', {}, rfc822(doc.updated)));
  const body = doc.groups.map((g) =>
    parent(
      'outline',
      // A group is text only: OPML 2.0 gives an outline with more than `text` a `type`.
      { text: g.title },
      g.feeds.map((f) =>
        el('outline', { type: doc.outlineType, text: f.title, title: f.title, description: f.description, xmlUrl: f.xmlUrl, htmlUrl: f.htmlUrl }),
      ),
    ),
  );
  return `${XML_DECLARATION}${stylesheetPi(doc.stylesheet)}${parent('opml', { version: '2.0' }, [parent('head', {}, head), parent('body', {}, body)])}\n`;
}
