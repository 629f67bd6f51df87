/**
 * `bantin extract FILE --url URL`: the article record a saved page yields,
 * as JSON (extraction sources included), or one field of it. Exit 1 with
 * the reason on stderr when the page holds no article.
 */
import { readFile } from 'node:fs/promises';
import type { SourceConfig } from '../../config/index.js';
import { systemClock } from '../../core/clock.js';
import { NotAnArticleError } from '../../core/errors.js';
import { readArticle, slugify } from '../../normalize/index.js';
import type { Command } from '../command.js';
import { configFrom, ExitError, settingsFrom } from '../setup.js';

function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^(www|m|amp)\./, '');
}

/** The source named, else the one whose site the URL is on, else none (generic extraction). */
function sourceFor(sources: SourceConfig[], url: string, id: string | undefined): SourceConfig | null {
  if (id !== undefined) {
    const named = sources.find((s) => s.id === id);
    if (!named) throw new ExitError(2, `bantin extract: no source "${id}"`);
    return named;
  }
  const host = hostOf(url);
  return sources.find((s) => hostOf(s.baseUrl) === host) ?? null;
}

export const extractCommand: Command = {
  name: 'extract',
  summary: 'print the article record a saved page yields',
  usage: 'bantin extract FILE --url URL [--source ID] [--field NAME]',
  options: { url: { type: 'string' }, source: { type: 'string' }, field: { type: 'string' } },
  allowPositionals: true,
  async run(values, positionals) {
    const file = positionals[0];
    const url = values.url as string | undefined;
    if (file === undefined || positionals.length > 1) throw new ExitError(2, 'bantin extract: give exactly one FILE');
    if (url === undefined || !URL.canParse(url)) throw new ExitError(2, 'bantin extract: --url URL is required (the address the page was saved from)');
    const config = await configFrom(settingsFrom({ config: values.config as string | undefined, feeds: values.feeds as string | undefined }));
    const source = sourceFor(config.sources, url, values.source as string | undefined);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      throw new ExitError(2, `bantin extract: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const now = systemClock.now();
    try {
      const article = readArticle({ body, contentType: null, url }, { source, sourceId: source?.id ?? slugify(hostOf(url)), fetchedAt: now, now });
      const field = values.field as string | undefined;
      if (field !== undefined) {
        if (!(field in article)) throw new ExitError(2, `bantin extract: no field "${field}" (fields: ${Object.keys(article).join(', ')})`);
        const value = (article as Record<string, unknown>)[field];
        console.log(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
      } else {
        console.log(JSON.stringify(article, null, 2));
      }
      return 0;
    } catch (error) {
      if (error instanceof NotAnArticleError) {
        console.error(`bantin extract: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
