// Re-evaluates written contacts against a tenant's dynamic segments, per batch: a `union all` of
// each segment's compiled predicate restricted to the written ids, diffed against segment_members for
// exactly those (segment, contact) pairs, with the joins and leaves recorded as events in the same
// transaction. The same for companies and deals: a contact write also re-evaluates, against the
// segments of companies and of deals, the companies and deals whose rules can read that contact (its
// company, before and after the write, and the deals of both).
//
// Only segments with a baseline (computed_version not null) are evaluated: a segment that was never
// materialized has no "before" to diff against; its first refresh establishes one silently.
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.js';
import { inOrder, writePath } from '../db/pipeline.js';
import { companySegmentMembers, dealSegmentMembers, segmentMembers } from '../db/schema.js';
import type { RuleTree } from '../rules/grammar.js';
import { segmentRefs } from '../rules/validate.js';
import type { Services } from '../services.js';
import type { ObjectType } from '../rules/catalog.js';
import { compilePredicate } from '../sql/compile.js';
import { memberTable, ROOTS } from '../sql/roots.js';
import { type Change, type Endpoint, type EventCause, enabledEndpoints, recordChanges, segmentLockKey } from './outbox.js';
import { type ChangedColumns, mayMove } from './reads.js';

/** Compiled predicates carry bound parameters; stay well below PostgreSQL's 65,535 per statement. */
const MAX_PARAMS_PER_STATEMENT = 30_000;

interface EvaluatedSegment extends Record<string, unknown> {
  id: string;
  slug: string;
  rules: unknown;
  object_type: ObjectType;
}

/** Ids of the segments whose rules refer to one of `ids`, directly or through other segments. */
export function dependentsOf(all: { id: string; rules: unknown }[], ids: string[]): string[] {
  const refs = new Map(all.filter((r) => r.rules != null).map((r) => [r.id, segmentRefs(r.rules)]));
  const reached = new Set(ids);
  const out: string[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, targets] of refs) {
      if (!reached.has(id) && targets.some((t) => reached.has(t))) {
        reached.add(id);
        out.push(id);
        grew = true;
      }
    }
  }
  return out;
}

/** The tenant's dynamic segments, as reevaluateObjects reads them. */
export type DynamicSegments = (EvaluatedSegment & { computed: boolean })[];

/**
 * The statement reevaluateObjects starts with (lazy: sent when awaited), for a writer to pipeline
 * with its own first statement and pass on as `segments` (src/db/pipeline.ts).
 */
export function dynamicSegments(tx: Tx, orgId: string) {
  return tx.execute<EvaluatedSegment & { computed: boolean }>(sql`
    select id, slug, rules, computed_version is not null as computed, object_type from segments where org_id = ${orgId} and type = 'dynamic'`);
}

/**
 * Dynamic segments of the tenant that have a baseline; with `dependingOn`, only those whose rules
 * refer (directly or through other segments) to one of those segment ids.
 */
async function evaluatedSegments(tx: Tx, orgId: string, dependingOn?: string[], prefetched?: DynamicSegments): Promise<EvaluatedSegment[]> {
  const rows = prefetched ?? (await dynamicSegments(tx, orgId));
  const wanted = dependingOn ? new Set(dependentsOf(rows, dependingOn)) : undefined;
  return rows.filter((r) => r.computed && (!wanted || wanted.has(r.id)));
}

/**
 * Shared advisory locks on the segments: concurrent contact writes proceed together, while a full
 * refresh of one of these segments (which takes the lock exclusively) waits, and vice versa, so a
 * refresh never diffs against a snapshot older than a write's.
 */
async function lockShared(tx: Tx, orgId: string, segmentIds: string[]): Promise<void> {
  await lockSharedQuery(tx, orgId, segmentIds);
}

/** lockShared's statement, lazy (sent when awaited), to be pipelined before the statements it guards. */
function lockSharedQuery(tx: Tx, orgId: string, segmentIds: string[]) {
  const keys = [...segmentIds].sort().map((id) => segmentLockKey(orgId, id));
  return tx.execute(sql`
    select count(pg_advisory_xact_lock_shared(hashtext(k))) from (select unnest(${sql.param(keys)}::text[]) as k order by k) keys`);
}

const dialect = new PgDialect();

/** Number of bound parameters a fragment will send. */
function paramCount(fragment: SQL): number {
  return dialect.sqlToQuery(fragment).params.length;
}

/**
 * Brings segment_members up to date for `contactIds` across the tenant's dynamic segments and records
 * each join and leave as an event with `cause`; then the companies and deals that can read those
 * contacts, against the segments of companies and deals (`companiesBefore`: the contacts' companies
 * before the write, which may have lost a contact; `changedColumns`: the contact columns the write
 * changed, when it knows, so that contact segments that cannot read them are skipped; `segments`:
 * dynamicSegments' rows, read earlier in this transaction). Runs inside the caller's transaction, after its
 * writes. Returns the contacts' own changes; the others are recorded as events all the same.
 */
export async function reevaluateContacts(
  services: Services,
  tx: Tx,
  orgId: string,
  contactIds: string[],
  cause: EventCause,
  options: { dependingOn?: string[]; companiesBefore?: string[]; changedColumns?: ChangedColumns; segments?: DynamicSegments } = {},
): Promise<Change[]> {
  return reevaluateObjects(services, tx, orgId, 'contacts', contactIds, cause, options);
}

/**
 * reevaluateContacts for any object type: the written rows of `type`, then the rows of other types
 * whose rules can read them (contacts → their companies and deals; companies → their deals).
 */
export async function reevaluateObjects(
  services: Services,
  tx: Tx,
  orgId: string,
  type: ObjectType,
  rowIds: string[],
  cause: EventCause,
  options: { dependingOn?: string[]; companiesBefore?: string[]; changedColumns?: ChangedColumns; segments?: DynamicSegments } = {},
): Promise<Change[]> {
  const ids = [...new Set(rowIds)].sort();
  if (ids.length === 0) return [];
  const all = await evaluatedSegments(tx, orgId, options.dependingOn, options.segments);
  if (all.length === 0) return [];
  // With `changedColumns` (a contact write that knows what it changed), only the contact segments
  // whose rules can read one of those columns (src/events/reads.ts): the others cannot move.
  const changed = type === 'contacts' && writePath.skipUnread ? options.changedColumns : undefined;
  const own = await evaluate(services, tx, orgId, type, ids, all.filter((s) => s.object_type === type && (!changed || mayMove(s.rules, changed))), cause);
  const others = new Set(all.map((s) => s.object_type));
  const idList = sql`${sql.param(ids)}::text[]`;
  let companies: string[] = [];
  if (type === 'contacts' && (others.has('companies') || others.has('deals'))) {
    companies = [...new Set([...(await companiesOf(tx, orgId, ids)), ...(options.companiesBefore ?? [])])].sort();
    await evaluate(services, tx, orgId, 'companies', companies, all.filter((s) => s.object_type === 'companies'), cause);
  }
  if (type === 'companies') companies = ids;
  if (type !== 'deals' && others.has('deals')) {
    const rows = await tx.execute<{ id: string }>(sql`
      select id from deals where org_id = ${orgId}
        and (${type === 'contacts' ? sql`contact_id = any(${idList}) or ` : sql``}company_id = any(${sql.param(companies)}::text[]))`);
    await evaluate(services, tx, orgId, 'deals', rows.map((r) => r.id).sort(), all.filter((s) => s.object_type === 'deals'), cause);
  }
  return own;
}

/** The diff of `ids` (rows of `type`) against the given segments of that type, recorded as events. */
async function evaluate(services: Services, tx: Tx, orgId: string, type: ObjectType, ids: string[], segs: EvaluatedSegment[], cause: EventCause): Promise<Change[]> {
  if (ids.length === 0 || segs.length === 0) return [];
  const ctx = { orgId, asOf: services.now(), tenant: await services.tenants.get(orgId, tx), objectType: type };
  const root = ROOTS[type];
  const a = sql.raw(root.alias);
  const { table, column } = memberTable(type);
  const idList = sql`${sql.param(ids)}::text[]`;
  const selects = segs.map((s) => {
    const { where } = compilePredicate(s.rules as RuleTree, ctx);
    return {
      id: s.id,
      select: sql`select ${s.id}::text as segment_id, ${a}.id as contact_id from ${sql.raw(root.table)} ${a} where ${a}.org_id = ${orgId} and ${a}.id = any(${idList}) and ${where}`,
    };
  });

  // Normally one statement; a tenant with very many or very large segments is split to fit the
  // parameter limit.
  const batches: (typeof selects)[] = [];
  let budget = 0;
  for (const s of selects) {
    const n = paramCount(s.select);
    if (batches.length === 0 || budget + n > MAX_PARAMS_PER_STATEMENT) {
      batches.push([]);
      budget = 0;
    }
    batches[batches.length - 1]!.push(s);
    budget += n;
  }

  // Per batch: the leaves (a DELETE whose subquery re-tests the predicates), the matches (a SELECT
  // of the predicates) inserted as rows, then their events. Plain statements naming one tenant, no
  // INSERT in a CTE: on Citus each is routed to the tenant's shard in one round trip (see outbox.ts).
  // The predicates run twice, over the written ids only. A batch's matches are at most
  // ids × segments rows, bounded by the bulk limit and the parameter budget above.
  //
  // One round trip for the shared locks, the leaves, the matches and the tenant's webhook endpoints
  // (pipelined in this order: the locks are held before the other statements take their snapshots),
  // one for the new members, one for the events and their deliveries (src/events/outbox.ts).
  const changes: Change[] = [];
  const known = new Map(segs.map((s) => [s.id, { slug: s.slug, objectType: s.object_type }]));
  const locked = lockSharedQuery(tx, orgId, segs.map((s) => s.id));
  const endpoints = enabledEndpoints(tx, orgId);
  let hooks: Endpoint[] = [];
  for (const [i, batch] of batches.entries()) {
    const segIds = sql`${sql.param(batch.map((s) => s.id))}::text[]`;
    const nowIn = sql.join(
      batch.map((s) => s.select),
      sql` union all `,
    );
    const remove = tx.execute<{ segment_id: string; contact_id: string }>(sql`
      delete from ${table} m
      where m.org_id = ${orgId} and m.segment_id = any(${segIds}) and m.${column} = any(${idList})
        and not exists (select 1 from (${nowIn}) n where n.segment_id = m.segment_id and n.contact_id = m.${column})
      returning m.segment_id, m.${column} as contact_id`);
    const match = tx.execute<{ segment_id: string; contact_id: string }>(nowIn);
    let removed: { segment_id: string; contact_id: string }[];
    let matching: { segment_id: string; contact_id: string }[];
    if (i === 0) [, removed, matching, hooks] = await inOrder(locked, remove, match, endpoints);
    else [removed, matching] = await inOrder(remove, match);
    const added = matching.length === 0 ? [] : await insertMembers(tx, orgId, type, matching, ctx.asOf);
    changes.push(
      ...(await recordChanges(
        tx,
        {
          orgId,
          cause,
          occurredAt: ctx.asOf,
          changes: [
            ...removed.map((r) => ({ segmentId: r.segment_id, contactId: r.contact_id, type: 'segment.left' as const })),
            ...added.map((r) => ({ segmentId: r.segment_id, contactId: r.contact_id, type: 'segment.joined' as const })),
          ],
        },
        { segments: known, endpoints: hooks },
      )),
    );
  }
  return changes;
}

/**
 * Multi-row INSERT … VALUES into the type's member table (a router statement on Citus, see
 * outbox.ts); returns the rows that were not members yet.
 */
async function insertMembers(tx: Tx, orgId: string, type: ObjectType, rows: { segment_id: string; contact_id: string }[], addedAt: Date): Promise<{ segment_id: string; contact_id: string }[]> {
  const values = rows.map((m) => ({ orgId, segmentId: m.segment_id, memberId: m.contact_id, addedAt }));
  switch (type) {
    case 'contacts':
      return (
        await tx
          .insert(segmentMembers)
          .values(values.map(({ memberId, ...v }) => ({ ...v, contactId: memberId })))
          .onConflictDoNothing()
          .returning({ segment_id: segmentMembers.segmentId, contact_id: segmentMembers.contactId })
      );
    case 'companies':
      return (
        await tx
          .insert(companySegmentMembers)
          .values(values.map(({ memberId, ...v }) => ({ ...v, companyId: memberId })))
          .onConflictDoNothing()
          .returning({ segment_id: companySegmentMembers.segmentId, contact_id: companySegmentMembers.companyId })
      );
    case 'deals':
      return (
        await tx
          .insert(dealSegmentMembers)
          .values(values.map(({ memberId, ...v }) => ({ ...v, dealId: memberId })))
          .onConflictDoNothing()
          .returning({ segment_id: dealSegmentMembers.segmentId, contact_id: dealSegmentMembers.dealId })
      );
  }
}

/**
 * Records `segment.left` for every membership of contacts about to be deleted, and removes them. Call
 * before deleting the contacts: the shared locks must be held before the contacts' rows are, or a
 * concurrent refresh still inserting one of them would wait on the row while we wait on its lock.
 */
export async function leaveAll(services: Services, tx: Tx, orgId: string, contactIds: string[]): Promise<Change[]> {
  if (contactIds.length === 0) return [];
  const dynamic = await tx.execute<{ id: string }>(sql`select id from segments where org_id = ${orgId} and type = 'dynamic'`);
  await lockShared(tx, orgId, dynamic.map((d) => d.id));
  const removed = await tx.execute<{ segment_id: string; contact_id: string }>(sql`
    delete from segment_members m
    where m.org_id = ${orgId} and m.contact_id = any(${sql.param(contactIds)}::text[])
    returning m.segment_id, m.contact_id`);
  // The contacts' deals are deleted with them: they leave their segments too.
  const dealsLeft = await tx.execute<{ segment_id: string; deal_id: string }>(sql`
    delete from deal_segment_members m
    where m.org_id = ${orgId} and m.deal_id in (select id from deals where org_id = ${orgId} and contact_id = any(${sql.param(contactIds)}::text[]))
    returning m.segment_id, m.deal_id`);
  const changes = await recordChanges(tx, {
    orgId,
    cause: 'write',
    occurredAt: services.now(),
    changes: [
      ...removed.map((r) => ({ segmentId: r.segment_id, contactId: r.contact_id, type: 'segment.left' as const })),
      ...dealsLeft.map((r) => ({ segmentId: r.segment_id, contactId: r.deal_id, type: 'segment.left' as const })),
    ],
  });
  const deals = new Set(dealsLeft.map((r) => r.deal_id));
  return changes.filter((c) => !deals.has(c.contactId));
}

/** The companies of these contacts and of their deals: whose segments a change of the contacts can move. */
export async function companiesOf(tx: Tx, orgId: string, contactIds: string[]): Promise<string[]> {
  if (contactIds.length === 0) return [];
  const rows = await tx.execute<{ id: string }>(sql`
    select company_id as id from contacts where org_id = ${orgId} and id = any(${sql.param(contactIds)}::text[]) and company_id is not null
    union select company_id from deals where org_id = ${orgId} and contact_id = any(${sql.param(contactIds)}::text[]) and company_id is not null`);
  return rows.map((r) => r.id);
}
