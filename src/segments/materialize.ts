// Dynamic segments are evaluated from their rules and the result is materialized into
// segment_members (the table that holds static members too), reused for `cacheTtlMs` (default 60 s)
// and recomputed when older, when the definition changed (version), or on demand. A read with an
// explicit `asOf` is evaluated at that clock directly, never cached.
// The materialized set is the "last known member set": every change to it is recorded as a
// segment.joined / segment.left event in the statement that makes it (src/events/outbox.ts).
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { QueryTimeoutError } from '../db/errors.js';
import type { LongRead } from '../db/long-reads.js';
import { segments } from '../db/schema.js';
import { type Cancellation, withStatementTimeout } from '../db/timeout.js';
import { AppError } from '../lib/errors.js';
import { dependentsOf } from '../events/evaluate.js';
import { emitChanges, type EventCause, segmentLockKey } from '../events/outbox.js';
import type { RuleTree } from '../rules/grammar.js';
import type { Services } from '../services.js';
import { type CompileContext, membersQuery } from '../sql/compile.js';
import { NARROW_THE_SEGMENT } from '../sql/preview.js';
import { memberTable } from '../sql/roots.js';
import type { ObjectType } from '../rules/catalog.js';
import { findSegment, type SegmentRow } from './store.js';

/** Where a member query runs: a long read's pool and cancellation, or (internal callers) the main pool. */
export interface Reader {
  db: Db;
  cancellation?: Cancellation | undefined;
}

export function readerOf(services: Services, read?: LongRead): Reader {
  return read ?? { db: services.database.db };
}

/** A statement-timeout transaction for segment queries, on `reader`'s pool. */
export function segmentQuery<T>(services: Services, reader: Reader, fn: Parameters<typeof withStatementTimeout<T>>[2]): Promise<T> {
  return withStatementTimeout(reader.db, { timeoutMs: services.statementTimeoutMs, advice: NARROW_THE_SEGMENT, cancellation: reader.cancellation }, fn);
}

export async function compileContext(services: Services, orgId: string, asOf: Date, objectType: ObjectType = 'contacts'): Promise<CompileContext> {
  return { orgId, asOf, tenant: await services.tenants.get(orgId), objectType };
}


export interface RefreshOptions {
  /** Recompute even when the cached members are fresh. */
  force?: boolean;
  /** The cause to record; default: definition_change when the rules changed since the last refresh, else recompute. */
  cause?: EventCause;
  /** Default: the main pool, not cancellable. */
  reader?: Reader;
}

/**
 * Brings a dynamic segment's materialized members up to date (unless fresh). The diff is computed in
 * SQL, in one statement: members that no longer match are deleted, new ones inserted, and each of
 * those becomes a `segment.left` / `segment.joined` event (plus its webhook deliveries) in the same
 * statement. The first materialization of a segment (computed_version null) establishes the baseline
 * silently. An advisory lock makes concurrent refreshes of one segment wait for each other (and for
 * contact writes, which hold it shared) instead of racing.
 */
export async function refreshMembers(services: Services, segment: SegmentRow, options: RefreshOptions = {}): Promise<SegmentRow> {
  if (segment.type !== 'dynamic') return segment;
  const fresh = (s: SegmentRow) =>
    !options.force && s.computedVersion === s.version && s.computedAt !== null && services.now().getTime() - s.computedAt.getTime() < services.cacheTtlMs;
  if (fresh(segment)) return segment;
  const now = services.now();
  const ctx = await compileContext(services, segment.orgId, now, segment.objectType);
  const { table, column } = memberTable(segment.objectType);
  return segmentQuery(services, options.reader ?? readerOf(services), async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${segmentLockKey(segment.orgId, segment.id)}))`);
    const current = await findSegment(tx, segment.orgId, segment.id);
    if (fresh(current)) return current; // another request refreshed it while we waited for the lock
    if (current.type !== 'dynamic') return current;
    const baseline = current.computedVersion === null;
    const cause = options.cause ?? (current.computedVersion !== current.version ? 'definition_change' : 'recompute');
    const matching = membersQuery(current.rules as RuleTree, ctx);
    await tx.execute(sql`
      with now_in as (${matching}),
      removed as (
        delete from ${table} m
        where m.org_id = ${current.orgId} and m.segment_id = ${current.id}
          and not exists (select 1 from now_in where now_in.id = m.${column})
        returning m.${column} as contact_id),
      added as (
        insert into ${table} (org_id, segment_id, ${column}, added_at)
        select ${current.orgId}, ${current.id}, now_in.id, ${now.toISOString()}::timestamptz from now_in
        on conflict do nothing
        returning ${column} as contact_id),
      changes as (
        select ${current.id}::text as segment_id, contact_id, 'segment.left' as type from removed
        union all
        select ${current.id}::text, contact_id, 'segment.joined' from added)
      ${emitChanges({ orgId: current.orgId, cause, occurredAt: now, emit: !baseline, returning: 'counts' })}`);
    const [updated] = await tx
      .update(segments)
      .set({ computedAt: now, computedVersion: current.version })
      .where(and(eq(segments.orgId, current.orgId), eq(segments.id, current.id)))
      .returning();
    return updated!;
  });
}

/**
 * After definitions changed (a rule edit, an import): diffs old vs new members of those segments and
 * of every dynamic segment whose rules include them (their rules are inlined, so their members move
 * too), recording `definition_change`. A segment too slow to refresh now is left to the scheduler,
 * which records the same cause while its computed version lags.
 */
export async function refreshAfterDefinitionChange(services: Services, orgId: string, segmentIds: string[]): Promise<void> {
  if (segmentIds.length === 0) return;
  const all = await services.database.db
    .select()
    .from(segments)
    .where(and(eq(segments.orgId, orgId), eq(segments.type, 'dynamic')));
  // The named segments tell their own cause (definition_change while computed_version lags version;
  // a silent baseline when new). Their dependents' versions did not move, so they are told.
  const changed = all.filter((r) => segmentIds.includes(r.id) && r.computedVersion !== null && r.computedVersion !== r.version).map((r) => r.id);
  const plan: [string, RefreshOptions][] = [
    ...segmentIds.map((id): [string, RefreshOptions] => [id, { force: true }]),
    ...dependentsOf(all, changed).map((id): [string, RefreshOptions] => [id, { force: true, cause: 'definition_change' }]),
  ];
  for (const [id, options] of plan) {
    const row = all.find((r) => r.id === id);
    if (!row) continue;
    try {
      await refreshMembers(services, row, options);
    } catch (err) {
      if (!(err instanceof QueryTimeoutError)) throw err;
    }
  }
}

/**
 * An SQL source of the segment's member ids (`select … as id`), fresh per the cache rules, or
 * evaluated at `asOf` when given.
 */
export async function memberIdsSource(services: Services, reader: Reader, orgId: string, segmentId: string, asOf?: Date, opts: { force?: boolean } = {}): Promise<SQL> {
  return (await memberSource(services, reader, orgId, segmentId, asOf, opts)).source;
}

/** memberIdsSource, with the segment it read (its object type says what the ids are). */
export async function memberSource(
  services: Services,
  reader: Reader,
  orgId: string,
  segmentId: string,
  asOf?: Date,
  opts: { force?: boolean } = {},
): Promise<{ segment: SegmentRow; source: SQL }> {
  const segment = await findSegment(reader.db, orgId, segmentId);
  if (segment.type === 'dynamic' && asOf) {
    return { segment, source: membersQuery(segment.rules as RuleTree, await compileContext(services, orgId, asOf, segment.objectType)) };
  }
  // `force`: recompute now (events for whatever changed), however young the materialized members are.
  await refreshMembers(services, segment, { reader, ...(opts.force ? { force: true } : {}) });
  const { table, column } = memberTable(segment.objectType);
  return { segment, source: sql`select ${column} as id from ${table} where org_id = ${orgId} and segment_id = ${segmentId}` };
}

/** Forces a dynamic segment's members to be recomputed now. */
export async function recompute(services: Services, read: LongRead, segmentId: string): Promise<{ count: number; computedAt: string }> {
  const segment = await findSegment(read.db, read.orgId, segmentId);
  if (segment.type !== 'dynamic') throw new AppError('conflict', `"${segment.title}" is static; only dynamic segments are recomputed.`);
  const updated = await refreshMembers(services, segment, { force: true, reader: read });
  const { table } = memberTable(segment.objectType);
  const [row] = await read.db.execute<{ n: number }>(sql`select count(*)::int as n from ${table} where org_id = ${read.orgId} and segment_id = ${segmentId}`);
  return { count: row!.n, computedAt: updated.computedAt!.toISOString() };
}
