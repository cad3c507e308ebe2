// The HTTP edge: request ids and structured logs (no secrets in them), security and cache headers,
// health when the database is gone, and requests without a body needing no content type.
import http from 'node:http';
import net from 'node:net';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/keys.js';
import { connect } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/lib/log.js';
import type { Provider } from '../../src/nl/provider.js';
import { createServices } from '../../src/services.js';
import { startApi, type TestApi } from '../support/api.js';
import { createTestDatabase, dropTestDatabase, useTestDatabase } from '../support/db.js';
import { offlinePolicy } from '../support/resolver.js';
import { freePort } from '../support/global-setup.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

/** A pino destination that keeps every line, parsed. */
function captureLines() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { lines, raw, stream };
}

describe('request ids and structured logs', () => {
  const log = captureLines();
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, logger: createLogger('debug', log.stream) });
  });

  it('gives every request an id: in the X-Request-Id header, in every problem body and on every log line', async () => {
    const before = log.lines.length;
    const ok = await api.call('GET', '/v1/segments');
    expect(ok.status).toBe(200);
    const okId = ok.headers.get('x-request-id');
    expect(okId).toMatch(/^[0-9a-f-]{36}$/);

    const bad = await api.call('POST', '/v1/segments', { body: { title: '', type: 'weird' } });
    expect(bad.status).toBe(400);
    expect(bad.json.requestId).toBe(bad.headers.get('x-request-id'));

    const unauth = await api.call('GET', '/v1/segments', { key: null });
    expect(unauth.json.requestId).toBe(unauth.headers.get('x-request-id'));
    const missing = await api.call('GET', '/nowhere');
    expect(missing.json.requestId).toBe(missing.headers.get('x-request-id'));

    const mine = log.lines.slice(before);
    const ids = new Set([okId, bad.json.requestId, unauth.json.requestId, missing.json.requestId]);
    expect(ids.size).toBe(4);
    for (const line of mine) expect(ids.has(line.requestId as string), JSON.stringify(line)).toBe(true);
    // One line per request, with what an operator looks for — and never the key.
    const requestLines = mine.filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(4);
    expect(requestLines[0]).toMatchObject({ requestId: okId, method: 'GET', path: '/v1/segments', status: 200, tenant: 'org_acme', keyId: expect.stringMatching(/^key_/) });
    expect(typeof requestLines[0]!.durationMs).toBe('number');
    expect(requestLines[2]).toMatchObject({ status: 401 });
    expect(requestLines[2]).not.toHaveProperty('tenant');
    const text = log.raw.join('\n');
    for (const key of Object.values(api.keys)) expect(text).not.toContain(key);
    expect(text.toLowerCase()).not.toContain('bearer');
  });

  it('keeps a sane incoming X-Request-Id and replaces one that is not', async () => {
    const kept = await api.call('GET', '/v1/segments', { headers: { 'x-request-id': 'client-trace.42:a_b' } });
    expect(kept.headers.get('x-request-id')).toBe('client-trace.42:a_b');
    for (const insane of ['x'.repeat(200), 'a b', 'id"}{"level":60']) {
      const res = await api.call('GET', '/v1/segments', { headers: { 'x-request-id': insane } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('errors in logs', () => {
  it('logs a failed query with its request id and without its parameters (a webhook secret among them)', async () => {
    const database = await useTestDatabase('tmpl_fixture');
    // A fault no client can cause: every insert into webhook_endpoints fails inside Postgres.
    await database.sql.unsafe(`
      create function fail_insert() returns trigger language plpgsql as $$ begin raise exception 'disk on fire'; end $$;
      create trigger fail_insert before insert on webhook_endpoints for each row execute function fail_insert();`);
    const log = captureLines();
    const unexpected: Error[] = [];
    const app = createApp(createServices({ database, provider: noProvider, webhookPolicy: offlinePolicy() }), { logger: createLogger('info', log.stream), log: (e) => unexpected.push(e) });
    const { key } = await createApiKey(database.db, 'org_acme', 'admin');
    const secret = 'whsec_do-not-log-me-0123456789';

    const res = await app.request('/v1/webhooks', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example.com/segments', secret }),
    });
    expect(res.status).toBe(500);
    const body = await res.json();
    const requestId = res.headers.get('x-request-id');
    expect(body).toMatchObject({ status: 500, requestId });
    expect(JSON.stringify(body)).not.toContain(secret);

    // The failure really carried the secret (drizzle puts the parameters into the message)…
    expect(unexpected).toHaveLength(1);
    expect(`${unexpected[0]!.message} ${String((unexpected[0] as { cause?: unknown }).cause)}`).toContain(secret);
    // …and the log has the failure, with the SQL text and state, but not the secret nor the key.
    const errorLine = log.lines.find((l) => l.msg === 'unexpected error');
    expect(errorLine).toMatchObject({ requestId, level: 50, err: { message: expect.stringContaining('insert into "webhook_endpoints"'), cause: { code: 'P0001', message: 'disk on fire' } } });
    expect(log.lines.every((l) => l.requestId === requestId)).toBe(true);
    const text = log.raw.join('\n');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(key);
  });
});

describe('headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, now: () => new Date('2026-11-01T00:00:00Z') });
  });

  it('sends nosniff on every response and no-store on every /v1 response, the CSV export included', async () => {
    const seg = await api.call('POST', '/v1/segments', { body: { title: 'Germany', type: 'dynamic', rules: and(cond('country', 'eq', 'DE')) } });
    expect(seg.status).toBe(201);
    const responses = [
      seg,
      await api.call('GET', '/v1/segments'),
      await api.call('GET', `/v1/segments/${seg.json.id}/export.csv`),
      await api.call('GET', '/v1/segments/seg_nope'),
      await api.call('GET', '/v1/segments', { key: null }),
    ];
    expect(responses[2]!.headers.get('content-type')).toMatch(/^text\/csv/);
    for (const res of responses) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    for (const path of ['/health', '/openapi.json', '/app', '/nowhere']) {
      const res = await api.call('GET', path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('GET /health', () => {
  const app = (database: Parameters<typeof createServices>[0]['database']) =>
    createApp(createServices({ database, provider: noProvider }), { logger: createLogger('silent'), healthTimeoutMs: 500 });

  async function expectUnavailable(res: Response) {
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body).toMatchObject({ status: 503, title: 'Service unavailable', detail: expect.stringMatching(/database is not answering/) });
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at |127\.0\.0\.1|password/);
  }

  it('answers 503 problem+json when the pool is closed', async () => {
    const { name, url } = await createTestDatabase('tmpl_empty');
    const database = connect(url, { max: 1 });
    expect((await app(database).request('/health')).status).toBe(200);
    await database.close();
    await expectUnavailable(await app(database).request('/health'));
    await dropTestDatabase(name);
  });

  it('answers 503 when nothing listens where the database should be', async () => {
    const port = await freePort();
    const database = connect(`postgres://nobody@127.0.0.1:${port}/none`, { max: 1 });
    await expectUnavailable(await app(database).request('/health'));
    await database.sql.end({ timeout: 0 });
  });

  it('answers 503 within its bound when the database accepts connections but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const database = connect(`postgres://nobody@127.0.0.1:${(silent.address() as net.AddressInfo).port}/none`, { max: 1 });
    const started = Date.now();
    await expectUnavailable(await app(database).request('/health'));
    expect(Date.now() - started).toBeLessThan(10_000); // the bound is 500 ms; generous for a busy machine
    for (const s of sockets) s.destroy();
    await database.sql.end({ timeout: 0 });
    await new Promise((resolve) => silent.close(resolve));
  });
});

describe('requests without a body', () => {
  let api: TestApi;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider });
    // Over a real socket: a fetch Request built in-process hides what node's HTTP server passes on.
    const app = createApp(api.services, { logger: createLogger('silent') });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => close?.());

  /** node's own client, as curl would send it: no body, no content type, no content-length on DELETE. */
  function send(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('archives, unarchives, duplicates and deletes with no content type', async () => {
    const headers = { authorization: `Bearer ${api.keys.admin}` };
    const created = await api.call('POST', '/v1/segments', { body: { title: 'Bodiless', type: 'static' } });
    const id = created.json.id;
    for (const [method, path, status] of [
      ['POST', `/v1/segments/${id}/archive`, 200],
      ['POST', `/v1/segments/${id}/unarchive`, 200],
      ['POST', `/v1/segments/${id}/duplicate`, 201],
      ['DELETE', `/v1/segments/${id}`, 204],
    ] as const) {
      const res = await send(method, path, headers);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
    }
    // An empty body (content-length: 0) is no body either; a real body still needs JSON.
    const other = (await api.call('POST', '/v1/segments', { body: { title: 'Bodiless 2', type: 'static' } })).json.id;
    const empty = await fetch(`${base}/v1/segments/${other}/archive`, { method: 'POST', headers, body: '' });
    expect(empty.status).toBe(200);
    const text = await fetch(`${base}/v1/segments`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: 'title=x' });
    expect(text.status).toBe(415);
    const noType = await fetch(`${base}/v1/segments`, { method: 'POST', headers, body: new Blob(['{"title":"x","type":"static"}']) });
    expect(noType.status).toBe(415);
    expect((await noType.json()).detail).toMatch(/Send the body as application\/json \(got no content type\)/);
  });
});
