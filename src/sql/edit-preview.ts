// The preview of an edit: who would join and who would leave a segment if its rules became `tree`,
// as one read-only statement. `before` is the member set the save would diff against (see
// src/segments/edit-preview.ts); pure like the compiler.
import { type SQL, sql } from 'drizzle-orm';
import type { RuleTree } from '../rules/grammar.js';
import { type CompileContext, compilePredicate } from './compile.js';
import type { PreviewContact } from './preview.js';

export type EditPreviewRow = {
  before: number;
  after: number;
  joining: number;
  leaving: number;
  kind: 'joining' | 'leaving' | null;
  id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company: string | null;
};

/** Counts of both sets and of both differences, and the first `limit` (by id) of each difference. */
export function editPreviewQuery(before: SQL, tree: RuleTree, ctx: CompileContext, limit = 10): SQL {
  const { where } = compilePredicate(tree, ctx);
  return sql`
    with b as materialized (select distinct id from (${before}) src),
         a as materialized (select c.id from contacts c where c.org_id = ${ctx.orgId} and ${where}),
         j as materialized (select a.id from a where not exists (select 1 from b where b.id = a.id)),
         l as materialized (select b.id from b where not exists (select 1 from a where a.id = b.id)),
         n as (select (select count(*) from b)::int as before, (select count(*) from a)::int as after,
                      (select count(*) from j)::int as joining, (select count(*) from l)::int as leaving),
         s as (select 'joining' as kind, id from (select id from j order by id limit ${limit}) x
               union all
               select 'leaving', id from (select id from l order by id limit ${limit}) y)
    select n.before, n.after, n.joining, n.leaving, s.kind, c.id, c.first_name, c.last_name, c.email, co.name as company
    from n
    left join s on true
    left join contacts c on c.org_id = ${ctx.orgId} and c.id = s.id
    left join companies co on co.org_id = ${ctx.orgId} and co.id = c.company_id
    order by s.kind, s.id`;
}

export interface EditDiff {
  before: number;
  after: number;
  joining: { count: number; sample: PreviewContact[] };
  leaving: { count: number; sample: PreviewContact[] };
}

export function editDiffFromRows(rows: readonly EditPreviewRow[]): EditDiff {
  const first = rows[0];
  const sample = (kind: 'joining' | 'leaving') =>
    rows
      .filter((r) => r.kind === kind && r.id !== null)
      .map((r) => ({ id: r.id!, firstName: r.first_name, lastName: r.last_name, email: r.email!, company: r.company }));
  return {
    before: first?.before ?? 0,
    after: first?.after ?? 0,
    joining: { count: first?.joining ?? 0, sample: sample('joining') },
    leaving: { count: first?.leaving ?? 0, sample: sample('leaving') },
  };
}
