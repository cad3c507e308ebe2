// Preview: the exact number of matching contacts and the first rows to look at, under a statement
// timeout so that a pathological segment cannot hold a connection hostage.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { RuleTree } from '../rules/grammar.js';
import { type CompileContext, compilePredicate, contactsFrom } from './compile.js';

export interface PreviewContact {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
  company: string | null;
}

export interface Preview {
  count: number;
  sample: PreviewContact[];
  /** The clock the preview was evaluated at (ISO-8601, UTC). */
  asOf: string;
}

export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The query took longer than ${timeoutMs} ms and was stopped. Narrow the segment (fewer OR branches, shorter date ranges) or try again.`);
  }
}

export interface PreviewOptions {
  limit?: number;
  timeoutMs?: number;
}

export async function previewSegment(db: Db, tree: RuleTree, ctx: CompileContext, options: PreviewOptions = {}): Promise<Preview> {
  const limit = options.limit ?? 10;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const { where, usesCompany } = compilePredicate(tree, ctx);
  const matching = sql`${contactsFrom(usesCompany)} where c.org_id = ${ctx.orgId} and ${where}`;
  try {
    // One snapshot for both statements, so the count and the sample agree.
    return await db.transaction(
      async (tx) => {
        await tx.execute(sql`select set_config('statement_timeout', ${String(timeoutMs)}, true)`);
        const [counted] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${matching}`);
        const rows = await tx.execute<{ id: string; first_name: string | null; last_name: string | null; email: string; company: string | null }>(sql`
          select c.id, c.first_name, c.last_name, c.email,
                 (select name from companies x where x.org_id = c.org_id and x.id = c.company_id) as company
          from ${matching}
          order by c.created_at desc, c.id
          limit ${limit}`);
        return {
          count: counted!.n,
          sample: rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, email: r.email, company: r.company })),
          asOf: ctx.asOf.toISOString(),
        };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  } catch (err) {
    if (isTimeout(err)) throw new QueryTimeoutError(timeoutMs);
    throw err;
  }
}

function isTimeout(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '57014') return true; // query_canceled (statement_timeout)
  }
  return false;
}
