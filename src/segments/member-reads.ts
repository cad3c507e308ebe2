// Reads of a segment's members, for automation (all ids, by id) and for display (pages sorted by a
// column, keyset-paginated), and counts of many segments. All are long reads: they run in a slot of
// the long-read pool, under the statement timeout, and stop on the server when the client leaves.
import { type SQL, sql } from 'drizzle-orm';
import { searchPredicate } from '../contacts/search.js';
import { decodeCursor, encodeCursor } from '../db/cursor.js';
import type { LongRead } from '../db/long-reads.js';
import { AppError } from '../lib/errors.js';
import type { Services } from '../services.js';
import { memberIdsSource, segmentQuery } from './materialize.js';

export interface IdsPage {
  ids: string[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export async function memberIds(services: Services, read: LongRead, segmentId: string, opts: { asOf?: Date; cursor?: string; limit: number }): Promise<IdsPage> {
  const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor, { parts: 1 })[0]!;
  const source = await memberIdsSource(services, read, read.orgId, segmentId, opts.asOf);
  const rows = await segmentQuery(services, read, (tx) =>
    tx.execute<{ id: string }>(sql`
      select id from (${source}) m ${after !== undefined ? sql`where id > ${after}` : sql``}
      order by id limit ${opts.limit + 1}`),
  );
  const ids = rows.slice(0, opts.limit).map((r) => r.id);
  return { ids, nextCursor: rows.length > opts.limit ? encodeCursor([ids[ids.length - 1]!]) : null };
}

export const MEMBER_SORTS = { created_at: 'c.created_at', email: 'lower(c.email)', last_name: "coalesce(lower(c.last_name), '')" } as const;
export type MemberSort = keyof typeof MEMBER_SORTS;

export interface MemberRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
  company: string | null;
  createdAt: string;
  /** When the contact last became a member (its latest join, or the segment's creation); null when not a recorded member (a dynamic segment read at `asOf`). */
  joinedAt: string | null;
}

export interface MembersPage {
  members: MemberRow[];
  nextCursor: string | null;
  /** With a search: how many members match it in all; null without one. */
  matching: number | null;
}

/** Members for the UI, keyset-paginated on (sort value, id): stable and cheap at any depth. */
export async function listMembers(
  services: Services,
  read: LongRead,
  segmentId: string,
  opts: { asOf?: Date; cursor?: string; limit: number; sort: MemberSort; order: 'asc' | 'desc'; q?: string },
): Promise<MembersPage> {
  const orgId = read.orgId;
  const key = sql.raw(MEMBER_SORTS[opts.sort]);
  const dir = sql.raw(opts.order);
  let after = sql``;
  if (opts.cursor !== undefined) {
    const [value, id] = decodeCursor(opts.cursor, { parts: 2, ...(opts.sort === 'created_at' ? { dates: [0] } : {}) });
    const cmp = sql.raw(opts.order === 'asc' ? '>' : '<');
    const typed = opts.sort === 'created_at' ? sql`${value}::timestamptz` : sql`${value}`;
    after = sql`and (${key}, c.id) ${cmp} (${typed}, ${id})`;
  }
  const q = opts.q?.trim();
  const search = q ? sql`and ${searchPredicate(q)}` : sql``;
  const source = await memberIdsSource(services, read, orgId, segmentId, opts.asOf);
  const rows = await segmentQuery(services, read, (tx) =>
    tx.execute<{ id: string; first_name: string | null; last_name: string | null; email: string; company: string | null; created_at: string; joined_at: string | null; sort_key: string }>(sql`
      select c.id, c.first_name, c.last_name, c.email, co.name as company, c.created_at, sm.added_at as joined_at, (${key})::text as sort_key
      from (${source}) m
      join contacts c on c.org_id = ${orgId} and c.id = m.id
      left join companies co on co.org_id = c.org_id and co.id = c.company_id
      left join segment_members sm on sm.org_id = ${orgId} and sm.segment_id = ${segmentId} and sm.contact_id = m.id
      where true ${search} ${after}
      order by ${key} ${dir}, c.id ${dir}
      limit ${opts.limit + 1}`),
  );
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  // The search's total, for "1–25 of 40 matching": one count over the same members.
  const matching = q
    ? (await segmentQuery(services, read, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from (${source}) m join contacts c on c.org_id = ${orgId} and c.id = m.id where true ${search}`)))[0]!.n
    : null;
  return {
    matching,
    members: page.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      company: r.company,
      createdAt: new Date(r.created_at).toISOString(),
      joinedAt: r.joined_at === null ? null : new Date(r.joined_at).toISOString(),
    })),
    nextCursor: rows.length > opts.limit && last ? encodeCursor([last.sort_key, last.id]) : null,
  };
}

export interface CountsResult {
  counts: Record<string, number>;
  /** Requested ids that are not segments of this tenant. */
  unknown: string[];
}

/** `fresh`: recompute dynamic segments now rather than serve members younger than the cache TTL. */
export async function countMany(services: Services, read: LongRead, segmentIds: string[], asOf?: Date, opts: { fresh?: boolean } = {}): Promise<CountsResult> {
  const ids = [...new Set(segmentIds)];
  const counts: Record<string, number> = {};
  const unknown: string[] = [];
  for (const id of ids) {
    let source: SQL;
    try {
      source = await memberIdsSource(services, read, read.orgId, id, asOf, { force: opts.fresh === true });
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') {
        unknown.push(id);
        continue;
      }
      throw err;
    }
    const [row] = await segmentQuery(services, read, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from (${source}) m`));
    counts[id] = row!.n;
  }
  return { counts, unknown };
}
