import type { Sql } from '../../src/db/client.js';

const TABLES = [
  'orgs',
  'users',
  'companies',
  'contacts',
  'deals',
  'activities',
  'campaigns',
  'email_events',
  'fit_scores',
  'segments',
  'segment_members',
] as const;

/** Row count and a content hash of every CRM table: equal snapshots mean equal data. */
export async function snapshotTables(sql: Sql): Promise<Record<string, { rows: number; md5: string | null }>> {
  const out: Record<string, { rows: number; md5: string | null }> = {};
  for (const table of TABLES) {
    const [row] = await sql.unsafe(
      `select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as md5 from "${table}" t`,
    );
    out[table] = { rows: row!.rows as number, md5: row!.md5 as string | null };
  }
  return out;
}
