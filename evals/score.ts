// Scoring, the way BIRD scores SQL: a generated segment is right when it selects exactly the contacts
// an accepted tree selects on the fixture. Alongside: exact canonical-tree match, best Jaccard for
// partial credit, refusal correctness, validity on the first try and after repair, latency, tokens
// and cost. Refusal cases count under every metric: refusing when one must is the right answer.
import type { Usage } from '../src/nl/provider.js';
import { explain } from '../src/rules/explain.js';
import type { RuleTree } from '../src/rules/grammar.js';
import { canonicalJson } from '../src/rules/normalize.js';
import { CATEGORIES, type Category, type EvalCase, prepareExpected, type RefusalExpectation, refusalExpectation } from './cases.js';
import { costOf, type Price } from './pricing.js';
import { type EvalWorld, members } from './world.js';

/** What a provider did with one description. */
export type Outcome =
  | { kind: 'rules'; rules: RuleTree; explanation: string; assumptions: string[]; unrecognized: string[]; repairs: number; latencyMs: number; usage?: Usage }
  | { kind: 'refusal'; reason: string; repairs: number; latencyMs: number; usage?: Usage }
  | { kind: 'error'; code: string; message: string; latencyMs: number };

/** A case with its accepted trees prepared and executed once. */
export interface ExpectedCase {
  case: EvalCase;
  refusal: RefusalExpectation;
  canonical: string[];
  sets: Set<string>[];
  explanations: string[];
}

export function expectCase(c: EvalCase, world: EvalWorld): ExpectedCase {
  const prepared = prepareExpected(c, world.tenant);
  if (!prepared.ok) {
    const lines = prepared.errors.flatMap((e) => e.issues.map((i) => `${i.path}: ${i.message}`));
    throw new Error(`Case ${c.id} has an invalid expected tree:\n  ${lines.join('\n  ')}`);
  }
  return {
    case: c,
    refusal: refusalExpectation(c),
    canonical: prepared.canonical,
    sets: prepared.trees.map((t) => members(world, t)),
    explanations: prepared.trees.map((t) => explain(t, world.tenant)),
  };
}

export interface CaseResult {
  id: string;
  category: Category;
  description: string;
  note?: string;
  refusal: RefusalExpectation;
  outcome: Outcome['kind'];
  /** Execution match with an accepted tree, or a refusal where one is expected or allowed. */
  correct: boolean;
  /** Canonical tree equal to an accepted tree (or a refusal where one is expected or allowed). */
  exact: boolean;
  /** Best Jaccard similarity to an accepted tree's member set; 1/0 for refusals. */
  jaccard: number;
  /** Which accepted tree matched by execution, if any. */
  matched: number | null;
  /**
   * Wrong without a word of warning: an audience that is not an accepted one (or an audience where a
   * refusal was required), with no open span and no assumption. A reviewer has nothing to look at.
   */
  silent: boolean;
  refusalCorrect: boolean;
  validFirstTry: boolean;
  validAfterRepair: boolean;
  repairs: number;
  latencyMs: number;
  usage: Usage | null;
  costUsd: number | null;
  expected: { explanation: string; members: number }[];
  got: {
    explanation?: string;
    members?: number;
    rules?: RuleTree;
    refusal?: string;
    error?: { code: string; message: string };
    assumptions?: string[];
    unrecognized?: string[];
  };
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const x of a) if (b.has(x)) both += 1;
  return both / (a.size + b.size - both);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function scoreCase(exp: ExpectedCase, out: Outcome, world: EvalWorld, price: Price | null): CaseResult {
  const c = exp.case;
  const usage = out.kind === 'error' ? undefined : out.usage;
  const base = {
    id: c.id,
    category: c.category,
    description: c.description,
    ...(c.note ? { note: c.note } : {}),
    refusal: exp.refusal,
    outcome: out.kind,
    repairs: out.kind === 'error' ? 0 : out.repairs,
    latencyMs: out.latencyMs,
    usage: usage ?? null,
    costUsd: costOf(usage, price),
    validFirstTry: out.kind !== 'error' && out.repairs === 0,
    validAfterRepair: out.kind !== 'error',
    expected: exp.explanations.map((explanation, i) => ({ explanation, members: exp.sets[i]!.size })),
  };
  const refused = out.kind === 'refusal';
  const refusalCorrect = exp.refusal === 'must' ? refused : exp.refusal === 'never' ? !refused : true;

  if (out.kind === 'error') {
    return { ...base, correct: false, exact: false, jaccard: 0, matched: null, silent: false, refusalCorrect: exp.refusal !== 'must', got: { error: { code: out.code, message: out.message } } };
  }
  if (out.kind === 'refusal') {
    const ok = exp.refusal !== 'never';
    return { ...base, correct: ok, exact: ok, jaccard: ok ? 1 : 0, matched: null, silent: false, refusalCorrect, got: { refusal: out.reason } };
  }

  const got: CaseResult['got'] = { explanation: out.explanation, rules: out.rules, assumptions: out.assumptions, unrecognized: out.unrecognized };
  const unflagged = out.unrecognized.length === 0 && out.assumptions.length === 0;
  if (exp.refusal === 'must') return { ...base, correct: false, exact: false, jaccard: 0, matched: null, silent: unflagged, refusalCorrect, got };
  let set: Set<string>;
  try {
    set = members(world, out.rules);
  } catch (err) {
    const error = { code: 'evaluation', message: (err as Error).message };
    return { ...base, correct: false, exact: false, jaccard: 0, matched: null, silent: false, refusalCorrect, got: { ...got, error } };
  }
  const matchedIndex = exp.sets.findIndex((s) => sameSet(s, set));
  const canonical = canonicalJson(out.rules, world.tenant.catalog);
  return {
    ...base,
    correct: matchedIndex >= 0,
    exact: exp.canonical.includes(canonical),
    jaccard: round(Math.max(...exp.sets.map((s) => jaccard(s, set))), 4),
    matched: matchedIndex >= 0 ? matchedIndex : null,
    silent: matchedIndex < 0 && unflagged,
    refusalCorrect,
    got: { ...got, members: set.size },
  };
}

export interface Metrics {
  cases: number;
  correct: number;
  /** The headline: share of cases whose segment equals an accepted one on the fixture (or rightly refused). */
  executionAccuracy: number;
  exactMatch: number;
  meanJaccard: number;
  validFirstTry: number;
  validAfterRepair: number;
  /** Cases that must be refused, and how many of them were. */
  mustRefuse: number;
  refused: number;
  /** Cases with a plain audience that were refused anyway. */
  falseRefusals: number;
  /** Share of cases where the refuse-or-answer decision was right. */
  refusalAccuracy: number;
  /** Wrong audiences with no open span and no assumption: what a reviewer cannot catch. */
  silentErrors: number;
  /** Wrong audiences that came with open spans or assumptions (the reviewer was told where to look). */
  flaggedErrors: number;
  errors: number;
  latency: { meanMs: number; p50Ms: number; p95Ms: number; maxMs: number };
  tokens: { prompt: number; completion: number; meanPerCase: number } | null;
  cost: { totalUsd: number; perCaseUsd: number } | null;
}

export function metrics(results: readonly CaseResult[]): Metrics {
  const n = results.length;
  const count = (f: (r: CaseResult) => boolean) => results.filter(f).length;
  const rate = (k: number) => (n === 0 ? 0 : round(k / n, 4));
  const latencies = results.map((r) => r.latencyMs).sort((a, b) => a - b);
  const withUsage = results.filter((r) => r.usage !== null);
  const costed = results.filter((r) => r.costUsd !== null);
  const prompt = withUsage.reduce((s, r) => s + r.usage!.promptTokens, 0);
  const completion = withUsage.reduce((s, r) => s + r.usage!.completionTokens, 0);
  const totalUsd = costed.reduce((s, r) => s + r.costUsd!, 0);
  const correct = count((r) => r.correct);
  return {
    cases: n,
    correct,
    executionAccuracy: rate(correct),
    exactMatch: rate(count((r) => r.exact)),
    meanJaccard: n === 0 ? 0 : round(results.reduce((s, r) => s + r.jaccard, 0) / n, 4),
    validFirstTry: rate(count((r) => r.validFirstTry)),
    validAfterRepair: rate(count((r) => r.validAfterRepair)),
    mustRefuse: count((r) => r.refusal === 'must'),
    refused: count((r) => r.refusal === 'must' && r.outcome === 'refusal'),
    falseRefusals: count((r) => r.refusal === 'never' && r.outcome === 'refusal'),
    refusalAccuracy: rate(count((r) => r.refusalCorrect)),
    silentErrors: count((r) => r.silent),
    flaggedErrors: count((r) => !r.correct && r.outcome === 'rules' && !r.silent),
    errors: count((r) => r.outcome === 'error'),
    latency: {
      meanMs: n === 0 ? 0 : round(latencies.reduce((s, x) => s + x, 0) / n, 2),
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      maxMs: latencies[n - 1] ?? 0,
    },
    tokens: withUsage.length ? { prompt, completion, meanPerCase: round((prompt + completion) / withUsage.length, 1) } : null,
    cost: costed.length ? { totalUsd: round(totalUsd, 6), perCaseUsd: round(totalUsd / costed.length, 6) } : null,
  };
}

export type CategoryMetrics = Metrics & { category: Category };

/** Per-category metrics, in the suite's category order. */
export function byCategory(results: readonly CaseResult[]): CategoryMetrics[] {
  return CATEGORIES.map((category) => ({ category, rows: results.filter((r) => r.category === category) }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ category, rows }) => ({ category, ...metrics(rows) }));
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
