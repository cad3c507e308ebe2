// Static members from a CSV file: the body is streamed through csv-parse, its rows matched to the
// tenant's contacts by `id` (or `contact_id`) or by `email` (case-insensitive) a batch at a time,
// and the matched contacts added in one transaction (addMembers: events, dependent segments).
// All or nothing per request: a malformed file, a missing column or too many rows changes nothing.
// Rows that match no contact (or an email shared by several contacts) are reported by row number.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CsvError, parse } from 'csv-parse';
import { sql } from 'drizzle-orm';
import { AppError } from '../lib/errors.js';
import type { Services } from '../services.js';
import { addMembers, MAX_BULK_IDS, requireStatic } from './static-members.js';
import { findSegment } from './store.js';

/** Rows per request: the same bound as the JSON members call. */
export const MAX_CSV_ROWS = MAX_BULK_IDS;
/** Unmatched rows listed in the report (all are counted). */
const MAX_REPORTED = 100;
const BATCH = 1_000;

export type MatchBy = 'id' | 'email';

export interface UnmatchedRow {
  /** The data row, counted from 1 after the header (in a spreadsheet: row + 1); 0 for a contact deleted meanwhile. */
  row: number;
  value: string;
  reason: string;
}

export interface CsvImportReport {
  matchedBy: MatchBy;
  rows: number;
  /** Contacts added by this call. */
  added: number;
  /** Matched contacts that already were members. */
  alreadyMembers: number;
  unmatched: { count: number; rows: UnmatchedRow[] };
}

const ID_COLUMNS = ['id', 'contact_id', 'contactid'];
const EMAIL_COLUMNS = ['email', 'e-mail', 'email address', 'email_address'];

export async function importMembersCsv(
  services: Services,
  orgId: string,
  segmentId: string,
  body: ReadableStream<Uint8Array> | null,
  opts: { match?: MatchBy | undefined } = {},
): Promise<CsvImportReport> {
  const segment = await findSegment(services.database.db, orgId, segmentId);
  requireStatic(segment, 'added');
  if (segment.objectType !== 'contacts') {
    throw new AppError('conflict', `"${segment.title}" is a segment of ${segment.objectType}; a CSV of contacts cannot fill it. Add ${segment.objectType} by id with POST /v1/segments/${segmentId}/members.`);
  }
  if (!body) throw new AppError('validation_failed', 'The CSV file is empty.', [{ path: 'body', message: 'send a header row (email or id) and one row per contact' }]);
  const parser = Readable.fromWeb(body as WebReadableStream<Uint8Array>).pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()) }),
  );
  let column: string | undefined;
  let matchedBy: MatchBy | undefined;
  let rows = 0;
  const ids = new Set<string>();
  const unmatched: UnmatchedRow[] = [];
  let unmatchedCount = 0;
  const miss = (row: UnmatchedRow) => {
    unmatchedCount += 1;
    if (unmatched.length < MAX_REPORTED) unmatched.push(row);
  };
  let batch: { row: number; value: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = [...new Set(batch.map((b) => (matchedBy === 'email' ? b.value.toLowerCase() : b.value)))];
    const found =
      matchedBy === 'email'
        ? await services.database.db.execute<{ key: string; ids: string[] }>(sql`
            select lower(email) as key, array_agg(id order by id) as ids from contacts
            where org_id = ${orgId} and lower(email) = any(${sql.param(values)}::text[]) group by lower(email)`)
        : await services.database.db.execute<{ key: string; ids: string[] }>(sql`
            select id as key, array[id] as ids from contacts where org_id = ${orgId} and id = any(${sql.param(values)}::text[])`);
    const byKey = new Map(found.map((r) => [r.key, r.ids]));
    for (const b of batch) {
      const hit = byKey.get(matchedBy === 'email' ? b.value.toLowerCase() : b.value);
      if (!hit) miss({ row: b.row, value: b.value, reason: `no contact with this ${matchedBy} in this tenant` });
      else if (hit.length > 1) miss({ row: b.row, value: b.value, reason: `${hit.length} contacts have this email; match them by id instead` });
      else ids.add(hit[0]!);
    }
    batch = [];
  };

  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      if (!column) {
        const names = Object.keys(record);
        const pick = (want: MatchBy) => names.find((n) => (want === 'id' ? ID_COLUMNS : EMAIL_COLUMNS).includes(n));
        matchedBy = opts.match ?? (pick('id') ? 'id' : 'email');
        column = pick(matchedBy);
        if (!column) {
          throw new AppError('validation_failed', 'The CSV file has no column to match contacts by; nothing was changed.', [
            { path: 'body', message: `the header row needs ${matchedBy === 'id' ? 'an "id" (or "contact_id")' : 'an "email"'} column; it has ${names.map((n) => `"${n}"`).join(', ') || 'none'}` },
          ]);
        }
      }
      rows += 1;
      if (rows > MAX_CSV_ROWS) {
        throw new AppError('validation_failed', `At most ${MAX_CSV_ROWS} rows per import; nothing was changed. Split the file.`, [{ path: 'body', message: `more than ${MAX_CSV_ROWS} rows` }]);
      }
      const value = (record[column] ?? '').trim();
      if (value === '') miss({ row: rows, value, reason: `empty ${matchedBy}` });
      else batch.push({ row: rows, value });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } catch (err) {
    parser.destroy();
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new AppError('validation_failed', 'The CSV file is malformed; nothing was changed.', [{ path: line ? `body.line ${line}` : 'body', message: err.message }]);
    }
    throw err;
  }
  if (!column) throw new AppError('validation_failed', 'The CSV file is empty.', [{ path: 'body', message: 'send a header row (email or id) and one row per contact' }]);

  const change = ids.size === 0 ? { changed: [], unchanged: [], unknown: [] } : await addMembers(services, orgId, segmentId, [...ids]);
  for (const id of change.unknown) miss({ row: 0, value: id, reason: 'the contact was deleted while the file was read' });
  return {
    matchedBy: matchedBy!,
    rows,
    added: change.changed.length,
    alreadyMembers: change.unchanged.length,
    unmatched: { count: unmatchedCount, rows: unmatched.sort((a, b) => a.row - b.row) },
  };
}
