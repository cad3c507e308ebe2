// Freeze: a static snapshot of a segment's current members (or its members at `asOf`), copied in
// one statement inside the transaction that creates the new segment, under the statement timeout.
import { sql } from 'drizzle-orm';
import type { LongRead } from '../db/long-reads.js';
import type { Services } from '../services.js';
import { memberTable } from '../sql/roots.js';
import { memberIdsSource, segmentQuery } from './materialize.js';
import { createSegment, findSegment, type SegmentView } from './store.js';
import type { Actor } from './version-record.js';

export async function freeze(services: Services, read: LongRead, segmentId: string, input: { title?: string; asOf?: Date; by?: Actor }): Promise<SegmentView> {
  const orgId = read.orgId;
  const segment = await findSegment(read.db, orgId, segmentId);
  const source = await memberIdsSource(services, read, orgId, segmentId, input.asOf);
  const at = (input.asOf ?? services.now()).toISOString().slice(0, 16).replace('T', ' ');
  const view = await segmentQuery(services, read, async (tx) => {
    const created = await createSegment(
      services,
      orgId,
      { title: input.title ?? `${segment.title} (frozen ${at} UTC)`, description: segment.description, type: 'static', objectType: segment.objectType, by: input.by },
      tx,
    );
    const { table, column } = memberTable(segment.objectType);
    await tx.execute(sql`
      insert into ${table} (org_id, segment_id, ${column}, added_at)
      select ${orgId}, ${created.id}, m.id, ${services.now().toISOString()}::timestamptz from (${source}) m`);
    return created;
  });
  services.tenants.invalidate(orgId); // again after commit: a reader may have cached the values without it meanwhile
  return view;
}
