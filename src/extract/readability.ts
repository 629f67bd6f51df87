/**
 * The last-resort body: Mozilla Readability over linkedom's DOM. It needs a
 * DOM of its own (it mutates it), so it parses the page a second time; that
 * only happens for pages no profile and no structured data could serve.
 *
 * Both libraries are loaded on the first such page, not at start: together
 * they hold about 28 MB, which a worker whose sources all have profiles
 * never needs. They are required (their CommonJS builds) because extraction
 * is synchronous; the types are the packages' own.
 */
import { createRequire } from 'node:module';

type Libraries = { Readability: typeof import('@mozilla/readability').Readability; parseHTML: typeof import('linkedom').parseHTML };
let libraries: Libraries | null = null;

function load(): Libraries {
  if (libraries === null) {
    const require = createRequire(import.meta.url);
    const { Readability } = require('@mozilla/readability') as typeof import('@mozilla/readability');
    const { parseHTML } = require('linkedom') as typeof import('linkedom');
    libraries = { Readability, parseHTML };
  }
  return libraries;
}

export interface ReadableArticle {
  title: string | null;
  /** HTML fragment of the main content. */
  content: string;
  textLength: number;
  byline: string | null;
}

/** Readability mistakes date lines ("Thứ hai, 25/11/2024") for bylines; a name has no digits or weekday. */
const NOT_A_NAME = /\d|^(thứ|chủ nhật)\b/iu;

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function readability(html: string): ReadableArticle | null {
  const { Readability, parseHTML } = load();
  const { document } = parseHTML(html);
  // JSON-LD is read by our own extractor, field by field; don't let Readability mix it into its answer.
  // charThreshold 200 (default 500): a short news item is still an article, and each retry below it re-walks the whole DOM.
  // keepClasses: the boilerplate pass after it reads class names (share bars, rails, teasers); the sanitizer drops them all later.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { disableJSONLD: true, charThreshold: 200, keepClasses: true }).parse();
  const content = nonEmpty(parsed?.content);
  if (!parsed || !content) return null;
  return {
    title: nonEmpty(parsed.title),
    content,
    textLength: parsed.textContent?.trim().length ?? 0,
    byline: ((b) => (b && !NOT_A_NAME.test(b) ? b : null))(nonEmpty(parsed.byline)),
  };
}
