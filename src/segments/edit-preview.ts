// Before an edit of a live segment is saved: exactly who would join and who would leave, computed
// without changing anything (a read-only statement; no refresh, no events, no version).
//
// "Before" is what the save would diff against: the segment's recorded members (segment_members,
// what PATCH's definition_change events are computed from) when it has a baseline and no `asOf` is
// given; otherwise its current rules evaluated at the clock. "After" is the new rules at the clock.
import { sql } from 'drizzle-orm';
import type { LongRead } from '../db/long-reads.js';
import { AppError } from '../lib/errors.js';
import { explain } from '../rules/explain.js';
import type { RuleTree } from '../rules/grammar.js';
import { prepareRules } from '../rules/prepare.js';
import type { Issue } from '../rules/validate.js';
import type { Services } from '../services.js';
import { membersQuery } from '../sql/compile.js';
import { type EditDiff, editDiffFromRows, editPreviewQuery, type EditPreviewRow } from '../sql/edit-preview.js';
import { segmentQuery } from './materialize.js';
import { findSegment, storedRules } from './store.js';

export interface EditPreview extends EditDiff {
  rules: RuleTree;
  explanation: string;
  warnings: Issue[];
  /** False when the new rules mean exactly the current ones (the save would change nothing). */
  changed: boolean;
  /** What "before" is: the recorded members, or the current rules evaluated at the clock. */
  comparedWith: 'recorded_members' | 'current_rules';
  asOf: string;
}

export async function previewEdit(services: Services, read: LongRead, segmentId: string, rules: unknown, asOf?: Date): Promise<EditPreview> {
  const orgId = read.orgId;
  const segment = await findSegment(read.db, orgId, segmentId);
  if (segment.type !== 'dynamic') {
    throw new AppError('conflict', `"${segment.title}" is static: its members are explicit, it has no rules to edit. Edit its members, or preview rules with POST /v1/preview.`);
  }
  if (segment.objectType !== 'contacts') {
    throw new AppError('conflict', `"${segment.title}" is a segment of ${segment.objectType}; the edit preview compares contact memberships only so far. Preview the new rules with POST /v1/preview and objectType "${segment.objectType}".`);
  }
  const tenant = await services.tenants.get(orgId);
  const prepared = prepareRules(rules, { tenant, selfSegmentId: segmentId });
  if (!prepared.ok) throw new AppError('validation_failed', 'The rules are not valid for this tenant.', prepared.errors);
  const current = storedRules(segment.rules)!;
  const ctx = { orgId, asOf: asOf ?? services.now(), tenant };
  const recorded = !asOf && segment.computedVersion !== null;
  const before = recorded
    ? sql`select contact_id as id from segment_members where org_id = ${orgId} and segment_id = ${segmentId}`
    : membersQuery(current, ctx);
  const rows = await segmentQuery(services, read, (tx) => tx.execute<EditPreviewRow>(editPreviewQuery(before, prepared.tree, ctx)));
  return {
    rules: prepared.tree,
    explanation: explain(prepared.tree, tenant),
    warnings: prepared.warnings,
    changed: JSON.stringify(prepared.tree) !== JSON.stringify(current),
    comparedWith: recorded ? 'recorded_members' : 'current_rules',
    ...editDiffFromRows(rows),
    asOf: ctx.asOf.toISOString(),
  };
}
