/**
 * HTTP to subscribers' callbacks, through the crawler's SSRF guard: a
 * callback whose host is, or resolves to, a private, loopback, link-local,
 * CGNAT or multicast address is refused at connect time (DNS rebinding
 * included) unless private networks are allowed. No redirects are followed
 * (WebSub counts a 3xx as a failure), and every request has one deadline
 * for all of it, so a callback that hangs costs its own slot and nothing else.
 */
import net from 'node:net';
import { Agent, request } from 'undici';
import { bareHost, guardedLookup, isBlockedAddress } from '../fetch/address-guard.js';
import { classifyNetworkError } from '../fetch/transport.js';
import { CallbackError } from './errors.js';

/** A verification answer longer than this cannot be the challenge: not read further. */
const MAX_ANSWER_BYTES = 4096;

export interface CallbackAnswer {
  status: number;
  /** The body as text (verification), '' for deliveries: WebSub says the hub ignores it. */
  text: string;
}

export interface CallbackClient {
  get(url: string): Promise<CallbackAnswer>;
  post(url: string, body: Buffer, headers: Record<string, string>): Promise<CallbackAnswer>;
  /** Waits for requests in flight, or with `abort` cuts them off. */
  close(options?: { abort?: boolean }): Promise<void>;
}

/** Null when the URL may be called; why not otherwise (checked before any connection, for address literals). */
export function callbackProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  const host = bareHost(url.hostname);
  if (!allowPrivate && net.isIP(host) !== 0 && isBlockedAddress(host)) return `${host} is a non-public address`;
  return null;
}

export function createCallbackClient(opts: { allowPrivate: boolean; timeoutMs: number; userAgent: string }): CallbackClient {
  const agentOptions = { headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs, keepAliveTimeout: 5_000, connections: 4 };
  const agent = new Agent(opts.allowPrivate ? { ...agentOptions, connect: { timeout: opts.timeoutMs } } : { ...agentOptions, connect: { timeout: opts.timeoutMs, lookup: guardedLookup } });

  const send = async (method: 'GET' | 'POST', url: string, body: Buffer | undefined, headers: Record<string, string>): Promise<CallbackAnswer> => {
    const problem = callbackProblem(url, opts.allowPrivate);
    if (problem !== null) throw new CallbackError(problem.includes('non-public') ? 'blocked-address' : 'invalid-url', url, problem);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
    try {
      const res = await request(url, { method, headers: { 'user-agent': opts.userAgent, ...headers }, body, dispatcher: agent, signal: abort.signal });
      if (method === 'POST') {
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        return { status: res.statusCode, text: '' };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          res.body.destroy();
          break;
        }
        chunks.push(chunk);
      }
      return { status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') };
    } catch (error) {
      if (abort.signal.aborted) throw new CallbackError('timeout', url, `no complete answer in ${opts.timeoutMs} ms`, null, { cause: error });
      const failure = classifyNetworkError(error);
      if (failure === 'blocked-address') throw new CallbackError('blocked-address', url, 'resolves to a non-public address', null, { cause: error });
      if (failure === 'timeout') throw new CallbackError('timeout', url, 'timed out', null, { cause: error });
      throw new CallbackError('unreachable', url, error instanceof Error ? error.message : String(error), null, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    get: (url) => send('GET', url, undefined, {}),
    post: (url, body, headers) => send('POST', url, body, headers),
    close: (options) => (options?.abort ? agent.destroy() : agent.close()),
  };
}
