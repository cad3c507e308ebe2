// `segment.handoff` end to end against real Postgres and real loopback receivers: the member ids of a
// segment handed off in pages through the outbox, delivered signed by the worker; every member on
// exactly one page; only endpoints subscribed to hand-offs receive them; all pages or none (a failure
// injected in the database mid-way leaves nothing); a retried request with the same Idempotency-Key
// hands off once, even when the two race.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWebhookWorker, type WebhookWorker } from '../../src/events/worker.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { loopbackPolicy } from '../support/resolver.js';
import { and, cond, type EventsApi, movableClock, type Receiver, startEventsApi, startReceiver } from './support.js';

const acme = demoFixture().contacts.filter((c) => c.orgId === 'org_acme');

describe('segment.handoff', () => {
  const clock = movableClock('2026-11-01T00:00:00Z');
  let api: EventsApi;
  let receiver: Receiver;
  /** An endpoint registered with the default events (joined / left) on every segment. */
  let bystander: Receiver;
  let worker: WebhookWorker;
  let list: string;
  let listIds: string[];
  let hookId: string;

  async function drain(): Promise<number> {
    let total = 0;
    for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) total += n;
    return total;
  }
  const handoff = (segmentId: string, body: unknown, headers: Record<string, string> = {}, key?: string) =>
    api.call('POST', `/v1/segments/${segmentId}/actions/handoff`, { body, headers, ...(key ? { key } : {}) });
  const handoffRows = async (segmentId: string) =>
    (
      await api.database.db.execute<{ n: number; deliveries: number }>(sql`
        select count(*)::int as n,
          (select count(*)::int from webhook_deliveries d join segment_events e on e.org_id = d.org_id and e.id = d.event_id
           where e.org_id = 'org_acme' and e.segment_id = ${segmentId} and e.type = 'segment.handoff') as deliveries
        from segment_events where org_id = 'org_acme' and segment_id = ${segmentId} and type = 'segment.handoff'`)
    )[0]!;

  beforeAll(async () => {
    api = await startEventsApi({ now: clock.now });
    receiver = await startReceiver({ clockSeconds: () => Math.floor(clock.now().getTime() / 1000) });
    bystander = await startReceiver({ clockSeconds: () => Math.floor(clock.now().getTime() / 1000) });
    worker = createWebhookWorker({ database: api.database, policy: loopbackPolicy(), now: clock.now, timeoutMs: 2_000, backoffBaseMs: 1_000, maxAgeMs: 60_000, batchSize: 10 });

    list = (await api.call('POST', '/v1/segments', { body: { title: 'Winter Kickoff audience', type: 'static' } })).json.id;
    listIds = acme.slice(0, 250).map((c) => c.id).sort();
    expect((await api.call('POST', `/v1/segments/${list}/members`, { body: { contactIds: listIds } })).status).toBe(200);

    const hook = await api.call('POST', '/v1/webhooks', { body: { url: receiver.url, events: ['segment.handoff'], description: 'campaign starter' } });
    expect(hook.status).toBe(201);
    expect(hook.json.events).toEqual(['segment.handoff']);
    receiver.secret = hook.json.secret;
    hookId = hook.json.id;
    const other = await api.call('POST', '/v1/webhooks', { body: { url: bystander.url, description: 'CRM sync (joined / left)' } });
    expect(other.json.events).toEqual(['segment.joined', 'segment.left']);
    bystander.secret = other.json.secret;
    await drain(); // the joins of the list's members, to the bystander
    bystander.received.length = 0;
  });

  it('is in the OpenAPI document: the route with its Idempotency-Key header, the event shape, the opt-in', async () => {
    const doc = (await api.call('GET', '/openapi.json')).json;
    const op = doc.paths['/v1/segments/{id}/actions/handoff'].post;
    expect(op.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false }));
    expect(op.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/HandoffAction' });
    expect(op.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/HandoffResult' });
    expect(Object.keys(doc.components.schemas.HandoffEvent.properties).sort()).toEqual(['cause', 'handoff', 'id', 'memberIds', 'objectType', 'occurredAt', 'segment', 'tenant', 'type']);
    expect(doc.components.schemas.Webhook.properties.events.items.enum).toEqual(['segment.joined', 'segment.left', 'segment.handoff']);
    expect(doc.paths['/v1/events'].get.parameters).toContainEqual(expect.objectContaining({ in: 'query', name: 'type' }));
  });

  it('hands off every member exactly once, in signed pages, to the endpoints subscribed to hand-offs only', async () => {
    const res = await handoff(list, { reference: 'campaign:winter-kickoff', note: 'start on Monday', pageSize: 100 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      handoffId: expect.stringMatching(/^hof_[0-9a-f]{32}$/),
      segment: { id: list, slug: 'winter-kickoff-audience' },
      total: 250,
      pages: 3,
      pageSize: 100,
      reference: 'campaign:winter-kickoff',
      note: 'start on Monday',
      occurredAt: '2026-11-01T00:00:00.000Z',
      webhooks: 1,
      replayed: false,
    });

    expect(await drain()).toBe(3);
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.accepted()).toHaveLength(3);
    const bodies = [...receiver.received].map((r) => r.body).sort((a, b) => a.handoff.page - b.handoff.page);
    expect(bodies.map((b) => b.handoff)).toEqual([1, 2, 3].map((page) => ({
      id: res.json.handoffId, page, pages: 3, total: 250, pageSize: 100, reference: 'campaign:winter-kickoff', note: 'start on Monday',
    })));
    expect(bodies[0]).toMatchObject({ type: 'segment.handoff', objectType: 'contacts', tenant: 'org_acme', segment: { id: list, slug: 'winter-kickoff-audience' }, cause: 'manual', occurredAt: '2026-11-01T00:00:00.000Z' });
    expect(bodies[0]).not.toHaveProperty('contact');
    expect(bodies.map((b) => b.memberIds.length)).toEqual([100, 100, 50]);
    expect(bodies.flatMap((b) => b.memberIds)).toEqual(listIds); // each member once, in id order
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(3);

    // The joined / left endpoint heard nothing of it.
    expect(bystander.received).toEqual([]);

    // The log lists hand-off pages only when asked for: existing consumers read contact.id from every event.
    const membership = (await api.call('GET', `/v1/events?segmentId=${list}&limit=1000`, { key: api.keys.viewer })).json.events;
    expect(membership.every((e: { type: string; contact?: { id: string } }) => e.type === 'segment.joined' && e.contact?.id)).toBe(true);
    const pages = (await api.call('GET', `/v1/events?segmentId=${list}&type=segment.handoff`, { key: api.keys.viewer })).json.events;
    expect(pages).toEqual(bodies);
    const both = (await api.call('GET', `/v1/events?segmentId=${list}&type=segment.joined,segment.handoff&limit=1000`)).json.events;
    expect(both).toHaveLength(membership.length + 3);
    const badType = await api.call('GET', '/v1/events?type=segment.started');
    expect(badType.status).toBe(400);
    expect(badType.json.errors[0]).toMatchObject({ path: 'query.type', message: expect.stringContaining('unknown event type "segment.started"') });

    // Deliveries say which page of which hand-off they carry.
    const deliveries = (await api.call('GET', `/v1/webhooks/${hookId}/deliveries`)).json.deliveries;
    expect(deliveries.map((d: { event: { handoff: { page: number } } }) => d.event.handoff.page).sort()).toEqual([1, 2, 3]);
    expect(deliveries.every((d: { status: string; event: { contactId: null } }) => d.status === 'delivered' && d.event.contactId === null)).toBe(true);
  });

  it('hands off a dynamic segment as it is now, in pages of 1,000 by default', async () => {
    const dyn = (await api.call('POST', '/v1/segments', { body: { title: 'Not in Germany', rules: and(cond('country', 'neq', 'DE')) } })).json.id;
    const expected = acme.filter((c) => c.country !== 'DE').map((c) => c.id).sort();
    expect(expected.length).toBeGreaterThan(1_000);
    // A contact that moves to Germany just before: the hand-off reads the segment now, not a cached minute-old list.
    const mover = expected[0]!;
    await api.call('PATCH', `/v1/contacts/${mover}`, { body: { country: 'DE' } });
    receiver.received.length = 0;
    const res = await handoff(dyn, {});
    expect(res.json).toMatchObject({ total: expected.length - 1, pages: 2, pageSize: 1_000, reference: null, note: null, webhooks: 1 });
    expect(await drain()).toBeGreaterThanOrEqual(2);
    const bodies = receiver.received.map((r) => r.body).filter((b) => b.type === 'segment.handoff' && b.handoff.id === res.json.handoffId);
    expect(bodies.every((b) => b.memberIds.length <= 1_000)).toBe(true);
    const ids = bodies.sort((a, b) => a.handoff.page - b.handoff.page).flatMap((b) => b.memberIds);
    expect(ids).toEqual(expected.filter((id) => id !== mover));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('hands off an empty segment as one page with no ids, and refuses an archived one', async () => {
    const empty = (await api.call('POST', '/v1/segments', { body: { title: 'Nobody yet', type: 'static' } })).json.id;
    const res = await handoff(empty, { reference: 'campaign:none' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ total: 0, pages: 1 });
    const [page] = (await api.call('GET', `/v1/events?segmentId=${empty}&type=segment.handoff`)).json.events;
    expect(page).toMatchObject({ memberIds: [], handoff: { page: 1, pages: 1, total: 0, reference: 'campaign:none' } });

    expect((await api.call('POST', `/v1/segments/${empty}/archive`)).status).toBe(200);
    const archived = await handoff(empty, {});
    expect(archived.status).toBe(409);
    expect(archived.json.detail).toMatch(/archived: unarchive it/);
    expect(await handoffRows(empty)).toEqual({ n: 1, deliveries: 1 });
  });

  it('answers bad input, other tenants and viewers with a clear 4xx and writes nothing', async () => {
    const before = await handoffRows(list);
    const cases: [unknown, Record<string, string>, string | undefined, number, string | undefined][] = [
      [{ pageSize: 5 }, {}, undefined, 400, 'body.pageSize'],
      [{ pageSize: 100.5 }, {}, undefined, 400, 'body.pageSize'],
      [{ reference: 'x'.repeat(201) }, {}, undefined, 400, 'body.reference'],
      [{ referense: 'typo' }, {}, undefined, 400, 'body'],
      [{}, { 'idempotency-key': 'has space' }, undefined, 400, 'header.idempotency-key'],
      [{}, {}, api.keys.viewer, 403, undefined],
      [{}, {}, api.keys.globexAdmin, 404, undefined],
    ];
    for (const [body, headers, key, status, path] of cases) {
      const res = await handoff(list, body, headers, key);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      if (path) expect(res.json.errors.map((e: { path: string }) => e.path).join(' ')).toContain(path);
    }
    expect((await handoff('seg_nope', {})).status).toBe(404);
    expect((await api.call('POST', `/v1/segments/${list}/actions/handoff`, { raw: '{"reference": ' })).status).toBe(400);
    expect(await handoffRows(list)).toEqual(before);
    // Editors may hand off.
    expect((await handoff(list, {}, {}, api.keys.editor)).status).toBe(200);
  });

  it('writes all pages or none: a failure injected after the pages were written leaves nothing, and a retry writes it whole', async () => {
    const seg = (await api.call('POST', '/v1/segments', { body: { title: 'Atomic audience', type: 'static' } })).json.id;
    await api.call('POST', `/v1/segments/${seg}/members`, { body: { contactIds: acme.slice(300, 650).map((c) => c.id) } });
    // The deliveries are written after every page's event: fail there, in the database itself.
    await api.database.db.execute(sql.raw(`
      create function fail_handoff_delivery() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from segment_events e where e.org_id = new.org_id and e.id = new.event_id and e.type = 'segment.handoff') then
          raise exception 'injected failure';
        end if;
        return new;
      end $$;
      create trigger fail_handoff_delivery before insert on webhook_deliveries for each row execute function fail_handoff_delivery();`));
    try {
      const failed = await handoff(seg, { pageSize: 100 }, { 'idempotency-key': 'atomic-1' });
      expect(failed.status).toBe(500);
      expect(failed.text).not.toMatch(/injected|at .*\.ts/);
      expect(await handoffRows(seg)).toEqual({ n: 0, deliveries: 0 });
    } finally {
      await api.database.db.execute(sql.raw('drop trigger fail_handoff_delivery on webhook_deliveries; drop function fail_handoff_delivery();'));
    }
    const retried = await handoff(seg, { pageSize: 100 }, { 'idempotency-key': 'atomic-1' });
    expect(retried.json).toMatchObject({ total: 350, pages: 4, replayed: false });
    expect(await handoffRows(seg)).toEqual({ n: 4, deliveries: 4 });
  });

  it('hands off once per Idempotency-Key: a retry, and two racing requests, answer the same hand-off', async () => {
    const key = { 'idempotency-key': 'start-winter-kickoff-1' };
    const first = await handoff(list, { reference: 'campaign:winter' }, key);
    const before = await handoffRows(list);
    clock.advance(60_000);
    const retry = await handoff(list, { reference: 'campaign:winter' }, key);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual({ ...first.json, replayed: true });
    expect(await handoffRows(list)).toEqual(before);

    const changed = await handoff(list, { reference: 'campaign:spring' }, key);
    expect(changed.status).toBe(409);
    expect(changed.json.errors).toEqual([{ path: 'body.reference', message: 'the first request had "campaign:winter"' }]);

    // The same key on another segment is another hand-off; no key, a new one every time.
    const other = (await api.call('POST', '/v1/segments', { body: { title: 'Other list', type: 'static' } })).json.id;
    expect((await handoff(other, { reference: 'campaign:winter' }, key)).json.handoffId).not.toBe(first.json.handoffId);
    const a = await handoff(list, {});
    const b = await handoff(list, {});
    expect(a.json.handoffId).not.toBe(b.json.handoffId);

    // Two requests with a fresh key at once: one writes, the other answers its hand-off.
    const racing = { 'idempotency-key': 'race-1' };
    const beforeRace = await handoffRows(list);
    const [r1, r2] = await Promise.all([handoff(list, { pageSize: 100 }, racing), handoff(list, { pageSize: 100 }, racing)]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(r1.json.handoffId).toBe(r2.json.handoffId);
    expect([r1.json.replayed, r2.json.replayed].sort()).toEqual([false, true]);
    const afterRace = await handoffRows(list);
    expect(afterRace.n - beforeRace.n).toBe(3);
  });
});
