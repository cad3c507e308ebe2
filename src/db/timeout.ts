// The statement-timeout transaction: every statement of `fn` runs under `timeoutMs` (SET LOCAL, so
// the pool's connection is back to its defaults afterwards), a timeout becomes QueryTimeoutError, a
// lock wait past the lock timeout LockTimeoutError. With a `signal`, the running statement is
// cancelled on the server when the signal aborts (the client went away).
import { sql } from 'drizzle-orm';
import type { Executor, Tx } from './client.js';
import { writePath } from './pipeline.js';
import { LockTimeoutError, PG_LOCK_NOT_AVAILABLE, PG_QUERY_CANCELED, pgErrorCode, QueryCancelledError, QueryTimeoutError } from './errors.js';

export interface Cancellation {
  signal: AbortSignal;
  /** Cancels the statement running on server process `pid`, over another connection. */
  cancelBackend(pid: number): Promise<void>;
}

export interface TimeoutOptions {
  timeoutMs: number;
  accessMode?: 'read only' | 'read write';
  /** Told to the client when the statement times out. */
  advice?: string;
  cancellation?: Cancellation | undefined;
}

/** Runs `fn` in a transaction (a savepoint when `db` is one already) under a statement timeout. */
export async function withStatementTimeout<T>(db: Executor, options: TimeoutOptions, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const cancel = options.cancellation;
  try {
    return await db.transaction(
      async (tx) => {
        const setup = tx.execute<{ pid: number }>(
          sql`select set_config('statement_timeout', ${String(options.timeoutMs)}, true), pg_backend_pid() as pid`,
        );
        // Without a cancellation the pid is not needed: fn's first statement follows the setting
        // in the same round trip (src/db/pipeline.ts), and runs under it all the same. The setting
        // is sent first because its `.then` is called before fn runs.
        if (!cancel && writePath.pipeline) {
          const sent = new Promise((resolve, reject) => setup.then(resolve, reject));
          return (await Promise.all([sent, fn(tx)]))[1];
        }
        const [row] = await setup;
        if (!cancel) return fn(tx);
        if (cancel.signal.aborted) throw new QueryCancelledError();
        let cancelling: Promise<void> | undefined;
        const onAbort = () => {
          cancelling = cancel.cancelBackend(row!.pid).catch(() => {});
        };
        cancel.signal.addEventListener('abort', onAbort, { once: true });
        try {
          const result = await fn(tx);
          if (cancel.signal.aborted) throw new QueryCancelledError(); // roll back: nobody will see it
          return result;
        } finally {
          cancel.signal.removeEventListener('abort', onAbort);
          // The connection goes back to the pool only after the cancel was delivered, so it can
          // never hit the next statement run on it.
          await cancelling;
        }
      },
      options.accessMode ? { accessMode: options.accessMode } : undefined,
    );
  } catch (err) {
    throw typedError(err, options);
  }
}

/** The typed error for a database failure (or `err` itself when it is none of ours). */
export function typedError(err: unknown, options: { timeoutMs: number; advice?: string; cancellation?: Cancellation | undefined }): unknown {
  if (err instanceof QueryTimeoutError || err instanceof LockTimeoutError || err instanceof QueryCancelledError) return err;
  const code = pgErrorCode(err);
  if (code === PG_QUERY_CANCELED) {
    return options.cancellation?.signal.aborted ? new QueryCancelledError() : new QueryTimeoutError(options.timeoutMs, options.advice);
  }
  if (code === PG_LOCK_NOT_AVAILABLE) return new LockTimeoutError();
  return err;
}
