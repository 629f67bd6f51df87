// Feed readers in a process of their own, so what they measure is the
// server and not the test's own event loop: CLIENTS keep-alive connections
// polling URL back to back (every other poll conditional on ETAG, each
// asking for gzip as feed readers do, the bytes kept as they come), until
// stdin closes. The ETag is the one a first plain read gets (the gzip
// representation's). Then one JSON line on stdout: that ETag and every
// read's start (epoch ms, comparable across processes), duration, status,
// ETag and a hash of its body.
//
//   node tests/support/feed-readers.mjs URL CLIENTS
import { createHash } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const [url, clientsArg] = process.argv.slice(2);
const clients = Number(clientsArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const now = () => performance.timeOrigin + performance.now();
const reads = [];
let stop = false;
let etag = null;
process.stdin.on('end', () => (stop = true));
process.stdin.on('close', () => (stop = true));
process.stdin.resume();

function read(conditional) {
  return new Promise((resolve) => {
    const startedAt = now();
    const headers = { 'accept-encoding': 'gzip', ...(conditional ? { 'if-none-match': etag } : {}) };
    const req = http.get(url, { agent, headers }, (res) => {
      const hash = createHash('sha256');
      res.on('data', (d) => hash.update(d));
      res.on('end', () => resolve({ startedAt, ms: now() - startedAt, status: res.statusCode ?? 0, etag: res.headers.etag ?? null, body: hash.digest('hex').slice(0, 16) }));
      res.on('error', (err) => resolve({ startedAt, ms: now() - startedAt, status: 0, etag: null, body: String(err) }));
    });
    req.on('error', (err) => resolve({ startedAt, ms: now() - startedAt, status: 0, etag: null, body: String(err) }));
  });
}

const first = await read(false);
etag = first.etag;
process.stderr.write(`ready ${first.status} ${etag}\n`);
await Promise.all(
  Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; !stop; i++) reads.push(await read((i + c) % 2 === 0));
  }),
);
agent.destroy();
process.stdout.write(`${JSON.stringify({ etag, first, reads })}\n`);
