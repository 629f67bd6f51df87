/**
 * JSON-LD as CMSs really write it: trailing commas, raw newlines and tabs
 * inside strings, `//` comments, several objects in one script. Strict
 * JSON.parse first (the common case, and the fastest); then jsonrepair
 * (a maintained repairer made for exactly this) on each top-level value.
 */
import { jsonrepair } from 'jsonrepair';

/**
 * Cut `{…}{…}` / `{…} […]` into top-level values, minding strings; jsonrepair
 * reads one value at a time. A value cut off before its end is dropped: a
 * truncated block would be "repaired" into a record of half-strings.
 */
function topLevelValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && depth > 0 && --depth === 0) {
      out.push(text.slice(start, i + 1));
      start = -1;
    }
  }
  return out;
}

/** Every value the text holds; null when nothing in it can be read. */
export function parseLenientJson(text: string): unknown[] | null {
  try {
    return [JSON.parse(text)];
  } catch {
    // fall through to the repairs
  }
  const values: unknown[] = [];
  for (const part of topLevelValues(text)) {
    try {
      values.push(JSON.parse(jsonrepair(part)));
    } catch {
      // this value is beyond repair; its neighbours may still be fine
    }
  }
  return values.length > 0 ? values : null;
}
