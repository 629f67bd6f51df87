/**
 * URLs in config files. A source's URLs are absolute or relative to its
 * baseUrl; every one is checked when the file is read, so a URL that does
 * not parse (`http://[::1`) is a config error naming the field and the
 * value, never a TypeError later. The loader resolves them with the same
 * rule the check uses.
 */
import { z } from 'zod';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
/** Relative references are checked against a stand-in base: whether one resolves does not depend on the host. */
const STAND_IN_BASE = 'http://base.invalid/';

/**
 * `ref` under `base` (which ends in `/`): an absolute URL as written, else
 * relative to base's path (`/rss/home.rss` means under baseUrl, not at the
 * host's root, so a mirror at http://host/mirror/ carries its path into
 * every URL). Throws a TypeError when it does not parse: check it first.
 */
export function resolveRef(ref: string, base: string): string {
  return new URL(ABSOLUTE.test(ref) ? ref : ref.replace(/^\/+/, ''), base).toString();
}

function httpProblem(value: string, parsed: URL | null): string | null {
  if (parsed === null) return `"${value}" is not a valid URL`;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `"${value}" must be an http or https URL`;
  return null;
}

const parse = (ref: string, base?: string): URL | null => {
  try {
    return new URL(ref, base);
  } catch {
    return null;
  }
};

/** Why `ref` cannot be a source URL (absolute or relative to baseUrl); null when it can. */
export function refProblem(ref: string): string | null {
  return httpProblem(ref, parse(ABSOLUTE.test(ref) ? ref : ref.replace(/^\/+/, ''), STAND_IN_BASE));
}

/** An absolute http(s) URL. */
export const httpUrl = z.string().superRefine((value, ctx) => {
  const problem = httpProblem(value, ABSOLUTE.test(value) ? parse(value) : null);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

/** A URL written in a source file: absolute, or relative to the source's baseUrl. */
export const urlRef = z
  .string()
  .min(1)
  .superRefine((ref, ctx) => {
    const problem = refProblem(ref);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
