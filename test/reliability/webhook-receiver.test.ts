// Reliability: a hostile webhook receiver (issue 11, finding 3). The real worker delivers real events
// to a receiver on 127.0.0.1 that drips its body, never sends headers, streams hundreds of MB,
// sends endless headers or redirects to itself. Each attempt must end within the delivery timeout,
// cost bounded memory, follow no redirect, and record only a status and a generic reason.
// Bounded: one request per scenario, every stream stops when the worker hangs up or at 400 MB.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookWorker, type WebhookWorker } from '../../src/events/worker.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { loopbackPolicy } from '../support/resolver.js';
import { and, cond, type EventsApi, startEventsApi } from '../events/support.js';

const TIMEOUT_MS = 1_500;
const HUGE_BYTES = 400 * 1024 * 1024;
const MB = 1024 * 1024;

type Mode = 'drip' | 'silent' | 'huge' | 'endless-headers' | 'redirect';

interface Hostile {
  url: string;
  mode: Mode;
  requests: number;
  /** Body bytes the receiver managed to write before the worker hung up. */
  written: number;
}

async function startHostile(): Promise<Hostile> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const sockets = new Set<Socket>();
  const hostile: Hostile = { url: '', mode: 'drip', requests: 0, written: 0 };
  const server = http.createServer((req, res) => {
    hostile.requests += 1;
    req.resume();
    req.on('end', () => {
      const socket = res.socket!;
      let closed = false;
      socket.once('close', () => (closed = true));
      switch (hostile.mode) {
        case 'drip': {
          res.writeHead(200, { 'content-type': 'text/plain' });
          const timer = setInterval(() => (closed ? clearInterval(timer) : res.write('.')), 50);
          socket.once('close', () => clearInterval(timer));
          return;
        }
        case 'silent':
          return; // accepts, reads the request, never answers
        case 'huge': {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const pump = () => {
            while (!closed && hostile.written < HUGE_BYTES) {
              hostile.written += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            if (!closed) res.end();
          };
          pump();
          return;
        }
        case 'endless-headers': {
          socket.write('HTTP/1.1 200 OK\r\n');
          const line = `X-Padding: ${'a'.repeat(1000)}\r\n`;
          const pump = () => {
            for (let i = 0; !closed && i < 100_000; i += 1) {
              if (!socket.write(line)) return void socket.once('drain', pump);
            }
          };
          pump();
          return;
        }
        case 'redirect':
          res.writeHead(302, { location: hostile.url }).end();
          return;
      }
    });
  });
  server.on('connection', (s) => (sockets.add(s), s.once('close', () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostile.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return hostile;
}

describe('a hostile webhook receiver', () => {
  const contact = demoFixture().contacts.find((c) => c.orgId === 'org_acme')!;
  let api: EventsApi;
  let hostile: Hostile;
  let worker: WebhookWorker;
  let hookId: string;
  let joined = false;

  beforeAll(async () => {
    api = await startEventsApi();
    hostile = await startHostile();
    // Failed attempts are retried only much later, so each pass sends just the new event.
    worker = createWebhookWorker({ database: api.database, policy: loopbackPolicy(), timeoutMs: TIMEOUT_MS, backoffBaseMs: 3_600_000 });
    const segment = (await api.call('POST', '/v1/segments', { body: { title: 'Hostile', type: 'dynamic', rules: and(cond('email', 'contains', 'hostile-test')) } })).json;
    const hook = await api.call('POST', '/v1/webhooks', { body: { url: hostile.url, segmentIds: [segment.id] } });
    expect(hook.status).toBe(201);
    hookId = hook.json.id;
  });

  /** Makes one membership event, runs one worker pass against the receiver in `mode`, and returns the delivery and how long the pass took. */
  async function deliverOnce(mode: Mode) {
    hostile.mode = mode;
    hostile.requests = 0;
    joined = !joined;
    const email = joined ? 'eve.hostile-test@example.com' : 'eve@example.com';
    expect((await api.call('PATCH', `/v1/contacts/${contact.id}`, { key: api.keys.editor, body: { email } })).status).toBe(200);
    const started = performance.now();
    expect(await worker.runOnce()).toBe(1);
    const elapsedMs = performance.now() - started;
    const [delivery] = (await api.call('GET', `/v1/webhooks/${hookId}/deliveries?limit=1`)).json.deliveries;
    return { delivery, elapsedMs };
  }

  it('ends an attempt whose body drips forever at the timeout, as a failed attempt', async () => {
    const { delivery, elapsedMs } = await deliverOnce('drip');
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 200, lastError: `timeout: no complete answer within ${TIMEOUT_MS} ms` });
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 3_000);
  });

  it('ends an attempt that never gets headers at the timeout', async () => {
    const { delivery, elapsedMs } = await deliverOnce('silent');
    expect(delivery).toMatchObject({ attempts: 1, lastStatus: null, lastError: `timeout: no complete answer within ${TIMEOUT_MS} ms` });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 3_000);
  });

  it('reads a few KB of a 400 MB answer and drops the rest: bounded memory, well within the timeout', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    hostile.written = 0;
    let result: Awaited<ReturnType<typeof deliverOnce>>;
    try {
      result = await deliverOnce('huge');
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(result.delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, lastError: null });
    expect((peak - before) / MB).toBeLessThan(50);
    expect(hostile.written).toBeLessThan(HUGE_BYTES / 10); // the worker hung up long before the end
    expect(result.elapsedMs).toBeLessThan(TIMEOUT_MS);
  });

  it('gives up on endless headers at the header limit, without reading them all', async () => {
    const { delivery, elapsedMs } = await deliverOnce('endless-headers');
    expect(delivery).toMatchObject({ attempts: 1, lastStatus: null, lastError: 'could not connect' });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 3_000);
  });

  it('does not follow a redirect loop: one request, a failed attempt naming the redirect', async () => {
    const { delivery } = await deliverOnce('redirect');
    expect(hostile.requests).toBe(1);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 302, lastError: 'redirect (HTTP 302) not followed; register the final URL' });
  });
});
