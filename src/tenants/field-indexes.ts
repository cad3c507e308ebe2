// The index a tenant field gets, and building it.
//
// - single_select, multi_select, boolean: none of its own. Equality ("plan is pro", "interests
//   include security") compiles to JSON containment, which the shared GIN `jsonb_path_ops` index on
//   contacts.properties serves for every tenant and every key (src/sql/compile.ts, `containment`).
// - number, date with `indexed: true`: a partial expression index over this tenant's contacts,
//   `(prop_number(properties, '<key>')) where org_id = '<org>'` (prop_date for dates), the very
//   expression the compiler emits, so a range filter ("NPS above 8", "renewal date before April")
//   reads the index instead of every contact of the tenant. The compiler binds the key as a
//   parameter; PostgreSQL folds bound parameters into constants when it plans the statement (a custom
//   plan), so the index matches.
// - text: none (contains / starts with read the tenant's rows).
//
// Indexes are built with CREATE INDEX CONCURRENTLY (writes go on meanwhile), after the definition is
// committed, on a connection of their own without a statement timeout; the definition's view says
// whether it is building, ready or failed. A build that died (the service stopped mid-way) leaves an
// invalid index, which the next build drops and builds again. Deleting the field or turning
// `indexed` off drops it.
import { createHash } from 'node:crypto';
import type { Database } from '../db/client.js';
import { PROPERTY_KEY } from '../rules/catalog.js';

export type IndexState = 'building' | 'ready' | 'failed';

/** A deterministic name per (tenant, object, key), inside PostgreSQL's 63-byte limit. */
export function fieldIndexName(orgId: string, object: string, key: string): string {
  return `field_idx_${createHash('sha256').update(`${orgId}\u0000${object}\u0000${key}`).digest('hex').slice(0, 24)}`;
}

/** A SQL string literal. The key is checked against PROPERTY_KEY; org ids are quoted. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function createStatement(orgId: string, key: string, type: 'number' | 'date', name: string): string {
  if (!PROPERTY_KEY.test(key)) throw new Error(`not a property key: ${key}`);
  const read = type === 'number' ? 'prop_number' : 'prop_date';
  return `create index concurrently if not exists "${name}" on contacts (${read}(properties, ${literal(key)}::text)) where org_id = ${literal(orgId)}`;
}

/** Builds and drops field indexes in the background, one build per index at a time. */
export class FieldIndexes {
  private readonly builds = new Map<string, Promise<void>>();

  constructor(private readonly database: Database) {}

  /** Starts building the index (if it is not built or building); resolves when the build ends. */
  build(orgId: string, object: string, key: string, type: 'number' | 'date'): Promise<void> {
    const name = fieldIndexName(orgId, object, key);
    const running = this.builds.get(name);
    if (running) return running;
    const build = this.onOwnConnection(async (sql) => {
      const [existing] = await sql<{ valid: boolean }[]>`select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ${name}`;
      if (existing?.valid) return;
      if (existing) await sql.unsafe(`drop index concurrently if exists "${name}"`);
      await sql.unsafe(createStatement(orgId, key, type, name));
    })
      .catch(() => {}) // the state says "failed"; the next PATCH with indexed: true builds again
      .finally(() => this.builds.delete(name));
    this.builds.set(name, build);
    return build;
  }

  async drop(orgId: string, object: string, key: string): Promise<void> {
    const name = fieldIndexName(orgId, object, key);
    await this.builds.get(name);
    await this.onOwnConnection((sql) => sql.unsafe(`drop index concurrently if exists "${name}"`));
  }

  /** The state of each named field's index: building (here, now), ready, or failed (missing or invalid). */
  async states(orgId: string, fields: readonly { object: string; key: string }[]): Promise<Map<string, IndexState>> {
    const names = fields.map((f) => ({ field: `${f.object}.${f.key}`, name: fieldIndexName(orgId, f.object, f.key) }));
    if (names.length === 0) return new Map();
    const rows = await this.database.sql<{ name: string; valid: boolean }[]>`
      select c.relname as name, i.indisvalid as valid from pg_class c join pg_index i on i.indexrelid = c.oid
      where c.relname in ${this.database.sql(names.map((n) => n.name))}`;
    const valid = new Map(rows.map((r) => [r.name, r.valid]));
    return new Map(
      names.map(({ field, name }) => [field, this.builds.has(name) ? 'building' : valid.get(name) ? 'ready' : 'failed'] as [string, IndexState]),
    );
  }

  /** Waits for every build in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.builds.values()]);
  }

  /** CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction, and may take longer than a statement timeout. */
  private async onOwnConnection<T>(work: (sql: Database['sql']) => Promise<T>): Promise<T> {
    const conn = await this.database.sql.reserve();
    try {
      // No statement timeout, and no lock timeout: a concurrent build waits for older transactions to end
      // (idle_in_transaction_session_timeout bounds those).
      await conn`set statement_timeout = 0`;
      await conn`set lock_timeout = 0`;
      return await work(conn as unknown as Database['sql']);
    } finally {
      await conn`reset statement_timeout`.catch(() => {});
      await conn`reset lock_timeout`.catch(() => {});
      conn.release();
    }
  }
}
