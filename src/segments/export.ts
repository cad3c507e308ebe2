// Streaming exports. CSV rows come from a server-side cursor in batches and are written as they
// arrive, so memory stays flat whether a segment has ten members or a million.
import { stringify } from 'csv-stringify/sync';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { Services } from '../services.js';
import { memberIdsSource } from './members.js';

const COLUMNS = ['id', 'first_name', 'last_name', 'email', 'phone', 'country', 'language', 'lifecycle_stage', 'email_status', 'company', 'tags', 'created_at'];
const BATCH = 2_000;
/** An export may run long; it still may not run forever. */
const EXPORT_TIMEOUT_MS = 15 * 60_000;

export async function csvExport(services: Services, orgId: string, segmentId: string, asOf?: Date): Promise<ReadableStream<Uint8Array>> {
  const source = await memberIdsSource(services, orgId, segmentId, asOf);
  const query = new PgDialect().sqlToQuery(sql`
    select c.id, c.first_name, c.last_name, c.email, c.phone, c.country, c.language, c.lifecycle_stage, c.email_status,
           co.name as company, array_to_string(c.tags, ';') as tags,
           to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
    from (${source}) m
    join contacts c on c.org_id = ${orgId} and c.id = m.id
    left join companies co on co.org_id = c.org_id and co.id = c.company_id
    order by c.id`);
  const encoder = new TextEncoder();
  const connection = await services.database.sql.reserve();
  let batches: AsyncIterator<Record<string, unknown>[]> | undefined;
  const release = async () => {
    await batches?.return?.();
    await connection`select set_config('statement_timeout', '0', false)`.catch(() => {});
    connection.release();
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await connection`select set_config('statement_timeout', ${String(EXPORT_TIMEOUT_MS)}, false)`;
        batches = connection.unsafe(query.sql, query.params as never[]).cursor(BATCH)[Symbol.asyncIterator]();
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
          await release();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(stringify(next.value.map((r) => COLUMNS.map((k) => r[k] ?? '')))));
      } catch (err) {
        await release();
        controller.error(err);
      }
    },
    async cancel() {
      await release();
    },
  });
}
