// The first materialization of a dynamic segment: its members as of now become the "last known
// member set", silently (no events — a new segment's whole audience did not "join" anything). From
// then on every change is diffed against it: contact writes, recomputes and rule edits emit events.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { segments } from '../db/schema.js';
import type { RuleTree } from '../rules/grammar.js';
import type { Services } from '../services.js';
import { CompileError, membersQuery } from '../sql/compile.js';
import { QueryTimeoutError } from '../sql/preview.js';

function isTimeout(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '57014') return true;
  }
  return err instanceof QueryTimeoutError;
}

/**
 * Materializes a just-created dynamic segment inside `db` (the caller's transaction, if any), under
 * a savepoint with the statement timeout: a segment too slow to materialize now is still created, and
 * the scheduled recompute establishes its baseline later.
 */
export async function establishBaseline(services: Services, db: Db, segment: { orgId: string; id: string; rules: unknown; version: number }): Promise<boolean> {
  const now = services.now();
  const ctx = { orgId: segment.orgId, asOf: now, tenant: await services.tenants.get(segment.orgId) };
  try {
    // Tenant values are read outside the caller's transaction: a segment it created a moment ago
    // and refers to is not visible yet (CompileError); that baseline, too, is left for later.
    await db.transaction(async (sp) => {
      await sp.execute(sql`select set_config('statement_timeout', ${String(services.statementTimeoutMs)}, true)`);
      await sp.execute(sql`
        insert into segment_members (org_id, segment_id, contact_id)
        select ${segment.orgId}, ${segment.id}, m.id from (${membersQuery(segment.rules as RuleTree, ctx)}) m
        on conflict do nothing`);
      await sp
        .update(segments)
        .set({ computedAt: now, computedVersion: segment.version })
        .where(and(eq(segments.orgId, segment.orgId), eq(segments.id, segment.id)));
    });
    return true;
  } catch (err) {
    if (isTimeout(err) || err instanceof CompileError) return false;
    throw err;
  }
}
