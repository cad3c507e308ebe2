// Reads of a segment's members, for automation (all ids, by id) and for display (pages sorted by a
// column, keyset-paginated), and counts of many segments. All are long reads: they run in a slot of
// the long-read pool, under the statement timeout, and stop on the server when the client leaves.
import { type SQL, sql } from 'drizzle-orm';
import { searchPredicate } from '../contacts/search.js';
import { decodeCursor, encodeCursor } from '../db/cursor.js';
import type { LongRead } from '../db/long-reads.js';
import { AppError } from '../lib/errors.js';
import type { Services } from '../services.js';
import type { ObjectType } from '../rules/catalog.js';
import { type PreviewCompany, type PreviewDeal, type PreviewRow, ROW_SHAPES } from '../sql/preview.js';
import { ROOTS } from '../sql/roots.js';
import { memberIdsSource, memberSource, segmentQuery } from './materialize.js';

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

/** Sort keys per object type, as SQL over the root alias (constants we wrote); the first is the default. */
export const MEMBER_SORTS = {
  contacts: { created_at: 'c.created_at', email: 'lower(c.email)', last_name: "coalesce(lower(c.last_name), '')" },
  companies: { name: 'lower(k.name)', employee_count: 'coalesce(k.employee_count, -1)' },
  deals: { created_at: 'd.created_at', name: 'lower(d.name)', amount: 'coalesce(d.amount, -1)' },
} as const satisfies Record<ObjectType, Record<string, string>>;
export const MEMBER_SORT_KEYS = ['created_at', 'email', 'last_name', 'name', 'employee_count', 'amount'] as const;
export type MemberSort = (typeof MEMBER_SORT_KEYS)[number];

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

/** When the member last became one (see MemberRow.joinedAt), for every object type. */
type Joined = { joinedAt: string | null };
export type ObjectMemberRow = MemberRow | (PreviewCompany & Joined) | (PreviewDeal & { createdAt: string } & Joined);

export interface MembersPage {
  objectType: ObjectType;
  members: ObjectMemberRow[];
  nextCursor: string | null;
  /** With a search: how many members match it in all; null without one. */
  matching: number | null;
}

const iso = (v: unknown) => new Date(v as string).toISOString();

/** The columns a member page shows per object type: the preview's, plus the creation time where there is one. */
const MEMBER_COLUMNS: Record<ObjectType, { columns: string; created: boolean }> = {
  contacts: { columns: `${ROW_SHAPES.contacts.columns}, c.created_at`, created: true },
  companies: { columns: ROW_SHAPES.companies.columns, created: false },
  deals: { columns: `${ROW_SHAPES.deals.columns}, d.created_at`, created: true },
};

/** Members for the UI, keyset-paginated on (sort value, id): stable and cheap at any depth. */
export async function listMembers(
  services: Services,
  read: LongRead,
  segmentId: string,
  opts: { asOf?: Date; cursor?: string; limit: number; sort?: MemberSort | undefined; order: 'asc' | 'desc'; q?: string | undefined },
): Promise<MembersPage> {
  const orgId = read.orgId;
  const { segment, source } = await memberSource(services, read, orgId, segmentId, opts.asOf);
  const type = segment.objectType;
  const sorts: Record<string, string> = MEMBER_SORTS[type];
  const sort = opts.sort ?? Object.keys(sorts)[0]!;
  if (!(sort in sorts)) {
    throw new AppError('validation_failed', `Members of a segment of ${type} cannot be sorted by ${sort}.`, [
      { path: 'query.sort', message: `use one of ${Object.keys(sorts).join(', ')}` },
    ]);
  }
  const root = ROOTS[type];
  const a = sql.raw(root.alias);
  const key = sql.raw(sorts[sort]!);
  const dir = sql.raw(opts.order);
  const dated = sort === 'created_at';
  let after = sql``;
  if (opts.cursor !== undefined) {
    const [value, id] = decodeCursor(opts.cursor, { parts: 2, ...(dated ? { dates: [0] } : {}) });
    const cmp = sql.raw(opts.order === 'asc' ? '>' : '<');
    const typed = dated ? sql`${value}::timestamptz` : sorts[sort]!.includes('coalesce(') && !sorts[sort]!.includes("''") ? sql`${value}::numeric` : sql`${value}`;
    after = sql`and (${key}, ${a}.id) ${cmp} (${typed}, ${id})`;
  }
  const shape = ROW_SHAPES[type];
  const q = opts.q?.trim();
  if (q && type !== 'contacts') {
    throw new AppError('validation_failed', `Searching members is for segments of contacts (by name or email); this is a segment of ${type}.`, [{ path: 'query.q', message: 'leave q out for segments of companies and deals' }]);
  }
  const search = q ? sql`and ${searchPredicate(q)}` : sql``;
  const rows = await segmentQuery(services, read, (tx) =>
    tx.execute<PreviewRow & { sort_key: string; joined_at: string | null }>(sql`
      select ${a}.id, ${sql.raw(MEMBER_COLUMNS[type].columns)}, sm.added_at as joined_at, (${key})::text as sort_key
      from (${source}) m
      join ${sql.raw(root.table)} ${a} on ${a}.org_id = ${orgId} and ${a}.id = m.id
      ${shape.joins(orgId)}
      left join ${sql.raw(root.members.table)} sm on sm.org_id = ${orgId} and sm.segment_id = ${segmentId} and sm.${sql.raw(root.members.column)} = m.id
      where true ${search} ${after}
      order by ${key} ${dir}, ${a}.id ${dir}
      limit ${opts.limit + 1}`),
  );
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  // The search's total, for "1–25 of 40 matching": one count over the same members.
  const matching = q
    ? (await segmentQuery(services, read, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from (${source}) m join contacts c on c.org_id = ${orgId} and c.id = m.id where true ${search}`)))[0]!.n
    : null;
  return {
    objectType: type,
    matching,
    members: page.map((r) => {
      const joinedAt = r.joined_at === null ? null : iso(r.joined_at);
      return (MEMBER_COLUMNS[type].created ? { ...shape.row(r), createdAt: iso(r.created_at), joinedAt } : { ...shape.row(r), joinedAt }) as ObjectMemberRow;
    }),
    nextCursor: rows.length > opts.limit && last ? encodeCursor([last.sort_key, last.id!]) : null,
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
