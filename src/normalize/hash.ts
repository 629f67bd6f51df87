import { createHash } from 'node:crypto';

/** sha256 hex over what a reader sees: title, lead and body text. A re-crawl compares it to spot real edits. */
export function contentHash(title: string, lead: string, contentText: string): string {
  return createHash('sha256').update(`${title}\n${lead}\n${contentText}`).digest('hex');
}
