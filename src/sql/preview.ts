// Preview: the exact number of matching rows and the first rows to look at, as one statement.
// Pure like the compiler: this builds the query and reads its rows; src/segments/preview.ts runs it
// (under the statement timeout) on a connection. Each object type shows its own columns.
import { type SQL, sql } from 'drizzle-orm';
import type { ObjectType } from '../rules/catalog.js';
import type { RuleTree } from '../rules/grammar.js';
import type { EmailStatus } from '../rules/reachability.js';
import { type CompileContext, compilePredicate } from './compile.js';
import { ROOTS } from './roots.js';

export interface PreviewContact {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
  company: string | null;
}

export interface PreviewCompany {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  country: string | null;
  employeeCount: number | null;
}

export interface PreviewDeal {
  id: string;
  name: string;
  stage: string;
  amount: number | null;
  /** The deal's company name and its contact's email. */
  company: string | null;
  contact: string | null;
}

export type PreviewSampleRow = PreviewContact | PreviewCompany | PreviewDeal;

export interface Preview {
  /** What the rows are. */
  objectType: ObjectType;
  count: number;
  sample: PreviewSampleRow[];
  /** The clock the preview was evaluated at (ISO-8601, UTC). */
  asOf: string;
}

/** What a client can do about a segment query that timed out. */
export const NARROW_THE_SEGMENT = 'Narrow the segment (fewer OR branches, shorter date ranges) or try again.';

export type PreviewRow = {
  total: number;
  id: string | null;
  /** With `reach`: the matching contacts per (email status, empty address), as [status, no_email, n]. */
  reach?: [EmailStatus, boolean, number][];
  /** With `why`: the sample contact's why-columns as one object (its `id` and src/sql/why.ts's m<i>, v<i>). */
  why?: { id: string } & Record<string, unknown>;
} & Record<string, unknown>;

/**
 * Per object type: the order of the sample (`sort` over the root alias: newest first, or by name for
 * companies, which have no creation time), the columns it shows (over the root alias and the joins),
 * and how a row becomes a sample entry.
 */
interface RowShape {
  sort: { key: string; dir: 'asc' | 'desc' };
  columns: string;
  joins: (orgId: string) => SQL;
  row: (r: PreviewRow) => PreviewSampleRow;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const ROW_SHAPES: Readonly<Record<ObjectType, RowShape>> = {
  contacts: {
    sort: { key: 'c.created_at', dir: 'desc' },
    columns: 'c.first_name, c.last_name, c.email, x.name as company',
    joins: (orgId) => sql`left join companies x on x.org_id = ${orgId} and x.id = c.company_id`,
    row: (r) => ({ id: r.id!, firstName: r.first_name as string | null, lastName: r.last_name as string | null, email: r.email as string, company: r.company as string | null }),
  },
  companies: {
    sort: { key: 'lower(k.name)', dir: 'asc' },
    columns: 'k.name, k.domain, k.industry, k.country, k.employee_count',
    joins: () => sql``,
    row: (r) => ({
      id: r.id!,
      name: r.name as string,
      domain: r.domain as string | null,
      industry: r.industry as string | null,
      country: r.country as string | null,
      employeeCount: num(r.employee_count),
    }),
  },
  deals: {
    sort: { key: 'd.created_at', dir: 'desc' },
    columns: 'd.name, d.stage, d.amount, x.name as company, y.email as contact',
    joins: (orgId) => sql`left join companies x on x.org_id = ${orgId} and x.id = d.company_id left join contacts y on y.org_id = ${orgId} and y.id = d.contact_id`,
    row: (r) => ({ id: r.id!, name: r.name as string, stage: r.stage as string, amount: num(r.amount), company: r.company as string | null, contact: r.contact as string | null }),
  },
};

/**
 * One statement, one pass over the predicate: the matching rows are computed once (the count
 * needs all of them anyway) and the sample is the top of that set. Asking for "the newest 10 that
 * match" separately lets the planner walk created_at backwards re-testing an expensive predicate per
 * row, which took 25 s instead of 0.9 s for an activity-count segment at 1M contacts.
 * The columns come from joins, not subqueries correlated on the root: Citus refuses correlated
 * subqueries when the FROM clause holds a subquery without FROM (`(select 1) one`), SQLSTATE 0A000.
 * Every table is pinned to the tenant parameter, so on Citus the whole statement routes to one shard.
 *
 * The reviewer's preview of contacts (src/segments/insight.ts) asks for more of the same statement:
 * `reach` groups the matching set it has already computed by email status ("N of M can be emailed"),
 * and `why` computes the why-columns (src/sql/why.ts) for the sample rows only. Those are correlated
 * on `contacts c`, so they live in a CTE over the sample's own contacts, never in the select list
 * over `(select 1) one`.
 *
 * Contacts take a shorter road when the segment is not rare (walkedPreview): the sample is looked
 * for among the tenant's newest PREVIEW_WALK contacts first, and the count (with `reach`: the count
 * by email status, reachOfIds) is a plain aggregate, with no matching set materialized, sorted or
 * scanned twice. `walk: 0` keeps the statement above (the benchmarks' "before").
 */
export function previewQuery(tree: RuleTree, ctx: CompileContext, limit = 10, options: PreviewExtras = {}): SQL {
  const type = ctx.objectType ?? 'contacts';
  if ((options.reach || options.why) && type !== 'contacts') throw new Error(`reach and why are about contacts, not ${type}`);
  const root = ROOTS[type];
  const shape = ROW_SHAPES[type];
  const a = sql.raw(root.alias);
  const { where, ids } = compilePredicate(tree, ctx);
  const matching = sql`${sql.raw(root.table)} ${a} where ${a}.org_id = ${ctx.orgId} and ${where}`;
  const walk = options.walk ?? PREVIEW_WALK;
  if (type === 'contacts' && walk > 0) return walkedPreview(tree, ctx, matching, ids, limit, walk, options);
  const dir = sql.raw(shape.sort.dir);
  const reachColumns = options.reach ? sql`, c.email_status, c.email = '' as no_email` : sql``;
  const reach = options.reach
    ? sql`, (select coalesce(json_agg(json_build_array(r.email_status, r.no_email, r.n)), '[]'::json)
               from (select email_status, no_email, count(*)::int as n from m group by 1, 2) r) as reach`
    : sql``;
  const why = whyColumns(options, ctx.orgId);
  return sql`
      with m as materialized (select ${a}.id, ${sql.raw(shape.sort.key)} as sort_key${reachColumns} from ${matching}),
           top as (select id, sort_key from m order by sort_key ${dir}, id limit ${limit})${why}
      select (select count(*) from m)::int as total${reach}, ${a}.id, ${sql.raw(shape.columns)}${options.why ? sql`, to_jsonb(w) as why` : sql``}
      from (select 1) one
      left join top on true
      left join ${sql.raw(root.table)} ${a} on ${a}.org_id = ${ctx.orgId} and ${a}.id = top.id
      ${shape.joins(ctx.orgId)}${options.why ? sql`
      left join w on w.id = top.id` : sql``}
      order by top.sort_key ${dir}, top.id`;
}

/** What the reviewer's preview of contacts adds to the statement. */
export interface PreviewExtras {
  reach?: boolean;
  /** Why-columns over `contacts c` (src/sql/why.ts whyColumns). */
  why?: readonly SQL[];
  /** How many of the newest contacts the sample is looked for in first (PREVIEW_WALK; 0: never). */
  walk?: number;
}

/**
 * How many of the tenant's newest contacts a contact preview reads first for its sample. A segment
 * holding more than ~1 in 30 contacts almost always has its 10 newest among them, and those are
 * the segments whose matching set was costly to materialize; reading 500 rows costs a few ms, which
 * is all a rarer segment loses (at 1M contacts, 2,000 rows cost the company join 57 → 81 ms).
 */
export const PREVIEW_WALK = 500;

/**
 * The contact preview without a materialized matching set (issue 15: at 1M contacts, writing 150k
 * matches into the CTE, counting them and sorting them for the top 10 was ~30 % of the preview).
 * `walk` is the newest `walkRows` contacts (by the sample's order) that match, at most `limit`: when
 * it holds `limit` rows they are the newest matches of all, since every contact newer than its last
 * row was read; the count is then a plain count(*) over the tenant, planned on its own (parallel
 * where PostgreSQL chooses), or over the tree's id set when it is one (CompiledPredicate.ids: at 1M
 * contacts the five-branch OR's 358k ids counted alone took 0.9 s, joined to the contacts 2.5 s).
 * Otherwise (a rare segment, or fewer than `limit` matches) the statement falls back to the
 * materialized set `m` exactly as before. PostgreSQL runs a CTE only when a
 * plan node that is executed reads it, and a `(select count(*) from walk)` gate is a one-time
 * filter, so only one of the two roads is ever taken. The walk's predicate is compiled for a few
 * rows (`perRow`): its relations are probes per walked row, not unions or aggregates over the whole
 * tenant (which the walk would otherwise compute in full, and the fallback again); both forms
 * select the same contacts.
 */
function walkedPreview(tree: RuleTree, ctx: CompileContext, matching: SQL, ids: SQL | undefined, limit: number, walkRows: number, options: PreviewExtras): SQL {
  const walkWhere = compilePredicate(tree, { ...ctx, perRow: true }).where;
  const newest = sql`select * from contacts c0 where c0.org_id = ${ctx.orgId} order by c0.created_at desc, c0.id limit ${walkRows}`;
  const found = sql`(select count(*) from walk)`;
  // A tree that is one id set (an OR of relations, a facts count) is counted from the set alone.
  let total = ids ? sql`(select count(*) from (${ids}) s)` : sql`(select count(*) from ${matching})`;
  let grouped = sql``;
  let reach = sql``;
  if (options.reach) {
    // On the walk's road the reach is one grouped aggregate (g) over the id set or the matching
    // contacts, planned on its own like the count; on the fallback's, the materialized set grouped by
    // status (the status is in contacts_org_id_cover_idx, like the id). Each road reads only its own.
    grouped = sql`,
           g as materialized (${ids ? reachOfIds(ids, ctx.orgId) : reachOfStatuses(sql`select c.email_status, count(*)::int as n from ${matching} group by 1`, walkWhere, ctx.orgId)})`;
    total = sql`(select coalesce(sum(n), 0) from g)`;
    const json = (from: SQL) => sql`(select coalesce(json_agg(json_build_array(r.email_status, r.no_email, r.n)), '[]'::json) from (${from}) r)`;
    reach = sql`,
             (case when ${found} >= ${limit} then ${json(sql`select * from g`)}
                   else ${json(reachOfStatuses(sql`select email_status, count(*)::int as n from m group by 1`, walkWhere, ctx.orgId))} end) as reach`;
  }
  const why = whyColumns(options, ctx.orgId);
  return sql`
      with walk as materialized (select c.id, c.created_at as sort_key from (${newest}) c where ${walkWhere} order by c.created_at desc, c.id limit ${limit}),
           m as materialized (select c.id, c.created_at as sort_key${options.reach ? sql`, c.email_status` : sql``} from ${matching})${grouped},
           top as (select id, sort_key from walk where ${found} >= ${limit}
                   union all
                   select id, sort_key from (select id, sort_key from m order by sort_key desc, id limit ${limit}) t where ${found} < ${limit})${why}
      select (case when ${found} >= ${limit} then ${total} else (select count(*) from m) end)::int as total${reach},
             c.id, ${sql.raw(ROW_SHAPES.contacts.columns)}${options.why ? sql`, to_jsonb(w) as why` : sql``}
      from (select 1) one
      left join top on true
      left join contacts c on c.org_id = ${ctx.orgId} and c.id = top.id
      ${ROW_SHAPES.contacts.joins(ctx.orgId)}${options.why ? sql`
      left join w on w.id = top.id` : sql``}
      order by top.sort_key desc, top.id`;
}

/**
 * The reach of the matching contacts from their count by email status (`statuses`: email_status, n;
 * grouped in the same pass as the count, or over the materialized set; the status is in
 * contacts_org_id_cover_idx, so an index-only count stays one): the subscribed ones without an
 * address, few, are found apart by the partial index and the tree compiled per row (`perRowWhere`,
 * over `contacts c`), then moved from emailable to noEmail.
 */
/** The why-values of the sample rows (`top`), as a CTE `w`; nothing when the preview has no why. */
function whyColumns(options: PreviewExtras, orgId: string): SQL {
  if (!options.why) return sql``;
  return sql`,
           w as (select c.id${options.why.length ? sql`, ${sql.join([...options.why], sql.raw(', '))}` : sql``}
                 from top join contacts c on c.org_id = ${orgId} and c.id = top.id)`;
}

function reachOfStatuses(statuses: SQL, perRowWhere: SQL, orgId: string): SQL {
  // The subscribed contacts without an address come from the partial index alone (its predicate
  // written out so PostgreSQL matches it; with the status it means email = ''), fenced by offset 0
  // so that no other index of the tree's is chosen to find them.
  const noAddress = sql`select x.id from contacts x where x.org_id = ${orgId} and x.email_status = 'subscribed' and (x.email_status <> 'subscribed' or x.email = '') offset 0`;
  return sql`with e as (select count(*)::int as k from (${noAddress}) n join contacts c on c.org_id = ${orgId} and c.id = n.id where ${perRowWhere})
             select s.email_status, false as no_email, (s.n - case when s.email_status = 'subscribed' then e.k else 0 end)::int as n
             from (${statuses}) s, e
             union all
             select 'subscribed', true, e.k from e where e.k > 0`;
}

/**
 * The reach of a set of contact ids (each once, each a contact of the tenant: CompiledPredicate.ids,
 * or the ids of the matching contacts) without reading every match's contact row: only the tenant's contacts that cannot be emailed are looked
 * up (few, and read from the partial index contacts_org_unreachable_idx alone), and an id not among
 * them is a subscribed contact with an address. Inside that set the email status alone gives the
 * reach class (a subscribed contact is there only for its empty address), so `no_email` is read
 * from the status and the rows feed tallyOf exactly as `(email_status, email = '')` would.
 */
function reachOfIds(ids: SQL, orgId: string): SQL {
  return sql`select coalesce(u.email_status, 'subscribed') as email_status, coalesce(u.no_email, false) as no_email, count(*)::int as n
             from (${ids}) s(id)
             left join (select x.id, x.email_status, x.email_status = 'subscribed' as no_email from contacts x
                        where x.org_id = ${orgId} and (x.email_status <> 'subscribed' or x.email = '')) u on u.id = s.id
             group by 1, 2`;
}

export function previewFromRows(rows: readonly PreviewRow[], asOf: Date, objectType: ObjectType = 'contacts'): Preview {
  return {
    objectType,
    count: rows[0]?.total ?? 0,
    sample: rows.filter((r) => r.id !== null).map((r) => ROW_SHAPES[objectType].row(r)),
    asOf: asOf.toISOString(),
  };
}

/** A sample row as three short cells (name, detail, context), whatever its object type: for plain-text views. */
export function sampleCells(r: PreviewSampleRow): [string, string, string] {
  if ('email' in r) return [[r.firstName, r.lastName].filter(Boolean).join(' ') || '—', r.email, r.company ?? '—'];
  if ('stage' in r) return [r.name, `${r.stage.replace(/_/g, ' ')}${r.amount === null ? '' : ` · ${r.amount.toLocaleString('en-US')}`}`, r.company ?? r.contact ?? '—'];
  return [r.name, r.domain ?? '—', [r.industry, r.country].filter(Boolean).join(', ') || '—'];
}
