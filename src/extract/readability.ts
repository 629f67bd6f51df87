/**
 * The last-resort body: Mozilla Readability over linkedom's DOM. It needs a
 * DOM of its own (it mutates it), so it parses the page a second time; that
 * only happens for pages no profile and no structured data could serve.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ReadableArticle {
  title: string | null;
  /** HTML fragment of the main content. */
  content: string;
  textLength: number;
  byline: string | null;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function readability(html: string): ReadableArticle | null {
  const { document } = parseHTML(html);
  // JSON-LD is read by our own extractor, field by field; don't let Readability mix it into its answer.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { disableJSONLD: true }).parse();
  const content = nonEmpty(parsed?.content);
  if (!parsed || !content) return null;
  return {
    title: nonEmpty(parsed.title),
    content,
    textLength: parsed.textContent?.trim().length ?? 0,
    byline: nonEmpty(parsed.byline),
  };
}
