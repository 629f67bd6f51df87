/**
 * The callback client, built on the first verification or delivery instead of at start: it brings undici
 * (and the fetcher's transport) with it, and a worker whose hub has had nothing to verify or deliver since it
 * started never needs them (bench:idle). close() before any request has nothing to close.
 */
import type { CallbackClient, createCallbackClient } from './callback-client.js';

export function lazyCallbackClient(opts: Parameters<typeof createCallbackClient>[0]): CallbackClient {
  let client: Promise<CallbackClient> | null = null;
  const load = (): Promise<CallbackClient> => (client ??= import('./callback-client.js').then((m) => m.createCallbackClient(opts)));
  return {
    get: async (url) => (await load()).get(url),
    post: async (url, body, headers) => (await load()).post(url, body, headers),
    async close(options) {
      if (client !== null) await (await client).close(options);
    },
  };
}
