/**
 * A TCP proxy in front of the test's own redis-server that can go silent on
 * one connection: once a client on it sends a command the test names, that
 * command and everything after it on that connection is swallowed, with the
 * connection left open. To the client it is a Redis that went away the
 * moment the command left, before any close reached it: the order a
 * redis-server stopped mid-shutdown can give, made certain.
 */
import net from 'node:net';

export interface RedisProxy {
  url: string;
  /** Commands swallowed so far, as the RESP name the client sent (lower case). */
  swallowed(): string[];
  close(): Promise<void>;
}

export async function startRedisProxy(target: string, silenceAt: string): Promise<RedisProxy> {
  const to = new URL(target);
  // The command's name as RESP writes it: a bulk string (ioredis sends names in lower case).
  const needle = `$${String(silenceAt.length)}\r\n${silenceAt.toLowerCase()}\r\n`;
  const swallowed: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port), to.hostname);
    sockets.add(client).add(upstream);
    let silent = false;
    client.on('data', (chunk: Buffer) => {
      if (silent) return;
      // ioredis writes a command's RESP whole in one write; a match means this connection goes quiet from here.
      if (!chunk.toString('latin1').toLowerCase().includes(needle)) return void upstream.write(chunk);
      silent = true;
      swallowed.push(silenceAt);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!silent) client.write(chunk);
    });
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${String(port)}`,
    swallowed: () => [...swallowed],
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
