// Latency of the write paths that change segment membership (and so emit events and webhook
// deliveries), through the HTTP API in one process, on the configured database. Not a test: run it
// on the fixture, on a single server and on a Citus cluster, to compare.
//
//   DATABASE_URL=… npm run import -- fixtures/crm-demo.json.gz     (once)
//   DATABASE_URL=… npm run bench:writes [-- --runs 30]
//
// Each run: a contact update that makes the contact join a dynamic segment and the next one that
// makes it leave (contact re-evaluation + event emission), an add and a remove of 20 static members
// (member writes + events), and a forced recompute of a dynamic segment (the diff in SQL + events).
// A webhook endpoint subscribed to everything makes each event a delivery row as well. The segments
// and the endpoint it creates are deleted at the end.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createApiKey } from '../src/auth/keys.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { defaultEgressPolicy } from '../src/net/egress.js';
import { createApp } from '../src/http/app.js';
import { BuiltinProvider } from '../src/nl/builtin/provider.js';
import { createServices } from '../src/services.js';
import { writePath } from '../src/db/pipeline.js';
import { quantile } from './stats.js';

const { values } = parseArgs({ options: { org: { type: 'string', default: 'org_acme' }, runs: { type: 'string', default: '30' }, ab: { type: 'boolean', default: false } } });
const orgId = values.org!;
const runs = Number(values.runs);

async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  // The endpoint below points at a closed loopback port (no worker runs): allow loopback for it.
  const services = createServices({ database, provider: new BuiltinProvider(), statementTimeoutMs: 60_000, webhookPolicy: { ...defaultEgressPolicy, allowPrivate: true } });
  const app = createApp(services, { log: (err) => console.error(err) });
  const { key } = await createApiKey(database.db, orgId, 'admin', 'bench:writes');
  async function call(method: string, path: string, body?: unknown): Promise<any> {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  const created: string[] = [];
  let hookId: string | undefined;
  try {
    const rules = (value: string) => ({ type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'email', operator: 'contains', value }] });
    const tag = `bench-${Date.now().toString(36)}`;
    const dynamic = await call('POST', '/v1/segments', { title: `bench writes ${tag}`, type: 'dynamic', rules: rules(tag) });
    // At 1M contacts "every customer" is ~250k members, whose first recompute alone ran past a minute;
    // on a large tenant the recompute segment is the customers of one country (~2% of the contacts).
    const [{ n: size } = { n: 0 }] = await database.sql<{ n: number }[]>`select count(*)::int as n from contacts where org_id = ${orgId}`;
    const customers = [{ type: 'condition', field: 'lifecycle_stage', operator: 'eq', value: 'customer' }, ...(size > 100_000 ? [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }] : [])];
    const wide = await call('POST', '/v1/segments', { title: `bench recompute ${tag}`, type: 'dynamic', rules: { type: 'group', op: 'and', negate: false, children: customers } });
    const stat = await call('POST', '/v1/segments', { title: `bench static ${tag}`, type: 'static' });
    created.push(dynamic.id, wide.id, stat.id);
    await call('POST', `/v1/segments/${wide.id}/recompute`);
    hookId = (await call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/bench-never-sent', description: 'bench:writes (never delivered: no worker runs)' })).id;
    const contacts = (await database.sql<{ id: string; email: string }[]>`select id, email from contacts where org_id = ${orgId} order by id limit 21`);
    const [probe, ...twenty] = contacts;
    const ids = twenty.map((c) => c.id);

    const ops: Record<string, number[]> = { 'contact update → join': [], 'contact update → leave': [], 'add 20 members': [], 'remove 20 members': [], 'recompute (forced)': [] };
    // --ab: alternate run by run between the write path as it is (A) and as it was before issue 15
    // (B: src/db/pipeline.ts's switches off: every contact segment re-evaluated, one statement per
    // round trip), reported side by side.
    const before: Record<string, number[]> = { 'contact update → join': [], 'contact update → leave': [] };
    let variant: 'A' | 'B' = 'A';
    const time = async (name: string, fn: () => Promise<unknown>, keep: boolean) => {
      const t0 = performance.now();
      await fn();
      if (keep) (variant === 'B' && before[name] ? before : ops)[name]!.push(performance.now() - t0);
    };
    for (let i = 0; i < (values.ab ? 2 * runs : runs) + 2; i += 1) {
      const keep = i >= 2; // the first two warm the caches
      variant = values.ab && i % 2 === 1 ? 'B' : 'A';
      writePath.skipUnread = writePath.pipeline = variant === 'A';
      await time('contact update → join', () => call('PATCH', `/v1/contacts/${probe!.id}`, { email: `probe.${tag}@example.com` }), keep);
      await time('contact update → leave', () => call('PATCH', `/v1/contacts/${probe!.id}`, { email: probe!.email }), keep);
      await time('add 20 members', () => call('POST', `/v1/segments/${stat.id}/members`, { contactIds: ids }), keep);
      await time('remove 20 members', () => call('DELETE', `/v1/segments/${stat.id}/members`, { contactIds: ids }), keep);
      await time('recompute (forced)', () => call('POST', `/v1/segments/${wide.id}/recompute`), keep);
    }
    const [server] = await database.sql<{ v: string; citus: string | null }[]>`
      select current_setting('server_version') as v, (select extversion from pg_extension where extname = 'citus') as citus`;
    const [{ n: members } = { n: 0 }] = await database.sql<{ n: number }[]>`select count(*)::int as n from segment_members where org_id = ${orgId} and segment_id = ${wide.id}`;
    const [{ n: dynamicCount } = { n: 0 }] = await database.sql<{ n: number }[]>`select count(*)::int as n from segments where org_id = ${orgId} and type = 'dynamic' and computed_version is not null`;
    console.log(`org ${orgId} (${size.toLocaleString('en')} contacts, ${dynamicCount} computed dynamic segments); PostgreSQL ${server!.v}${server!.citus ? `, Citus ${server!.citus}` : ''}; ${runs} runs each${values.ab ? ' per variant, alternating' : ''}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; the recomputed segment has ${members.toLocaleString('en')} members\n`);
    console.log('| write | p50 | p95 |');
    console.log('|---|---:|---:|');
    const p = (ms: number[], q: number) => quantile([...ms].sort((a, b) => a - b), q);
    for (const [name, ms] of Object.entries(ops)) {
      const b = values.ab ? before[name] : undefined;
      const ab = b?.length ? ` (B, before issue 15's write path: ${p(b, 0.5).toFixed(1)} / ${p(b, 0.95).toFixed(1)} ms; A/B p50 ${(p(ms, 0.5) / p(b, 0.5)).toFixed(2)}×, p95 ${(p(ms, 0.95) / p(b, 0.95)).toFixed(2)}×)` : '';
      console.log(`| ${name} | ${p(ms, 0.5).toFixed(1)} ms | ${p(ms, 0.95).toFixed(1)} ms |${ab}`);
    }
  } finally {
    if (hookId) await call('DELETE', `/v1/webhooks/${hookId}`).catch(() => {});
    for (const id of created.reverse()) await call('DELETE', `/v1/segments/${id}`).catch(() => {});
    await database.sql`delete from api_keys where org_id = ${orgId} and name = 'bench:writes'`;
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message ?? err);
  process.exit(1);
});
