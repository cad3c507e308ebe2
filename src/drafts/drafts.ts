// Drafts: a description turned into rules by the configured provider, previewed, edited by a
// reviewer (re-validated, re-normalized, re-previewed), and approved into a dynamic segment.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { LockTimeoutError, QueryTimeoutError } from '../db/errors.js';
import { drafts } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { generateRules } from '../nl/generate.js';
import type { Span } from '../nl/provider.js';
import { inWrittenOrder } from '../rules/arrange.js';
import { explain } from '../rules/explain.js';
import type { RuleTree } from '../rules/grammar.js';
import { type PreparedRules, prepareRules } from '../rules/prepare.js';
import type { ObjectType } from '../rules/catalog.js';
import type { TenantValues } from '../rules/tenant.js';
import { objectTypeOf } from '../nl/object-noun.js';
import type { Issue } from '../rules/validate.js';
import { createSegment, type SegmentView, storedRules } from '../segments/store.js';
import type { Actor } from '../segments/version-record.js';
import type { Services } from '../services.js';
import { type FunnelCounts, funnelOf, type InsightPreview, previewWithInsight, tallies } from '../segments/insight.js';
import { previewSegment } from '../segments/preview.js';
import type { Preview, PreviewCompany, PreviewDeal } from '../sql/preview.js';
import { alternativeOptions, assumptionTexts, type StoredAssumption, storeAssumptions } from './alternatives.js';
import { type SecondReading, secondReading } from './second-reading.js';

// The response shape is declared once, by the HTTP schema (src/http/schemas.ts), which the route's
// typed c.json checks this against; the type here is what the mapping below builds.
export type DraftView = ReturnType<typeof view>;

type DraftRow = typeof drafts.$inferSelect;

export interface PreviewFailure {
  code: 'query_timeout' | 'busy';
  detail: string;
}

/** A preview of any object type: contacts carry funnel counts, reach and why-match; companies and deals their rows and count. */
export type ObjectPreview =
  | (InsightPreview & { objectType: 'contacts' })
  | (Omit<Preview, 'sample'> & { sample: (PreviewCompany | PreviewDeal)[]; reach: null });

export interface PreviewResult {
  rules: RuleTree;
  explanation: string;
  warnings: Issue[];
  preview: ObjectPreview;
}

async function contactPreview(...args: Parameters<typeof previewWithInsight>): Promise<ObjectPreview> {
  return { objectType: 'contacts', ...(await previewWithInsight(...args)) };
}

async function objectPreview(...args: Parameters<typeof previewSegment>): Promise<ObjectPreview> {
  // Only called for companies and deals, whose rows are never contacts.
  const preview = await previewSegment(...args);
  return { ...preview, sample: preview.sample as (PreviewCompany | PreviewDeal)[], reach: null };
}

/** The tenant's values and the tree through prepareRules; invalid rules are a validation error with paths. */
async function validRules(services: Services, orgId: string, rules: unknown, objectType: ObjectType): Promise<{ tenant: TenantValues; prepared: PreparedRules }> {
  const tenant = await services.tenants.get(orgId);
  const prepared = prepareRules(rules, { tenant, objectType });
  if (!prepared.ok) throw new AppError('validation_failed', 'The rules are not valid for this tenant.', prepared.errors);
  return { tenant, prepared };
}

/** Validates, normalizes and previews a tree. */
export async function previewRules(services: Services, orgId: string, rules: unknown, asOf?: Date, objectType: ObjectType = 'contacts', signal?: AbortSignal): Promise<PreviewResult> {
  const { tenant, prepared } = await validRules(services, orgId, rules, objectType);
  return previewTree(services, orgId, prepared, tenant, asOf, objectType, signal, rules);
}

// A preview is a long read: it runs on the long-read pool in a bounded slot (queued briefly, then a
// 429), so a burst of expensive previews never takes the connections auth, health and short reads
// use; when the client goes away its statement is cancelled on the server.
/** Previews a tree that is already through prepareRules (each request validates once). */
async function previewTree(
  services: Services,
  orgId: string,
  prepared: PreparedRules,
  tenant: TenantValues,
  asOf: Date | undefined,
  objectType: ObjectType,
  signal?: AbortSignal,
  /** The tree as submitted; the explanation says its conditions in that order (the builder's). */
  written?: unknown,
): Promise<PreviewResult> {
  // Reach and why-match are about contacts; companies and deals show their rows and count.
  const run = objectType === 'contacts' ? contactPreview : objectPreview;
  const read = await services.longReads.acquireQueued(orgId, signal, services.previewQueueMs);
  let preview: ObjectPreview;
  try {
    preview = await run(read.db, prepared.tree, { orgId, asOf: asOf ?? services.now(), tenant, objectType }, { timeoutMs: services.statementTimeoutMs, cancellation: read.cancellation });
  } finally {
    read.release();
  }
  const explanation = explain(written === undefined ? prepared.tree : inWrittenOrder(prepared.tree, written), tenant, objectType);
  return { rules: prepared.tree, explanation, warnings: prepared.warnings, preview };
}

/** Validates and normalizes a tree and counts every node of it (POST /v1/preview/funnel), in a long-read slot like a preview. */
export async function funnelRules(services: Services, orgId: string, rules: unknown, asOf?: Date, objectType: ObjectType = 'contacts', signal?: AbortSignal): Promise<{ rules: RuleTree; funnel: FunnelCounts }> {
  if (objectType !== 'contacts') {
    throw new AppError('validation_failed', `Funnel counts are about contacts (with reachability); a preview of ${objectType} shows its count and rows.`, [{ path: 'body.objectType', message: 'leave objectType out, or use "contacts"' }]);
  }
  const { tenant, prepared } = await validRules(services, orgId, rules, objectType);
  const read = await services.longReads.acquireQueued(orgId, signal, services.previewQueueMs);
  try {
    const funnel = await funnelOf(read.db, prepared.tree, { orgId, asOf: asOf ?? services.now(), tenant }, { timeoutMs: services.statementTimeoutMs, cancellation: read.cancellation });
    return { rules: prepared.tree, funnel };
  } finally {
    read.release();
  }
}

/** The preview of a prepared tree, or why there is none (a timeout, a busy lock); other errors are errors. */
async function tryPreview(preview: () => Promise<PreviewResult>): Promise<PreviewResult | PreviewFailure> {
  try {
    return await preview();
  } catch (err) {
    if (err instanceof QueryTimeoutError) return { code: 'query_timeout', detail: err.message };
    if (err instanceof LockTimeoutError) return { code: 'busy', detail: err.message };
    if (err instanceof AppError && err.code === 'too_many_requests') return { code: 'busy', detail: err.message };
    throw err;
  }
}

export interface OpenSpan extends Span {
  message: string;
}

/**
 * What still blocks approval: each unrecognized span of the description, until the reviewer edits
 * the rules (and so takes the tree as theirs) or acknowledges the span in the approve request.
 */
export function openSpans(row: Pick<DraftRow, 'unrecognized' | 'editedAt'>): OpenSpan[] {
  if (row.editedAt !== null) return [];
  return row.unrecognized.map((s) => ({
    text: s.text,
    start: s.start,
    end: s.end,
    message: `"${s.text}" (characters ${s.start}–${s.end}) is not reflected in the rules; edit the rules or acknowledge the span to approve without it.`,
  }));
}

/** What switching each alternative would give: its rules, count and reachability; none without a preview. */
async function alternativesOf(services: Services, orgId: string, row: DraftRow, previewed: PreviewResult | PreviewFailure) {
  // Alternatives are the built-in parser's other readings of a contact description, counted as contacts.
  if (!('preview' in previewed) || row.objectType !== 'contacts') return [];
  const options = alternativeOptions(row.assumptions as StoredAssumption[], previewed.rules);
  if (options.length === 0) return [];
  const tenant = await services.tenants.get(orgId);
  const ctx = { orgId, asOf: row.asOf ?? services.now(), tenant };
  const counts = await tallies(services.database.db, options.map((o) => o.rules), ctx, services.statementTimeoutMs).catch((err: unknown) => {
    if (err instanceof QueryTimeoutError || err instanceof LockTimeoutError) return undefined;
    throw err;
  });
  // Counts that timed out leave the alternatives out rather than listing them without their count.
  return counts ? options.map((o, i) => ({ ...o, ...counts[i]! })) : [];
}

async function respond(services: Services, orgId: string, row: DraftRow, previewed: PreviewResult | PreviewFailure, warnings: Issue[] = [], second: SecondReading | null = null) {
  return view(row, previewed, warnings, await alternativesOf(services, orgId, row, previewed), second);
}

function view(row: DraftRow, previewed: PreviewResult | PreviewFailure, warnings: Issue[], alternatives: Awaited<ReturnType<typeof alternativesOf>>, second: SecondReading | null) {
  const ok = 'preview' in previewed;
  return {
    id: row.id,
    description: row.description,
    objectType: row.objectType,
    rules: storedRules(row.rules, row.objectType)!,
    explanation: ok ? previewed.explanation : row.explanation,
    assumptions: assumptionTexts(row.assumptions as StoredAssumption[]),
    alternatives,
    unrecognized: row.unrecognized,
    openSpans: openSpans(row),
    secondReading: row.editedAt === null ? second : null,
    warnings,
    preview: ok ? previewed.preview : null,
    previewError: ok ? null : previewed,
    provider: row.provider,
    model: row.model,
    promptVersion: row.promptVersion,
    asOf: row.asOf?.toISOString() ?? null,
    edited: row.editedAt !== null,
    approvedSegmentId: row.approvedSegmentId,
    createdAt: row.createdAt.toISOString(),
  };
}

async function findDraft(services: Services, orgId: string, id: string): Promise<DraftRow> {
  const [row] = await services.database.db.select().from(drafts).where(and(eq(drafts.orgId, orgId), eq(drafts.id, id)));
  if (!row) throw new AppError('not_found', `No draft "${id}" in this tenant.`);
  return row;
}

export async function createDraft(services: Services, orgId: string, input: { description: string; asOf?: Date; objectType?: ObjectType }): Promise<DraftView> {
  const tenant = await services.tenants.get(orgId);
  const objectType = input.objectType ?? objectTypeOf(input.description);
  const generated = await generateRules(services.provider, { description: input.description, tenant, asOf: input.asOf ?? services.now(), objectType });
  if (generated.kind === 'refusal') throw new AppError('unprocessable', generated.reason);
  const [row] = await services.database.db
    .insert(drafts)
    .values({
      orgId,
      id: `drf_${randomBytes(8).toString('hex')}`,
      description: input.description.trim(),
      rules: generated.rules,
      explanation: generated.explanation,
      assumptions: storeAssumptions(generated.assumptions, generated.alternatives),
      unrecognized: generated.unrecognized,
      provider: generated.provider,
      model: generated.model,
      promptVersion: generated.promptVersion,
      objectType,
      asOf: input.asOf ?? null,
    })
    .returning();
  // The draft is saved whatever its preview does (the generation is the expensive part); a preview
  // that timed out is reported in the answer, and the reviewer narrows the rules with PUT.
  const prepared: PreparedRules = { ok: true, tree: generated.rules, warnings: [] };
  const previewed = await tryPreview(() => previewTree(services, orgId, prepared, tenant, input.asOf, objectType));
  return respond(services, orgId, row!, previewed, [], await readAgain(services, orgId, tenant, row!));
}

/** A draft whose preview fails is still readable: `preview` null, `previewError` saying why. */
export async function getDraft(services: Services, orgId: string, id: string): Promise<DraftView> {
  const row = await findDraft(services, orgId, id);
  // Stored rules are checked against the tenant as it is now (a tag or segment may have gone).
  const previewed = await tryPreview(() => previewRules(services, orgId, row.rules, row.asOf ?? undefined, row.objectType));
  const tenant = await services.tenants.get(orgId);
  return respond(services, orgId, row, previewed, [], 'preview' in previewed ? await readAgain(services, orgId, tenant, row, previewed.rules) : null);
}

/** The built-in parser's reading beside the provider's, while the reviewer has not edited the rules. */
async function readAgain(services: Services, orgId: string, tenant: TenantValues, row: DraftRow, rules?: RuleTree): Promise<SecondReading | null> {
  // The second reading compares contact audiences; segments of companies and deals have none yet.
  if (row.editedAt !== null || row.objectType !== 'contacts') return null;
  const tree = rules ?? storedRules(row.rules);
  if (!tree) return null;
  return secondReading(services, orgId, tenant, { description: row.description, asOf: row.asOf ?? services.now(), rules: tree, providerName: row.provider });
}

export async function editDraft(services: Services, orgId: string, id: string, rules: unknown): Promise<DraftView> {
  const current = await findDraft(services, orgId, id);
  if (current.approvedSegmentId) throw new AppError('conflict', `This draft was already approved as segment ${current.approvedSegmentId}; edit the segment instead.`);
  // Preview first, save after: an edit whose preview fails (timeout, busy) is answered with that
  // error and leaves the draft as it was — the reviewer never sees a saved tree they could not check.
  const previewed = await previewRules(services, orgId, rules, current.asOf ?? undefined, current.objectType).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'validation_failed') {
      throw new AppError('validation_failed', 'The edited rules are not valid; the draft is unchanged.', err.errors);
    }
    throw err;
  });
  const [row] = await services.database.db
    .update(drafts)
    .set({ rules: previewed.rules, explanation: previewed.explanation, editedAt: services.now() })
    .where(and(eq(drafts.orgId, orgId), eq(drafts.id, id), isNull(drafts.approvedSegmentId)))
    .returning();
  if (!row) throw new AppError('conflict', 'This draft was approved meanwhile; edit the segment instead.');
  return respond(services, orgId, row, previewed, previewed.warnings);
}

/** Switches the rules to an assumption's alternative reading (or back), as an edit of the draft. */
export async function applyAlternative(services: Services, orgId: string, id: string, index: number): Promise<DraftView> {
  const current = await findDraft(services, orgId, id);
  const option = alternativeOptions(current.assumptions as StoredAssumption[], storedRules(current.rules, current.objectType)!).find((o) => o.index === index);
  if (!option) {
    throw new AppError('not_found', `Draft "${id}" has no alternative ${index} for its current rules; GET the draft for the alternatives it lists.`);
  }
  return editDraft(services, orgId, id, option.rules);
}

export async function approveDraft(
  services: Services,
  orgId: string,
  id: string,
  input: { title: string; slug?: string | undefined; description?: string | undefined; acknowledge?: { start: number; end: number }[] | undefined; by?: Actor | undefined },
): Promise<SegmentView> {
  const view = await services.database.db.transaction(async (tx) => {
    // Lock the draft row so two approvals of one draft cannot both create a segment.
    const [current] = await tx.select().from(drafts).where(and(eq(drafts.orgId, orgId), eq(drafts.id, id))).for('update');
    if (!current) throw new AppError('not_found', `No draft "${id}" in this tenant.`);
    if (current.approvedSegmentId) throw new AppError('conflict', `This draft was already approved as segment ${current.approvedSegmentId}.`);
    const acknowledged = new Set((input.acknowledge ?? []).map((s) => `${s.start}:${s.end}`));
    const open = openSpans(current).filter((s) => !acknowledged.has(`${s.start}:${s.end}`));
    if (open.length) {
      throw new AppError(
        'conflict',
        `The draft has ${open.length} open span${open.length === 1 ? '' : 's'} of the description that the rules do not account for; edit the rules, or acknowledge each span (body.acknowledge: [{start, end}, …]) to approve as it is.`,
        open.map((s) => ({ path: `openSpans[${current.unrecognized.findIndex((u) => u.start === s.start && u.end === s.end)}]`, message: s.message })),
      );
    }
    // createSegment re-validates the rules against the tenant as it is now: a draft whose tag or
    // segment has gone since cannot be approved.
    const segment = await createSegment(
      services,
      orgId,
      { title: input.title, slug: input.slug, description: input.description ?? current.description, type: 'dynamic', objectType: current.objectType, rules: current.rules, by: input.by },
      tx,
    );
    await tx.update(drafts).set({ approvedSegmentId: segment.id }).where(and(eq(drafts.orgId, orgId), eq(drafts.id, id)));
    return segment;
  });
  services.tenants.invalidate(orgId); // again after commit: a reader may have cached the values without it meanwhile
  return view;
}
