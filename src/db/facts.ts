// The contact facts (contact_facts, drizzle/0006_contact_facts.sql, and contact_activity_facts, 0013): derived per-contact summaries the
// compiler reads instead of the raw relation tables where they answer a condition exactly
// (src/sql/facts.ts). Every writer of activities, deals, email events, fit scores or contacts calls
// refreshFacts on its own transaction, so the facts commit (or roll back) with the rows they summarise.
import { sql } from 'drizzle-orm';
import type { Executor, Sql } from './client.js';

/**
 * Which facts a write changes: `activities` feed contact_activity_facts, the other relations (deals,
 * email events, fit scores) contact_facts; `all` (new contacts, imports, rebuilds) both.
 */
export type FactsPart = 'all' | 'activities' | 'other';

/**
 * Recomputes the facts of `contactIds` of `orgId` (every contact of the tenant when null) from the
 * raw tables, in one statement; with `part`, only that table (drizzle/0014). Returns the number of
 * facts rows written (contact_facts' when it is refreshed).
 */
export async function refreshFacts(db: Executor, orgId: string, contactIds: readonly string[] | null, part: FactsPart = 'all'): Promise<number> {
  if (contactIds !== null && contactIds.length === 0) return 0;
  const ids = contactIds === null ? sql`null::text[]` : sql`array[${sql.join([...new Set(contactIds)].map((id) => sql`${id}`), sql.raw(', '))}]::text[]`;
  const [row] = await db.execute<{ n: string }>(
    sql`select segment_builder_refresh_facts(${orgId}, ${ids}, ${part !== 'other'}::boolean, ${part !== 'activities'}::boolean) as n`,
  );
  return Number(row?.n ?? 0);
}

/** The same on a raw postgres.js session (the generator's reserved connection). */
export async function refreshFactsRaw(conn: Pick<Sql, 'unsafe'>, orgId: string): Promise<number> {
  const [row] = await conn.unsafe<{ n: string }[]>('select segment_builder_refresh_facts($1, null) as n', [orgId]);
  return Number(row?.n ?? 0);
}
