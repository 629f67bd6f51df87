/**
 * A subscription request to bantin's own hub (W3C WebSub §5.1), read from its
 * form fields. Anything wrong is an InputError naming the field (`hub.topic`,
 * `hub.callback`, …); additional fields are ignored, as the spec asks.
 */
import { z } from 'zod';
import type { AppConfig } from '../config/index.js';
import { SLUG } from '../core/article.js';
import { InputError } from '../core/errors.js';
import { slugify } from '../core/slug.js';
import { FEED_KINDS, type FeedKind } from '../serve/catalog.js';
import { findFeed } from '../serve/catalog.js';
import { feedSearch, parseFeedQuery } from '../serve/params.js';
import { callbackProblem } from './callback-client.js';

export interface HubRequest {
  mode: 'subscribe' | 'unsubscribe';
  /** The topic as the subscriber gave it: what verification echoes. */
  topicAsGiven: string;
  /** The feed's own self URL (its parameters as the feed reads them): what subscriptions and deliveries use. */
  topic: string;
  callback: string;
  leaseSeconds: number;
  secret: string | null;
}

export interface LeasePolicy {
  defaultSeconds: number;
  minSeconds: number;
  maxSeconds: number;
}

/** WebSub: hub.secret MUST be less than 200 bytes. */
export const MAX_SECRET_BYTES = 199;
const MAX_URL_LENGTH = 2048;

const single = (name: string) =>
  z
    .array(z.string())
    .max(1, `${name}: must be given once`)
    .transform((v) => v[0]);

const formSchema = z.object({
  'hub.mode': single('hub.mode').pipe(z.enum(['subscribe', 'unsubscribe'], `hub.mode: must be "subscribe" or "unsubscribe"`)),
  'hub.topic': single('hub.topic').pipe(z.string(`hub.topic: is required`).min(1, 'hub.topic: is required').max(MAX_URL_LENGTH, `hub.topic: longer than ${MAX_URL_LENGTH} characters`)),
  'hub.callback': single('hub.callback').pipe(z.string(`hub.callback: is required`).min(1, 'hub.callback: is required').max(MAX_URL_LENGTH, `hub.callback: longer than ${MAX_URL_LENGTH} characters`)),
  'hub.lease_seconds': single('hub.lease_seconds').pipe(
    z
      .string()
      .regex(/^\d{1,10}$/, 'hub.lease_seconds: must be a positive whole number of seconds')
      .transform(Number)
      .pipe(z.number().int().positive('hub.lease_seconds: must be a positive whole number of seconds')),
  )
    .optional(),
  'hub.secret': single('hub.secret').pipe(
    z
      .string()
      .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_SECRET_BYTES, `hub.secret: must be less than 200 bytes`),
  )
    .optional(),
});

const FEED_PATH = new RegExp(`^/(${FEED_KINDS.join('|')})/([^/]+?)(\\.(?:rss|atom|json))?$`);

/** The canonical self URL of the bantin feed `raw` names on `base`, or an InputError on hub.topic. */
export function feedTopic(config: AppConfig, base: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError('hub.topic', 'must be an absolute URL');
  }
  if (url.origin !== new URL(base).origin) throw new InputError('hub.topic', `must be a feed of this service (${base})`);
  const m = FEED_PATH.exec(url.pathname);
  if (!m) throw new InputError('hub.topic', 'must be a feed URL: /feeds, /topics, /categories, /sources or /stories followed by a name');
  const kind = m[1] as FeedKind;
  let name: string;
  try {
    name = decodeURIComponent(m[2] as string);
  } catch {
    throw new InputError('hub.topic', 'has a malformed percent-encoding');
  }
  const slug = slugify(name);
  if (!SLUG.test(slug) || slug !== name || findFeed(config, kind, slug) === null) throw new InputError('hub.topic', `no ${kind} feed named "${name}"`);
  let search: string;
  try {
    const query = parseFeedQuery(url.searchParams);
    search = feedSearch(query, query.before);
  } catch (error) {
    if (error instanceof InputError) throw new InputError('hub.topic', `parameter ${error.param} ${error.problem}`);
    throw error;
  }
  return `${url.origin}/${kind}/${slug}${m[3] ?? ''}${search}`;
}

export function clampLease(requested: number | undefined, policy: LeasePolicy): number {
  if (requested === undefined) return policy.defaultSeconds;
  return Math.min(policy.maxSeconds, Math.max(policy.minSeconds, requested));
}

export function parseHubRequest(form: URLSearchParams, ctx: { config: AppConfig; base: string; lease: LeasePolicy; allowPrivate: boolean }): HubRequest {
  const fields: Record<string, string[]> = {};
  for (const name of ['hub.mode', 'hub.topic', 'hub.callback', 'hub.lease_seconds', 'hub.secret']) {
    const all = form.getAll(name);
    if (all.length > 0) fields[name] = all;
  }
  if (fields['hub.mode']?.[0] === 'publish') throw new InputError('hub.mode', 'bantin publishes its own feeds: only subscribe and unsubscribe are taken');
  const parsed = formSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'hub.mode');
    const message = issue?.message ?? 'is invalid';
    throw new InputError(field, message.startsWith(`${field}: `) ? message.slice(field.length + 2) : 'is required');
  }
  const f = parsed.data;
  const problem = callbackProblem(f['hub.callback'], ctx.allowPrivate);
  if (problem !== null) throw new InputError('hub.callback', problem);
  return {
    mode: f['hub.mode'],
    topicAsGiven: f['hub.topic'],
    topic: feedTopic(ctx.config, ctx.base, f['hub.topic']),
    callback: f['hub.callback'],
    leaseSeconds: clampLease(f['hub.lease_seconds'], ctx.lease),
    secret: f['hub.secret'] ?? null,
  };
}
