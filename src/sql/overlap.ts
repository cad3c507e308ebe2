// Overlap: the exact size of every region of the Venn diagram of 2–5 rule trees, in one statement.
// Each contact of the tenant gets a bitmask (bit i set when it matches tree i), and the statement
// groups by that mask: one pass over the contacts, each predicate compiled once. Pure like the
// compiler; src/segments/overlap.ts runs it.
import { type SQL, sql } from 'drizzle-orm';
import type { RuleTree } from '../rules/grammar.js';
import { type CompileContext, compilePredicate } from './compile.js';

export const MAX_OVERLAP_SETS = 5;

/** `select mask, n`: one row per non-empty mask that occurs, plus mask 0 (contacts in none of them). */
export function overlapQuery(trees: RuleTree[], ctx: CompileContext): SQL {
  if (trees.length < 1 || trees.length > MAX_OVERLAP_SETS) throw new Error(`overlap of ${trees.length} sets`);
  const bits = trees.map((tree, i) => {
    const { where } = compilePredicate(tree, ctx);
    // A predicate that is NULL (a missing value under a positive operator) is false: bit not set.
    return sql`(case when ${where} then ${sql.raw(String(1 << i))} else 0 end)`;
  });
  return sql`
    select m.mask, count(*)::int as n
    from (select ${sql.join(bits, sql.raw(' + '))} as mask from contacts c where c.org_id = ${ctx.orgId}) m
    group by m.mask`;
}

export interface OverlapRegion {
  /** Indexes of the sets this region is inside of (and outside of all the others). */
  in: number[];
  count: number;
}

export interface OverlapCounts {
  /** Every region of the diagram, each non-empty combination of sets once, by mask order. */
  regions: OverlapRegion[];
  /** Size of each set. */
  sizes: number[];
  /** Contacts in at least one set. */
  union: number;
  /** Contacts in every set. */
  intersection: number;
  /** Contacts of the tenant, in any set or none. */
  total: number;
}

export function overlapFromRows(rows: readonly { mask: number; n: number }[], sets: number): OverlapCounts {
  const byMask = new Map(rows.map((r) => [r.mask, r.n]));
  const regions: OverlapRegion[] = [];
  const sizes = Array.from({ length: sets }, () => 0);
  let union = 0;
  for (let mask = 1; mask < 1 << sets; mask += 1) {
    const count = byMask.get(mask) ?? 0;
    const members = Array.from({ length: sets }, (_, i) => i).filter((i) => mask & (1 << i));
    regions.push({ in: members, count });
    for (const i of members) sizes[i]! += count;
    union += count;
  }
  return { regions, sizes, union, intersection: byMask.get((1 << sets) - 1) ?? 0, total: union + (byMask.get(0) ?? 0) };
}
