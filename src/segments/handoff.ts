// "Hand off" a segment's members to an automation ("start campaign"): the member ids as a series of
// signed `segment.handoff` webhook events, a page of ids each (src/events/handoff.ts).
//
// - The audience is the segment now: a dynamic segment is recomputed first (any change found is a
//   joined / left event, recorded before the hand-off), then the member ids are read in ONE
//   statement inside the transaction that writes the pages, so the snapshot is consistent and every
//   member lands on exactly one page.
// - All pages and their deliveries are written in that one transaction: a failure anywhere leaves
//   nothing behind, and there is never a half hand-off for receivers to make sense of.
// - With an Idempotency-Key, the hand-off id is derived from it: a retry finds the hand-off already
//   written (or, racing the first, loses on the unique page index and then finds it) and answers
//   it again with `replayed: true`, writing nothing. The same key with a different reference, note
//   or page size is a 409: the key names one request.
// - Archived segments are refused (unarchive first); system segments may be handed off (a
//   suppression list synced to an email tool is a real use).
import { sql } from 'drizzle-orm';
import { pgErrorCode } from '../db/errors.js';
import { findHandoff, type Handoff, HANDOFF_CONSTRAINT, HANDOFF_PAGE_SIZE, handoffIdFor, paginate, recordHandoff } from '../events/handoff.js';
import { AppError } from '../lib/errors.js';
import type { Services } from '../services.js';
import { memberIdsSource, readerOf } from './materialize.js';
import { findSegment } from './store.js';

export interface HandoffRequest {
  reference?: string | null | undefined;
  note?: string | null | undefined;
  pageSize?: number | undefined;
  /** The Idempotency-Key header. */
  idempotencyKey?: string | undefined;
}

export type HandoffResult = Handoff & { replayed: boolean };

export async function handOff(services: Services, orgId: string, segmentId: string, request: HandoffRequest): Promise<HandoffResult> {
  const db = services.database.db;
  const segment = await findSegment(db, orgId, segmentId);
  if (segment.status === 'archived') {
    throw new AppError('conflict', `"${segment.title}" is archived: unarchive it (POST /v1/segments/${segment.id}/unarchive) to hand its members off.`);
  }
  const wanted = { reference: request.reference ?? null, note: request.note ?? null, pageSize: request.pageSize ?? HANDOFF_PAGE_SIZE };
  const handoffId = handoffIdFor(segment.id, request.idempotencyKey);

  const replay = async (): Promise<HandoffResult | undefined> => {
    const found = await findHandoff(db, orgId, handoffId);
    if (!found) return undefined;
    const differs = (['reference', 'note', 'pageSize'] as const).filter((k) => found[k] !== wanted[k]);
    if (differs.length > 0) {
      throw new AppError(
        'conflict',
        `This Idempotency-Key was already used for a hand-off of this segment with a different ${differs.join(', ')} (hand-off ${handoffId}). Use a new key for a new hand-off.`,
        differs.map((k) => ({ path: `body.${k}`, message: `the first request had ${JSON.stringify(found[k])}` })),
      );
    }
    return { ...found, replayed: true };
  };
  if (request.idempotencyKey !== undefined) {
    const earlier = await replay();
    if (earlier) return earlier;
  }

  // Dynamic: recompute now (the cache may be up to a minute old), its events recorded first.
  const source = await memberIdsSource(services, readerOf(services), orgId, segment.id, undefined, { force: true });
  const occurredAt = services.now();
  try {
    return await db.transaction(async (tx) => {
      const rows = await tx.execute<{ id: string }>(sql`select id from (${source}) m order by id`);
      const pages = paginate(
        rows.map((r) => r.id),
        wanted.pageSize,
        { handoffId, reference: wanted.reference, note: wanted.note },
      );
      return { ...(await recordHandoff(tx, { orgId, segment: { id: segment.id, slug: segment.slug, objectType: segment.objectType }, occurredAt, pages })), replayed: false };
    });
  } catch (err) {
    // A concurrent request with the same key wrote it first: answer that one.
    if (pgErrorCode(err) === '23505' && constraintOf(err) === HANDOFF_CONSTRAINT) {
      const earlier = await replay();
      if (earlier) return earlier;
    }
    throw err;
  }
}

function constraintOf(err: unknown): string | undefined {
  for (let e = err as { constraint_name?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 10; e = e.cause as typeof e, depth += 1) {
    if (typeof e.constraint_name === 'string') return e.constraint_name;
  }
  return undefined;
}
