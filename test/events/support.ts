// Support for membership-event tests: an in-process API over a private fixture database (whose URL
// a child process can use too), a movable clock, and a loopback webhook receiver that checks every
// signature the way docs/events.md tells receivers to.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { connect, type Database } from '../../src/db/client.js';
import type { Provider } from '../../src/nl/provider.js';
import type { Services } from '../../src/services.js';
import { createTestDatabase, dropTestDatabase } from '../support/db.js';
import { apiOver, type ApiResponse, type CallOptions } from '../support/api.js';
import type { EgressPolicy } from '../../src/net/egress.js';
import { loopbackPolicy } from '../support/resolver.js';

export const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
export const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
export const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

export interface Clock {
  now: () => Date;
  set(d: Date | string): void;
  advance(ms: number): void;
}

export function movableClock(start: Date | string): Clock {
  let t = new Date(start);
  return { now: () => t, set: (d) => void (t = new Date(d)), advance: (ms) => void (t = new Date(t.getTime() + ms)) };
}

export interface EventsApi {
  database: Database;
  url: string;
  services: Services;
  keys: Record<'admin' | 'editor' | 'viewer' | 'globexAdmin', string>;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
}

/** The API with WEBHOOK_ALLOW_PRIVATE=true (the receiver is on 127.0.0.1) unless `webhookPolicy` says otherwise. */
export async function startEventsApi(
  options: {
    now?: () => Date;
    cacheTtlMs?: number;
    database?: (url: string) => Database;
    webhookPolicy?: EgressPolicy;
    longReadsPerTenant?: number;
    longReadsTotal?: number;
    provider?: Provider;
  } = {},
): Promise<EventsApi> {
  const { name, url } = await createTestDatabase('tmpl_fixture');
  const database = options.database ? options.database(url) : connect(url, { max: 4, guardTransactions: true });
  afterAll(async () => {
    await database.close();
    await dropTestDatabase(name);
  });
  const api = await apiOver(database, {
    provider: options.provider ?? noProvider,
    webhookPolicy: options.webhookPolicy ?? loopbackPolicy(),
    ...(options.now ? { now: options.now } : {}),
    ...(options.cacheTtlMs !== undefined ? { cacheTtlMs: options.cacheTtlMs } : {}),
    ...(options.longReadsPerTenant !== undefined ? { longReadsPerTenant: options.longReadsPerTenant } : {}),
    ...(options.longReadsTotal !== undefined ? { longReadsTotal: options.longReadsTotal } : {}),
  });
  return { ...api, url };
}

// ---- the receiver ---------------------------------------------------------------------------------

export interface Received {
  /** Arrival time (ms since the epoch). */
  at: number;
  id: string | undefined;
  delivery: string | undefined;
  attempt: string | undefined;
  verified: boolean;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** What docs/events.md gives receivers to copy: HMAC-SHA256 over `${timestamp}.${rawBody}`, constant-time compare, 5-minute window. */
function verifySignature(secret: string, rawBody: string, timestamp: string, signature: string, nowSeconds: number): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  return signature
    .split(',')
    .map((s) => Buffer.from(s.trim()))
    .some((got) => got.length === expected.length && timingSafeEqual(got, expected));
}

export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface Receiver {
  url: string;
  secret: string;
  mode: ReceiverMode;
  received: Received[];
  /** Requests that completed with 2xx. */
  accepted(): Received[];
  /** Resolves when `n` requests have arrived in total. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** Stop listening (connections refused) / listen again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(options: { clockSeconds?: () => number } = {}): Promise<Receiver> {
  const received: Received[] = [];
  const okIds = new Set<Received>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const hanging = new Set<http.ServerResponse>();
  const sockets = new Set<import('node:net').Socket>();
  let server: http.Server | undefined;
  let port = 0;

  const receiver: Receiver = {
    url: '',
    secret: '',
    mode: 'ok',
    received,
    accepted: () => received.filter((r) => okIds.has(r)),
    waitFor(n, timeoutMs = 10_000) {
      if (received.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${received.length} requests, expected ${n}`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    async down() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      server = undefined;
    },
    async up() {
      server = http.createServer((req, res) => {
        let raw = '';
        req.setEncoding('utf8');
        req.on('data', (chunk) => (raw += chunk));
        req.on('end', () => {
          const h = (name: string) => req.headers[name.toLowerCase()] as string | undefined;
          const nowSeconds = options.clockSeconds?.() ?? Math.floor(Date.now() / 1000);
          const entry: Received = {
            at: Date.now(),
            id: h('Segment-Webhook-Id'),
            delivery: h('Segment-Webhook-Delivery'),
            attempt: h('Segment-Webhook-Attempt'),
            verified: verifySignature(receiver.secret, raw, h('Segment-Webhook-Timestamp') ?? '', h('Segment-Webhook-Signature') ?? '', nowSeconds),
            body: JSON.parse(raw),
          };
          received.push(entry);
          for (const w of waiters.filter((x) => received.length >= x.n)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          if (receiver.mode === 'hang') {
            hanging.add(res);
            return;
          }
          if (receiver.mode === 'fail') {
            res.writeHead(503, { 'content-type': 'text/plain' }).end('busy, try later');
            return;
          }
          if (!entry.verified) {
            res.writeHead(401).end('bad signature');
            return;
          }
          okIds.add(entry);
          res.writeHead(204).end();
        });
      });
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${port}/hooks`;
    },
    async close() {
      await receiver.down();
    },
  };
  await receiver.up();
  afterAll(() => receiver.close());
  return receiver;
}

// ---- a worker in its own process, to kill -------------------------------------------------------------

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts the webhook worker in a child process (`worker-process.ts`); resolves once it polls. */
export async function spawnWorker(databaseUrl: string, options: { leaseMs: number; pollIntervalMs: number }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'worker-process.ts'), databaseUrl, String(options.leaseMs), String(options.pollIntervalMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes('worker started')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code}: ${err}`)));
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return child;
}
