// One eval run: every case through generateRules with the given provider (the same path the API
// uses), a bounded number at a time, then scored against the fixture. The CLI (run.ts) and the CI
// floor test both call runEval; neither needs a database.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { GenerationError } from '../src/nl/errors.js';
import { generateRules } from '../src/nl/generate.js';
import type { Provider } from '../src/nl/provider.js';
import { type EvalCase, EVALS_DIR, sortCases } from './cases.js';
import type { Price } from './pricing.js';
import { byCategory, type CaseResult, type CategoryMetrics, expectCase, type Metrics, metrics, type Outcome, round, scoreCase } from './score.js';
import type { EvalWorld } from './world.js';

export interface RunOptions {
  provider: Provider;
  world: EvalWorld;
  cases: readonly EvalCase[];
  /** How many descriptions are in flight at once (LLM providers); default 4. */
  concurrency?: number;
  /** $/1M tokens for cost; null: unknown (no cost reported). */
  price?: Price | null;
  /** Called after each case, in completion order. */
  onCase?: (result: CaseResult, done: number) => void;
}

export interface EvalMeta {
  provider: string;
  model: string;
  promptVersion: string;
  commit: string | null;
  /** The working tree had uncommitted changes: the commit alone does not reproduce the run. */
  dirty: boolean | null;
  startedAt: string;
  durationMs: number;
  concurrency: number;
  price: Price | null;
  fixture: { file: string; orgId: string; asOf: string; contacts: number };
  execution: string;
}

export interface EvalResult {
  meta: EvalMeta;
  summary: Metrics;
  categories: CategoryMetrics[];
  cases: CaseResult[];
}

export const EXECUTION_NOTE =
  'Member sets computed in memory by the reference evaluator (test/support/reference.ts) over the bundled fixture; no database is needed.';

export async function runEval(options: RunOptions): Promise<EvalResult> {
  const { provider, world } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const price = options.price ?? null;
  // Every expected tree is prepared and executed before the first call: a broken case fails fast.
  const expected = options.cases.map((c) => expectCase(c, world));
  const started = Date.now();
  const t0 = performance.now();

  const results: CaseResult[] = new Array(expected.length);
  let promptVersion: string | undefined;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < expected.length) {
      const i = next++;
      const exp = expected[i]!;
      const { outcome, version } = await attempt(provider, exp.case, world);
      promptVersion ??= version;
      results[i] = scoreCase(exp, outcome, world, price);
      options.onCase?.(results[i]!, ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, expected.length) }, worker));

  const cases = sortCases(results);
  const { commit, dirty } = gitState();
  return {
    meta: {
      provider: provider.name,
      model: provider.model,
      promptVersion: promptVersion ?? 'unknown',
      commit,
      dirty,
      startedAt: new Date(started).toISOString(),
      durationMs: round(performance.now() - t0, 1),
      concurrency,
      price,
      fixture: { file: path.basename(world.fixtureFile), orgId: world.orgId, asOf: world.asOf.toISOString(), contacts: world.contactCount },
      execution: EXECUTION_NOTE,
    },
    summary: metrics(cases),
    categories: byCategory(cases),
    cases,
  };
}

/** One generation, timed from the call to the validated, explained tree (what a user waits for). */
async function attempt(provider: Provider, c: EvalCase, world: EvalWorld): Promise<{ outcome: Outcome; version?: string }> {
  const started = performance.now();
  const elapsed = () => round(performance.now() - started, 2);
  try {
    const g = await generateRules(provider, { description: c.description, tenant: world.tenant, asOf: world.asOf });
    const common = { repairs: g.repairs, latencyMs: elapsed(), ...(g.usage ? { usage: g.usage } : {}) };
    const outcome: Outcome =
      g.kind === 'refusal'
        ? { kind: 'refusal', reason: g.reason, ...common }
        : {
            kind: 'rules',
            rules: g.rules,
            explanation: g.explanation,
            assumptions: g.assumptions,
            unrecognized: g.unrecognized.map((s) => s.text),
            ...common,
          };
    return { outcome, version: g.promptVersion };
  } catch (err) {
    const code = err instanceof GenerationError ? err.code : 'exception';
    return { outcome: { kind: 'error', code, message: (err as Error).message, latencyMs: elapsed() } };
  }
}

/** The commit the run measured, when the project is a git checkout. */
export function gitState(): { commit: string | null; dirty: boolean | null } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: EVALS_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    let dirty: boolean | null = null;
    try {
      dirty = git('status', '--porcelain', '--untracked-files=no').length > 0;
    } catch {
      dirty = null;
    }
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}
