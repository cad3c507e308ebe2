// The outbox: membership changes become `segment_events` rows, and each event a `webhook_deliveries`
// row per matching endpoint, in the same statement (hence the same transaction) as the change itself.
// Nothing is sent from here; the worker (worker.ts) drains the deliveries.
//
// Two shapes, one table layout:
// - `emitChanges(...)` for a set-based diff of any size (a segment's recompute): callers write one
//   statement of data-modifying CTEs that ends with a CTE named `changes` (segment_id, contact_id —
//   the member's id, whatever the segment's object type —, type) and append it: the events and deliveries CTEs plus a final select. Postgres runs every
//   data-modifying CTE exactly once, referenced or not.
// - `recordChanges(...)` for the small writes (member add/remove, contact re-evaluation, deletes),
//   whose changes the caller already has: plain statements, each naming one tenant. On Citus an
//   INSERT inside a CTE is never routed to one shard (every CTE becomes a step through the
//   coordinator, its intermediate result shipped to the workers, and the commit a two-phase one
//   across nodes); these statements are each routed to the tenant's shard.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { inOrder } from '../db/pipeline.js';
import type { ObjectType } from '../rules/catalog.js';
import { segmentEvents, segments, webhookDeliveries, webhookEndpoints } from '../db/schema.js';
import type { MEMBERSHIP_EVENT_TYPES, SEGMENT_EVENT_CAUSES, SEGMENT_EVENT_TYPES } from '../db/schema.js';

export type EventType = (typeof SEGMENT_EVENT_TYPES)[number];
/** The events this module records: one contact joining or leaving (hand-offs are handoff.ts's). */
export type MembershipEventType = (typeof MEMBERSHIP_EVENT_TYPES)[number];
export type EventCause = (typeof SEGMENT_EVENT_CAUSES)[number];

export interface EmitOptions {
  orgId: string;
  cause: EventCause;
  occurredAt: Date;
  /** False for a silent baseline: the changes are applied, no events recorded. */
  emit?: boolean;
  /** What the statement returns: each change (small writes), only counts (recomputes), or the caller's own select. */
  returning: 'changes' | 'counts' | { select: SQL };
}

/** A fresh random id with a prefix, generated in SQL (gen_random_uuid is core since PostgreSQL 13). */
function sqlId(prefix: string): SQL {
  return sql`${prefix} || replace(gen_random_uuid()::text, '-', '')`;
}

/** `, events as (…), deliveries as (…) select …` — to follow a `with …, changes as (…)` chain. */
export function emitChanges(o: EmitOptions): SQL {
  const at = sql`${o.occurredAt.toISOString()}::timestamptz`;
  const final =
    o.returning === 'changes'
      ? sql`select e.type::text as type, e.segment_id, e.segment_slug, e.contact_id from events e`
      : o.returning === 'counts'
        ? sql`select count(*) filter (where type = 'segment.joined')::int as joined, count(*) filter (where type = 'segment.left')::int as left from events`
        : o.returning.select;
  return sql`,
    events as (
      insert into segment_events (org_id, id, type, segment_id, segment_slug, object_type, contact_id, cause, occurred_at)
      select ${o.orgId}, ${sqlId('evt_')}, ch.type::segment_event_type, ch.segment_id, s.slug, s.object_type, ch.contact_id, ${o.cause}::segment_event_cause, ${at}
      from changes ch
      join segments s on s.org_id = ${o.orgId} and s.id = ch.segment_id
      where ${o.emit ?? true}
      returning id, type, segment_id, segment_slug, contact_id),
    deliveries as (
      insert into webhook_deliveries (org_id, id, endpoint_id, event_id, next_attempt_at, retry_from, created_at)
      select ${o.orgId}, ${sqlId('dlv_')}, w.id, e.id, ${at}, ${at}, ${at}
      from events e
      join webhook_endpoints w on w.org_id = ${o.orgId} and w.enabled
        and e.type = any(w.event_types)
        and (w.segment_ids is null or e.segment_id = any(w.segment_ids))
      returning 1)
    ${final}`;
}

/** Rows per multi-row INSERT: 9 columns each, well below PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 2_000;

/**
 * Records one event per change (the changes are already applied by the caller, in the same
 * transaction) and a delivery per matching webhook endpoint. Returns the changes as recorded.
 *
 * Two reads and two multi-row INSERT … VALUES, each naming one tenant: on Citus every one of them
 * is a single-shard router statement (one round trip to the tenant's node). An INSERT … SELECT
 * would go through the coordinator there, since the event's `seq` (an identity column) and random
 * ids are volatile.
 */
export async function recordChanges(
  tx: Tx,
  o: { orgId: string; cause: EventCause; occurredAt: Date; changes: { segmentId: string; contactId: string; type: EventType }[] },
  /** What the caller read in this transaction already: the segments' slugs and types, the enabled endpoints. */
  known: { segments?: ReadonlyMap<string, { slug: string; objectType: ObjectType }>; endpoints?: Endpoint[] } = {},
): Promise<Change[]> {
  if (o.changes.length === 0) return [];
  const segmentIds = [...new Set(o.changes.map((c) => c.segmentId))];
  const found =
    known.segments && segmentIds.every((id) => known.segments!.has(id))
      ? known.segments
      : new Map(
          (
            await tx
              .select({ id: segments.id, slug: segments.slug, objectType: segments.objectType })
              .from(segments)
              .where(and(eq(segments.orgId, o.orgId), inArray(segments.id, segmentIds)))
          ).map((r) => [r.id, r]),
        );
  const events = o.changes
    .filter((c) => found.has(c.segmentId))
    .map((c) => ({
      orgId: o.orgId,
      id: randomId('evt_'),
      type: c.type,
      segmentId: c.segmentId,
      segmentSlug: found.get(c.segmentId)!.slug,
      objectType: found.get(c.segmentId)!.objectType,
      contactId: c.contactId,
      cause: o.cause,
      occurredAt: o.occurredAt,
    }));
  const endpoints = known.endpoints ?? (await enabledEndpoints(tx, o.orgId));
  const deliveries = endpoints.flatMap((w) =>
    events
      .filter((e) => w.eventTypes.includes(e.type) && (w.segmentIds === null || w.segmentIds.includes(e.segmentId)))
      .map((e) => ({ orgId: o.orgId, id: randomId('dlv_'), endpointId: w.id, eventId: e.id, nextAttemptAt: o.occurredAt, retryFrom: o.occurredAt, createdAt: o.occurredAt })),
  );
  // Events before their deliveries (whose foreign keys name them), sent together (src/db/pipeline.ts).
  const inserts: PromiseLike<unknown>[] = [];
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) inserts.push(tx.insert(segmentEvents).values(events.slice(i, i + ROWS_PER_INSERT)));
  for (let i = 0; i < deliveries.length; i += ROWS_PER_INSERT) inserts.push(tx.insert(webhookDeliveries).values(deliveries.slice(i, i + ROWS_PER_INSERT)));
  await inOrder(...inserts);
  return events.map((e) => ({ type: e.type, segmentId: e.segmentId, segmentSlug: e.segmentSlug, contactId: e.contactId }));
}

export interface Endpoint {
  id: string;
  eventTypes: string[];
  segmentIds: string[] | null;
}

/** The tenant's enabled webhook endpoints (lazy: sent when awaited). */
export function enabledEndpoints(tx: Tx, orgId: string) {
  return tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes, segmentIds: webhookEndpoints.segmentIds })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.enabled, true)));
}

/** The same shape as sqlId's: a prefix and 32 hex digits. */
function randomId(prefix: string): string {
  return prefix + randomUUID().replace(/-/g, '');
}

export interface Change {
  type: EventType;
  segmentId: string;
  segmentSlug: string;
  contactId: string;
}

export function toChanges(rows: Record<string, unknown>[]): Change[] {
  return rows.map((r) => ({
    type: r.type as EventType,
    segmentId: r.segment_id as string,
    segmentSlug: r.segment_slug as string,
    contactId: r.contact_id as string,
  }));
}

/** Key of the per-segment advisory lock that orders refreshes and contact writes on one segment. */
export function segmentLockKey(orgId: string, segmentId: string): string {
  return `${orgId}/${segmentId}`;
}
