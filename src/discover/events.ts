/**
 * Event ("Dòng sự kiện") links on a page: the site's event list, or any
 * feed/listing page that links an event. Finding an event here only says the
 * event exists; an article gets the event's topic only from the event page's
 * own article list (the site-wide ticker on every page says nothing about
 * the article it sits on).
 */
import type { Doc } from '../extract/index.js';
import type { EventRef } from './types.js';
import type { UrlRules } from './urls.js';

const clean = (s: string): string => s.replace(/[\s\u200b]+/g, ' ').trim();

export function findEventLinks($: Doc, pageUrl: string, rules: UrlRules): EventRef[] {
  const found = new Map<string, string>();
  $('a[href]').each((_, el) => {
    const url = rules.event($(el).attr('href') ?? '', pageUrl);
    if (url === null) return;
    const name = clean($(el).attr('title') ?? '') || clean($(el).text());
    if (!found.get(url)) found.set(url, name);
  });
  return [...found].map(([url, name]) => ({ url, name }));
}

/** The event's name as its own page gives it: the first heading, else the document title. */
export function eventName($: Doc): string {
  return clean($('h1').first().text()) || clean($('title').first().text().split(/\s[-|–]\s/)[0] ?? '');
}
