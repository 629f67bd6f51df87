/**
 * One HTTP exchange, nothing more: no redirects, no retries, no politeness
 * (the fetcher does those). Owns the undici agents (keep-alive pools per
 * origin), the body cap, decompression and the mapping of socket-level
 * errors to failure classes.
 */
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Agent, request } from 'undici';
import { BLOCKED_CODE, guardedLookup } from './address-guard.js';
import { FetchError, type FailureClass } from './errors.js';

export interface Exchange {
  url: URL;
  headers: Record<string, string>;
  /** Check resolved addresses at connect time (false: private networks allowed for this request). */
  guarded: boolean;
  maxBodyBytes: number;
  /** Read the body (false for redirects and 304s: drained, not kept). */
  readBody: (status: number) => boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Transport {
  send(exchange: Exchange): Promise<RawResponse>;
  /** Waits for requests in flight, or with `abort` cuts them off (they fail as connection errors). */
  close(options?: { abort?: boolean }): Promise<void>;
}

const CODE_CLASSES: Record<string, FailureClass> = {
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EAI_FAIL: 'dns',
  [BLOCKED_CODE]: 'blocked-address',
  Z_DATA_ERROR: 'parse-error',
  Z_BUF_ERROR: 'parse-error',
  ERR_BROTLI_DECOMPRESSION_FAILED: 'parse-error',
  HPE_INVALID_CONSTANT: 'parse-error',
  UND_ERR_INVALID_ARG: 'parse-error',
};

/** The failure class of a network-level error, looking through `cause` chains. */
export function classifyNetworkError(error: unknown): FailureClass | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof FetchError) return current.failure;
    const code = (current as NodeJS.ErrnoException).code;
    if (code !== undefined && CODE_CLASSES[code]) return CODE_CLASSES[code];
    current = current.cause;
  }
  return null;
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decoders(encoding: string | undefined): Transform[] {
  if (!encoding) return [];
  // Encodings are listed in the order applied; undo them in reverse.
  return encoding
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity')
    .reverse()
    .map((e) => {
      if (e === 'gzip' || e === 'x-gzip') return zlib.createGunzip();
      if (e === 'deflate') return zlib.createInflate();
      if (e === 'br') return zlib.createBrotliDecompress();
      throw Object.assign(new Error(`unsupported content-encoding ${e}`), { code: 'UND_ERR_INVALID_ARG' });
    });
}

/** Collect a stream into a Buffer, aborting as soon as it passes `max` bytes (decompressed bytes count). */
async function readCapped(source: Readable, stages: Transform[], max: number, url: string, status: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max) return done(new FetchError('too-large', url, `body passed ${max} bytes`, status));
      chunks.push(chunk);
      done();
    },
  });
  const streams: (Readable | Transform | Writable)[] = [source, ...stages, sink];
  await pipeline(streams);
  return Buffer.concat(chunks, size);
}

export function createTransport(opts: { connectMs: number; totalMs: number }): Transport {
  const agentOptions = { headersTimeout: opts.totalMs, bodyTimeout: opts.totalMs, keepAliveTimeout: 10_000, connections: 8 };
  const guarded = new Agent({ ...agentOptions, connect: { timeout: opts.connectMs, lookup: guardedLookup } });
  const open = new Agent({ ...agentOptions, connect: { timeout: opts.connectMs } });

  return {
    async send(exchange) {
      const url = exchange.url.toString();
      const abort = new AbortController();
      // The undici timeouts bound each phase; this bounds the whole exchange, slow trickles included.
      const timer = setTimeout(() => abort.abort(new FetchError('timeout', url, `no complete answer in ${opts.totalMs} ms`)), opts.totalMs);
      try {
        const res = await request(url, {
          method: 'GET',
          headers: exchange.headers,
          dispatcher: exchange.guarded ? guarded : open,
          signal: abort.signal,
        });
        const headers = flatHeaders(res.headers);
        if (!exchange.readBody(res.statusCode)) {
          // Draining only lets the connection be reused; a body that fails to drain costs that connection, nothing else.
          await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          return { status: res.statusCode, headers, body: Buffer.alloc(0) };
        }
        const declared = Number(headers['content-length']);
        if (!headers['content-encoding'] && Number.isFinite(declared) && declared > exchange.maxBodyBytes) {
          res.body.destroy();
          throw new FetchError('too-large', url, `declares ${declared} bytes, over ${exchange.maxBodyBytes}`, res.statusCode);
        }
        const body = await readCapped(res.body, decoders(headers['content-encoding']), exchange.maxBodyBytes, url, res.statusCode).catch(
          (error: unknown) => {
            res.body.destroy();
            throw error;
          },
        );
        return { status: res.statusCode, headers, body };
      } catch (error) {
        if (error instanceof FetchError) throw error;
        if (abort.signal.aborted && abort.signal.reason instanceof FetchError) throw abort.signal.reason;
        const failure = classifyNetworkError(error);
        if (failure === null) throw error;
        throw new FetchError(failure, url, error instanceof Error ? error.message : String(error), null, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    },
    async close(options) {
      if (options?.abort) await Promise.all([guarded.destroy(), open.destroy()]);
      else await Promise.all([guarded.close(), open.close()]);
    },
  };
}
