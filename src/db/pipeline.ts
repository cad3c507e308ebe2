// Switches of the write path's round-trip savings (issue 15), for bench/writes.ts's A/B runs in one
// process; the service never changes them.
//
// `pipeline`: statements of one transaction that do not depend on each other's results are sent
// together (postgres.js pipelines the queries of one connection; the server still runs them one
// after the other, in the order sent), so a write waits for one round trip where it waited for
// several. `skipUnread`: a contact write re-evaluates only the contact segments whose rules can read
// a column it changed (src/events/reads.ts).
export const writePath = { pipeline: true, skipUnread: true };

/**
 * Awaits `queries` (lazy drizzle queries, sent on their first `.then`) on one transaction's
 * connection. Pipelined, `Promise.all` calls each `.then` in array order, so they are sent, and run
 * by the server, in this order without a round trip in between; the first failure rejects (the
 * transaction is aborted then anyway). Without `pipeline`, one after the other.
 */
export async function inOrder<T extends unknown[]>(...queries: { [K in keyof T]: PromiseLike<T[K]> }): Promise<T> {
  if (writePath.pipeline) return (await Promise.all(queries)) as T;
  const out: unknown[] = [];
  for (const q of queries) out.push(await q);
  return out as T;
}
