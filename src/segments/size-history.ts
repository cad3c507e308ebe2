// A segment's size over time, per UTC day, from the membership record: the recorded members now,
// walked back through the segment.joined / segment.left events (size at the end of day D = members
// now − joins after D + leaves after D). One statement; nothing is refreshed.
//
// The series starts on the day the segment was created (no record exists before). It shows the
// recorded membership: a dynamic segment's changes are recorded when it is refreshed (on a read past
// its cache age, a contact write, a rule edit, the scheduler), so a day's size is what was known then.
import { sql } from 'drizzle-orm';
import type { LongRead } from '../db/long-reads.js';
import { AppError } from '../lib/errors.js';
import type { Services } from '../services.js';
import { memberTable } from '../sql/roots.js';
import { segmentQuery } from './materialize.js';
import { findSegment } from './store.js';

export const MAX_SERIES_DAYS = 366;
const DAY_MS = 86_400_000;

export interface SizePoint {
  /** The UTC day (YYYY-MM-DD); `size` is at its end. */
  date: string;
  size: number;
  joined: number;
  left: number;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export async function sizeHistory(services: Services, read: LongRead, segmentId: string, opts: { from?: Date; to?: Date }) {
  const orgId = read.orgId;
  const segment = await findSegment(read.db, orgId, segmentId);
  const to = opts.to ?? services.now();
  const from = opts.from ?? new Date(to.getTime() - 29 * DAY_MS);
  if (from.getTime() > to.getTime()) {
    throw new AppError('validation_failed', 'The series ends before it starts.', [{ path: 'query.from', message: `from (${dayOf(from)}) must not be after to (${dayOf(to)})` }]);
  }
  if (Math.round((Date.parse(dayOf(to)) - Date.parse(dayOf(from))) / DAY_MS) + 1 > MAX_SERIES_DAYS) {
    throw new AppError('validation_failed', `A series covers at most ${MAX_SERIES_DAYS} days.`, [{ path: 'query.from', message: `ask for ${MAX_SERIES_DAYS} days or fewer, e.g. from ${dayOf(new Date(to.getTime() - (MAX_SERIES_DAYS - 1) * DAY_MS))}` }]);
  }
  const start = dayOf(from) < dayOf(segment.createdAt) ? dayOf(segment.createdAt) : dayOf(from);
  const end = dayOf(to);
  if (start > end) return { segmentId, from: start, to: end, points: [] as SizePoint[] };
  const members = memberTable(segment.objectType);
  const rows = await segmentQuery(services, read, (tx) =>
    tx.execute<{ date: string; size: number; joined: number; left: number }>(sql`
      with days as (select d::date as day from generate_series(${start}::date, ${end}::date, interval '1 day') d),
           n as (select count(*)::int as n from ${members.table} where org_id = ${orgId} and segment_id = ${segmentId}),
           ev as (select (occurred_at at time zone 'UTC')::date as day,
                         count(*) filter (where type = 'segment.joined')::int as joined,
                         count(*) filter (where type = 'segment.left')::int as left
                  from segment_events where org_id = ${orgId} and segment_id = ${segmentId}
                  group by 1)
      select to_char(days.day, 'YYYY-MM-DD') as date,
             (n.n - coalesce((select sum(ev.joined - ev.left) from ev where ev.day > days.day), 0))::int as size,
             coalesce(e.joined, 0) as joined, coalesce(e.left, 0) as left
      from days cross join n left join ev e on e.day = days.day
      order by days.day`),
  );
  return { segmentId, from: start, to: end, points: rows.map((r) => ({ date: r.date, size: r.size, joined: r.joined, left: r.left })) };
}
