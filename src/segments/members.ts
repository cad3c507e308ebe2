// Who is in a segment. Static segments hold explicit members in segment_members. Dynamic segments are
// evaluated from their rules and the result is materialized into the same table, reused for
// `cacheTtlMs` (default 60 s) and recomputed when older, when the definition changed (version), or on
// demand. A read with an explicit `asOf` is evaluated at that clock directly, never cached.
// The materialized set is the "last known member set": every change to it, static or dynamic, is
// recorded as a segment.joined / segment.left event in the statement that makes it (src/events/).
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { segmentMembers, segments } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import type { RuleTree } from '../rules/grammar.js';
import { type CompileContext, membersQuery } from '../sql/compile.js';
import { QueryTimeoutError } from '../sql/preview.js';
import { dependentsOf, reevaluateContacts } from '../events/evaluate.js';
import { emitChanges, type EventCause, recordChanges, segmentLockKey } from '../events/outbox.js';
import type { Services } from '../services.js';
import { createSegment, findSegment, type SegmentRow, type SegmentView } from './store.js';

export const MAX_BULK_IDS = 10_000;

export interface MembershipChange {
  /** Ids now added / removed by this call. */
  changed: string[];
  /** Ids that were already members (add) or were not members (remove). */
  unchanged: string[];
  /** Ids that are not contacts of this tenant: unknown, or another tenant's. Nothing was done with them. */
  unknown: string[];
}

function requireStatic(segment: SegmentRow, verb: string): void {
  if (segment.type !== 'static') {
    throw new AppError(
      'conflict',
      `"${segment.title}" is a dynamic segment: its members come from its rules, so they cannot be ${verb} by hand. Freeze it into a static segment, or edit its rules.`,
    );
  }
}

function checkIds(ids: string[]): string[] {
  if (ids.length > MAX_BULK_IDS) {
    throw new AppError('validation_failed', `At most ${MAX_BULK_IDS} contact ids per call.`, [{ path: 'contactIds', message: `got ${ids.length}` }]);
  }
  return [...new Set(ids)];
}

export async function addMembers(services: Services, orgId: string, segmentId: string, contactIds: string[]): Promise<MembershipChange> {
  const db = services.database.db;
  requireStatic(await findSegment(db, orgId, segmentId), 'added');
  const ids = checkIds(contactIds);
  // Known contacts are inserted (conflicts ignored), so concurrent calls never duplicate; each insert
  // that happened is a `segment.joined` event (cause manual), in the same transaction. Each statement
  // names one tenant and has no INSERT inside a CTE, so that on Citus each one routes to the tenant's
  // shard (see events/outbox.ts).
  return services.database.db.transaction(async (tx) => {
    const known = await knownContacts(tx as unknown as Db, orgId, ids);
    const added =
      known.length === 0
        ? []
        : (
            await tx
              .insert(segmentMembers)
              .values(known.map((contactId) => ({ orgId, segmentId, contactId })))
              .onConflictDoNothing()
              .returning({ contactId: segmentMembers.contactId })
          ).map((r) => ({ contact_id: r.contactId }));
    await recordChanges(tx as unknown as Db, {
      orgId,
      cause: 'manual',
      occurredAt: services.now(),
      changes: added.map((a) => ({ segmentId, contactId: a.contact_id, type: 'segment.joined' as const })),
    });
    const change = classify(ids, new Set(known), new Set(added.map((a) => a.contact_id)));
    await reevaluateContacts(services, tx as unknown as Db, orgId, change.changed, 'manual', { dependingOn: [segmentId] });
    return change;
  });
}

/** Which of `ids` are contacts of the tenant. */
async function knownContacts(tx: Db, orgId: string, ids: string[]): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`select c.id from contacts c where c.org_id = ${orgId} and c.id = any(${sql.param(ids)}::text[])`);
  return rows.map((r) => r.id);
}

export async function removeMembers(services: Services, orgId: string, segmentId: string, contactIds: string[]): Promise<MembershipChange> {
  const db = services.database.db;
  requireStatic(await findSegment(db, orgId, segmentId), 'removed');
  const ids = checkIds(contactIds);
  return services.database.db.transaction(async (tx) => {
    const known = await knownContacts(tx as unknown as Db, orgId, ids);
    const removed = known.length === 0 ? [] : await tx.execute<{ contact_id: string }>(sql`
      delete from segment_members m
      where m.org_id = ${orgId} and m.segment_id = ${segmentId} and m.contact_id = any(${sql.param(known)}::text[])
      returning m.contact_id`);
    await recordChanges(tx as unknown as Db, {
      orgId,
      cause: 'manual',
      occurredAt: services.now(),
      changes: removed.map((r) => ({ segmentId, contactId: r.contact_id, type: 'segment.left' as const })),
    });
    const change = classify(ids, new Set(known), new Set(removed.map((r) => r.contact_id)));
    await reevaluateContacts(services, tx as unknown as Db, orgId, change.changed, 'manual', { dependingOn: [segmentId] });
    return change;
  });
}

function classify(ids: string[], known: Set<string>, changed: Set<string>): MembershipChange {
  const out: MembershipChange = { changed: [], unchanged: [], unknown: [] };
  for (const id of ids) {
    if (!known.has(id)) out.unknown.push(id);
    else if (changed.has(id)) out.changed.push(id);
    else out.unchanged.push(id);
  }
  return out;
}

async function compileContext(services: Services, orgId: string, asOf: Date): Promise<CompileContext> {
  return { orgId, asOf, tenant: await services.tenants.get(orgId) };
}

export interface RefreshOptions {
  /** Recompute even when the cached members are fresh. */
  force?: boolean;
  /** The cause to record; default: definition_change when the rules changed since the last refresh, else recompute. */
  cause?: EventCause;
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
  const ctx = await compileContext(services, segment.orgId, now);
  return withTimeout(services, async (tx) => {
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
        delete from segment_members m
        where m.org_id = ${current.orgId} and m.segment_id = ${current.id}
          and not exists (select 1 from now_in where now_in.id = m.contact_id)
        returning m.contact_id),
      added as (
        insert into segment_members (org_id, segment_id, contact_id)
        select ${current.orgId}, ${current.id}, now_in.id from now_in
        on conflict do nothing
        returning contact_id),
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

/** Runs `fn` in a transaction with the service's statement timeout; a timeout becomes a clear error. */
export async function withTimeout<T>(services: Services, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await services.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${String(services.statementTimeoutMs)}, true)`);
      return fn(tx as unknown as Db);
    });
  } catch (err) {
    for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
      if (e.code === '57014') throw new QueryTimeoutError(services.statementTimeoutMs);
    }
    throw err;
  }
}

/**
 * An SQL source of the segment's member ids (`select … as id`), fresh per the cache rules, or
 * evaluated at `asOf` when given.
 */
export async function memberIdsSource(services: Services, orgId: string, segmentId: string, asOf?: Date): Promise<SQL> {
  let segment = await findSegment(services.database.db, orgId, segmentId);
  if (segment.type === 'dynamic' && asOf) {
    return membersQuery(segment.rules as RuleTree, await compileContext(services, orgId, asOf));
  }
  segment = await refreshMembers(services, segment);
  return sql`select contact_id as id from segment_members where org_id = ${orgId} and segment_id = ${segmentId}`;
}

export interface IdsPage {
  ids: string[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export async function memberIds(services: Services, orgId: string, segmentId: string, opts: { asOf?: Date; cursor?: string; limit: number }): Promise<IdsPage> {
  const source = await memberIdsSource(services, orgId, segmentId, opts.asOf);
  const rows = await withTimeout(services, (tx) =>
    tx.execute<{ id: string }>(sql`
      select id from (${source}) m ${opts.cursor ? sql`where id > ${opts.cursor}` : sql``}
      order by id limit ${opts.limit + 1}`),
  );
  const ids = rows.slice(0, opts.limit).map((r) => r.id);
  return { ids, nextCursor: rows.length > opts.limit ? ids[ids.length - 1]! : null };
}

export const MEMBER_SORTS = { created_at: 'c.created_at', email: 'lower(c.email)', last_name: "coalesce(lower(c.last_name), '')" } as const;
export type MemberSort = keyof typeof MEMBER_SORTS;

export interface MemberRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
  company: string | null;
  createdAt: string;
}

export interface MembersPage {
  members: MemberRow[];
  nextCursor: string | null;
}

/** Members for the UI, keyset-paginated on (sort value, id): stable and cheap at any depth. */
export async function listMembers(
  services: Services,
  orgId: string,
  segmentId: string,
  opts: { asOf?: Date; cursor?: string; limit: number; sort: MemberSort; order: 'asc' | 'desc' },
): Promise<MembersPage> {
  const source = await memberIdsSource(services, orgId, segmentId, opts.asOf);
  const key = sql.raw(MEMBER_SORTS[opts.sort]);
  const dir = sql.raw(opts.order);
  let after = sql``;
  if (opts.cursor) {
    const [value, id] = decodeCursor(opts.cursor);
    const cmp = sql.raw(opts.order === 'asc' ? '>' : '<');
    const typed = opts.sort === 'created_at' ? sql`${value}::timestamptz` : sql`${value}`;
    after = sql`and (${key}, c.id) ${cmp} (${typed}, ${id})`;
  }
  const rows = await withTimeout(services, (tx) =>
    tx.execute<{ id: string; first_name: string | null; last_name: string | null; email: string; company: string | null; created_at: string; sort_key: string }>(sql`
      select c.id, c.first_name, c.last_name, c.email, co.name as company, c.created_at, (${key})::text as sort_key
      from (${source}) m
      join contacts c on c.org_id = ${orgId} and c.id = m.id
      left join companies co on co.org_id = c.org_id and co.id = c.company_id
      where true ${after}
      order by ${key} ${dir}, c.id ${dir}
      limit ${opts.limit + 1}`),
  );
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    members: page.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      company: r.company,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor: rows.length > opts.limit && last ? encodeCursor([last.sort_key, last.id]) : null,
  };
}

function encodeCursor(parts: [string, string]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === 2 && parts.every((p) => typeof p === 'string')) return parts as [string, string];
  } catch {
    // fall through
  }
  throw new AppError('bad_request', 'The cursor is not valid; use the nextCursor of the previous page.');
}

export interface CountsResult {
  counts: Record<string, number>;
  /** Requested ids that are not segments of this tenant. */
  unknown: string[];
}

export async function countMany(services: Services, orgId: string, segmentIds: string[], asOf?: Date): Promise<CountsResult> {
  const ids = [...new Set(segmentIds)];
  const counts: Record<string, number> = {};
  const unknown: string[] = [];
  for (const id of ids) {
    let source: SQL;
    try {
      source = await memberIdsSource(services, orgId, id, asOf);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') {
        unknown.push(id);
        continue;
      }
      throw err;
    }
    const [row] = await withTimeout(services, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from (${source}) m`));
    counts[id] = row!.n;
  }
  return { counts, unknown };
}

/** Forces a dynamic segment's members to be recomputed now. */
export async function recompute(services: Services, orgId: string, segmentId: string): Promise<{ count: number; computedAt: string }> {
  const segment = await findSegment(services.database.db, orgId, segmentId);
  if (segment.type !== 'dynamic') throw new AppError('conflict', `"${segment.title}" is static; only dynamic segments are recomputed.`);
  const updated = await refreshMembers(services, segment, { force: true });
  const [row] = await services.database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from segment_members where org_id = ${orgId} and segment_id = ${segmentId}`,
  );
  return { count: row!.n, computedAt: updated.computedAt!.toISOString() };
}

/** A static snapshot of a segment's current members (evaluated at `asOf` when given). */
export async function freeze(services: Services, orgId: string, segmentId: string, input: { title?: string; asOf?: Date }): Promise<SegmentView> {
  const segment = await findSegment(services.database.db, orgId, segmentId);
  const source = await memberIdsSource(services, orgId, segmentId, input.asOf);
  const at = (input.asOf ?? services.now()).toISOString().slice(0, 16).replace('T', ' ');
  return services.database.db.transaction(async (tx) => {
    const created = await createSegment(
      services,
      orgId,
      { title: input.title ?? `${segment.title} (frozen ${at} UTC)`, description: segment.description, type: 'static' },
      tx,
    );
    await tx.execute(sql`
      insert into segment_members (org_id, segment_id, contact_id)
      select ${orgId}, ${created.id}, m.id from (${source}) m`);
    return created;
  });
}
