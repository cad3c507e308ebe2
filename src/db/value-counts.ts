// How many of a tenant's contacts carry each tag, country and language (contact_value_counts,
// drizzle/0012_value_counts.sql), so that the tenant's values are a read of a few rows rather than
// a distinct over every contact. Every contact write adds the difference it made, in its own
// transaction, so the counts commit (or roll back) with the contacts; bulk loads recount the tenant.
import { sql } from 'drizzle-orm';
import type { Executor, Sql } from './client.js';

/** What of a contact the counts follow. */
export interface CountedValues {
  tags: readonly string[];
  country: string | null;
  language: string | null;
}

export type ValueKind = 'tag' | 'country' | 'language';

/** The counts' changes from `before` (rows as they were; absent for a new contact) to `after` (absent when deleted); zeros left out. */
export function valueDeltas(changes: readonly { before?: CountedValues | undefined; after?: CountedValues | undefined }[]): { kind: ValueKind; value: string; delta: number }[] {
  const deltas = new Map<string, number>();
  const add = (row: CountedValues | undefined, sign: number) => {
    if (!row) return;
    const keys = new Set(row.tags.map((t) => `tag\u0000${t}`));
    if (row.country !== null) keys.add(`country\u0000${row.country}`);
    if (row.language !== null) keys.add(`language\u0000${row.language}`);
    for (const key of keys) deltas.set(key, (deltas.get(key) ?? 0) + sign);
  };
  for (const c of changes) {
    add(c.before, -1);
    add(c.after, +1);
  }
  return [...deltas]
    .filter(([, delta]) => delta !== 0)
    .map(([key, delta]) => {
      const [kind, value] = key.split('\u0000') as [ValueKind, string];
      return { kind, value, delta };
    })
    // One order for every writer, so two transactions never take these rows' locks in opposite orders.
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * Adds the counts' changes of a contact write, on the write's own transaction; one statement, or
 * none when the write changed no tag, country or language. Call it last in the transaction: the
 * rows it updates stay locked until commit, and concurrent writes that change the same value wait.
 */
export async function addValueCounts(tx: Executor, orgId: string, changes: Parameters<typeof valueDeltas>[0]): Promise<void> {
  const deltas = valueDeltas(changes);
  if (deltas.length === 0) return;
  const list = (values: readonly (string | number)[], type: 'text' | 'int') =>
    sql`array[${sql.join(values.map((v) => sql`${v}`), sql.raw(', '))}]::${sql.raw(type)}[]`;
  await tx.execute(sql`
    insert into contact_value_counts (org_id, kind, value, contacts)
    select ${orgId}, d.kind, d.value, d.delta
    from unnest(${list(deltas.map((d) => d.kind), 'text')}, ${list(deltas.map((d) => d.value), 'text')}, ${list(deltas.map((d) => d.delta), 'int')}) with ordinality as d(kind, value, delta, n)
    order by d.n
    on conflict (org_id, kind, value) do update set contacts = contact_value_counts.contacts + excluded.contacts`);
}

/** Recounts `orgId` from its contacts (bulk loads, `npm run facts:rebuild`); returns the rows written. */
export async function rebuildValueCounts(db: Executor, orgId: string): Promise<number> {
  const [row] = await db.execute<{ n: string }>(sql`select segment_builder_rebuild_value_counts(${orgId}) as n`);
  return Number(row?.n ?? 0);
}

/** The same on a raw postgres.js session (the generator's reserved connection). */
export async function rebuildValueCountsRaw(conn: Pick<Sql, 'unsafe'>, orgId: string): Promise<number> {
  const [row] = await conn.unsafe<{ n: string }[]>('select segment_builder_rebuild_value_counts($1) as n', [orgId]);
  return Number(row?.n ?? 0);
}
