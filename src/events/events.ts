// The event log and the one shape an event has, in the API and in webhook bodies alike.
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { badCursor, decodeCursor, encodeCursor } from '../db/cursor.js';
import { MEMBERSHIP_EVENT_TYPES, segmentEvents } from '../db/schema.js';
import type { Services } from '../services.js';
import type { ObjectType } from '../rules/catalog.js';
import type { HandoffPage } from './handoff.js';
import type { EventCause, EventType, MembershipEventType } from './outbox.js';

/** A member (contact, company or deal) joined or left a segment. */
export interface MembershipEvent {
  /** Stable across retries and redeliveries: receivers de-duplicate on it. */
  id: string;
  type: MembershipEventType;
  occurredAt: string;
  tenant: string;
  segment: { id: string; slug: string };
  /** What the segment's members are. */
  objectType: ObjectType;
  /** The member that joined or left: a contact, company or deal (per objectType). */
  member: { id: string };
  /** Events of contact segments also name the contact here, as they always did. */
  contact?: { id: string };
  cause: EventCause;
}

/** One page of a hand-off (src/events/handoff.ts). */
export interface HandoffEvent {
  id: string;
  type: 'segment.handoff';
  occurredAt: string;
  tenant: string;
  segment: { id: string; slug: string };
  /** What the member ids are. */
  objectType: ObjectType;
  handoff: Omit<HandoffPage, 'handoffId' | 'memberIds'> & { id: string };
  memberIds: string[];
  cause: EventCause;
}

export type SegmentEvent = MembershipEvent | HandoffEvent;

export function eventPayload(row: typeof segmentEvents.$inferSelect): SegmentEvent {
  const head = { occurredAt: row.occurredAt.toISOString(), tenant: row.orgId, segment: { id: row.segmentId, slug: row.segmentSlug }, objectType: row.objectType };
  if (row.type === 'segment.handoff') {
    const p = row.payload as unknown as HandoffPage;
    return {
      id: row.id,
      type: row.type,
      ...head,
      handoff: { id: p.handoffId, page: p.page, pages: p.pages, total: p.total, pageSize: p.pageSize, reference: p.reference, note: p.note },
      memberIds: p.memberIds,
      cause: row.cause,
    };
  }
  const memberId = row.contactId!;
  return {
    id: row.id,
    type: row.type,
    ...head,
    member: { id: memberId },
    ...(row.objectType === 'contacts' ? { contact: { id: memberId } } : {}),
    cause: row.cause,
  };
}

export interface EventsPage {
  events: SegmentEvent[];
  /** The position after this page: pass it as `cursor` to continue (or to poll for newer events later). */
  nextCursor: string | null;
  /** More events are there already; fetch again right away. */
  hasMore: boolean;
}

/**
 * Oldest first (insertion order), so a consumer can follow the log with the cursor it last got. The
 * cursor names the last event seen (opaque, and only meaningful in its own tenant): the position in
 * the log is looked up from it, so a cursor says nothing about other tenants' event volume, as a
 * global sequence number would.
 *
 * `types` defaults to the membership events (joined, left): consumers written before hand-offs
 * existed read `contact.id` from every event, so hand-off pages appear only when asked for.
 */
export async function listEvents(
  services: Services,
  orgId: string,
  opts: { segmentId?: string | undefined; contactId?: string | undefined; memberId?: string | undefined; types?: readonly EventType[] | undefined; cursor?: string | undefined; limit: number },
): Promise<EventsPage> {
  let after: number | undefined;
  if (opts.cursor !== undefined) {
    const [eventId] = decodeCursor(opts.cursor, { parts: 1 });
    const [row] = await services.database.db
      .select({ seq: segmentEvents.seq })
      .from(segmentEvents)
      .where(and(eq(segmentEvents.orgId, orgId), eq(segmentEvents.id, eventId!)));
    if (!row) throw badCursor();
    after = row.seq;
  }
  const rows = await services.database.db
    .select()
    .from(segmentEvents)
    .where(
      and(
        eq(segmentEvents.orgId, orgId),
        opts.segmentId ? eq(segmentEvents.segmentId, opts.segmentId) : undefined,
        opts.contactId ? and(eq(segmentEvents.objectType, 'contacts'), eq(segmentEvents.contactId, opts.contactId)) : undefined,
        opts.memberId ? eq(segmentEvents.contactId, opts.memberId) : undefined,
        inArray(segmentEvents.type, [...(opts.types ?? MEMBERSHIP_EVENT_TYPES)]),
        after !== undefined ? gt(segmentEvents.seq, after) : undefined,
      ),
    )
    .orderBy(asc(segmentEvents.seq))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return { events: page.map(eventPayload), nextCursor: last ? encodeCursor([last.id]) : (opts.cursor ?? null), hasMore: rows.length > opts.limit };
}
