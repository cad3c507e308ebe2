// Keyset cursors: an opaque base64url token of a JSON array of strings (the last row's sort key and
// id). A token that does not decode to what the route expects is a 400 naming the `cursor` parameter.
import { AppError } from '../lib/errors.js';

export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export interface CursorShape {
  /** Number of parts. */
  parts: number;
  /** Parts (by index) that must be ISO-8601 timestamps. */
  dates?: readonly number[];
}

export function decodeCursor(cursor: string, shape: CursorShape): string[] {
  const parts = tryDecode(cursor);
  const ok =
    parts !== undefined &&
    parts.length === shape.parts &&
    parts.every((p) => p.length <= 500 && !p.includes('\u0000')) &&
    parts[parts.length - 1] !== '' &&
    (shape.dates ?? []).every((i) => isTimestamp(parts[i]!));
  if (!ok) throw badCursor();
  return parts;
}

export function badCursor(): AppError {
  return new AppError('bad_request', 'The cursor is not valid; pass the nextCursor of the previous page unchanged, or leave it out to start over.', [
    { path: 'query.cursor', message: 'not a cursor this route issued' },
  ]);
}

function tryDecode(cursor: string): string[] | undefined {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) return undefined;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.every((p): p is string => typeof p === 'string')) return parts;
  } catch {
    // not JSON
  }
  return undefined;
}

/** What PostgreSQL's timestamptz input accepts without error, from the strings we issue. */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/.test(s)) return false;
  // PostgreSQL writes "+00" for UTC; JavaScript's Date wants "+00:00".
  const t = Date.parse(s.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return !Number.isNaN(t) && Number(s.slice(0, 4)) >= 1;
}
