// Typed database failures that callers (and the HTTP edge) tell apart: a statement that ran out of
// time, one that waited too long for a lock, one cancelled because its client went away.
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  constructor(
    readonly timeoutMs: number,
    /** What the caller can do about it; segment reads say how to narrow the segment. */
    advice = 'Try again in a moment.',
  ) {
    super(`The query took longer than ${timeoutMs} ms and was stopped. ${advice}`);
  }
}

/** Another transaction held a lock we needed for longer than the lock timeout; nothing was changed. */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  readonly retryAfterSeconds = 1;
  constructor() {
    super('The records this request needs are being changed by another request right now; nothing was changed. Try again in a moment.');
  }
}

/** The client went away and its statement was cancelled. Nobody reads the answer. */
export class QueryCancelledError extends Error {
  override name = 'QueryCancelledError';
  constructor() {
    super('The request was cancelled by its client; its query was stopped.');
  }
}

/** The SQLSTATE of a postgres.js error, wherever drizzle wrapped it. */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 10; e = e.cause as typeof e, depth += 1) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export const PG_QUERY_CANCELED = '57014'; // statement_timeout, or pg_cancel_backend
export const PG_LOCK_NOT_AVAILABLE = '55P03'; // lock_timeout
