// Distribution on a Citus cluster, run once by the operator (`npm run db:distribute`) after the
// migrations: every tenant table is hash-distributed by org_id, all co-located with `contacts`, so
// that a tenant's rows of every table live on one shard group and each tenant-scoped statement is
// routed to one shard; the few tables without a tenant key are reference tables (a copy on every
// node).
//
// The order matters, and so does one setting:
//   1. Reference tables first, with citus.enable_local_reference_table_foreign_keys = off. `orgs` is
//      referenced by every tenant table; with the setting on, Citus would quietly turn all 15 tables
//      that reach it through foreign keys into "Citus local tables" on the coordinator, and then
//      refuse to distribute them.
//   2. Then the tenant tables, parents before children (the foreign-key graph, read from the catalog),
//      each co-located with the first one, so that every (org_id, …) foreign key joins shards that
//      live on the same node.
//   3. Data that was already in the tables (a fixture imported before distributing) is copied into the
//      shards by create_distributed_table; the leftover local copies are then truncated.
//
// Idempotent: a table already distributed the way we want is skipped; one distributed differently is
// an error that names it. Refuses before changing anything when the citus extension is absent, when a
// table has no org_id and is not a known reference table, or when a unique index on a tenant table
// leaves out org_id (Citus cannot enforce it across shards).
import type { Sql } from './client.js';

/**
 * Tables without a tenant key, or looked up without one: a copy on every node.
 * - orgs: the tenants themselves (no org_id); every tenant table references it.
 * - api_keys: authentication looks a key up by its hash alone, before the tenant is known; a
 *   distributed table could neither route that lookup nor enforce the unique index on `hash`.
 */
export const REFERENCE_TABLES = ['orgs', 'api_keys'] as const;

export const DISTRIBUTION_COLUMN = 'org_id';

export class DistributeError extends Error {
  override name = 'DistributeError';
}

export interface DistributeStep {
  table: string;
  kind: 'reference' | 'distributed';
  action: 'created' | 'already';
  /** Rows that were moved from the coordinator's local table into the shards. */
  rows: number;
}

export interface DistributeResult {
  citusVersion: string;
  shardCount: number;
  steps: DistributeStep[];
}

interface TableInfo {
  name: string;
  hasOrgId: boolean;
  /** `h` hash-distributed, `n` reference or Citus-local, null when plain local. */
  partMethod: string | null;
  /** For a hash-distributed table, its distribution column. */
  distColumn: string | null;
  /** `t` for a reference table (replicated to all nodes), `s` otherwise. */
  repModel: string | null;
  colocationId: number | null;
}

/** The application's tables (the public schema, not Citus's own), with what Citus knows of them. */
async function readTables(sql: Sql): Promise<TableInfo[]> {
  return sql<TableInfo[]>`
    select c.relname as name,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = ${DISTRIBUTION_COLUMN} and not a.attisdropped) as "hasOrgId",
           p.partmethod::text as "partMethod",
           case when p.partmethod = 'h' then column_to_column_name(p.logicalrelid, p.partkey) end as "distColumn",
           p.repmodel::text as "repModel",
           p.colocationid as "colocationId"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    left join pg_dist_partition p on p.logicalrelid = c.oid
    where c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`;
}

/** Foreign keys between application tables: child → parent. */
async function readForeignKeys(sql: Sql): Promise<{ child: string; parent: string }[]> {
  return sql<{ child: string; parent: string }[]>`
    select distinct ch.relname as child, pa.relname as parent
    from pg_constraint k
    join pg_class ch on ch.oid = k.conrelid
    join pg_class pa on pa.oid = k.confrelid
    join pg_namespace n on n.oid = ch.relnamespace and n.nspname = 'public'
    where k.contype = 'f' and k.conrelid <> k.confrelid`;
}

/** Unique indexes (and primary keys) of tenant tables that do not include org_id. */
async function uniqueWithoutTenant(sql: Sql, tables: string[]): Promise<{ table: string; index: string }[]> {
  if (tables.length === 0) return [];
  return sql<{ table: string; index: string }[]>`
    select t.relname as table, i.relname as index
    from pg_index x
    join pg_class t on t.oid = x.indrelid
    join pg_class i on i.oid = x.indexrelid
    join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
    where x.indisunique and t.relname = any(${tables})
      and not exists (
        select 1 from pg_attribute a
        where a.attrelid = t.oid and a.attname = ${DISTRIBUTION_COLUMN} and a.attnum = any(x.indkey::int2[]))
    order by 1, 2`;
}

/** Parents before children (Kahn's algorithm), ties by name so that the order is stable. */
export function parentsFirst(tables: string[], fks: { child: string; parent: string }[]): string[] {
  const set = new Set(tables);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of fks) if (set.has(child) && set.has(parent)) parents.get(child)!.add(parent);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p)));
    if (ready.length === 0) {
      const stuck = tables.filter((t) => !done.has(t));
      throw new DistributeError(`The foreign keys between ${stuck.join(', ')} form a cycle; distribute those tables by hand.`);
    }
    for (const t of ready.sort()) {
      order.push(t);
      done.add(t);
    }
  }
  return order;
}

async function localRows(sql: Sql, table: string): Promise<number> {
  // Only meaningful before the table is distributed: it counts the coordinator's local heap.
  const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from only public.${ident(table)}`);
  return row?.n ?? 0;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface DistributeOptions {
  /** Shards per distributed table (Citus's citus.shard_count, default 32). */
  shardCount?: number;
  log?: (line: string) => void;
}

/** Distributes the application's tables on the Citus cluster behind `sql` (the coordinator). */
export async function distribute(sql: Sql, options: DistributeOptions = {}): Promise<DistributeResult> {
  const log = options.log ?? (() => {});
  const [ext] = await sql<{ version: string }[]>`select extversion as version from pg_extension where extname = 'citus'`;
  if (!ext) {
    throw new DistributeError(
      'The citus extension is not installed in this database, so there is nothing to distribute on. ' +
        'Point DATABASE_URL at the coordinator of a Citus cluster whose database has `CREATE EXTENSION citus` ' +
        'and its workers added (citus_add_node); on a single PostgreSQL server the service needs no distribution step.',
    );
  }
  const [{ workers } = { workers: 0 }] = await sql<{ workers: number }[]>`
    select count(*)::int as workers from pg_dist_node where noderole = 'primary' and isactive and groupid <> 0`;
  const [{ shards } = { shards: 32 }] = await sql<{ shards: number }[]>`select current_setting('citus.shard_count')::int as shards`;
  const shardCount = options.shardCount ?? shards;

  const tables = await readTables(sql);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const reference = REFERENCE_TABLES.filter((t) => byName.has(t));
  const tenant = tables.filter((t) => !(REFERENCE_TABLES as readonly string[]).includes(t.name));

  // Everything that would stop us half-way is checked before the first change.
  const problems: string[] = [];
  for (const name of REFERENCE_TABLES) if (!byName.has(name)) problems.push(`table ${name} is missing: run the migrations first (the service does on start)`);
  for (const t of tenant) {
    if (!t.hasOrgId) problems.push(`table ${t.name} has no ${DISTRIBUTION_COLUMN} column: give it one, or list it in REFERENCE_TABLES (src/db/distribute.ts)`);
  }
  for (const u of await uniqueWithoutTenant(sql, tenant.filter((t) => t.hasOrgId).map((t) => t.name))) {
    problems.push(`unique index ${u.index} on ${u.table} leaves out ${DISTRIBUTION_COLUMN}: a distributed table can only enforce uniqueness that includes it`);
  }
  for (const name of reference) {
    const t = byName.get(name)!;
    if (t.partMethod !== null && !(t.partMethod === 'n' && t.repModel === 't')) problems.push(`table ${name} is already distributed, but not as a reference table`);
  }
  for (const t of tenant) {
    if (t.partMethod === 'n' && t.repModel !== 't')
      problems.push(`table ${t.name} is a Citus local table (it was pulled in by a foreign key to a reference table); run select undistribute_table('${t.name}') and retry`);
    else if (t.partMethod !== null && (t.partMethod !== 'h' || t.distColumn !== DISTRIBUTION_COLUMN))
      problems.push(`table ${t.name} is already distributed, but not by ${DISTRIBUTION_COLUMN}`);
  }
  if (problems.length > 0) throw new DistributeError(`Cannot distribute:\n  - ${problems.join('\n  - ')}`);

  const order = parentsFirst(
    tenant.map((t) => t.name),
    await readForeignKeys(sql),
  );
  const steps: DistributeStep[] = [];
  const moved: string[] = [];
  await sql.begin(async (tx) => {
    // Reference tables first; with the setting off, the local tables that reference `orgs` stay plain
    // local tables instead of being converted to Citus local tables.
    await tx`set local citus.enable_local_reference_table_foreign_keys = off`;
    await tx`select set_config('citus.shard_count', ${String(shardCount)}, true)`;
    // create_distributed_table copies existing rows through the coordinator in this transaction.
    await tx`set local citus.multi_shard_modify_mode = 'sequential'`;
    for (const name of reference) {
      const t = byName.get(name)!;
      if (t.partMethod !== null) {
        steps.push({ table: name, kind: 'reference', action: 'already', rows: 0 });
        continue;
      }
      const rows = await localRows(tx as unknown as Sql, name);
      await tx`select create_reference_table(${`public.${ident(name)}`})`;
      if (rows > 0) moved.push(name);
      steps.push({ table: name, kind: 'reference', action: 'created', rows });
      log(`reference table ${name} (${rows} rows)`);
    }
    let colocateWith = tenant.find((t) => t.partMethod === 'h')?.name;
    for (const name of order) {
      const t = byName.get(name)!;
      if (t.partMethod === 'h') {
        steps.push({ table: name, kind: 'distributed', action: 'already', rows: 0 });
        continue;
      }
      const rows = await localRows(tx as unknown as Sql, name);
      await tx`select create_distributed_table(${`public.${ident(name)}`}, ${DISTRIBUTION_COLUMN}, colocate_with => ${colocateWith ? `public.${ident(colocateWith)}` : 'default'})`;
      colocateWith ??= name;
      if (rows > 0) moved.push(name);
      steps.push({ table: name, kind: 'distributed', action: 'created', rows });
      log(`distributed ${name} by ${DISTRIBUTION_COLUMN}, co-located with ${colocateWith} (${rows} rows)`);
    }
  });
  // The rows were copied into the shards; the coordinator's local copies are dead weight now.
  for (const name of moved.reverse()) {
    await sql`select truncate_local_data_after_distributing_table(${`public.${ident(name)}`})`;
  }
  if (workers === 0) log('note: the cluster has no worker nodes yet; every shard lives on the coordinator until citus_add_node and a rebalance');
  return { citusVersion: ext.version, shardCount, steps };
}
