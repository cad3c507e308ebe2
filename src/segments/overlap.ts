// POST /v1/segments/overlap: 2–5 segments (by id) or rule trees → the exact size of every region of
// their Venn diagram. A segment by id takes part as "in that segment" (a dynamic one's rules are
// evaluated at the clock, a static one's members read), so ids and trees mix freely. One statement
// (src/sql/overlap.ts), run as a long read under the statement timeout.
import type { LongRead } from '../db/long-reads.js';
import { AppError, type ProblemDetail } from '../lib/errors.js';
import { explain } from '../rules/explain.js';
import type { RuleTree } from '../rules/grammar.js';
import { prepareRules } from '../rules/prepare.js';
import type { Services } from '../services.js';
import { type OverlapCounts, overlapFromRows, overlapQuery } from '../sql/overlap.js';
import { segmentQuery } from './materialize.js';

export type OverlapInput = { id: string; rules?: undefined } | { id?: undefined; rules: unknown };

export interface OverlapSet {
  index: number;
  /** The segment's title, or the explanation of a rule tree. */
  label: string;
  segmentId: string | null;
  rules: RuleTree | null;
  size: number;
}

export interface OverlapResult extends Omit<OverlapCounts, 'sizes'> {
  sets: OverlapSet[];
  asOf: string;
}

export async function overlap(services: Services, read: LongRead, inputs: OverlapInput[], asOf?: Date): Promise<OverlapResult> {
  const orgId = read.orgId;
  const tenant = await services.tenants.get(orgId);
  const ctx = { orgId, asOf: asOf ?? services.now(), tenant };
  const errors: ProblemDetail[] = [];
  const sets = inputs.map((input, index): { label: string; segmentId: string | null; rules: RuleTree | null; tree: RuleTree } | undefined => {
    const path = `body.segments[${index}]`;
    if (input.id !== undefined) {
      const seg = tenant.segments.find((s) => s.id === input.id);
      if (!seg) {
        errors.push({ path: `${path}.id`, message: `no segment "${input.id}" in this tenant` });
        return undefined;
      }
      const tree: RuleTree = { type: 'group', op: 'and', negate: false, children: [{ type: 'segment', operator: 'in', segment: seg.id }] };
      return { label: seg.title, segmentId: seg.id, rules: null, tree };
    }
    const prepared = prepareRules(input.rules, { tenant }, `${path}.rules`);
    if (!prepared.ok) {
      errors.push(...prepared.errors);
      return undefined;
    }
    return { label: explain(prepared.tree, tenant), segmentId: null, rules: prepared.tree, tree: prepared.tree };
  });
  if (errors.length > 0) throw new AppError('validation_failed', 'Some of the segments to overlap are not valid.', errors);
  const ok = sets as NonNullable<(typeof sets)[number]>[];
  const rows = await segmentQuery(services, read, (tx) => tx.execute<{ mask: number; n: number }>(overlapQuery(ok.map((s) => s.tree), ctx)));
  const { sizes, ...counts } = overlapFromRows(rows, ok.length);
  return {
    sets: ok.map((s, index) => ({ index, label: s.label, segmentId: s.segmentId, rules: s.rules, size: sizes[index]! })),
    ...counts,
    asOf: ctx.asOf.toISOString(),
  };
}
