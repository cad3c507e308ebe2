// Bulk actions on a segment's members, as the segment page offers them: add / remove tags and set
// the owner. The members are read once (a snapshot, by id), then written in batches of BATCH
// contacts, each batch one transaction through the contact write path — so every membership change
// it causes (a tag can move a contact into or out of dynamic segments, this one included) is a
// joined / left event in that batch's transaction. A batch that fails stops the action; the
// batches before it stay written, and the answer of a retry says what changed.
import { sql } from 'drizzle-orm';
import { updateContacts } from '../contacts/contacts.js';
import type { ContactPatch } from '../contacts/schema.js';
import { AppError } from '../lib/errors.js';
import type { Services } from '../services.js';
import { memberIdsSource, readerOf } from './materialize.js';
import { findSegment } from './store.js';

export const BULK_ACTION_BATCH = 500;

export interface BulkActionResult {
  /** Members when the action started (the snapshot it worked through). */
  members: number;
  batches: number;
  updated: number;
  /** Membership changes the writes caused, in any segment of the tenant. */
  membership: { joined: number; left: number };
}

/** Every member id of the segment now (dynamic: fresh per the cache rules), in id order. */
export async function memberSnapshot(services: Services, orgId: string, segmentId: string): Promise<string[]> {
  const reader = readerOf(services);
  const source = await memberIdsSource(services, reader, orgId, segmentId);
  const rows = await reader.db.execute<{ id: string }>(sql`select id from (${source}) m order by id`);
  return rows.map((r) => r.id);
}

export async function applyToMembers(services: Services, orgId: string, segmentId: string, patch: ContactPatch): Promise<BulkActionResult> {
  const segment = await findSegment(services.database.db, orgId, segmentId);
  if (segment.objectType !== 'contacts') {
    throw new AppError('conflict', `"${segment.title}" is a segment of ${segment.objectType}; tag and owner actions apply to contacts.`);
  }
  const ids = await memberSnapshot(services, orgId, segmentId);
  const result: BulkActionResult = { members: ids.length, batches: 0, updated: 0, membership: { joined: 0, left: 0 } };
  for (let i = 0; i < ids.length; i += BULK_ACTION_BATCH) {
    const done = await updateContacts(services, orgId, ids.slice(i, i + BULK_ACTION_BATCH), patch);
    result.batches += 1;
    result.updated += done.updated;
    result.membership.joined += done.joined;
    result.membership.left += done.left;
  }
  return result;
}

export function tagPatch(add: string[], remove: string[]): ContactPatch {
  const overlap = add.filter((t) => remove.some((r) => r.toLowerCase() === t.toLowerCase()));
  if (overlap.length > 0) {
    throw new AppError('validation_failed', 'A tag cannot be added and removed at once.', overlap.map((t) => ({ path: 'body.remove', message: `"${t}" is also in add` })));
  }
  if (add.length === 0 && remove.length === 0) {
    throw new AppError('validation_failed', 'Nothing to do.', [{ path: 'body', message: 'give tags to add, to remove, or both' }]);
  }
  return { ...(add.length ? { addTags: add } : {}), ...(remove.length ? { removeTags: remove } : {}) } as ContactPatch;
}
