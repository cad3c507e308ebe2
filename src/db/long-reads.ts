// Long reads (CSV exports, member ids and pages, counts, recomputes, freezes) run on a pool of their
// own and are bounded: at most `perTenant` at once per tenant and `total` in all (the size of that
// pool). One more is refused at once with a 429 and Retry-After instead of queueing, so a tenant
// exporting in a loop neither starves other tenants' long reads nor anyone's short requests, which
// have the main pool to themselves. Each read carries its request's abort signal: when the client
// goes away, its running statement is cancelled on the server.
import { AppError } from '../lib/errors.js';
import type { Database, Db, Sql } from './client.js';
import type { Cancellation } from './timeout.js';

export interface LongRead {
  orgId: string;
  /** The long-read pool. */
  db: Db;
  sql: Sql;
  /** Cancels the running statement when the client goes away; absent for internal callers. */
  cancellation?: Cancellation | undefined;
  /** Frees the slot; idempotent. */
  release(): void;
}

export interface LongReadLimits {
  perTenant: number;
  total: number;
  retryAfterSeconds: number;
}

interface Waiter {
  orgId: string;
  grant: () => void;
}

export class LongReads {
  private readonly running = new Map<string, number>();
  private all = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly database: Database,
    readonly limits: LongReadLimits,
  ) {}

  /** Takes a slot for `orgId` or throws a 429; call `release()` when the read is over. */
  acquire(orgId: string, signal?: AbortSignal): LongRead {
    const mine = this.running.get(orgId) ?? 0;
    if (!this.free(orgId)) {
      const why =
        mine >= this.limits.perTenant
          ? `This tenant already has ${mine} long reads (exports, member lists, counts, recomputes) running; at most ${this.limits.perTenant} run at once.`
          : 'The service is running as many long reads (exports, member lists, counts, recomputes) as it allows at once.';
      throw new AppError('too_many_requests', `${why} Try again in ${this.limits.retryAfterSeconds} s.`, undefined, { retryAfterSeconds: this.limits.retryAfterSeconds });
    }
    return this.take(orgId, signal);
  }

  /**
   * Like acquire, but when no slot is free waits up to `waitMs` (in arrival order) for one before
   * the 429: a short burst of previews queues briefly instead of failing, a sustained one is refused.
   * A client that goes away while waiting leaves the queue.
   */
  async acquireQueued(orgId: string, signal: AbortSignal | undefined, waitMs: number): Promise<LongRead> {
    if (this.free(orgId) && !this.waiting.some((w) => w.orgId === orgId)) return this.take(orgId, signal);
    if (waitMs > 0 && !signal?.aborted) {
      let got: LongRead | undefined;
      await new Promise<boolean>((resolve) => {
        // The slot is taken the moment it is granted, so nobody arriving meanwhile can take it.
        const waiter: Waiter = {
          orgId,
          grant: () => {
            got = this.take(orgId, signal);
            done(true);
          },
        };
        const timer = setTimeout(() => done(false), waitMs);
        const onAbort = () => done(false);
        const done = (ok: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          resolve(ok);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(waiter);
      });
      if (got) return got;
    }
    return this.acquire(orgId, signal);
  }

  private free(orgId: string): boolean {
    return (this.running.get(orgId) ?? 0) < this.limits.perTenant && this.all < this.limits.total;
  }

  /** Wakes the first waiter that a freed slot now admits. */
  private wake(): void {
    const next = this.waiting.find((w) => this.free(w.orgId));
    next?.grant();
  }

  private take(orgId: string, signal?: AbortSignal): LongRead {
    const mine = this.running.get(orgId) ?? 0;
    this.running.set(orgId, mine + 1);
    this.all += 1;
    let released = false;
    const database = this.database;
    return {
      orgId,
      db: database.long.db,
      sql: database.long.sql,
      ...(signal ? { cancellation: { signal, cancelBackend: (pid: number) => database.cancelBackend(pid) } } : {}),
      release: () => {
        if (released) return;
        released = true;
        this.all -= 1;
        const n = (this.running.get(orgId) ?? 1) - 1;
        if (n <= 0) this.running.delete(orgId);
        else this.running.set(orgId, n);
        this.wake();
      },
    };
  }

  /** Runs `fn` in a slot, released when it settles. */
  async run<T>(orgId: string, signal: AbortSignal | undefined, fn: (read: LongRead) => Promise<T>): Promise<T> {
    const read = this.acquire(orgId, signal);
    try {
      return await fn(read);
    } finally {
      read.release();
    }
  }

  /** Slots in use (for tests and diagnostics). */
  inUse(orgId?: string): number {
    return orgId ? (this.running.get(orgId) ?? 0) : this.all;
  }
}
