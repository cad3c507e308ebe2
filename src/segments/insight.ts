// The reviewer's preview: count, reachability and, for each sample row, why it matches — one
// statement (src/sql/preview.ts with reach and src/sql/why.ts's columns over the sample). The funnel
// counts per node are their own request (funnelOf): they need a pass over every contact of the
// tenant, which would multiply the latency of a preview answered from an index (src/sql/funnel.ts).
// And one contact against a segment: is it in, and which conditions hold or fail.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { contacts, segmentMembers } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import type { Services } from '../services.js';
import { withStatementTimeout } from '../db/timeout.js';
import type { RuleTree } from '../rules/grammar.js';
import type { CompileContext } from '../sql/compile.js';
import type { EmailStatus } from '../rules/reachability.js';
import { type Funnel, funnelQuery, type FunnelRow, type Tally, tallyOf, tallyQuery } from '../sql/funnel.js';
import { NARROW_THE_SEGMENT, type PreviewContact, previewFromRows, previewQuery, type PreviewRow } from '../sql/preview.js';
import { type NodeWhy, whyColumns, whyQuery } from '../sql/why.js';
import type { PreviewOptions } from './preview.js';
import { findSegment, storedRules } from './store.js';

export interface InsightPreview extends Tally {
  sample: (PreviewContact & { why: NodeWhy[] })[];
  asOf: string;
}

export interface FunnelCounts extends Funnel {
  asOf: string;
}

/** The preview statement: count, reach, the newest matches and why each of them matches. */
export async function previewWithInsight(db: Executor, tree: RuleTree, ctx: CompileContext, options: PreviewOptions = {}): Promise<InsightPreview> {
  const why = whyColumns(tree, ctx);
  const query = previewQuery(tree, ctx, options.limit ?? 10, { reach: true, why: why.columns });
  return withStatementTimeout(db, { timeoutMs: options.timeoutMs ?? 5_000, accessMode: 'read only', advice: NARROW_THE_SEGMENT, cancellation: options.cancellation }, async (tx) => {
    const rows = await tx.execute<PreviewRow>(query);
    const sample = previewFromRows(rows, ctx.asOf, 'contacts').sample as PreviewContact[];
    const { count, reach } = tallyOf((rows[0]?.reach ?? []).map(([status, no_email, n]) => ({ status, no_email, n })));
    const byId = why.read(rows.flatMap((r) => (r.why ? [r.why] : [])));
    return { count, reach, sample: sample.map((s) => ({ ...s, why: byId.get(s.id) ?? [] })), asOf: ctx.asOf.toISOString() };
  });
}

/** Funnel counts of every node, with reachability: one statement over every contact of the tenant. */
export async function funnelOf(db: Executor, tree: RuleTree, ctx: CompileContext, options: Omit<PreviewOptions, 'limit'> = {}): Promise<FunnelCounts> {
  const funnel = funnelQuery(tree, ctx);
  return withStatementTimeout(db, { timeoutMs: options.timeoutMs ?? 5_000, accessMode: 'read only', advice: NARROW_THE_SEGMENT, cancellation: options.cancellation }, async (tx) => ({
    ...funnel.read(await tx.execute<FunnelRow>(funnel.query)),
    asOf: ctx.asOf.toISOString(),
  }));
}

/** Every node of the tree for one contact, true or false with its values; undefined when the tenant has no such contact. */
export async function explainContact(db: Executor, tree: RuleTree, ctx: CompileContext, contactId: string, timeoutMs = 5_000): Promise<NodeWhy[] | undefined> {
  const why = whyQuery(tree, ctx, [contactId]);
  return withStatementTimeout(db, { timeoutMs, accessMode: 'read only', advice: NARROW_THE_SEGMENT }, async (tx) =>
    why.read(await tx.execute<{ id: string } & Record<string, unknown>>(why.query)).get(contactId),
  );
}

/**
 * Is the contact in the segment, and why (not)? A dynamic segment is evaluated from its rules at
 * `asOf` (every node true or false with its values); a static one by its member list.
 */
export async function explainMembership(services: Services, orgId: string, segmentId: string, contactId: string, asOf?: Date) {
  const db = services.database.db;
  const segment = await findSegment(db, orgId, segmentId);
  if (segment.objectType !== 'contacts') {
    throw new AppError('conflict', `"${segment.title}" is a segment of ${segment.objectType}, not of contacts; this explains contact memberships.`);
  }
  const [contact] = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)));
  if (!contact) throw new AppError('not_found', `No contact "${contactId}" in this tenant.`);
  const clock = asOf ?? services.now();
  const rules = segment.type === 'dynamic' ? storedRules(segment.rules) : null;
  let member: boolean;
  let nodes: NodeWhy[] | null = null;
  if (rules) {
    const tenant = await services.tenants.get(orgId);
    nodes = (await explainContact(db, rules, { orgId, asOf: clock, tenant }, contactId, services.statementTimeoutMs)) ?? [];
    member = nodes[0]?.matches ?? false;
  } else {
    const [row] = await db
      .select({ id: segmentMembers.contactId })
      .from(segmentMembers)
      .where(and(eq(segmentMembers.orgId, orgId), eq(segmentMembers.segmentId, segmentId), eq(segmentMembers.contactId, contactId)));
    member = row !== undefined;
  }
  return { segmentId, contactId, member, rules, nodes, asOf: clock.toISOString() };
}

/** The count and reachability of each tree (alternatives of a draft), under one statement timeout. */
export async function tallies(db: Executor, trees: readonly RuleTree[], ctx: CompileContext, timeoutMs = 5_000): Promise<Tally[]> {
  if (trees.length === 0) return [];
  return withStatementTimeout(db, { timeoutMs, accessMode: 'read only', advice: NARROW_THE_SEGMENT }, async (tx) => {
    const out: Tally[] = [];
    for (const tree of trees) {
      const q = tallyQuery(tree, ctx);
      out.push(q.read(await tx.execute<{ status: EmailStatus; no_email: boolean; n: number }>(q.query)));
    }
    return out;
  });
}
