// The service on a real Citus cluster, against the single server as the reference. Runs when
// CITUS_DATABASE_URL names a database on a Citus coordinator (the citus extension created there and
// the workers added with citus_add_node); the suite owns that database and resets it, so never point
// it at data you want to keep. Skipped, with a line saying so, otherwise.
//
//   1. distribution from empty, then the fixture import into the distributed tables;
//      distribution of a database that already holds the fixture; both with per-table checksums equal
//      to the single server's, and run twice (idempotent);
//   2. the preview benchmark's segments (bench/preview-cases.ts): the same count and the same sample
//      rows as the single server, compiled and hand-written, each routed to one shard (EXPLAIN:
//      Task Count: 1);
//   3. the API flow: draft → approve → ids → counts → CSV → member writes → contact write → events →
//      webhook delivery to a loopback receiver — the same answers as on the single server.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, handPreview } from '../../bench/preview-cases.js';
import { connect, type Database, migrateDatabase } from '../../src/db/client.js';
import { distribute, REFERENCE_TABLES } from '../../src/db/distribute.js';
import * as schema from '../../src/db/schema.js';
import { createWebhookWorker } from '../../src/events/worker.js';
import { importFixture, readFixtureFile } from '../../src/fixture/import.js';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { prepareRules } from '../../src/rules/prepare.js';
import { loadTenantValues } from '../../src/tenants/values.js';
import { previewSegment } from '../../src/segments/preview.js';
import { apiOver, type TestApi } from '../support/api.js';
import { loopbackPolicy } from '../support/resolver.js';
import { useTestDatabase } from '../support/db.js';
import { DEMO_FIXTURE_PATH } from '../support/paths.js';
import { type Receiver, startReceiver } from '../events/support.js';

const CITUS_URL = process.env.CITUS_DATABASE_URL;
if (!CITUS_URL) {
  console.log('test/citus: skipped — set CITUS_DATABASE_URL to a database on a Citus coordinator to run it (README, "Past one machine").');
}

const ASOF = '2026-11-01T00:00:00.000Z'; // the fixture's clock
const ORG = 'org_acme';
const TENANT_TABLES = 14;

/** Drops everything the migrations made, so that each scenario starts from an empty database. */
async function reset(sql: postgres.Sql): Promise<void> {
  await sql`drop schema if exists drizzle cascade`;
  const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public'`;
  if (tables.length) await sql.unsafe(`drop table if exists ${tables.map((t) => `public."${t.name}"`).join(', ')} cascade`);
  const types = await sql<{ name: string }[]>`select typname as name from pg_type where typnamespace = 'public'::regnamespace and typtype = 'e'`;
  for (const t of types) await sql.unsafe(`drop type if exists public."${t.name}" cascade`);
}

/**
 * Row count and a checksum of every row, per application table — without the columns the database
 * stamps at write time (a `now()` default), which differ between two imports.
 */
async function checksums(sql: postgres.Sql): Promise<Record<string, string>> {
  const tables = await sql<{ name: string; stamped: string[] }[]>`
    select t.tablename as name,
           coalesce(array_agg(c.column_name::text) filter (where c.column_default like '%now()%'), '{}') as stamped
    from pg_tables t
    left join information_schema.columns c on c.table_schema = 'public' and c.table_name = t.tablename
    where t.schemaname = 'public'
    group by t.tablename order by 1`;
  const out: Record<string, string> = {};
  for (const { name, stamped } of tables) {
    const row_ = `(to_jsonb(t) - '{${stamped.join(',')}}'::text[])::text`;
    const [row] = await sql.unsafe<{ n: number; sum: string | null }[]>(
      `select count(*)::int as n, md5(coalesce(string_agg(${row_}, '|' order by ${row_}), '')) as sum from public."${name}" t`,
    );
    out[name] = `${row!.n}:${row!.sum}`;
  }
  return out;
}

describe.skipIf(!CITUS_URL)('on a Citus cluster', () => {
  const statements: { query: string; params: unknown[] }[] = [];
  let citus: Database;
  let single: Database;
  let expected: Record<string, string>;

  beforeAll(async () => {
    const sql = postgres(CITUS_URL!, {
      max: 4,
      onnotice: () => {},
      connection: { application_name: 'segment-builder-citus-test', TimeZone: 'UTC' },
      debug: (_c, query, params) => {
        statements.push({ query, params: params as unknown[] });
        if (statements.length > 500) statements.shift();
      },
    });
    const db = drizzle(sql, { schema });
    citus = { sql, db, long: { sql, db }, cancelBackend: async (pid) => void (await sql`select pg_cancel_backend(${pid})`), close: () => sql.end({ timeout: 5 }) };
    const [ext] = await sql`select extversion from pg_extension where extname = 'citus'`;
    expect(ext, 'CITUS_DATABASE_URL must name a database with the citus extension').toBeDefined();
    single = await useTestDatabase('tmpl_fixture');
    expected = await checksums(single.sql);
  });

  afterAll(async () => {
    await citus?.close();
  });

  async function expectDistributed(): Promise<void> {
    const rows = await citus.sql<{ name: string; method: string; repmodel: string; col: string | null; colocation: number }[]>`
      select logicalrelid::regclass::text as name, partmethod::text as method, repmodel::text as repmodel,
             case when partmethod = 'h' then column_to_column_name(logicalrelid, partkey) end as col, colocationid as colocation
      from pg_dist_partition where logicalrelid::regclass::text not like '%.%' order by 1`;
    const reference = rows.filter((r) => r.method === 'n' && r.repmodel === 't').map((r) => r.name);
    const hashed = rows.filter((r) => r.method === 'h');
    expect(reference.sort()).toEqual([...REFERENCE_TABLES].sort());
    expect(hashed).toHaveLength(TENANT_TABLES);
    expect(new Set(hashed.map((r) => r.col))).toEqual(new Set(['org_id']));
    expect(new Set(hashed.map((r) => r.colocation)).size).toBe(1); // all co-located
    const [{ workers } = { workers: 0 }] = await citus.sql<{ workers: number }[]>`
      select count(distinct nodeid)::int as workers from pg_dist_shard_placement p join pg_dist_node n using (nodename, nodeport) where n.groupid <> 0`;
    expect(workers).toBeGreaterThanOrEqual(1);
  }

  it('distributes an empty schema (twice: the second run changes nothing), then takes the fixture import', async () => {
    await reset(citus.sql);
    await migrateDatabase(citus);
    const first = await distribute(citus.sql);
    expect(first.steps.map((s) => s.action)).toEqual(Array(REFERENCE_TABLES.length + TENANT_TABLES).fill('created'));
    // Reference tables first, then parents before children.
    const order = first.steps.map((s) => s.table);
    expect(order.slice(0, REFERENCE_TABLES.length)).toEqual([...REFERENCE_TABLES]);
    for (const [parent, child] of [['contacts', 'deals'], ['companies', 'contacts'], ['segments', 'segment_members'], ['webhook_endpoints', 'webhook_deliveries'], ['segment_events', 'webhook_deliveries']]) {
      expect(order.indexOf(parent!), `${parent} before ${child}`).toBeLessThan(order.indexOf(child!));
    }
    const second = await distribute(citus.sql);
    expect(second.steps.every((s) => s.action === 'already')).toBe(true);
    await expectDistributed();

    await importFixture(citus.db, readFixtureFile(DEMO_FIXTURE_PATH));
    expect(await checksums(citus.sql)).toEqual(expected);
  });

  it('distributes a database that already holds the fixture, moving its rows into the shards', async () => {
    await reset(citus.sql);
    await migrateDatabase(citus);
    await importFixture(citus.db, readFixtureFile(DEMO_FIXTURE_PATH));
    const result = await distribute(citus.sql);
    expect(result.steps.find((s) => s.table === 'contacts')).toMatchObject({ action: 'created', rows: 2300 });
    expect((await distribute(citus.sql)).steps.every((s) => s.action === 'already')).toBe(true);
    await expectDistributed();
    // The coordinator's local copies were truncated: only the shards hold rows.
    const [{ bytes } = { bytes: -1 }] = await citus.sql<{ bytes: number }[]>`select pg_relation_size('public.contacts')::int as bytes`;
    expect(bytes).toBe(0);
    expect(await checksums(citus.sql)).toEqual(expected);
  });

  it('distributes a table a later migration creates: at once with the helper (drizzle/README.md), or on the next db:distribute', async () => {
    const create = (name: string) =>
      citus.sql.unsafe(`create table ${name} (org_id text not null, id text not null, contact_id text not null, primary key (org_id, id))`);
    const fk = (name: string) => citus.sql.unsafe(`alter table ${name} add foreign key (org_id, contact_id) references contacts (org_id, id)`);
    const placement = async (name: string) =>
      (await citus.sql`
        select p.partmethod::text as method, p.colocationid = (select colocationid from pg_dist_partition where logicalrelid = 'contacts'::regclass) as colocated
        from pg_dist_partition p where p.logicalrelid = ${name}::regclass`)[0];
    try {
      // Following the rule: distributed by org_id, co-located with contacts, before its foreign key.
      await create('later_notes');
      await citus.sql`select segment_builder_distribute('later_notes')`;
      await fk('later_notes');
      expect(await placement('later_notes')).toEqual({ method: 'h', colocated: true });
      // Forgetting it: Citus 13 accepts the foreign key, but the table stays on the coordinator, so
      // every tenant statement that joins it leaves one shard. Running db:distribute again fixes it.
      await create('later_tasks');
      await fk('later_tasks');
      expect(await placement('later_tasks')).toBeUndefined();
      const again = await distribute(citus.sql);
      expect(again.steps.filter((s) => s.action === 'created').map((s) => s.table)).toEqual(['later_tasks']);
      expect(await placement('later_tasks')).toEqual({ method: 'h', colocated: true });
      // A table that breaks the rule is refused by the distribution step, which then changes nothing.
      await citus.sql`create table later_codes (org_id text not null, id text not null, code text not null unique, primary key (org_id, id))`;
      await expect(distribute(citus.sql)).rejects.toThrow(/unique index later_codes_code_key on later_codes leaves out org_id/);
      expect(await placement('later_codes')).toBeUndefined();
    } finally {
      await citus.sql`drop table if exists later_notes, later_tasks, later_codes`;
    }
  });

  it('answers the preview benchmark’s segments exactly as the single server does, each on one shard', async () => {
    const asOf = new Date(ASOF);
    const tenantSingle = await loadTenantValues(single.db, ORG);
    const tenantCitus = await loadTenantValues(citus.db, ORG);
    expect(tenantCitus).toEqual(tenantSingle);
    for (const c of cases(tenantSingle, asOf)) {
      const prepared = prepareRules(c.rules, { tenant: tenantSingle });
      if (!prepared.ok) throw new Error(`${c.name}: ${JSON.stringify(prepared.errors)}`);
      const ctx = { orgId: ORG, asOf, tenant: tenantSingle };
      const want = await previewSegment(single.db, prepared.tree, ctx);
      statements.length = 0;
      const got = await previewSegment(citus.db, prepared.tree, ctx);
      expect(got, c.name).toEqual(want);
      expect(await handPreview(citus.db, ORG, c), c.name).toEqual(await handPreview(single.db, ORG, c));
      expect(want.count, `${c.name} matches someone`).toBeGreaterThan(0);

      const query = statements.find((s) => /with m as materialized/.test(s.query))!;
      const plan = (await citus.sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain ${query.query}`, query.params as never[])).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan, `${c.name}\n${plan}`).toMatch(/Task Count: 1\b/);
      expect(plan).not.toMatch(/Distributed Subplan/);
    }
  });

  describe('the API flow', () => {
    let receiver: Receiver;
    beforeAll(async () => {
      receiver = await startReceiver(); // the worker signs with the real clock
    });
    afterAll(async () => {
      await receiver?.down();
    });

    /** The flow, on one database; returns what a client saw, minus random ids. */
    async function flow(api: TestApi): Promise<unknown> {
      const seen: Record<string, unknown> = {};
      const hook = await api.call('POST', '/v1/webhooks', { body: { url: receiver.url, description: 'citus flow' } });
      expect(hook.status).toBe(201);
      receiver.secret = hook.json.secret;

      const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'customers in France or Spain', asOf: ASOF } });
      expect(draft.status).toBe(201);
      seen.draft = { count: draft.json.preview.count, sample: draft.json.preview.sample, explanation: draft.json.explanation };
      const approved = await api.call('POST', `/v1/drafts/${draft.json.id}/approve`, { body: { title: 'French or Spanish customers' } });
      expect(approved.status).toBe(201);
      const segmentId = approved.json.id as string;
      const ids = await api.call('GET', `/v1/segments/${segmentId}/ids?asOf=${ASOF}`, { key: api.keys.viewer });
      expect(ids.status).toBe(200);
      seen.ids = ids.json.ids;
      const counts = await api.call('POST', '/v1/segments/counts', { key: api.keys.viewer, body: { ids: [segmentId, 'seg_nope'], asOf: ASOF } });
      expect(counts.status).toBe(200);
      seen.counts = { count: counts.json.counts[segmentId], unknown: counts.json.unknown };
      const csv = await api.call('GET', `/v1/segments/${segmentId}/export.csv?asOf=${ASOF}`, { key: api.keys.viewer });
      expect(csv.status).toBe(200);
      seen.csv = csv.text;

      // Member writes on a static segment: add three (one unknown), remove one.
      const stat = await api.call('POST', '/v1/segments', { body: { title: 'Citus hand-picked', type: 'static' } });
      expect(stat.status).toBe(201);
      const two = (seen.ids as string[]).slice(0, 2);
      const added = await api.call('POST', `/v1/segments/${stat.json.id}/members`, { key: api.keys.editor, body: { contactIds: [...two, 'con_nope'] } });
      expect(added.status, added.text).toBe(200);
      const removed = await api.call('DELETE', `/v1/segments/${stat.json.id}/members`, { key: api.keys.editor, body: { contactIds: [two[0]] } });
      expect(removed.status, removed.text).toBe(200);
      seen.members = { added: added.json, removed: removed.json };

      // A contact write that makes a contact leave the dynamic segment.
      const moved = await api.call('PATCH', `/v1/contacts/${two[1]}`, { key: api.keys.editor, body: { country: 'DE' } });
      expect(moved.status, moved.text).toBe(200);
      seen.moved = { joined: moved.json.membership.joined.map((s: { slug: string }) => s.slug), left: moved.json.membership.left.map((s: { slug: string }) => s.slug) };

      const events = await api.call('GET', '/v1/events?limit=1000', { key: api.keys.viewer });
      expect(events.status).toBe(200);
      type Ev = { type: string; segment: { slug: string }; contact: { id: string }; cause: string };
      seen.events = events.json.events.map((e: Ev) => `${e.type} ${e.segment.slug} ${e.contact.id} ${e.cause}`).sort();

      // Deliver everything to the loopback receiver.
      receiver.received.length = 0;
      const worker = createWebhookWorker({ database: api.database, timeoutMs: 5_000, policy: loopbackPolicy() });
      let sent = 0;
      for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) sent += n;
      expect(sent).toBe(events.json.events.length);
      expect(receiver.received).toHaveLength(sent);
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      expect(new Set(receiver.received.map((r) => r.body.id))).toEqual(new Set(events.json.events.map((e: { id: string }) => e.id)));
      const deliveries = await api.call('GET', `/v1/webhooks/${hook.json.id}/deliveries?limit=500`);
      expect(deliveries.json.deliveries.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
      seen.delivered = sent;
      return seen;
    }

    it('runs draft → approve → ids → counts → CSV → member writes → events → webhooks as on the single server', async () => {
      const provider = new BuiltinProvider();
      const onSingle = await flow(await apiOver(single, { provider, webhookPolicy: loopbackPolicy() }));
      const onCitus = await flow(await apiOver(citus, { provider, webhookPolicy: loopbackPolicy() }));
      expect(onCitus).toEqual(onSingle);
      expect((onCitus as { delivered: number }).delivered).toBeGreaterThan(0);
    });
  });
});
