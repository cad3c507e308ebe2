// Preview: the exact number of matching contacts and the first rows to look at, as one statement.
// Pure like the compiler: this builds the query and reads its rows; src/segments/preview.ts runs it
// (under the statement timeout) on a connection.
import { type SQL, sql } from 'drizzle-orm';
import type { RuleTree } from '../rules/grammar.js';
import type { EmailStatus } from '../rules/reachability.js';
import { type CompileContext, compilePredicate } from './compile.js';

export interface PreviewContact {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
  company: string | null;
}

export interface Preview {
  count: number;
  sample: PreviewContact[];
  /** The clock the preview was evaluated at (ISO-8601, UTC). */
  asOf: string;
}

/** What a client can do about a segment query that timed out. */
export const NARROW_THE_SEGMENT = 'Narrow the segment (fewer OR branches, shorter date ranges) or try again.';

export type PreviewRow = {
  total: number;
  id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company: string | null;
  /** With `reach`: the matching contacts per (email status, empty address), as [status, no_email, n]. */
  reach?: [EmailStatus, boolean, number][];
  /** With `why`: the sample contact's why-columns as one object (its `id` and src/sql/why.ts's m<i>, v<i>). */
  why?: { id: string } & Record<string, unknown>;
};

/**
 * One statement, one pass over the predicate: the matching contacts are computed once (the count
 * needs all of them anyway) and the sample is the top of that set. Asking for "the newest 10 that
 * match" separately lets the planner walk created_at backwards re-testing an expensive predicate per
 * row, which took 25 s instead of 0.9 s for an activity-count segment at 1M contacts.
 * The company name is a join, not a subquery correlated on `c`: Citus refuses correlated subqueries
 * when the FROM clause holds a subquery without FROM (`(select 1) one`), SQLSTATE 0A000. Every table
 * is pinned to the tenant parameter, so on Citus the whole statement routes to one shard.
 *
 * The reviewer's preview (src/segments/insight.ts) asks for more of the same statement: `reach`
 * groups the matching set it has already computed by email status ("N of M can be emailed"), and
 * `why` computes the why-columns (src/sql/why.ts) for the sample rows only. Those are correlated on
 * `contacts c`, so they live in a CTE over the sample's own contacts, never in the select list over
 * `(select 1) one`.
 */
export function previewQuery(tree: RuleTree, ctx: CompileContext, limit = 10, options: PreviewExtras = {}): SQL {
  const { where } = compilePredicate(tree, ctx);
  const matching = sql`contacts c where c.org_id = ${ctx.orgId} and ${where}`;
  const reachColumns = options.reach ? sql`, c.email_status, c.email = '' as no_email` : sql``;
  const reach = options.reach
    ? sql`, (select coalesce(json_agg(json_build_array(r.email_status, r.no_email, r.n)), '[]'::json)
               from (select email_status, no_email, count(*)::int as n from m group by 1, 2) r) as reach`
    : sql``;
  const why = options.why
    ? sql`,
           w as (select c.id${options.why.length ? sql`, ${sql.join([...options.why], sql.raw(', '))}` : sql``}
                 from top join contacts c on c.org_id = ${ctx.orgId} and c.id = top.id)`
    : sql``;
  return sql`
      with m as materialized (select c.id, c.created_at${reachColumns} from ${matching}),
           top as (select id, created_at from m order by created_at desc, id limit ${limit})${why}
      select (select count(*) from m)::int as total${reach}, c.id, c.first_name, c.last_name, c.email, x.name as company${options.why ? sql`, to_jsonb(w) as why` : sql``}
      from (select 1) one
      left join top on true
      left join contacts c on c.org_id = ${ctx.orgId} and c.id = top.id
      left join companies x on x.org_id = ${ctx.orgId} and x.id = c.company_id${options.why ? sql`
      left join w on w.id = top.id` : sql``}
      order by top.created_at desc, top.id`;
}

/** What the reviewer's preview adds to the statement. */
export interface PreviewExtras {
  reach?: boolean;
  /** Why-columns over `contacts c` (src/sql/why.ts whyColumns). */
  why?: readonly SQL[];
}

export function previewFromRows(rows: readonly PreviewRow[], asOf: Date): Preview {
  return {
    count: rows[0]?.total ?? 0,
    sample: rows
      .filter((r) => r.id !== null)
      .map((r) => ({ id: r.id!, firstName: r.first_name, lastName: r.last_name, email: r.email!, company: r.company })),
    asOf: asOf.toISOString(),
  };
}
