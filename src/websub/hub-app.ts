/**
 * `POST /websub`, bantin's own hub endpoint (mounted only when WEBSUB_HUB_URL
 * is unset): takes a subscribe or unsubscribe request, answers 202 and
 * leaves verification to the hub's queue. Errors are 4xx with a plain-text
 * description naming the field, as WebSub §5.1.2 suggests; the answer never
 * depends on the verification's outcome.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppConfig, Settings } from '../config/index.js';
import { InputError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { baseUrl } from '../serve/context.js';
import { parseHubRequest } from './hub-request.js';
import type { HubQueue } from './jobs.js';

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
const MAX_BODY_BYTES = 16 * 1024;

export function createHubApp(deps: { config: AppConfig; settings: Settings; queue: Pick<HubQueue, 'verify'>; log: Logger }): Hono {
  const { settings } = deps;
  const lease = { defaultSeconds: settings.WEBSUB_LEASE_DEFAULT_S, minSeconds: settings.WEBSUB_LEASE_MIN_S, maxSeconds: settings.WEBSUB_LEASE_MAX_S };
  const app = new Hono();
  app.post(
    '/',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.body(`request body over ${MAX_BODY_BYTES} bytes\n`, 413, TEXT) }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') return c.body('Content-Type must be application/x-www-form-urlencoded\n', 415, TEXT);
      let request;
      try {
        request = parseHubRequest(new URLSearchParams(await c.req.text()), { config: deps.config, base: baseUrl(c, settings), lease, allowPrivate: settings.BANTIN_ALLOW_PRIVATE_NETWORKS });
      } catch (error) {
        if (error instanceof InputError) return c.body(`${error.param}: ${error.problem}\n`, 400, TEXT);
        throw error;
      }
      await deps.queue.verify(request);
      deps.log.debug({ mode: request.mode, topic: request.topic, callback: request.callback }, 'websub request accepted');
      return c.body(`${request.mode} request accepted: verifying intent with the callback\n`, 202, TEXT);
    },
  );
  app.on(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'], '/', (c) => c.body('the hub takes POST only\n', 405, { ...TEXT, allow: 'POST' }));
  return app;
}
