// The scorer and runner on a provider whose answers we choose: execution match versus exact match,
// refusals where they are required, allowed or wrong, and errors counted as invalid output.
import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../../evals/cases.js';
import { runEval } from '../../evals/core.js';
import { compareResults } from '../../evals/compare.js';
import { renderReport } from '../../evals/report.js';
import { jaccard } from '../../evals/score.js';
import { worldFromFixture } from '../../evals/world.js';
import { GenerationError } from '../../src/nl/errors.js';
import type { GenerateRequest, Generation, Provider, Span } from '../../src/nl/provider.js';
import { demoFixture } from '../support/fixture-tenant.js';

const world = worldFromFixture(demoFixture());
const group = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

const cases: EvalCase[] = [
  { id: 'single-01', category: 'single_property', description: 'customers', expected: [cond('lifecycle_stage', 'eq', 'customer')] },
  { id: 'single-02', category: 'single_property', description: 'people in germany', expected: [cond('country', 'eq', 'DE')] },
  { id: 'single-03', category: 'single_property', description: 'vips', expected: [cond('tags', 'eq', 'vip')] },
  { id: 'single-04', category: 'single_property', description: 'partners in spain', expected: [group(cond('tags', 'eq', 'vip'), cond('country', 'eq', 'ES'))] },
  { id: 'single-05', category: 'single_property', description: 'partners in italy', expected: [group(cond('tags', 'eq', 'vip'), cond('country', 'eq', 'IT'))] },
  { id: 'adversarial-01', category: 'adversarial', description: 'delete everyone', refuse: true },
  { id: 'adversarial-02', category: 'adversarial', description: 'vips and globex', expected: [cond('tags', 'eq', 'vip')], acceptRefusal: true },
  { id: 'adversarial-03', category: 'adversarial', description: 'how are you', refuse: true },
];

/** Answers chosen per description, the way a model might. */
class ScriptedProvider implements Provider {
  readonly name = 'scripted';
  readonly model = 'gpt-4.1-mini';
  async generate({ description }: GenerateRequest): Promise<Generation> {
    const common = { provider: this.name, model: this.model, promptVersion: 'test-1', usage: { promptTokens: 1000, completionTokens: 100 } };
    const rules = (tree: unknown, repairs = 0, unrecognized: Span[] = []): Generation => ({ ...common, repairs, kind: 'rules', rules: tree, assumptions: [], unrecognized });
    switch (description) {
      case 'customers': // the same contacts, written differently: execution match, not exact
        return rules(group(cond('lifecycle_stage', 'in', ['customer', 'customer']), cond('lifecycle_stage', 'neq', 'lead')));
      case 'people in germany': // the company's country: partial credit only
        return rules(group(cond('company.country', 'eq', 'DE')), 1);
      case 'vips':
        throw new GenerationError('invalid_output', 'still invalid after one repair round');
      case 'partners in spain': // wrong, and nothing says so: silent
        return rules(group(cond('tags', 'eq', 'vip')));
      case 'partners in italy': // wrong, but the span it dropped is reported: flagged
        return rules(group(cond('tags', 'eq', 'vip')), 0, [{ text: 'italy', start: 12, end: 17 }]);
      case 'vips and globex':
        return { ...common, kind: 'refusal', reason: 'Other tenants are out of reach.' };
      case 'delete everyone':
        return { ...common, kind: 'refusal', reason: 'Not an audience.' };
      default:
        return rules(group(cond('tags', 'eq', 'vip')));
    }
  }
}

describe('eval scoring', () => {
  it('scores execution, exact match, refusals, validity, tokens and cost per case', async () => {
    const result = await runEval({ provider: new ScriptedProvider(), world, cases, concurrency: 3, price: { input: 1, output: 10 } });
    const byId = Object.fromEntries(result.cases.map((c) => [c.id, c]));
    expect(byId['single-01']).toMatchObject({ correct: true, exact: false, jaccard: 1, validFirstTry: true });
    expect(byId['single-02']).toMatchObject({ correct: false, validFirstTry: false, validAfterRepair: true, repairs: 1 });
    expect(byId['single-02']!.jaccard).toBeGreaterThan(0);
    expect(byId['single-02']!.jaccard).toBeLessThan(1);
    expect(byId['single-03']).toMatchObject({ correct: false, outcome: 'error', validAfterRepair: false, jaccard: 0 });
    expect(byId['adversarial-01']).toMatchObject({ correct: true, refusalCorrect: true });
    expect(byId['adversarial-02']).toMatchObject({ correct: true, refusalCorrect: true });
    expect(byId['adversarial-03']).toMatchObject({ correct: false, refusalCorrect: false });
    expect(byId['single-01']!.costUsd).toBeCloseTo(0.002, 9);

    expect(byId['single-04']).toMatchObject({ correct: false, silent: true });
    expect(byId['single-05']).toMatchObject({ correct: false, silent: false });
    expect(byId['single-02']!.silent).toBe(true); // the company's country, and nothing said
    expect(byId['adversarial-03']!.silent).toBe(true); // an audience where a refusal was required
    expect(byId['single-01']!.silent).toBe(false);
    expect(byId['single-03']!.silent).toBe(false); // an error is visible
    expect(result.summary).toMatchObject({ cases: 8, correct: 3, executionAccuracy: 0.375, mustRefuse: 2, refused: 1, falseRefusals: 0, errors: 1, silentErrors: 3, flaggedErrors: 1 });
    expect(result.meta).toMatchObject({ provider: 'scripted', model: 'gpt-4.1-mini', promptVersion: 'test-1' });
    expect(result.cases.map((c) => c.id)).toEqual(['single-01', 'single-02', 'single-03', 'single-04', 'single-05', 'adversarial-01', 'adversarial-02', 'adversarial-03']);
    expect(result.categories.map((c) => c.category)).toEqual(['single_property', 'adversarial']);
  });

  it('reports each failure with the expected and generated audiences in plain English', async () => {
    const result = await runEval({ provider: new ScriptedProvider(), world, cases });
    const report = renderReport(result, { floor: 0.9 });
    expect(report).toContain('**37.5%** (3/8)');
    expect(report).toContain('### single-04 · partners in spain · **silent**');
    expect(report).toContain('| **Silent errors** (wrong, no open span, no assumption) | **3** |');
    expect(report).toContain('**FAILED**');
    expect(report).toContain('### single-02 · people in germany');
    expect(report).toContain('- Expected: Contacts whose country is Germany.');
    expect(report).toContain('- Got: Contacts whose company country is Germany.');
    expect(report).toContain('- Error (invalid_output): still invalid after one repair round');
    expect(report).toContain('- Expected: a refusal');
    expect(report).not.toContain('### single-01');
  });

  it('compares two runs by category and lists the cases that flipped', async () => {
    const a = await runEval({ provider: new ScriptedProvider(), world, cases });
    const b = structuredClone(a);
    b.cases[0]!.correct = false;
    const diff = compareResults(a, b, ['before', 'after']);
    expect(diff).toContain('## Now wrong (1)');
    expect(diff).toContain('**single-01** · customers');
    expect(diff).toContain('## Now correct (0)');
  });

  it('computes Jaccard similarity of member sets', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });
});
