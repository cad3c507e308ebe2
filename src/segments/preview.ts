// Runs a rule tree's preview (src/sql/preview.ts builds it) under a statement timeout, so that a
// pathological segment cannot hold a connection hostage.
import type { Executor } from '../db/client.js';
import { type Cancellation, withStatementTimeout } from '../db/timeout.js';
import type { RuleTree } from '../rules/grammar.js';
import type { CompileContext } from '../sql/compile.js';
import { NARROW_THE_SEGMENT, type Preview, previewFromRows, previewQuery, type PreviewRow } from '../sql/preview.js';

export interface PreviewOptions {
  limit?: number;
  timeoutMs?: number;
  /** Cancels the running statement when the client goes away. */
  cancellation?: Cancellation | undefined;
}

export async function previewSegment(db: Executor, tree: RuleTree, ctx: CompileContext, options: PreviewOptions = {}): Promise<Preview> {
  const query = previewQuery(tree, ctx, options.limit ?? 10);
  return withStatementTimeout(db, { timeoutMs: options.timeoutMs ?? 5_000, accessMode: 'read only', advice: NARROW_THE_SEGMENT, cancellation: options.cancellation }, async (tx) =>
    previewFromRows(await tx.execute<PreviewRow>(query), ctx.asOf, ctx.objectType),
  );
}
