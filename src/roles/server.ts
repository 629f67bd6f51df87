/**
 * The serve role: the Hono app on @hono/node-server, with the render cache
 * following store changes over its own subscriber connection. Stopping it
 * stops accepting connections, lets in-flight requests finish, then drops
 * the cache subscription.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import { answerClientErrors, createApp, createRenderCache, missingHost, requestErrorResponse, type Cached } from '../serve/index.js';
import { createCrawlStateStore, createFeedEpochs, createRedisStore, firstCrawls } from '../store/index.js';
import { createStoreBreaker, followConnection, throughBreaker } from '../serve/store-breaker.js';
import type { Context } from './context.js';
import { buildOpsMounts } from './ops-mounts.js';
import { within } from '../core/within.js';
import type { Abandoned, RoleHandle } from './role.js';
import { ABANDON_GRACE_MS } from './shutdown.js';
import { failingLiveness } from './liveness.js';

export interface ServerRole extends RoleHandle {
  /** Where it listens, e.g. `http://127.0.0.1:8080` (PORT=0 picks a free port). */
  readonly url: string;
}

export async function startServer(ctx: Context): Promise<ServerRole> {
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const log = ctx.log.child({ role: 'serve' });
  // Fails fast while Redis is away (see redis/connect.ts), and behind a breaker once it is known down.
  const redis = ctx.connect('serve');
  const breaker = createStoreBreaker({ clock: ctx.clock, log, probe: () => redis.ping(), down: redis.status !== 'ready' });
  const unfollow = followConnection(redis, breaker);
  const store = throughBreaker(createRedisStore({ redis, prefix, log }), breaker);
  const subscriber = ctx.connect('subscriber');
  const cache = createRenderCache<Cached>({
    subscriber,
    prefix,
    log,
    maxBytes: ctx.settings.RENDER_CACHE_MAX_MB * 1024 * 1024,
  });
  await cache.start();
  // With no offline queue, a command sent before the connection is ready fails: wait for it, as the subscriber did.
  if (redis.status !== 'ready') await within(new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))), 5000, false);
  ctx.metrics.watchRenderCache(() => {
    const s = cache.stats();
    return { hits: s.hits, misses: s.renders };
  });
  const ops = buildOpsMounts(ctx, redis, store);
  const crawlState = createCrawlStateStore({ redis, prefix, clock: ctx.clock });

  const ready = async (): Promise<{ ok: boolean; checks: Record<string, boolean> }> => {
    const redisOk = await within(
      redis.ping().then(
        (r) => r === 'PONG',
        () => false,
      ),
      1000,
      false,
    );
    const queueOk = await within(ops.queueReady().catch(() => false), 1000, false);
    return { ok: redisOk && queueOk, checks: { redis: redisOk, queue: queueOk } };
  };

  const app = createApp({
    store,
    config: ctx.config,
    settings: ctx.settings,
    clock: ctx.clock,
    log,
    ready,
    cache,
    epochs: createFeedEpochs({ redis, prefix }),
    storeAvailable: () => breaker.available(),
    mounts: ops.mounts,
    onFeedRequest: (format, status) => ctx.metrics.feedRequest(format, status),
    firstCrawls: () => firstCrawls({ redis, prefix, crawlState, store }, ctx.config.sources.map((s) => s.id)),
  });
  // The adaptor's request listener on a server of our own: `serve()` takes no error handler, and Node's
  // empty 400s and 431s are replaced on the server itself (node-answers.ts).
  const listener = getRequestListener((req: Request, env: HttpBindings | Http2Bindings) => missingHost(env.incoming) ?? failingLiveness(req, ctx.health()) ?? app.fetch(req, env), {
    hostname: ctx.settings.HOST,
    errorHandler: requestErrorResponse,
  });
  const server = createServer({ requireHostHeader: false }, listener);
  answerClientErrors(server, log);
  await new Promise<void>((resolve) => server.listen(ctx.settings.PORT, ctx.settings.HOST, () => resolve()));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  log.info({ url }, 'serving feeds');

  return {
    name: 'serve',
    url,
    async stop(deadlineMs) {
      const abandoned: Abandoned[] = [];
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (!(await within(closed.then(() => true), deadlineMs, false))) {
        const open = await new Promise<number>((resolve) => server.getConnections((err, n) => resolve(err ? 0 : n)));
        server.closeAllConnections();
        abandoned.push({ what: `${open} HTTP connection${open === 1 ? '' : 's'} closed mid-request` });
      }
      // The subscriber is this role's own connection: closing it ends the subscription, so nothing is sent on
      // it. An UNSUBSCRIBE sent as Redis went away (seen in CI: the status still said ready) waited in the
      // client's offline queue, which a closed reconnecting client never empties, and held its QUIT to the deadline.
      await cache.stop({ unsubscribe: false });
      subscriber.disconnect();
      unfollow();
      await within(ops.close(), ABANDON_GRACE_MS, undefined);
      return abandoned;
    },
  };
}
