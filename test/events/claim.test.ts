// The worker's claim, statement by statement: every statement that locks rows names one tenant, and
// no write returns a computed function (to_jsonb, now(), …). That is what a Citus cluster needs to
// route each claim to the tenant's shard (a FOR UPDATE across tenants, or a non-IMMUTABLE function in
// the RETURNING of a distributed write, is refused there); here the statements themselves are checked
// on the single server, and test/citus/ runs the same worker on a cluster.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import * as schema from '../../src/db/schema.js';
import { createWebhookWorker } from '../../src/events/worker.js';
import { loopbackPolicy } from '../support/resolver.js';
import { createTestDatabase, dropTestDatabase } from '../support/db.js';
import { type Receiver, startReceiver } from './support.js';

const AT = new Date('2026-11-01T00:00:00Z');

describe('webhook claim', () => {
  const statements: { query: string; params: unknown[] }[] = [];
  let database: Database;
  let dbName: string;
  let receiver: Receiver;
  let orgIds: string[];

  beforeAll(async () => {
    const { name, url } = await createTestDatabase('tmpl_fixture');
    dbName = name;
    const sql = postgres(url, { max: 2, onnotice: () => {}, debug: (_conn, query, params) => statements.push({ query, params: params as unknown[] }) });
    const db = drizzle(sql, { schema });
    database = { sql, db, long: { sql, db }, cancelBackend: async (pid) => void (await sql`select pg_cancel_backend(${pid})`), close: () => sql.end({ timeout: 5 }) };
    receiver = await startReceiver({ clockSeconds: () => Math.floor(AT.getTime() / 1000) });
    receiver.secret = 'whsec_claim-test';
    orgIds = (await sql<{ id: string }[]>`select id from orgs order by id`).map((r) => r.id);
    expect(orgIds.length).toBeGreaterThanOrEqual(2);
    // Two due deliveries per tenant, each tenant with its own endpoint.
    for (const orgId of orgIds) {
      await sql`insert into webhook_endpoints (org_id, id, url, secret, event_types) values (${orgId}, 'whk_claim', ${receiver.url}, ${receiver.secret}, '{segment.joined}')`;
      const [contact] = await sql<{ id: string }[]>`select id from contacts where org_id = ${orgId} order by id limit 1`;
      for (const n of [1, 2]) {
        await sql`insert into segment_events (org_id, id, type, segment_id, segment_slug, contact_id, cause, occurred_at)
                  values (${orgId}, ${`evt_claim${n}`}, 'segment.joined', 'seg_x', 'x', ${contact!.id}, 'write', ${AT.toISOString()})`;
        await sql`insert into webhook_deliveries (org_id, id, endpoint_id, event_id, next_attempt_at, retry_from, created_at)
                  values (${orgId}, ${`dlv_claim${n}`}, 'whk_claim', ${`evt_claim${n}`}, ${AT.toISOString()}, ${AT.toISOString()}, ${AT.toISOString()})`;
      }
    }
  });

  afterAll(async () => {
    await receiver?.down();
    await database?.close();
    if (dbName) await dropTestDatabase(dbName);
  });

  it('claims every tenant’s due deliveries, locking one tenant per statement, returning plain columns', async () => {
    const worker = createWebhookWorker({ database, now: () => AT, timeoutMs: 2_000, policy: loopbackPolicy() });
    statements.length = 0;
    expect(await worker.runOnce()).toBe(2 * orgIds.length);

    const locking = statements.filter((s) => /for\s+update/i.test(s.query));
    expect(locking.length).toBe(orgIds.length);
    for (const s of locking) {
      const tenants = orgIds.filter((id) => s.params.includes(id));
      expect(tenants, s.query).toHaveLength(1);
    }
    for (const s of statements) expect(s.query).not.toMatch(/to_jsonb|returning[\s\S]*\bnow\(\)/i);

    // And the events went out intact, signed, one per delivery.
    expect(receiver.received).toHaveLength(2 * orgIds.length);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(new Set(receiver.received.map((r) => `${r.body.tenant}/${r.body.id}`)).size).toBe(2 * orgIds.length);
    expect(receiver.received[0]!.body).toEqual(
      expect.objectContaining({ type: 'segment.joined', occurredAt: AT.toISOString(), segment: { id: 'seg_x', slug: 'x' }, cause: 'write' }),
    );
    const left = await database.sql`select count(*)::int as n from webhook_deliveries where status <> 'delivered'`;
    expect(left[0]!.n).toBe(0);
  });
});
