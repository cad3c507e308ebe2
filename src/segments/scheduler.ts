// The scheduled recompute: every `intervalMs` (RECOMPUTE_INTERVAL_MS, default 5 min) every dynamic
// segment of every tenant is refreshed, which records the changes no write caused — relative dates
// drifting ("created in the last 30 days"), campaign sends, rows written behind the API's back, rule
// edits whose refresh timed out. Each tick also creates missing system segments (new tenants).
//
// Several instances may run it; the per-segment advisory lock serializes their refreshes and the
// second one finds nothing left to change, so no event is recorded twice.
import { eq } from 'drizzle-orm';
import { segments } from '../db/schema.js';
import { refreshMembers } from './materialize.js';
import { ensureSystemSegments } from './system.js';
import type { Services } from '../services.js';

export interface RecomputeResult {
  segments: number;
  failed: number;
}

export interface RecomputeScheduler {
  /** One full pass now (also what the timer runs). Concurrent calls share the pass in progress. */
  tick(): Promise<RecomputeResult>;
  stop(): Promise<void>;
}

/**
 * Refreshes every dynamic segment of every tenant, on the long-read pool; a failing segment is logged
 * and skipped. An aborted `signal` ends the pass after the segment in progress.
 */
export async function recomputeAll(services: Services, log: (line: string) => void = () => {}, signal?: AbortSignal): Promise<RecomputeResult> {
  await ensureSystemSegments(services);
  const rows = await services.database.db.select().from(segments).where(eq(segments.type, 'dynamic'));
  const reader = { db: services.database.long.db };
  let failed = 0;
  for (const row of rows) {
    if (signal?.aborted) break;
    try {
      await refreshMembers(services, row, { force: true, reader });
    } catch (err) {
      failed += 1;
      log(`recompute of segment ${row.orgId}/${row.id} failed: ${(err as Error).message}`);
    }
  }
  return { segments: rows.length, failed };
}

export function startRecomputeScheduler(services: Services, options: { intervalMs: number; log?: (line: string) => void }): RecomputeScheduler {
  const log = options.log ?? (() => {});
  let running: Promise<RecomputeResult> | undefined;
  let stopped = false;
  const stopping = new AbortController();

  const tick = (): Promise<RecomputeResult> => {
    running ??= recomputeAll(services, log, stopping.signal).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (stopped || running) return; // a slow pass is not stacked
    tick().catch((err: Error) => log(`recompute failed: ${err.message}`));
  }, options.intervalMs);
  timer.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      stopping.abort();
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
