// COPY text-format encoding, and streaming rows into a table with COPY.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import { SyntheticError } from './errors.js';

/** What a COPY field can be given as: arrays become text[] literals, plain objects JSON. */
export type CopyValue =
  | string
  | number
  | boolean
  | Date
  | null
  | readonly string[]
  | { readonly [key: string]: unknown };

const COPY_SPECIAL = /[\\\t\n\r\0]/;
const COPY_ESCAPE = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A string as a COPY text-format field: backslash, tab, newline and carriage return escaped. */
export function copyText(s: string): string {
  if (!COPY_SPECIAL.test(s)) return s;
  if (s.includes('\0')) throw new SyntheticError('PostgreSQL text cannot contain NUL characters');
  return s.replace(COPY_ESCAPE, (ch) => COPY_ESCAPES[ch]!);
}

/** `{"a","b \"c\""}`: every element quoted, so that commas, braces, blanks and "NULL" stay data. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return copyText(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return copyText(arrayLiteral(value as readonly string[]));
  return copyText(JSON.stringify(value));
}

export function copyLine(values: readonly CopyValue[]): string {
  let line = copyField(values[0]!);
  for (let i = 1; i < values.length; i++) line += '\t' + copyField(values[i]!);
  return line + '\n';
}

/** One connection in a transaction: COPY and deletes must not go to whichever pool connection is free. */
export type Session = postgres.TransactionSql | postgres.ReservedSql;

/** Rows are sent in pieces of about this many characters: large enough to keep per-write overhead low. */
const PIECE_CHARS = 1 << 18;

/**
 * COPY `rows` into `columns` (schema property names, checked against the table) of `table`.
 * Returns the number of rows sent.
 */
export async function copyRows<T extends PgTable>(
  tx: Session,
  table: T,
  columns: readonly (keyof T['_']['columns'] & string)[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  const byProperty = getTableColumns(table) as Record<string, { name: string }>;
  const names = columns.map((c) => `"${byProperty[c]!.name}"`).join(', ');
  let count = 0;
  function* pieces(): Generator<string> {
    let piece = '';
    for (const row of rows) {
      piece += copyLine(row);
      count++;
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  }
  const stream = await copyWritable(tx, `copy "${getTableName(table)}" (${names}) from stdin`);
  await pipeline(Readable.from(pieces()), stream);
  return count;
}

/**
 * postgres.js 3.4 never settles a COPY writable whose statement fails after its last row was sent
 * (porsager/postgres#1173; e.g. a foreign key checked at the end of the statement): the error goes
 * to the query's reject, a no-op once the query has resolved to the stream. Passing that error on to
 * the stream turns a silent hang, and a connection stuck in an aborted transaction, into the error.
 */
async function copyWritable(tx: Session, statement: string): Promise<Writable> {
  const query = tx.unsafe(statement) as unknown as postgres.PendingQuery<never> & { reject(err: unknown): void };
  const reject = query.reject;
  let stream: Writable | undefined;
  query.reject = (err) => {
    reject(err);
    stream?.destroy(err as Error);
  };
  stream = await query.writable();
  return stream;
}
