// The webhook network policy (issue 11, finding 2): which addresses a webhook may go to, checked when
// an endpoint is registered and again, on the addresses the name resolves to then, at every delivery;
// the connection goes to the checked address; failures are recorded as generic reasons that do not
// tell open, closed and non-HTTP ports apart. Receivers are on 127.0.0.1 only.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../src/events/deliver.js';
import { classifyAddress, type EgressPolicy, permittedAddresses } from '../../src/net/egress.js';
import { createWebhookWorker } from '../../src/events/worker.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { loopbackPolicy, offlinePolicy, tableResolver } from '../support/resolver.js';
import { and, cond, type EventsApi, startEventsApi, startReceiver } from './support.js';

const NEVER = [
  ['0.0.0.0', 'unspecified'],
  ['255.255.255.255', 'broadcast'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['169.254.169.254', 'link-local'],
  ['198.18.0.1', 'reserved'],
  ['198.19.255.254', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['::', 'unspecified'],
  ['fe80::1', 'link-local'],
  ['ff02::1', 'multicast'],
  ['::a00:1', 'IPv4-compatible'],
  ['::7f00:1', 'IPv4-compatible'],
  ['100::1', 'special-purpose'],
  ['2001:db8::1', 'special-purpose'],
  ['64:ff9b:1::a00:1', 'NAT64 local-use'],
  ['::ffff:169.254.169.254', 'link-local (as IPv4-mapped IPv6)'],
  ['64:ff9b::a9fe:a9fe', 'link-local (as NAT64 IPv6)'],
] as const;

const PRIVATE = [
  ['127.0.0.1', 'loopback'],
  ['127.1.2.3', 'loopback'],
  ['10.0.0.5', 'private network'],
  ['172.16.0.1', 'private network'],
  ['172.31.255.255', 'private network'],
  ['192.168.1.1', 'private network'],
  ['100.64.0.1', 'CGNAT'],
  ['100.127.255.254', 'CGNAT'],
  ['::1', 'loopback'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456::1', 'unique-local'],
  ['fec0::1', 'site-local'],
  ['::ffff:127.0.0.1', 'loopback (as IPv4-mapped IPv6)'],
  ['::ffff:10.0.0.1', 'private network (as IPv4-mapped IPv6)'],
  ['::ffff:0:a00:1', 'private network (as IPv4-translated IPv6)'],
  ['64:ff9b::a00:1', 'private network (as NAT64 IPv6)'],
  ['64:ff9b::7f00:1', 'loopback (as NAT64 IPv6)'],
  ['2002:a00:1::1', 'private network (as 6to4 IPv6)'],
  ['2002:7f00:1::', 'loopback (as 6to4 IPv6)'],
  // Teredo: server 65.54.227.120, client ~(f5ff:fffe) = 10.0.0.1
  ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'private network (as Teredo IPv6)'],
] as const;

const PUBLIC = ['8.8.8.8', '93.184.215.14', '100.63.255.255', '100.128.0.1', '172.32.0.1', '198.20.0.1', '2606:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'];

describe('webhook network policy: the address table', () => {
  it.each(NEVER)('never allows %s (%s), whatever the setting', (address, kind) => {
    expect(classifyAddress(address)).toMatchObject({ class: 'never', kind: expect.stringContaining(kind) });
  });

  it.each(PRIVATE)('allows %s (%s) only with WEBHOOK_ALLOW_PRIVATE', (address, kind) => {
    expect(classifyAddress(address)).toMatchObject({ class: 'private', kind: expect.stringContaining(kind) });
  });

  it.each(PUBLIC)('allows the public address %s', (address) => {
    expect(classifyAddress(address)).toEqual({ class: 'public', kind: 'public' });
  });

  it('judges the URL forms a parser might let through: bracketed, numeric, hex, IPv4-in-IPv6', async () => {
    const refused = [
      'https://127.0.0.1/x',
      'https://2130706433/x', // 127.0.0.1 as one number
      'https://0x7f.1/x',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://[::ffff:7f00:1]/x',
      'https://[::a00:1]/x',
      'https://[64:ff9b::10.0.0.1]/x',
      'https://[fec0::1]/x',
      'https://[fd00::1]/x',
      'https://198.18.0.1/x',
      'https://224.0.0.1/x',
      'https://255.255.255.255/x',
      'https://0.0.0.0/x',
      'https://localhost/x',
      'https://rebound.example.com/x',
    ];
    const policy = offlinePolicy({ localhost: ['127.0.0.1', '::1'], 'rebound.example.com': ['93.184.215.14', '10.1.2.3'] });
    for (const url of refused) {
      await expect(permittedAddresses(new URL(url), policy), url).rejects.toMatchObject({ code: 'not_allowed' });
    }
    expect(await permittedAddresses(new URL('https://hooks.example.com/x'), policy)).toEqual([{ address: '93.184.215.14', family: 4 }]);
    expect(await permittedAddresses(new URL('https://[2606:4700::1111]/x'), policy)).toEqual([{ address: '2606:4700::1111', family: 6 }]);
    // Private receivers are allowed only with the setting, and only then over plain http.
    await expect(permittedAddresses(new URL('http://127.0.0.1:9/x'), loopbackPolicy())).resolves.toHaveLength(1);
    await expect(permittedAddresses(new URL('http://hooks.example.com/x'), loopbackPolicy())).rejects.toMatchObject({ code: 'insecure' });
    await expect(permittedAddresses(new URL('https://169.254.169.254/x'), loopbackPolicy())).rejects.toMatchObject({ code: 'not_allowed' });
  });
});

describe('webhook network policy: registration (default policy)', () => {
  let api: EventsApi;

  beforeAll(async () => {
    api = await startEventsApi({ webhookPolicy: offlinePolicy({ 'intranet.example.com': ['10.0.0.7'], 'metadata.example.com': ['169.254.169.254'] }) });
  });

  it('refuses a loopback, private or special receiver with a 400 naming the url field and why', async () => {
    const cases: [string, RegExp][] = [
      ['http://127.0.0.1:5432/', /127\.0\.0\.1 is a loopback address; webhooks go only to public addresses/],
      ['https://127.0.0.1/hooks', /loopback address/],
      ['https://[::ffff:127.0.0.1]/hooks', /loopback \(as IPv4-mapped IPv6\) address/],
      ['https://[::a00:1]/hooks', /IPv4-compatible IPv6/],
      ['https://[64:ff9b::a00:1]/hooks', /private network \(as NAT64 IPv6\)/],
      ['https://[fec0::1]/hooks', /site-local/],
      ['https://198.18.0.1/hooks', /reserved/],
      ['https://224.0.0.1/hooks', /multicast/],
      ['https://255.255.255.255/hooks', /broadcast/],
      ['https://10.0.0.5/hooks', /private network address/],
      ['https://intranet.example.com/hooks', /"intranet\.example\.com" resolves to a private network address/],
      ['https://metadata.example.com/latest', /link-local address, which is never a webhook receiver/],
      ['http://hooks.example.com/hooks', /use https:\/\//],
    ];
    for (const [url, message] of cases) {
      const res = await api.call('POST', '/v1/webhooks', { body: { url } });
      expect(res.status, url).toBe(400);
      expect(res.json, url).toMatchObject({ type: '/problems/validation-failed', errors: [{ path: 'body.url', message: expect.stringMatching(message) }] });
    }
    expect((await api.call('GET', '/v1/webhooks')).json.webhooks).toEqual([]); // nothing was stored
  });

  it('refuses the same on a PATCH of the URL, and accepts a public https receiver', async () => {
    const ok = await api.call('POST', '/v1/webhooks', { body: { url: 'https://hooks.example.com/segments' } });
    expect(ok.status).toBe(201);
    const patched = await api.call('PATCH', `/v1/webhooks/${ok.json.id}`, { body: { url: 'https://127.0.0.1/x' } });
    expect(patched.status).toBe(400);
    expect(patched.json.errors).toEqual([{ path: 'body.url', message: expect.stringMatching(/loopback/) }]);
    expect((await api.call('GET', `/v1/webhooks/${ok.json.id}`)).json.url).toBe('https://hooks.example.com/segments');
    expect((await api.call('DELETE', `/v1/webhooks/${ok.json.id}`)).status).toBe(204);
  });
});

describe('webhook network policy: delivery', () => {
  it('checks the address again at delivery: a name that now resolves to loopback is refused, and nothing is sent', async () => {
    const table: Record<string, string[]> = {};
    const policy: EgressPolicy = { allowPrivate: false, resolve: tableResolver(table) };
    const api = await startEventsApi({ webhookPolicy: policy });
    const receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    const segment = (await api.call('POST', '/v1/segments', { body: { title: 'Rebind', type: 'dynamic', rules: and(cond('email', 'contains', 'rebind-test')) } })).json;
    // Registered while the name pointed at a public address…
    const hook = await api.call('POST', '/v1/webhooks', { body: { url: `https://rebind.example.com:${port}/hooks`, segmentIds: [segment.id] } });
    expect(hook.status).toBe(201);
    // …then the name is pointed at the service's own machine.
    table['rebind.example.com'] = ['127.0.0.1'];
    const contact = demoFixture().contacts.find((c) => c.orgId === 'org_acme')!;
    expect((await api.call('PATCH', `/v1/contacts/${contact.id}`, { key: api.keys.editor, body: { email: 'x.rebind-test@example.com' } })).status).toBe(200);
    const worker = createWebhookWorker({ database: api.database, policy, timeoutMs: 2_000 });
    expect(await worker.runOnce()).toBe(1);
    const [d] = (await api.call('GET', `/v1/webhooks/${hook.json.id}/deliveries`)).json.deliveries;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null, lastError: 'address not allowed: "rebind.example.com" resolves to a loopback address; webhooks go only to public addresses' });
    expect(receiver.received).toHaveLength(0);
  });

  it('connects to the address it checked, not to whatever the name resolves to a moment later', async () => {
    // Two receivers on one port: 127.0.0.1 (the checked answer) and 127.0.0.2 (the rebound one).
    const hits: string[] = [];
    const make = (name: string) => http.createServer((req, res) => (hits.push(name), req.resume(), res.writeHead(204).end()));
    const first = make('checked');
    await new Promise<void>((r) => first.listen(0, '127.0.0.1', r));
    const port = (first.address() as AddressInfo).port;
    const second = make('rebound');
    await new Promise<void>((r) => second.listen(port, '127.0.0.2', r));
    afterAll(() => (first.close(), second.close()));

    let lookups = 0;
    const policy: EgressPolicy = { allowPrivate: true, resolve: async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }] };
    const outcome = await deliverWebhook({ url: `http://pinned.test:${port}/x`, body: '{}', headers: {} }, { policy, timeoutMs: 2_000 });
    expect(outcome).toEqual({ ok: true, status: 204 });
    expect(lookups).toBe(1);
    expect(hits).toEqual(['checked']);
  });

  it('records the same generic reason for a closed port, a non-HTTP port and a reset: "could not connect"', async () => {
    const policy = loopbackPolicy();
    const listen = async (server: net.Server) => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      afterAll(() => server.close());
      return (server.address() as AddressInfo).port;
    };
    // A port nobody listens on (any more).
    const closedServer = net.createServer();
    await new Promise<void>((r) => closedServer.listen(0, '127.0.0.1', r));
    const closedPort = (closedServer.address() as AddressInfo).port;
    await new Promise<void>((r) => closedServer.close(() => r()));
    // Something like PostgreSQL: answers bytes that are not HTTP, then hangs up.
    const pgLike = await listen(net.createServer((s) => s.once('data', () => s.end(Buffer.from('E\0\0\0\x7fSFATAL\0C0A000\0Minvalid length of startup packet\0\0')))));
    // Accepts and resets at once.
    const reset = await listen(net.createServer((s) => s.resetAndDestroy()));
    for (const port of [closedPort, pgLike, reset]) {
      const outcome = await deliverWebhook({ url: `http://127.0.0.1:${port}/x`, body: '{}', headers: {} }, { policy, timeoutMs: 2_000 });
      expect(outcome, `port ${port}`).toEqual({ ok: false, status: null, reason: 'could not connect' });
    }
  });

  it('records only the status of a failed answer, never the receiver’s body', async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' }).end('FATAL: password authentication failed for user "postgres" at /srv/app/.env');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    afterAll(() => server.close());
    const outcome = await deliverWebhook({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, body: '{}', headers: {} }, { policy: loopbackPolicy(), timeoutMs: 2_000 });
    expect(outcome).toEqual({ ok: false, status: 500, reason: 'HTTP 500' });
  });
});
