// CI holds the built-in parser to its measured eval accuracy: a parser change that makes the suite
// worse fails here. Raise the floor in evals/floor.json when the parser improves.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../../evals/cases.js';
import { type EvalResult, runEval } from '../../evals/core.js';
import { readStoredFloors } from '../../evals/floor.js';
import { worldFromFixture } from '../../evals/world.js';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { demoFixture } from '../support/fixture-tenant.js';

let result: EvalResult;

beforeAll(async () => {
  result = await runEval({ provider: new BuiltinProvider(), world: worldFromFixture(demoFixture()), cases: loadCases(), concurrency: 1 });
}, 30_000);

describe('eval: builtin provider', () => {
  it('keeps execution accuracy at or above the floor in evals/floor.json', () => {
    const floor = readStoredFloors().builtin;
    expect(floor).toBeTypeOf('number');
    const wrong = result.cases.filter((c) => !c.correct).map((c) => `${c.id}: ${c.description}`);
    expect(result.summary.executionAccuracy, `failing cases:\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(floor!);
  });

  it('refuses every description that must be refused (other tenants, injections, non-audiences)', () => {
    const missed = result.cases.filter((c) => c.refusal === 'must' && c.outcome !== 'refusal');
    expect(missed.map((c) => c.description)).toEqual([]);
  });

  it('is never silently wrong: a wrong audience always comes with an open span or an assumption', () => {
    const silent = result.cases.filter((c) => c.silent).map((c) => `${c.id}: ${c.description} → ${c.got.explanation ?? ''}`);
    expect(silent).toEqual([]);
    expect(result.summary.silentErrors).toBe(0);
  });

  it('always returns a valid tree or a refusal', () => {
    expect(result.summary.validAfterRepair).toBe(1);
  });
});
