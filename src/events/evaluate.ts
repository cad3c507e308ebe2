// Re-evaluates written contacts against a tenant's dynamic segments, per batch: a `union all` of
// each segment's compiled predicate restricted to the written ids, diffed against segment_members for
// exactly those (segment, contact) pairs, with the joins and leaves recorded as events in the same
// transaction.
//
// Only segments with a baseline (computed_version not null) are evaluated: a segment that was never
// materialized has no "before" to diff against; its first refresh establishes one silently.
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.js';
import { segmentMembers } from '../db/schema.js';
import type { RuleTree } from '../rules/grammar.js';
import { segmentRefs } from '../rules/validate.js';
import type { Services } from '../services.js';
import { compilePredicate } from '../sql/compile.js';
import { type Change, type EventCause, recordChanges, segmentLockKey } from './outbox.js';

/** Compiled predicates carry bound parameters; stay well below PostgreSQL's 65,535 per statement. */
const MAX_PARAMS_PER_STATEMENT = 30_000;

interface EvaluatedSegment {
  id: string;
  rules: unknown;
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

/**
 * Dynamic segments of the tenant that have a baseline; with `dependingOn`, only those whose rules
 * refer (directly or through other segments) to one of those segment ids.
 */
async function evaluatedSegments(tx: Tx, orgId: string, dependingOn?: string[]): Promise<EvaluatedSegment[]> {
  const rows = await tx.execute<{ id: string; rules: unknown; computed: boolean }>(sql`
    select id, rules, computed_version is not null as computed from segments where org_id = ${orgId} and type = 'dynamic'`);
  const wanted = dependingOn ? new Set(dependentsOf(rows, dependingOn)) : undefined;
  return rows.filter((r) => r.computed && (!wanted || wanted.has(r.id)));
}

/**
 * Shared advisory locks on the segments: concurrent contact writes proceed together, while a full
 * refresh of one of these segments (which takes the lock exclusively) waits, and vice versa, so a
 * refresh never diffs against a snapshot older than a write's.
 */
async function lockShared(tx: Tx, orgId: string, segmentIds: string[]): Promise<void> {
  const keys = [...segmentIds].sort().map((id) => segmentLockKey(orgId, id));
  await tx.execute(sql`
    select count(pg_advisory_xact_lock_shared(hashtext(k))) from (select unnest(${sql.param(keys)}::text[]) as k order by k) keys`);
}

const dialect = new PgDialect();

/** Number of bound parameters a fragment will send. */
function paramCount(fragment: SQL): number {
  return dialect.sqlToQuery(fragment).params.length;
}

/**
 * Brings segment_members up to date for `contactIds` across the tenant's dynamic segments and records
 * each join and leave as an event with `cause`. Runs inside the caller's transaction, after its writes.
 */
export async function reevaluateContacts(
  services: Services,
  tx: Tx,
  orgId: string,
  contactIds: string[],
  cause: EventCause,
  options: { dependingOn?: string[] } = {},
): Promise<Change[]> {
  const ids = [...new Set(contactIds)].sort();
  if (ids.length === 0) return [];
  const segs = await evaluatedSegments(tx, orgId, options.dependingOn);
  if (segs.length === 0) return [];
  await lockShared(tx, orgId, segs.map((s) => s.id));
  const ctx = { orgId, asOf: services.now(), tenant: await services.tenants.get(orgId, tx) };
  const idList = sql`${sql.param(ids)}::text[]`;
  const selects = segs.map((s) => {
    const { where } = compilePredicate(s.rules as RuleTree, ctx);
    return {
      id: s.id,
      select: sql`select ${s.id}::text as segment_id, c.id as contact_id from contacts c where c.org_id = ${orgId} and c.id = any(${idList}) and ${where}`,
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
  const changes: Change[] = [];
  for (const batch of batches) {
    const segIds = sql`${sql.param(batch.map((s) => s.id))}::text[]`;
    const nowIn = sql.join(
      batch.map((s) => s.select),
      sql` union all `,
    );
    const removed = await tx.execute<{ segment_id: string; contact_id: string }>(sql`
      delete from segment_members m
      where m.org_id = ${orgId} and m.segment_id = any(${segIds}) and m.contact_id = any(${idList})
        and not exists (select 1 from (${nowIn}) n where n.segment_id = m.segment_id and n.contact_id = m.contact_id)
      returning m.segment_id, m.contact_id`);
    const matching = await tx.execute<{ segment_id: string; contact_id: string }>(nowIn);
    const added =
      matching.length === 0
        ? []
        : (
            await tx
              .insert(segmentMembers)
              .values(matching.map((m) => ({ orgId, segmentId: m.segment_id, contactId: m.contact_id, addedAt: ctx.asOf })))
              .onConflictDoNothing()
              .returning({ segmentId: segmentMembers.segmentId, contactId: segmentMembers.contactId })
          ).map((r) => ({ segment_id: r.segmentId, contact_id: r.contactId }));
    changes.push(
      ...(await recordChanges(tx, {
        orgId,
        cause,
        occurredAt: ctx.asOf,
        changes: [
          ...removed.map((r) => ({ segmentId: r.segment_id, contactId: r.contact_id, type: 'segment.left' as const })),
          ...added.map((r) => ({ segmentId: r.segment_id, contactId: r.contact_id, type: 'segment.joined' as const })),
        ],
      })),
    );
  }
  return changes;
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
  return recordChanges(tx, {
    orgId,
    cause: 'write',
    occurredAt: services.now(),
    changes: removed.map((r) => ({ segmentId: r.segment_id, contactId: r.contact_id, type: 'segment.left' as const })),
  });
}
