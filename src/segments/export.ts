// Streaming exports. CSV rows come from a server-side cursor in batches and are written as they
// arrive, so memory stays flat whether a segment has ten members or a million. An export is a long
// read: it holds a slot and a connection of the long-read pool until its last row is written or its
// client goes away — then the running statement is cancelled on the server and both are released.
import { stringify } from 'csv-stringify/sync';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { LongRead } from '../db/long-reads.js';
import type { Services } from '../services.js';
import type { ObjectType } from '../rules/catalog.js';
import { ROOTS } from '../sql/roots.js';
import { memberSource } from './materialize.js';

const UTC = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** joined_at: when the member last became one (empty when not a recorded member), from the type's member table. */
interface Joined {
  column: SQL;
  join: SQL;
}

/** Per object type: the CSV header and the select list over the member row (constants we wrote). */
const CSV: Record<ObjectType, { columns: string[]; select: (orgId: string, source: SQL, joined: Joined) => SQL }> = {
  contacts: {
    columns: ['id', 'first_name', 'last_name', 'email', 'phone', 'country', 'language', 'lifecycle_stage', 'email_status', 'company', 'tags', 'created_at', 'joined_at'],
    select: (orgId, source, joined) => sql`
    select c.id, c.first_name, c.last_name, c.email, c.phone, c.country, c.language, c.lifecycle_stage, c.email_status,
           co.name as company, array_to_string(c.tags, ';') as tags,
           ${sql.raw(UTC('c.created_at'))} as created_at, ${joined.column}
    from (${source}) m
    join contacts c on c.org_id = ${orgId} and c.id = m.id
    left join companies co on co.org_id = c.org_id and co.id = c.company_id
    ${joined.join}
    order by c.id`,
  },
  companies: {
    columns: ['id', 'name', 'domain', 'industry', 'country', 'employee_count', 'annual_revenue', 'contacts', 'deals', 'joined_at'],
    select: (orgId, source, joined) => sql`
    select k.id, k.name, k.domain, k.industry, k.country, k.employee_count, k.annual_revenue,
           (select count(*) from contacts x where x.org_id = ${orgId} and x.company_id = k.id) as contacts,
           (select count(*) from deals y where y.org_id = ${orgId} and y.company_id = k.id) as deals, ${joined.column}
    from (${source}) m
    join companies k on k.org_id = ${orgId} and k.id = m.id
    ${joined.join}
    order by k.id`,
  },
  deals: {
    columns: ['id', 'name', 'stage', 'amount', 'owner', 'company_id', 'company', 'contact_id', 'contact_email', 'created_at', 'closed_at', 'joined_at'],
    select: (orgId, source, joined) => sql`
    select d.id, d.name, d.stage, d.amount, u.name as owner, d.company_id, co.name as company, d.contact_id, ct.email as contact_email,
           ${sql.raw(UTC('d.created_at'))} as created_at, ${sql.raw(UTC('d.closed_at'))} as closed_at, ${joined.column}
    from (${source}) m
    join deals d on d.org_id = ${orgId} and d.id = m.id
    left join companies co on co.org_id = d.org_id and co.id = d.company_id
    left join contacts ct on ct.org_id = d.org_id and ct.id = d.contact_id
    left join users u on u.org_id = d.org_id and u.id = d.owner_id
    ${joined.join}
    order by d.id`,
  },
};

const BATCH = 2_000;
/** An export may run long; it still may not run forever. */
const EXPORT_TIMEOUT_MS = 15 * 60_000;
/** A client that reads nothing for this long loses its export (and frees the connection). */
const EXPORT_IDLE_MS = 60_000;

/** The CSV stream; `read` is released when it ends, fails or is cancelled. */
export async function csvExport(services: Services, read: LongRead, segmentId: string, asOf?: Date): Promise<ReadableStream<Uint8Array>> {
  const orgId = read.orgId;
  const { segment, source } = await memberSource(services, read, orgId, segmentId, asOf);
  const csv = CSV[segment.objectType];
  const COLUMNS = csv.columns;
  const members = ROOTS[segment.objectType].members;
  const joined: Joined = {
    column: sql.raw(`${UTC('sm.added_at')} as joined_at`),
    join: sql`left join ${sql.raw(members.table)} sm on sm.org_id = ${orgId} and sm.segment_id = ${segmentId} and sm.${sql.raw(members.column)} = m.id`,
  };
  const query = new PgDialect().sqlToQuery(csv.select(orgId, source, joined));
  const encoder = new TextEncoder();
  const connection = await read.sql.reserve();
  let pid: number | undefined;
  let batches: AsyncIterator<postgres.Row[]> | undefined;
  let streaming = false; // the cursor's statement is open on the server
  let released = false;
  const cancellation = read.cancellation;
  const release = async () => {
    if (released) return;
    released = true;
    cancellation?.signal.removeEventListener('abort', onAbort);
    // Stop the statement on the server before anything else is sent on this connection; the cancel
    // has reached the server when cancelBackend resolves, so it cannot hit a later statement.
    if (streaming && pid !== undefined && cancellation) await cancellation.cancelBackend(pid).catch(() => {});
    try {
      await batches?.return?.();
    } catch {
      // the cancelled statement's error
    }
    await connection.unsafe('reset statement_timeout; reset idle_in_transaction_session_timeout').simple().catch(() => {});
    connection.release();
    read.release();
  };
  const onAbort = () => void release();
  cancellation?.signal.addEventListener('abort', onAbort, { once: true });
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        if (cancellation?.signal.aborted) throw new Error('the client went away');
        const [row] = await connection<{ pid: number }[]>`
          select set_config('statement_timeout', ${String(EXPORT_TIMEOUT_MS)}, false),
                 set_config('idle_in_transaction_session_timeout', ${String(EXPORT_IDLE_MS)}, false),
                 pg_backend_pid() as pid`;
        pid = row!.pid;
        batches = connection.unsafe(query.sql, query.params as never[]).cursor(BATCH)[Symbol.asyncIterator]();
        streaming = true;
        controller.enqueue(encoder.encode(stringify([COLUMNS])));
      } catch (err) {
        await release();
        controller.error(err);
      }
    },
    async pull(controller) {
      try {
        const next = await batches!.next();
        if (next.done) {
          streaming = false;
          await release();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(stringify(next.value.map((r) => COLUMNS.map((k) => r[k] ?? '')))));
      } catch (err) {
        streaming = false;
        await release();
        controller.error(err);
      }
    },
    async cancel() {
      await release();
    },
  });
}
