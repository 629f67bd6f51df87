/**
 * robots.txt, per origin, cached in Redis for a day (RFC 9309): 2xx is
 * parsed, 4xx means no rules (allow all), 5xx means "assume complete
 * disallow" for a short while, then ask again. An unreachable server fails
 * the request with the network failure's own class and caches nothing.
 */
import robotsParserModule from 'robots-parser';
import type { RedisClient } from '../redis/client.js';
import { z } from 'zod';

interface RobotRules {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// The package is CommonJS but its typings declare an ES default export: cast once here.
const parseRobots = robotsParserModule as unknown as (url: string, text: string) => RobotRules;

export interface RobotsPolicy {
  allowed(url: string): boolean;
  /** From `Crawl-delay`, null when absent. */
  crawlDelayMs: number | null;
  /** Why everything is refused, when it is (robots.txt answered 5xx). */
  refusal: string | null;
}

const cachedSchema = z.object({
  state: z.enum(['rules', 'allow-all', 'disallow-all']),
  text: z.string(),
  reason: z.string(),
});
type Cached = z.infer<typeof cachedSchema>;

const DAY_SECONDS = 24 * 3600;
/** A 5xx robots.txt is asked again this soon, not after a day. */
const RETRY_5XX_SECONDS = 600;
const MAX_ROBOTS_BYTES = 512 * 1024;

/** Fetches robots.txt following redirects; throws FetchError on network failure. */
export type RobotsGetter = (url: URL, maxBytes: number) => Promise<{ status: number; body: Buffer }>;

export interface Robots {
  /** `get` fetches robots.txt under the asking source's own address policy. */
  forUrl(url: URL, get: RobotsGetter): Promise<RobotsPolicy>;
}

/** A cache entry as Redis holds it, or null when it is not one (it is then fetched again). */
function readCached(raw: string): Cached | null {
  try {
    const result = cachedSchema.safeParse(JSON.parse(raw) as unknown);
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

function toPolicy(cached: Cached, robotsUrl: string, userAgent: string): RobotsPolicy {
  if (cached.state === 'allow-all') return { allowed: () => true, crawlDelayMs: null, refusal: null };
  if (cached.state === 'disallow-all') return { allowed: () => false, crawlDelayMs: null, refusal: cached.reason };
  const rules = parseRobots(robotsUrl, cached.text);
  const delay = rules.getCrawlDelay(userAgent);
  return {
    // robots-parser answers undefined for URLs of another origin: those are never ours to judge here.
    allowed: (url) => rules.isAllowed(url, userAgent) !== false,
    crawlDelayMs: delay !== undefined && Number.isFinite(delay) && delay > 0 ? Math.round(delay * 1000) : null,
    refusal: null,
  };
}

export function createRobots(deps: { redis: RedisClient; prefix: string; userAgent: string }): Robots {
  const { redis, prefix, userAgent } = deps;
  // Parsed policies by origin, reused while Redis holds the same robots.txt: every article fetch asks.
  const parsed = new Map<string, { raw: string; policy: RobotsPolicy }>();
  const MAX_PARSED = 1000;

  const load = async (robotsUrl: URL, get: RobotsGetter): Promise<Cached> => {
    // A network failure (timeout, refused, dns, blocked) propagates as the request's own failure:
    // nothing could be fetched from that host, and counting it as robots-denied would hide why.
    const res = await get(robotsUrl, MAX_ROBOTS_BYTES);
    if (res.status >= 200 && res.status < 300) return { state: 'rules', text: res.body.toString('utf8'), reason: '' };
    if (res.status >= 400 && res.status < 500) return { state: 'allow-all', text: '', reason: `robots.txt ${res.status}` };
    return { state: 'disallow-all', text: '', reason: `robots.txt answered ${res.status}: assuming complete disallow for now` };
  };

  return {
    async forUrl(url, get) {
      const robotsUrl = new URL('/robots.txt', url.origin);
      const key = `${prefix}:robots:${url.origin}`;
      const stored = await redis.get(key);
      const known = parsed.get(url.origin);
      if (stored !== null && known?.raw === stored) return known.policy;
      let cached = stored === null ? null : readCached(stored);
      let raw = stored ?? '';
      if (cached === null) {
        cached = await load(robotsUrl, get);
        const ttl = cached.state === 'disallow-all' ? RETRY_5XX_SECONDS : DAY_SECONDS;
        raw = JSON.stringify(cached);
        await redis.set(key, raw, 'EX', ttl);
      }
      const policy = toPolicy(cached, robotsUrl.toString(), userAgent);
      parsed.delete(url.origin);
      parsed.set(url.origin, { raw, policy });
      if (parsed.size > MAX_PARSED) parsed.delete(parsed.keys().next().value as string);
      return policy;
    },
  };
}
