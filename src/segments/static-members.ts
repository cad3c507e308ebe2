// Static segments hold explicit members in segment_members, added and removed in bulk. Every change
// is a segment.joined / segment.left event (cause manual) in the same transaction, and the
// dynamic segments whose rules refer to this one are re-evaluated for those contacts in the same
// transaction.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { reevaluateObjects } from '../events/evaluate.js';
import { recordChanges } from '../events/outbox.js';
import { AppError } from '../lib/errors.js';
import type { Services } from '../services.js';
import type { ObjectType } from '../rules/catalog.js';
import { memberTable, ROOTS } from '../sql/roots.js';
import { findSegment, type SegmentRow } from './store.js';

export const MAX_BULK_IDS = 10_000;

export interface MembershipChange {
  /** Ids now added / removed by this call. */
  changed: string[];
  /** Ids that were already members (add) or were not members (remove). */
  unchanged: string[];
  /** Ids that are not records (of the segment's object type) of this tenant: unknown, or another tenant's. Nothing was done with them. */
  unknown: string[];
}

export function requireStatic(segment: SegmentRow, verb: string): void {
  if (segment.type !== 'static') {
    throw new AppError(
      'conflict',
      `"${segment.title}" is a dynamic segment: its members come from its rules, so they cannot be ${verb} by hand. Freeze it into a static segment, or edit its rules.`,
    );
  }
}

function checkIds(ids: string[]): string[] {
  if (ids.length > MAX_BULK_IDS) {
    throw new AppError('validation_failed', `At most ${MAX_BULK_IDS} ids per call.`, [{ path: 'contactIds', message: `got ${ids.length}` }]);
  }
  return [...new Set(ids)];
}

export async function addMembers(services: Services, orgId: string, segmentId: string, contactIds: string[]): Promise<MembershipChange> {
  const segment = await findSegment(services.database.db, orgId, segmentId);
  requireStatic(segment, 'added');
  const ids = checkIds(contactIds);
  const type = segment.objectType;
  const { table, column } = memberTable(type);
  // Known contacts are inserted (conflicts ignored), so concurrent calls never duplicate; each insert
  // that happened is a `segment.joined` event (cause manual), in the same transaction. Each statement
  // names one tenant and has no INSERT inside a CTE, so that on Citus each one routes to the tenant's
  // shard (see events/outbox.ts).
  return services.database.db.transaction(async (tx) => {
    const known = await knownRows(tx, orgId, type, ids);
    const now = services.now(); // the join's time: the member's joinedAt and its event's occurredAt
    const added =
      known.length === 0
        ? []
        : await tx.execute<{ contact_id: string }>(sql`
            insert into ${table} (org_id, segment_id, ${column}, added_at)
            select ${orgId}, ${segmentId}, k.id, ${now.toISOString()}::timestamptz from unnest(${sql.param(known)}::text[]) as k(id)
            on conflict do nothing
            returning ${column} as contact_id`);
    await recordChanges(tx, {
      orgId,
      cause: 'manual',
      occurredAt: now,
      changes: added.map((a) => ({ segmentId, contactId: a.contact_id, type: 'segment.joined' as const })),
    });
    const change = classify(ids, new Set(known), new Set(added.map((a) => a.contact_id)));
    await reevaluateObjects(services, tx, orgId, type, change.changed, 'manual', { dependingOn: [segmentId] });
    return change;
  });
}

/** Which of `ids` are rows of the object type in the tenant. */
async function knownRows(tx: Tx, orgId: string, type: ObjectType, ids: string[]): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`select r.id from ${sql.raw(ROOTS[type].table)} r where r.org_id = ${orgId} and r.id = any(${sql.param(ids)}::text[])`);
  return rows.map((r) => r.id);
}

export async function removeMembers(services: Services, orgId: string, segmentId: string, contactIds: string[]): Promise<MembershipChange> {
  const segment = await findSegment(services.database.db, orgId, segmentId);
  requireStatic(segment, 'removed');
  const ids = checkIds(contactIds);
  const type = segment.objectType;
  const { table, column } = memberTable(type);
  return services.database.db.transaction(async (tx) => {
    const known = await knownRows(tx, orgId, type, ids);
    const removed = known.length === 0 ? [] : await tx.execute<{ contact_id: string }>(sql`
      delete from ${table} m
      where m.org_id = ${orgId} and m.segment_id = ${segmentId} and m.${column} = any(${sql.param(known)}::text[])
      returning m.${column} as contact_id`);
    await recordChanges(tx, {
      orgId,
      cause: 'manual',
      occurredAt: services.now(),
      changes: removed.map((r) => ({ segmentId, contactId: r.contact_id, type: 'segment.left' as const })),
    });
    const change = classify(ids, new Set(known), new Set(removed.map((r) => r.contact_id)));
    await reevaluateObjects(services, tx, orgId, type, change.changed, 'manual', { dependingOn: [segmentId] });
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
