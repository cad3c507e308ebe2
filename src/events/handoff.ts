// `segment.handoff`: a segment's member ids handed to an automation ("start campaign") as a series of
// events, one page of ids each, through the same outbox as the membership events — so the worker's
// signing, retries, backoff and dead-lettering deliver them unchanged.
//
// A page is a `segment_events` row with no contact and the page in `payload` (schema.ts). All pages
// of a hand-off are written by `recordHandoff` inside the caller's transaction, with a delivery per
// page for every enabled endpoint subscribed to `segment.handoff` (and to the segment, when the
// endpoint filters by segment). The unique index on (org_id, handoffId, page) makes a hand-off
// written at most once: a retried request with the same Idempotency-Key derives the same handoffId
// (`handoffIdFor`) and finds it (`findHandoff`) instead of writing it again.
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.js';
import { segmentEvents, webhookDeliveries, webhookEndpoints } from '../db/schema.js';
import type { ObjectType } from '../rules/catalog.js';

/** Ids per page unless the caller asks for fewer. */
export const HANDOFF_PAGE_SIZE = 1_000;
export const HANDOFF_MIN_PAGE_SIZE = 100;
/** Pages per multi-row INSERT: ~13 KB of ids each at 1,000 ids, so ~130 KB per statement. */
const PAGES_PER_INSERT = 10;
/** Deliveries per multi-row INSERT (7 columns each, well below the 65,535 parameters). */
const DELIVERIES_PER_INSERT = 2_000;
export const HANDOFF_CONSTRAINT = 'segment_events_handoff_page_uq';

/** What a page's `payload` holds, and (with the envelope) what its webhook body carries. */
export interface HandoffPage {
  handoffId: string;
  /** 1-based. */
  page: number;
  pages: number;
  /** Members in the whole hand-off. */
  total: number;
  pageSize: number;
  reference: string | null;
  note: string | null;
  /** This page's member ids, in id order; every member is on exactly one page. */
  memberIds: string[];
}

export interface Handoff {
  handoffId: string;
  segment: { id: string; slug: string };
  total: number;
  pages: number;
  pageSize: number;
  reference: string | null;
  note: string | null;
  occurredAt: string;
  /** Deliveries queued per page: the endpoints that receive this hand-off. */
  webhooks: number;
}

/**
 * The hand-off id: from the Idempotency-Key, the same for every retry of one request on one
 * segment (the tenant is part of every key the id is looked up by); without a key, a fresh one.
 */
export function handoffIdFor(segmentId: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return `hof_${randomUUID().replace(/-/g, '')}`;
  return `hof_${createHash('sha256').update(`${segmentId}\n${idempotencyKey}`, 'utf8').digest('hex').slice(0, 32)}`;
}

/** Splits ids (already in order) into pages; an empty member set is one empty page. */
export function paginate(ids: string[], pageSize: number, meta: { handoffId: string; reference: string | null; note: string | null }): HandoffPage[] {
  const pages = Math.max(1, Math.ceil(ids.length / pageSize));
  return Array.from({ length: pages }, (_, i) => ({
    handoffId: meta.handoffId,
    page: i + 1,
    pages,
    total: ids.length,
    pageSize,
    reference: meta.reference,
    note: meta.note,
    memberIds: ids.slice(i * pageSize, (i + 1) * pageSize),
  }));
}

/**
 * Writes every page as a `segment.handoff` event and its deliveries, in the caller's transaction:
 * plain multi-row INSERTs naming one tenant (routed to its shard on Citus, like recordChanges).
 * A unique violation on HANDOFF_CONSTRAINT means the hand-off exists already (a concurrent retry).
 */
export async function recordHandoff(
  tx: Tx,
  o: { orgId: string; segment: { id: string; slug: string; objectType: ObjectType }; occurredAt: Date; pages: HandoffPage[] },
): Promise<Handoff> {
  const events = o.pages.map((p) => ({
    orgId: o.orgId,
    id: `evt_${randomUUID().replace(/-/g, '')}`,
    type: 'segment.handoff' as const,
    segmentId: o.segment.id,
    segmentSlug: o.segment.slug,
    objectType: o.segment.objectType,
    contactId: null,
    cause: 'manual' as const,
    occurredAt: o.occurredAt,
    payload: p as unknown as Record<string, unknown>,
  }));
  for (let i = 0; i < events.length; i += PAGES_PER_INSERT) await tx.insert(segmentEvents).values(events.slice(i, i + PAGES_PER_INSERT));

  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.orgId, o.orgId),
        eq(webhookEndpoints.enabled, true),
        sql`'segment.handoff' = any(${webhookEndpoints.eventTypes})`,
        sql`(${webhookEndpoints.segmentIds} is null or ${o.segment.id} = any(${webhookEndpoints.segmentIds}))`,
      ),
    );
  const deliveries = endpoints.flatMap((w) =>
    events.map((e) => ({
      orgId: o.orgId,
      id: `dlv_${randomUUID().replace(/-/g, '')}`,
      endpointId: w.id,
      eventId: e.id,
      nextAttemptAt: o.occurredAt,
      retryFrom: o.occurredAt,
      createdAt: o.occurredAt,
    })),
  );
  for (let i = 0; i < deliveries.length; i += DELIVERIES_PER_INSERT) await tx.insert(webhookDeliveries).values(deliveries.slice(i, i + DELIVERIES_PER_INSERT));
  const first = o.pages[0]!;
  return {
    handoffId: first.handoffId,
    segment: { id: o.segment.id, slug: o.segment.slug },
    total: first.total,
    pages: first.pages,
    pageSize: first.pageSize,
    reference: first.reference,
    note: first.note,
    occurredAt: o.occurredAt.toISOString(),
    webhooks: endpoints.length,
  };
}

/** A hand-off already written (by its first page), or undefined. */
export async function findHandoff(db: Executor, orgId: string, handoffId: string): Promise<Handoff | undefined> {
  const [row] = await db.execute<{ segment_id: string; segment_slug: string; payload: HandoffPage; occurred_at: Date | string; webhooks: number }>(sql`
    select e.segment_id, e.segment_slug, e.payload, e.occurred_at,
      (select count(*)::int from webhook_deliveries d where d.org_id = ${orgId} and d.event_id = e.id) as webhooks
    from segment_events e
    where e.org_id = ${orgId} and e.payload is not null and e.payload->>'handoffId' = ${handoffId} and (e.payload->>'page')::int = 1`);
  if (!row) return undefined;
  const p = row.payload;
  return {
    handoffId,
    segment: { id: row.segment_id, slug: row.segment_slug },
    total: p.total,
    pages: p.pages,
    pageSize: p.pageSize,
    reference: p.reference,
    note: p.note,
    occurredAt: new Date(row.occurred_at).toISOString(),
    webhooks: row.webhooks,
  };
}
