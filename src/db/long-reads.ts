// Long reads (CSV exports, member ids and pages, counts, recomputes, freezes) run on a pool of their
// own and are bounded: at most `perTenant` at once per tenant and `total` in all (the size of that
// pool). One more is refused at once with a 429 and Retry-After instead of queueing, so a tenant
// exporting in a loop neither starves other tenants' long reads nor anyone's short requests, which
// have the main pool to themselves. Each read carries its request's abort signal: when the client
// goes away, its running statement is cancelled on the server.
//
// Previews and funnel counts (acquireQueued) are bounded once more, overall: they are CPU-bound
// statements a reviewer waits for, and past the machine's cores more of them at once only make each
// one slower — at 1M contacts on two cores, four at once ran past the statement timeout (504s) and
// took the CPU short requests need. So at most `previews` run at once (default: one fewer than the
// cores, at least one); the others queue briefly in arrival order, the tenant with the fewest
// running going first, then get the 429.
import os from 'node:os';
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
  /** Previews and funnel counts at once, all tenants together (default: defaultPreviewsAtOnce()). */
  previews?: number;
  retryAfterSeconds: number;
}

/** One fewer than the cores (at least one): CPU-bound previews past that only slow each other down and starve short requests. */
export function defaultPreviewsAtOnce(cores: number = os.availableParallelism()): number {
  return Math.max(1, cores - 1);
}

interface Waiter {
  orgId: string;
  grant: () => void;
}

export class LongReads {
  private readonly running = new Map<string, number>();
  private all = 0;
  private previews = 0;
  private readonly waiting: Waiter[] = [];
  private readonly previewLimit: number;

  constructor(
    private readonly database: Database,
    readonly limits: LongReadLimits,
  ) {
    this.previewLimit = limits.previews ?? defaultPreviewsAtOnce();
  }

  /** Takes a slot for `orgId` or throws a 429; call `release()` when the read is over. */
  acquire(orgId: string, signal?: AbortSignal): LongRead {
    return this.takeOrRefuse(orgId, signal, false);
  }

  private takeOrRefuse(orgId: string, signal: AbortSignal | undefined, preview: boolean): LongRead {
    const mine = this.running.get(orgId) ?? 0;
    if (!this.free(orgId, preview)) {
      const why =
        mine >= this.limits.perTenant
          ? `This tenant already has ${mine} long reads (exports, member lists, counts, recomputes, previews) running; at most ${this.limits.perTenant} run at once.`
          : this.all >= this.limits.total
            ? 'The service is running as many long reads (exports, member lists, counts, recomputes) as it allows at once.'
            : `The service is running as many previews as this machine's cores can answer quickly (${this.previewLimit} at once), and none freed up in time.`;
      throw new AppError('too_many_requests', `${why} Try again in ${this.limits.retryAfterSeconds} s.`, undefined, { retryAfterSeconds: this.limits.retryAfterSeconds });
    }
    return this.take(orgId, signal, preview);
  }

  /**
   * Like acquire, but when no slot is free waits up to `waitMs` (in arrival order) for one before
   * the 429: a short burst of previews queues briefly instead of failing, a sustained one is refused.
   * A client that goes away while waiting leaves the queue. Previews and funnel counts take this
   * path, and so count against the `previews` bound as well.
   */
  async acquireQueued(orgId: string, signal: AbortSignal | undefined, waitMs: number): Promise<LongRead> {
    if (this.free(orgId, true) && !this.waiting.some((w) => w.orgId === orgId)) return this.take(orgId, signal, true);
    if (waitMs > 0 && !signal?.aborted) {
      let got: LongRead | undefined;
      await new Promise<boolean>((resolve) => {
        // The slot is taken the moment it is granted, so nobody arriving meanwhile can take it.
        const waiter: Waiter = {
          orgId,
          grant: () => {
            got = this.take(orgId, signal, true);
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
    return this.takeOrRefuse(orgId, signal, true);
  }

  private free(orgId: string, preview: boolean): boolean {
    return (this.running.get(orgId) ?? 0) < this.limits.perTenant && this.all < this.limits.total && (!preview || this.previews < this.previewLimit);
  }

  /**
   * Wakes a waiter that a freed slot now admits: of the tenants waiting, the one with the fewest
   * reads running goes first (arrival order among equals), so one tenant's burst of previews does not
   * keep another tenant's single preview waiting behind all of it.
   */
  private wake(): void {
    let next: Waiter | undefined;
    for (const w of this.waiting) {
      if (!this.free(w.orgId, true)) continue;
      if (!next || (this.running.get(w.orgId) ?? 0) < (this.running.get(next.orgId) ?? 0)) next = w;
    }
    next?.grant();
  }

  private take(orgId: string, signal: AbortSignal | undefined, preview: boolean): LongRead {
    const mine = this.running.get(orgId) ?? 0;
    this.running.set(orgId, mine + 1);
    this.all += 1;
    if (preview) this.previews += 1;
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
        if (preview) this.previews -= 1;
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

  /** Reads waiting in the queue for a slot (tests and diagnostics). */
  queued(orgId?: string): number {
    return orgId ? this.waiting.filter((w) => w.orgId === orgId).length : this.waiting.length;
  }

  /** Previews and funnel counts running, all tenants (tests and diagnostics). */
  previewsInUse(): number {
    return this.previews;
  }
}
