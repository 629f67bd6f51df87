/**
 * The admin guard: `Authorization: Bearer <BANTIN_ADMIN_TOKEN>`, or HTTP
 * Basic with the token as password, so a browser can open Bull Board (it
 * asks once and resends the header with every call the board makes).
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

/** The credential an Authorization header carries, or null. */
export function presentedToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (value === undefined) return null;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? null : decoded.slice(colon + 1);
  }
  return null;
}

export function adminGuard(token: string): MiddlewareHandler {
  return async (c, next) => {
    const given = presentedToken(c.req.header('authorization'));
    if (given === null || !tokenMatches(given, token)) {
      return problem(401, 'Unauthorized', 'this endpoint needs the admin token', {
        'www-authenticate': 'Bearer realm="bantin admin", Basic realm="bantin admin"',
      });
    }
    await next();
  };
}
