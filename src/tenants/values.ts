// Loads a tenant's values (src/rules/tenant.ts) from its own rows, in one statement, and caches them
// briefly, because a preview-as-you-type editor asks for them on every keystroke. The statement is
// cheap at any size: contact tags, countries and languages come from their kept counts, company
// industries and countries and fit-score products from one index descent per distinct value. The values carry
// the tenant's catalog (built-in fields + its field definitions, see ./catalog.ts): invalidate after
// a write that changes values or definitions.
//
// Inside a transaction, pass its handle: the values are then read on that connection (never a second
// one from the pool while this one is held) and see the transaction's own writes, and they are not
// cached, because the transaction may still roll back.
import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.js';
import { buildCatalog } from '../rules/catalog.js';
import type { Campaign, TenantValues } from '../rules/tenant.js';
import { type DefinitionRow, definitionsJson, toDefinition } from './catalog.js';

/** The values as the statement returns them: JSON, so campaign times are still strings; the catalog as its definitions. */
type Row = Omit<TenantValues, 'orgId' | 'campaigns' | 'catalog'> & {
  campaigns: { id: string; name: string; sent_at: string | null }[];
  definitions: DefinitionRow[];
};

/**
 * The distinct non-null values of `column` among the tenant's rows of `table`, by skipping through
 * its `(org_id, column)` index: one index descent per value (a loose index scan, which PostgreSQL
 * does not plan by itself), where `select distinct` reads every row — 0.5 s for 1.8M fit scores.
 * `table` and `column` are constants of this file, never input.
 */
function distinctByIndex(table: 'companies' | 'fit_scores', column: 'industry' | 'country' | 'product', orgId: string) {
  const t = sql.raw(table);
  const col = sql.raw(column);
  return sql`select v from (with recursive r(v) as (
      (select ${col} from ${t} where org_id = ${orgId} and ${col} is not null order by ${col} limit 1)
      union all
      select (select ${col} from ${t} where org_id = ${orgId} and ${col} > r.v order by ${col} limit 1) from r where r.v is not null)
    select v from r where v is not null) skipped`;
}

/** The tenant's contact tags, countries or languages: the kept counts (src/db/value-counts.ts), not a pass over every contact. */
function counted(kind: 'tag' | 'country' | 'language', orgId: string) {
  return sql`select value as v from contact_value_counts where org_id = ${orgId} and kind = ${kind} and contacts > 0`;
}

export async function loadTenantValues(db: Executor, orgId: string): Promise<TenantValues> {
  const list = (query: ReturnType<typeof sql>) => sql`coalesce((${query}), '[]'::json)`;
  const [row] = await db.execute<Row & Record<string, unknown>>(sql`
    select
      ${list(sql`select json_agg(v order by v) from (${counted('tag', orgId)}) t`)} as tags,
      ${list(sql`select json_agg(v order by v) from (${distinctByIndex('companies', 'industry', orgId)}) t`)} as industries,
      ${list(sql`select json_agg(v order by v) from (${distinctByIndex('fit_scores', 'product', orgId)}) t`)} as products,
      ${list(sql`select json_agg(v order by v) from (
        ${counted('country', orgId)}
        union ${distinctByIndex('companies', 'country', orgId)}) t`)} as countries,
      ${list(sql`select json_agg(v order by v) from (${counted('language', orgId)}) t`)} as languages,
      ${list(sql`select json_agg(json_build_object('id', id, 'name', name, 'email', email) order by name, id) from users where org_id = ${orgId}`)} as owners,
      ${list(sql`select json_agg(json_build_object('id', id, 'name', name, 'sent_at', sent_at) order by sent_at nulls first, id) from campaigns where org_id = ${orgId}`)} as campaigns,
      ${list(sql`select json_agg(json_build_object('id', id, 'slug', slug, 'title', title, 'type', type, 'objectType', object_type, 'status', status, 'rules', rules) order by title) from segments where org_id = ${orgId}`)} as segments,
      ${definitionsJson(orgId)} as definitions`);
  const r = row!;
  return {
    orgId,
    catalog: buildCatalog(r.definitions.map(toDefinition)),
    tags: r.tags,
    industries: r.industries,
    products: r.products,
    countries: r.countries,
    languages: r.languages,
    owners: r.owners,
    campaigns: r.campaigns.map((c): Campaign => ({ id: c.id, name: c.name, sentAt: c.sent_at === null ? null : new Date(c.sent_at) })),
    segments: r.segments,
  };
}

/**
 * A small TTL cache in front of loadTenantValues; `invalidate` after writes that change values.
 * Past its TTL an entry is refreshed in the background while the previous values keep being served
 * (stale-while-revalidate): no request waits for the reload (5-20 ms at 1M contacts since the value
 * counts; it took 1.5-3 s as a distinct over every contact).
 * Only the first request of a tenant (or the first after `invalidate`) waits for a load.
 */
export class TenantValuesCache {
  private readonly entries = new Map<string, { at: number; values: Promise<TenantValues>; refreshing?: Promise<void> }>();

  constructor(
    private readonly db: Executor,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The tenant's values; `tx` when called inside a transaction (read there on a miss, not cached). */
  get(orgId: string, tx?: Tx): Promise<TenantValues> {
    const hit = this.entries.get(orgId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.values;
    if (hit) {
      this.refresh(orgId, hit);
      return hit.values;
    }
    if (tx) return loadTenantValues(tx, orgId);
    const values = loadTenantValues(this.db, orgId);
    this.entries.set(orgId, { at: this.now(), values });
    values.catch(() => this.entries.delete(orgId));
    return values;
  }

  /** Settles when no background refresh is running for `orgId` (tests, shutdown). */
  async settled(orgId: string): Promise<void> {
    await this.entries.get(orgId)?.refreshing;
  }

  private refresh(orgId: string, entry: { at: number; values: Promise<TenantValues>; refreshing?: Promise<void> }): void {
    if (entry.refreshing) return;
    entry.refreshing = loadTenantValues(this.db, orgId).then(
      (values) => {
        // Unless invalidated (or replaced) meanwhile: then the newer entry wins.
        if (this.entries.get(orgId) === entry) this.entries.set(orgId, { at: this.now(), values: Promise.resolve(values) });
      },
      () => {
        entry.refreshing = undefined; // keep serving the previous values; the next request retries
      },
    );
  }

  invalidate(orgId: string): void {
    this.entries.delete(orgId);
  }
}
