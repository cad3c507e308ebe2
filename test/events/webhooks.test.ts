// Membership events end to end against real Postgres and a real loopback receiver: a write that makes
// a contact match, time passing, a receiver that is down and comes back, a delivery that gives up and
// is redelivered. The worker runs in-process on the test's clock, one pass at a time.
import { beforeAll, describe, expect, it } from 'vitest';
import { recomputeAll } from '../../src/segments/scheduler.js';
import { createWebhookWorker, type WebhookWorker } from '../../src/events/worker.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { loopbackPolicy } from '../support/resolver.js';
import { and, cond, type EventsApi, movableClock, type Receiver, startEventsApi, startReceiver } from './support.js';

const acme = demoFixture().contacts.filter((c) => c.orgId === 'org_acme');
const DAY = 86_400_000;

describe('segment.joined / segment.left webhooks', () => {
  const clock = movableClock('2026-11-01T00:00:00Z');
  let api: EventsApi;
  let receiver: Receiver;
  let worker: WebhookWorker;
  let segment: { id: string; slug: string };
  let hookId: string;
  const logLines: string[] = [];

  /** Runs worker passes until nothing is due. */
  async function drain(): Promise<number> {
    let total = 0;
    for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) total += n;
    return total;
  }
  const deliveries = async (query = '') => (await api.call('GET', `/v1/webhooks/${hookId}/deliveries?limit=500${query}`)).json.deliveries;
  const events = async (segmentId: string) => (await api.call('GET', `/v1/events?segmentId=${segmentId}&limit=1000`, { key: api.keys.viewer })).json.events;

  beforeAll(async () => {
    api = await startEventsApi({ now: clock.now });
    receiver = await startReceiver({ clockSeconds: () => Math.floor(clock.now().getTime() / 1000) });
    worker = createWebhookWorker({ database: api.database, policy: loopbackPolicy(), now: clock.now, timeoutMs: 2_000, backoffBaseMs: 1_000, backoffMaxMs: 8_000, maxAgeMs: 60_000, log: (line) => logLines.push(line) });
    segment = (await api.call('POST', '/v1/segments', { body: { title: 'Webhook testers', type: 'dynamic', rules: and(cond('email', 'contains', 'webhook-test')) } })).json;
    const hook = await api.call('POST', '/v1/webhooks', { body: { url: receiver.url, description: 'test receiver', segmentIds: [segment.id] } });
    expect(hook.status).toBe(201);
    expect(hook.json.secret).toMatch(/^whsec_/);
    expect(hook.json.events).toEqual(['segment.joined', 'segment.left']);
    receiver.secret = hook.json.secret;
    hookId = hook.json.id;
  });

  it('delivers exactly one signed segment.joined when a contact update makes the contact match', async () => {
    const contact = acme[0]!;
    const res = await api.call('PATCH', `/v1/contacts/${contact.id}`, { key: api.keys.editor, body: { email: 'Ada.webhook-test@example.com' } });
    expect(res.status).toBe(200);
    expect(res.json.membership).toEqual({ joined: [{ id: segment.id, slug: 'webhook-testers' }], left: [] });

    expect(await drain()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.verified).toBe(true);
    expect(got!.body).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: 'segment.joined',
      occurredAt: '2026-11-01T00:00:00.000Z',
      tenant: 'org_acme',
      segment: { id: segment.id, slug: 'webhook-testers' },
      objectType: 'contacts',
      member: { id: contact.id },
      contact: { id: contact.id },
      cause: 'write',
    });
    expect(got!.id).toBe(got!.body.id);
    expect(got!.attempt).toBe('1');

    // A write that changes no membership records nothing; nothing more is sent.
    const again = await api.call('PATCH', `/v1/contacts/${contact.id}`, { key: api.keys.editor, body: { firstName: 'Ada' } });
    expect(again.json.membership).toEqual({ joined: [], left: [] });
    expect(await drain()).toBe(0);
    expect(receiver.received).toHaveLength(1);

    expect(await events(segment.id)).toEqual([got!.body]);
    expect(await deliveries()).toEqual([
      expect.objectContaining({ id: got!.delivery, status: 'delivered', attempts: 1, lastStatus: 204, lastError: null, nextAttemptAt: null, event: expect.objectContaining({ id: got!.id }) }),
    ]);
  });

  it('rejects a forged signature on the receiver side (the check the docs give is real)', async () => {
    const secret = receiver.secret;
    receiver.secret = 'whsec_somebody-else';
    await api.call('PATCH', `/v1/contacts/${acme[0]!.id}`, { key: api.keys.editor, body: { email: 'ada@example.com' } });
    await drain();
    const last = receiver.received.at(-1)!;
    expect(last.body).toMatchObject({ type: 'segment.left', cause: 'write' });
    expect(last.verified).toBe(false); // → the receiver answered 401, so the delivery is retried
    expect((await deliveries('&status=pending'))[0]).toMatchObject({ attempts: 1, lastStatus: 401, lastError: 'HTTP 401' });
    receiver.secret = secret;
    clock.advance(1_000);
    expect(await drain()).toBe(1);
    expect(receiver.received.at(-1)).toMatchObject({ id: last.id, verified: true, attempt: '2' });
  });

  it('records segment.left from the scheduled recompute when time passes (relative dates drift)', async () => {
    const recent = (await api.call('POST', '/v1/segments', { body: { title: 'New this month', type: 'dynamic', rules: and(cond('created_at', 'within_last', { amount: 30, unit: 'days' })) } })).json;
    await api.call('PATCH', `/v1/webhooks/${hookId}`, { body: { segmentIds: [segment.id, recent.id] } });
    const members = (await api.call('GET', `/v1/segments/${recent.id}/ids?limit=10000`)).json.ids as string[];
    expect(members.length).toBeGreaterThan(0);
    // The first materialization is the baseline: no flood of joined events for a new segment.
    expect(await events(recent.id)).toEqual([]);

    const before = receiver.received.length;
    clock.advance(40 * DAY);
    const result = await recomputeAll(api.services);
    expect(result.failed).toBe(0);
    const left = await events(recent.id);
    expect(left).toHaveLength(members.length);
    expect(left.every((e: { type: string; cause: string }) => e.type === 'segment.left' && e.cause === 'recompute')).toBe(true);
    expect(left.map((e: { contact: { id: string } }) => e.contact.id).sort()).toEqual([...members].sort());

    expect(await drain()).toBe(members.length);
    const got = receiver.received.slice(before);
    expect(got.every((r) => r.verified)).toBe(true);
    expect(new Set(got.map((r) => r.id)).size).toBe(members.length);
    // A second pass finds nothing left to change.
    await recomputeAll(api.services);
    expect(await events(recent.id)).toHaveLength(members.length);
  });

  it('retries while the receiver is down or failing, then delivers each event once it is back, with no duplicate ids', async () => {
    await receiver.down();
    const before = receiver.received.length;
    const ids = ['ct_hook_1', 'ct_hook_2', 'ct_hook_3'];
    const bulk = await api.call('POST', '/v1/contacts/bulk', {
      key: api.keys.editor,
      // Created long ago, so they join only "Webhook testers", not "New this month".
      body: { contacts: ids.map((id, i) => ({ id, email: `n${i}.webhook-test@example.com`, firstName: `N${i}`, createdAt: '2024-01-01T00:00:00Z' })) },
    });
    expect(bulk.json).toEqual({ created: ids, updated: [], membership: { joined: 3, left: 0 }, proposedFields: [] });

    expect(await worker.runOnce()).toBe(3);
    let pending = await deliveries('&status=pending');
    expect(pending).toHaveLength(3);
    for (const d of pending) {
      expect(d).toMatchObject({ attempts: 1, lastStatus: null, lastError: 'could not connect' });
      expect(d.nextAttemptAt).toBe(new Date(clock.now().getTime() + 1_000).toISOString());
    }
    expect(await worker.runOnce()).toBe(0); // not due yet

    await receiver.up();
    receiver.mode = 'fail';
    clock.advance(1_000);
    expect(await worker.runOnce()).toBe(3);
    pending = await deliveries('&status=pending');
    for (const d of pending) {
      expect(d).toMatchObject({ attempts: 2, lastStatus: 503, lastError: 'HTTP 503' });
      expect(d.nextAttemptAt).toBe(new Date(clock.now().getTime() + 2_000).toISOString()); // backoff doubles
    }

    receiver.mode = 'ok';
    clock.advance(2_000);
    expect(await drain()).toBe(3);
    expect(await deliveries('&status=pending')).toEqual([]);
    const accepted = receiver.accepted().filter((r) => ids.includes(r.body.contact.id));
    expect(accepted).toHaveLength(3);
    expect(new Set(accepted.map((r) => r.id)).size).toBe(3);
    expect(accepted.every((r) => r.attempt === '3' && r.verified)).toBe(true);
    // Every attempt carried the same event id: 3 events, 3 failed attempts' worth seen by the failing receiver.
    const seen = receiver.received.slice(before);
    expect(new Set(seen.map((r) => r.id))).toEqual(new Set(accepted.map((r) => r.id)));
    expect(await drain()).toBe(0);
  });

  it('gives up after the maximum age, and a redeliver sends the same event again', async () => {
    receiver.mode = 'fail';
    await api.call('PATCH', '/v1/contacts/ct_hook_1', { key: api.keys.editor, body: { email: 'left@example.com' } });
    let delivery: { id: string; status: string; attempts: number; event: { id: string } } | undefined;
    for (let i = 0; i < 30; i += 1) {
      await worker.runOnce();
      [delivery] = await deliveries();
      if (delivery!.status !== 'pending') break;
      clock.advance(8_000);
    }
    expect(delivery).toMatchObject({ status: 'failed', lastStatus: 503, nextAttemptAt: null });
    expect(delivery!.attempts).toBe(8); // one attempt per pass, 8 s apart, until the next would fall outside the 60 s window

    receiver.mode = 'ok';
    const re = await api.call('POST', `/v1/webhooks/deliveries/${delivery!.id}/redeliver`);
    expect(re.status).toBe(202);
    expect(re.json).toMatchObject({ id: delivery!.id, status: 'pending', attempts: 0 });
    expect(await drain()).toBe(1);
    expect(receiver.received.at(-1)).toMatchObject({ id: delivery!.event.id, verified: true, attempt: '1' });
    expect((await deliveries())[0]).toMatchObject({ id: delivery!.id, status: 'delivered' });
  });

  it('filters by event type and segment, and sends nothing for a disabled endpoint until it is enabled', async () => {
    const onlyLeft = await api.call('POST', '/v1/webhooks', { body: { url: receiver.url, events: ['segment.left'], segmentIds: [segment.id], secret: receiver.secret } });
    await api.call('PATCH', `/v1/webhooks/${hookId}`, { body: { enabled: false } });
    const before = receiver.received.length;
    await api.call('PATCH', '/v1/contacts/ct_hook_2', { key: api.keys.editor, body: { email: 'gone@example.com' } }); // leaves
    await api.call('PATCH', '/v1/contacts/ct_hook_1', { key: api.keys.editor, body: { email: 'back.webhook-test@example.com' } }); // joins
    expect(await drain()).toBe(1);
    expect(receiver.received.slice(before).map((r) => [r.body.type, r.body.contact.id])).toEqual([['segment.left', 'ct_hook_2']]);
    expect((await api.call('GET', `/v1/webhooks/${onlyLeft.json.id}/deliveries`)).json.deliveries).toHaveLength(1);
    await api.call('PATCH', `/v1/webhooks/${hookId}`, { body: { enabled: true } });
    expect(await drain()).toBe(0); // a disabled endpoint queued nothing
  });

  it('validates webhook URLs, filters and roles, and never shows the secret again', async () => {
    const bad: [unknown, string, RegExp][] = [
      [{ url: 'ftp://example.com/x' }, 'body.url', /use https/],
      [{ url: 'http://hooks.example.com/x' }, 'body.url', /plain http:\/\/ is allowed only to private addresses/],
      [{ url: 'https://user:pw@hooks.example.com/x' }, 'body.url', /remove the credentials/],
      [{ url: 'https://169.254.169.254/latest' }, 'body.url', /link-local address, which is never a webhook receiver/], // even with private receivers allowed
      [{ url: 'http://unknown-host.invalid/x' }, 'body.url', /use https:\/\/; the host name "unknown-host.invalid" does not resolve/],
      [{ url: 'not a url' }, 'body.url', /not a URL/],
      [{ url: `https://example.com/${'x'.repeat(2100)}` }, 'body.url', /.+/],
      [{ url: 'https://hooks.example.com/x', secret: 'short' }, 'body.secret', /16–200 characters/],
      [{ url: 'https://hooks.example.com/x', segmentIds: ['seg_nope'] }, 'body.segmentIds.0', /no segment "seg_nope" in this tenant/],
      [{ url: 'https://hooks.example.com/x', events: ['segment.moved'] }, 'body.events.0', /.+/],
    ];
    for (const [body, path, message] of bad) {
      const res = await api.call('POST', '/v1/webhooks', { body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json.errors).toContainEqual({ path, message: expect.stringMatching(message) });
    }
    const ok = await api.call('POST', '/v1/webhooks', { body: { url: 'https://hooks.example.com/segments?team=growth', secret: 'my-own-secret-123456' } });
    expect(ok.json).toMatchObject({ url: 'https://hooks.example.com/segments?team=growth', secret: 'my-own-secret-123456', segmentIds: null });
    const read = await api.call('GET', `/v1/webhooks/${ok.json.id}`);
    expect(read.json).not.toHaveProperty('secret');
    expect(JSON.stringify((await api.call('GET', '/v1/webhooks')).json)).not.toContain('my-own-secret');
    expect((await api.call('GET', '/v1/webhooks', { key: api.keys.editor })).status).toBe(403);
    expect((await api.call('POST', '/v1/webhooks', { key: api.keys.editor, body: { url: receiver.url } })).status).toBe(403);
    // Another tenant sees none of it.
    expect((await api.call('GET', `/v1/webhooks/${ok.json.id}`, { key: api.keys.globexAdmin })).status).toBe(404);
    expect((await api.call('GET', `/v1/webhooks/${hookId}/deliveries`, { key: api.keys.globexAdmin })).status).toBe(404);
    const [d] = await deliveries();
    expect((await api.call('POST', `/v1/webhooks/deliveries/${d.id}/redeliver`, { key: api.keys.globexAdmin })).status).toBe(404);
    expect((await api.call('GET', `/v1/events?segmentId=${segment.id}`, { key: api.keys.globexAdmin })).json.events).toEqual([]);
    expect((await api.call('DELETE', `/v1/webhooks/${ok.json.id}`)).status).toBe(204);
    expect((await api.call('GET', `/v1/webhooks/${ok.json.id}`)).status).toBe(404);
  });

  it('logs failed attempts without the secret, the URL or the receiver’s answer', () => {
    expect(logLines.length).toBeGreaterThan(5); // the refused, failing and forged-signature attempts above
    const all = logLines.join('\n');
    expect(all).not.toContain(receiver.secret);
    expect(all).not.toContain('busy, try later');
    expect(all).not.toContain('bad signature');
    expect(all).not.toContain(receiver.url);
  });
});
