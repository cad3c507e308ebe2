// The first materialization of a dynamic segment: its members as of now become the "last known
// member set", silently (no events — a new segment's whole audience did not "join" anything). From
// then on every change is diffed against it: contact writes, recomputes and rule edits emit events.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { QueryTimeoutError } from '../db/errors.js';
import { segments } from '../db/schema.js';
import { withStatementTimeout } from '../db/timeout.js';
import type { RuleTree } from '../rules/grammar.js';
import type { Services } from '../services.js';
import type { ObjectType } from '../rules/catalog.js';
import { CompileError, membersQuery } from '../sql/compile.js';
import { ROOTS } from '../sql/roots.js';

/**
 * Materializes a just-created dynamic segment inside the caller's transaction `tx`, under a savepoint
 * with the statement timeout: a segment too slow to materialize now is still created, and the
 * scheduled recompute establishes its baseline later. Tenant values are read on `tx` too, so a
 * segment created earlier in the same transaction is visible.
 */
export async function establishBaseline(
  services: Services,
  tx: Tx,
  segment: { orgId: string; id: string; rules: unknown; version: number; objectType: ObjectType },
): Promise<boolean> {
  const now = services.now();
  const ctx = { orgId: segment.orgId, asOf: now, tenant: await services.tenants.get(segment.orgId, tx), objectType: segment.objectType };
  const members = ROOTS[segment.objectType].members;
  try {
    await withStatementTimeout(tx, { timeoutMs: services.statementTimeoutMs }, async (sp) => {
      await sp.execute(sql`
        insert into ${sql.raw(members.table)} (org_id, segment_id, ${sql.raw(members.column)}, added_at)
        select ${segment.orgId}, ${segment.id}, m.id, ${now.toISOString()}::timestamptz from (${membersQuery(segment.rules as RuleTree, ctx)}) m
        on conflict do nothing`);
      await sp
        .update(segments)
        .set({ computedAt: now, computedVersion: segment.version })
        .where(and(eq(segments.orgId, segment.orgId), eq(segments.id, segment.id)));
    });
    return true;
  } catch (err) {
    if (err instanceof QueryTimeoutError || err instanceof CompileError) return false;
    throw err;
  }
}
