/**
 * The admin guards. The ops API and /metrics take only `Authorization:
 * Bearer <BANTIN_ADMIN_TOKEN>`: a browser never sends that by itself, so a
 * page on another site cannot act with an operator's credentials. Bull
 * Board's own pages and assets also take HTTP Basic with the token as
 * password, so a browser can open the board (it asks once and resends the
 * header with every call the board makes); that is why state-changing
 * requests are also checked for their origin (origin.ts).
 *
 * Compared in constant time: both sides are hashed to equal length first,
 * so neither the content nor the length of the token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.js';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

export type Scheme = 'bearer' | 'basic';

/** `scheme credentials` and nothing after: `Bearer TOKEN trailing-garbage` carries no token. */
const CREDENTIALS = /^(\S+) +(\S+)$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The token an Authorization header carries in one of `schemes`, or null. */
export function presentedToken(header: string | undefined, schemes: readonly Scheme[]): string | null {
  if (header === undefined) return null;
  const match = CREDENTIALS.exec(header.trim());
  if (!match) return null;
  const scheme = (match[1] ?? '').toLowerCase();
  const value = match[2] ?? '';
  if (scheme === 'bearer' && schemes.includes('bearer')) return value;
  if (scheme === 'basic' && schemes.includes('basic') && BASE64.test(value)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? null : decoded.slice(colon + 1);
  }
  return null;
}

function guard(token: string, schemes: readonly Scheme[], challenge: string): MiddlewareHandler {
  return async (c, next) => {
    const given = presentedToken(c.req.header('authorization'), schemes);
    if (given === null || !tokenMatches(given, token)) {
      return problem(401, 'Unauthorized', `this endpoint needs the admin token (${schemes.includes('basic') ? 'Bearer, or Basic with the token as password' : 'Authorization: Bearer'})`, {
        'www-authenticate': challenge,
      });
    }
    await next();
  };
}

/** The ops API and /metrics: the Bearer token only. */
export function adminGuard(token: string): MiddlewareHandler {
  return guard(token, ['bearer'], 'Bearer realm="bantin admin"');
}

/** Bull Board's pages, assets and the calls they make: Bearer, or Basic with the token as password (a browser). */
export function boardGuard(token: string): MiddlewareHandler {
  return guard(token, ['bearer', 'basic'], 'Basic realm="bantin admin", Bearer realm="bantin admin"');
}
