// The outbox: membership changes become `segment_events` rows, and each event a `webhook_deliveries`
// row per matching endpoint, in the same statement (hence the same transaction) as the change itself.
// Nothing is sent from here; the worker (worker.ts) drains the deliveries.
//
// Callers write one statement of data-modifying CTEs that ends with a CTE named `changes`
// (segment_id, contact_id, type), and append `emitChanges(...)`: the events and deliveries CTEs plus a
// final select. Postgres runs every data-modifying CTE exactly once, referenced or not.
import { type SQL, sql } from 'drizzle-orm';
import type { SEGMENT_EVENT_CAUSES, SEGMENT_EVENT_TYPES } from '../db/schema.js';

export type EventType = (typeof SEGMENT_EVENT_TYPES)[number];
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
      insert into segment_events (org_id, id, type, segment_id, segment_slug, contact_id, cause, occurred_at)
      select ${o.orgId}, ${sqlId('evt_')}, ch.type::segment_event_type, ch.segment_id, s.slug, ch.contact_id, ${o.cause}::segment_event_cause, ${at}
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
