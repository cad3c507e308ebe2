// Nothing is lost when the delivering process dies: a worker killed (SIGKILL, in its own process)
// in the middle of a request leaves its claim to expire, and the next worker delivers the event.
// A worker that is stopped cleanly hands its in-flight deliveries back at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startWebhookWorker } from '../../src/events/worker.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { loopbackPolicy } from '../support/resolver.js';
import { and, cond, type EventsApi, type Receiver, spawnWorker, startEventsApi, startReceiver } from './support.js';

const acme = demoFixture().contacts.filter((c) => c.orgId === 'org_acme');
const LEASE_MS = 1_500;

describe('webhook delivery across worker restarts', () => {
  let api: EventsApi;
  let receiver: Receiver;

  beforeAll(async () => {
    api = await startEventsApi(); // the real clock: the worker process has no other
    receiver = await startReceiver();
    const seg = (await api.call('POST', '/v1/segments', { body: { title: 'Restart testers', type: 'dynamic', rules: and(cond('email', 'contains', 'restart-test')) } })).json;
    const hook = (await api.call('POST', '/v1/webhooks', { body: { url: receiver.url, segmentIds: [seg.id] } })).json;
    receiver.secret = hook.secret;
  });

  const deliveryOf = async (eventId: string) => {
    const [row] = await api.database.db.execute<{ status: string; attempts: number; locked_until: Date | null }>(
      sql`select status, attempts, locked_until from webhook_deliveries where event_id = ${eventId}`,
    );
    return row!;
  };

  async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (ok(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('delivers after a restart when the worker process is killed mid-delivery', async () => {
    receiver.mode = 'hang';
    await api.call('PATCH', `/v1/contacts/${acme[10]!.id}`, { key: api.keys.editor, body: { email: 'kim.restart-test@example.com' } });
    const child = await spawnWorker(api.url, { leaseMs: LEASE_MS, pollIntervalMs: 50 });
    await receiver.waitFor(1); // the request is in flight, the receiver holds it
    const eventId = receiver.received[0]!.id!;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const claimed = await deliveryOf(eventId);
    expect(claimed).toMatchObject({ status: 'pending', attempts: 0 });
    expect(claimed.locked_until).not.toBeNull(); // still leased to the dead worker

    receiver.mode = 'ok';
    const worker = startWebhookWorker({ database: api.database, policy: loopbackPolicy(), pollIntervalMs: 50, timeoutMs: 5_000 });
    try {
      await receiver.waitFor(2, 15_000);
      expect(receiver.received[1]!.at).toBeGreaterThanOrEqual(new Date(claimed.locked_until!).getTime()); // it waited for the dead worker's lease to run out
      const delivered = await until(() => deliveryOf(eventId), (d) => d.status === 'delivered');
      expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, locked_until: null });
      // At least once: the receiver saw the event twice, under one id, and accepted it once.
      expect(receiver.received.map((r) => r.id)).toEqual([eventId, eventId]);
      expect(receiver.accepted()).toHaveLength(1);
      expect(receiver.accepted()[0]!.verified).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it('hands in-flight deliveries back at once when a worker is stopped cleanly', async () => {
    receiver.mode = 'hang';
    const before = receiver.received.length;
    await api.call('PATCH', `/v1/contacts/${acme[11]!.id}`, { key: api.keys.editor, body: { email: 'lee.restart-test@example.com' } });
    const first = startWebhookWorker({ database: api.database, policy: loopbackPolicy(), pollIntervalMs: 50, timeoutMs: 30_000, leaseMs: 60_000 });
    await receiver.waitFor(before + 1);
    const eventId = receiver.received[before]!.id!;
    await first.stop();
    expect(await deliveryOf(eventId)).toMatchObject({ status: 'pending', attempts: 0, locked_until: null });

    receiver.mode = 'ok';
    const second = startWebhookWorker({ database: api.database, policy: loopbackPolicy(), pollIntervalMs: 50, timeoutMs: 5_000 });
    try {
      const delivered = await until(() => deliveryOf(eventId), (d) => d.status === 'delivered', 5_000); // far less than the 60 s lease
      expect(delivered.status).toBe('delivered');
    } finally {
      await second.stop();
    }
  });
});
