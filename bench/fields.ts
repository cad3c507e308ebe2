// Filters on a tenant's own fields at 100k contacts with 20 defined fields (issue 13, item 4): what
// each field type's filter costs with the shared GIN index on properties alone, and what the
// expression index of an `indexed` number or date field (src/tenants/field-indexes.ts) changes.
//
//   npm run generate -- --contacts 100000 --org org_synth_100k
//   npm run bench:fields -- --org org_synth_100k [--runs 20]
//
// Setup (idempotent, on the synthetic org only): 17 more definitions next to the generator's three
// (plan, source, nps) — 5 number, 4 date, 4 single-select, 2 multi-select, 2 boolean — and a value
// for each on every contact, drawn from a hash of the contact id. Then every segment is previewed
// (exact count + first 10 rows) `runs` times with no field index, then again after indexing the nine
// number and date fields; the indexes are dropped at the end.
import { sql } from 'drizzle-orm';
import { FieldIndexes } from '../src/tenants/field-indexes.js';
import type { RuleTree } from '../src/rules/grammar.js';
import { prepareRules } from '../src/rules/prepare.js';
import { previewSegment } from '../src/segments/preview.js';
import { loadTenantValues } from '../src/tenants/values.js';
import { quantile } from './stats.js';
import { runBench } from './target.js';

type Def = { key: string; label: string; type: 'number' | 'date' | 'single_select' | 'multi_select' | 'boolean'; values?: string[]; fill: string };
const h = (key: string) => `abs(hashtext(id || '${key}'))`;
const pick = (key: string, values: string[]) => `to_jsonb((array[${values.map((v) => `'${v}'`).join(',')}])[1 + ${h(key)} % ${values.length}])`;
const day = (key: string, from: number, span: number) => `to_jsonb(to_char(timestamptz '2026-11-01' + ((${h(key)} % ${span}) + ${from}) * interval '1 day', 'YYYY-MM-DD'))`;
const set = (key: string, values: string[]) =>
  `coalesce((select jsonb_agg(v) from unnest(array[${values.map((v) => `'${v}'`).join(',')}]) v where abs(hashtext(id || '${key}' || v)) % 4 = 0), '[]'::jsonb)`;

const INTERESTS = ['analytics', 'security', 'billing', 'mobile', 'ai', 'api'];
const INTEGRATIONS = ['slack', 'salesforce', 'hubspot', 'zapier', 'jira', 'github', 'teams', 'stripe'];
const DEFS: Def[] = [
  { key: 'seats', label: 'Seats', type: 'number', fill: `to_jsonb(${h('seats')} % 500)` },
  { key: 'arr', label: 'ARR', type: 'number', fill: `to_jsonb(${h('arr')} % 200000)` },
  { key: 'logins_30d', label: 'Logins (30 days)', type: 'number', fill: `to_jsonb(${h('logins')} % 100)` },
  { key: 'health_score', label: 'Health score', type: 'number', fill: `to_jsonb(${h('health')} % 101)` },
  { key: 'tickets_open', label: 'Open tickets', type: 'number', fill: `to_jsonb(${h('tickets')} % 12)` },
  { key: 'renewal_date', label: 'Renewal date', type: 'date', fill: day('renewal', -365, 730) },
  { key: 'trial_end', label: 'Trial end', type: 'date', fill: day('trial', -200, 260) },
  { key: 'last_login', label: 'Last login', type: 'date', fill: day('login', -400, 400) },
  { key: 'onboarded_at', label: 'Onboarded', type: 'date', fill: day('onboarded', -900, 900) },
  { key: 'region', label: 'Region', type: 'single_select', values: ['emea', 'na', 'latam', 'apac', 'anz'], fill: pick('region', ['emea', 'na', 'latam', 'apac', 'anz']) },
  { key: 'tier', label: 'Tier', type: 'single_select', values: ['bronze', 'silver', 'gold', 'platinum'], fill: pick('tier', ['bronze', 'silver', 'gold', 'platinum']) },
  { key: 'csm', label: 'CSM', type: 'single_select', values: ['ana', 'ben', 'chen', 'dara', 'eli', 'fay', 'gus', 'hana'], fill: pick('csm', ['ana', 'ben', 'chen', 'dara', 'eli', 'fay', 'gus', 'hana']) },
  { key: 'billing_cycle', label: 'Billing cycle', type: 'single_select', values: ['monthly', 'quarterly', 'annual'], fill: pick('cycle', ['monthly', 'quarterly', 'annual']) },
  { key: 'interests', label: 'Interests', type: 'multi_select', values: INTERESTS, fill: set('interests', INTERESTS) },
  { key: 'integrations', label: 'Integrations', type: 'multi_select', values: INTEGRATIONS, fill: set('integrations', INTEGRATIONS) },
  { key: 'beta_opt_in', label: 'Beta opt-in', type: 'boolean', fill: `to_jsonb(${h('beta')} % 5 = 0)` },
  { key: 'is_champion', label: 'Champion', type: 'boolean', fill: `to_jsonb(${h('champion')} % 20 = 0)` },
];

const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const c = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });
const CASES: { name: string; rules: unknown }[] = [
  { name: 'number, selective: seats ≥ 490', rules: and(c('properties.seats', 'gte', 490)) },
  { name: 'number, wide: health 40–60', rules: and(c('properties.health_score', 'between', [40, 60])) },
  { name: 'date: renewal in the next 30 days', rules: and(c('properties.renewal_date', 'between', ['2026-11-01', '2026-11-30'])) },
  { name: 'date: last login before 2025-11-15', rules: and(c('properties.last_login', 'lt', '2025-11-15')) },
  { name: 'single-select: region = apac', rules: and(c('properties.region', 'eq', 'apac')) },
  { name: 'multi-select: interests include security', rules: and(c('properties.interests', 'eq', 'security')) },
  { name: 'boolean: champion', rules: and(c('properties.is_champion', 'eq', true)) },
  { name: 'mixed: DE, gold tier, ≥ 400 seats, renewing by March', rules: and(c('country', 'eq', 'DE'), c('properties.tier', 'eq', 'gold'), c('properties.seats', 'gte', 400), c('properties.renewal_date', 'between', ['2026-11-01', '2027-03-31'])) },
];

runBench(async ({ database, orgId, runs, asOf }) => {
  if (!orgId.startsWith('org_synth')) throw new Error('bench:fields defines fields and rewrites properties: run it on a synthetic org (org_synth…)');
  const t0 = performance.now();
  for (const d of DEFS) {
    await database.db.execute(sql`
      insert into field_definitions (org_id, object, key, label, type, values)
      values (${orgId}, 'contacts', ${d.key}, ${d.label}, ${d.type}, ${d.values ? sql`${`{${d.values.join(',')}}`}::text[]` : sql`null`})
      on conflict (org_id, object, key) do nothing`);
  }
  const fill = DEFS.map((d) => `'${d.key}', ${d.fill}`).join(', ');
  const [{ filled } = { filled: 0 }] = await database.sql.unsafe<{ filled: number }[]>(
    `with u as (update contacts set properties = properties || jsonb_build_object(${fill}) where org_id = $1 and not properties ? 'seats' returning 1) select count(*)::int as filled from u`,
    [orgId],
  );
  await database.sql`vacuum analyze contacts`;
  const [{ n } = { n: 0 }] = await database.sql<{ n: number }[]>`select count(*)::int as n from field_definitions where org_id = ${orgId}`;
  console.log(`setup: ${n} defined fields, ${filled} contacts given values, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const tenant = await loadTenantValues(database.db, orgId);
  const indexes = new FieldIndexes(database);
  const ranged = DEFS.filter((d) => d.type === 'number' || d.type === 'date');
  const measure = async () => {
    const out = new Map<string, { p50: number; p95: number; count: number }>();
    for (const k of CASES) {
      const prepared = prepareRules(k.rules, { tenant });
      if (!prepared.ok) throw new Error(`${k.name}: ${JSON.stringify(prepared.errors)}`);
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < runs + 2; i += 1) {
        const s = performance.now();
        count = (await previewSegment(database.db, prepared.tree as RuleTree, { orgId, asOf, tenant }, { timeoutMs: 120_000 })).count;
        if (i >= 2) times.push(performance.now() - s); // two warm-up runs
      }
      times.sort((a, b) => a - b);
      out.set(k.name, { p50: quantile(times, 0.5), p95: quantile(times, 0.95), count });
    }
    return out;
  };

  for (const d of ranged) await indexes.drop(orgId, 'contacts', d.key);
  const before = await measure();
  const b0 = performance.now();
  for (const d of ranged) await indexes.build(orgId, 'contacts', d.key, d.type as 'number' | 'date');
  const built = (performance.now() - b0) / 1000;
  await database.sql`analyze contacts`;
  const after = await measure();
  const [{ size } = { size: '?' }] = await database.sql<{ size: string }[]>`
    select pg_size_pretty(sum(pg_relation_size(c.oid))) as size from pg_class c where c.relname like 'field_idx_%'`;
  for (const d of ranged) await indexes.drop(orgId, 'contacts', d.key);

  console.log(`built ${ranged.length} field indexes in ${built.toFixed(1)} s (${size} in all)\n`);
  console.log('| filter | matches | GIN only p50 | p95 | with field indexes p50 | p95 | indexed / GIN only p50 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  for (const k of CASES) {
    const a = before.get(k.name)!;
    const b = after.get(k.name)!;
    if (a.count !== b.count) throw new Error(`${k.name}: ${a.count} without field indexes, ${b.count} with`);
    console.log(`| ${k.name} | ${a.count} | ${f(a.p50)} | ${f(a.p95)} | ${f(b.p50)} | ${f(b.p95)} | ${(b.p50 / a.p50).toFixed(2)} |`);
  }
});
