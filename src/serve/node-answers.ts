/**
 * The answers Node and the adaptor would write on their own, given bantin's
 * form: a request too broken to reach the app (headers too large, a request
 * line that does not parse, a Host that is missing or is not a host) gets a
 * problem+json body like every other error, not an empty 400 with no reason.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../core/log.js';
import { problemResponse, type Problem } from './problem.js';

const TITLES: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' };

/** Node's parser error codes (llhttp): too large headers are 431, the rest 400. */
export function clientErrorProblem(code: string | undefined): Problem {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, title: TITLES[431] as string, detail: 'the request headers are too large' };
  return { status: 400, title: TITLES[400] as string, detail: 'the request could not be parsed as HTTP' };
}

/** The raw HTTP/1.1 answer for a socket whose request Node could not parse. */
export function rawProblem(p: Problem): string {
  const body = JSON.stringify({ type: 'about:blank', title: p.title, status: p.status, detail: p.detail });
  return [
    `HTTP/1.1 ${p.status} ${p.title}`,
    'content-type: application/problem+json; charset=utf-8',
    'cache-control: no-store',
    'access-control-allow-origin: *',
    'connection: close',
    `content-length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/**
 * Takes over Node's `clientError` answer. A socket already written to, or reset by the client, is
 * only closed: there is nobody to tell.
 */
export function answerClientErrors(server: Server, log: Logger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const problem = clientErrorProblem(err.code);
    log.info({ code: err.code, status: problem.status }, 'refused a request Node could not parse');
    socket.end(rawProblem(problem));
  });
}

/** The adaptor's request errors (an invalid Host header, a bad request target) as problem+json 400. */
export function requestErrorResponse(error: unknown): Response {
  const detail = error instanceof Error ? error.message : 'the request is malformed';
  return problemResponse({ status: 400, title: 'Bad Request', detail: detail.toLowerCase() });
}

/**
 * HTTP/1.1 requires a Host header. Node's own check answers an empty 400, so it is turned off
 * (`requireHostHeader: false`) and done here, before the app, where the adaptor would otherwise
 * stand in the listen address for the missing host.
 */
export function missingHost(incoming: { httpVersion: string; headers: { host?: string | undefined } }): Response | null {
  if (incoming.httpVersion === '1.1' && !incoming.headers.host) {
    return problemResponse({ status: 400, title: 'Bad Request', detail: 'an HTTP/1.1 request needs a Host header' });
  }
  return null;
}
