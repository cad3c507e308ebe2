// The held-out eval cases (evals/holdout/) get the same checks as the main set. They were written
// blind to the built-in parser, so there is deliberately no floor test on them: run
// `npm run eval -- --provider builtin --cases evals/holdout` to measure, never to tune against.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALS_DIR, loadCases } from '../../evals/cases.js';
import { checkCaseSet } from './checks.js';

const cases = loadCases(path.join(EVALS_DIR, 'holdout'));

checkCaseSet('holdout eval cases', cases, { total: [60, 80], perCategory: [4, 20], minStayScoped: 2 });

describe('holdout eval cases: held out', () => {
  it('shares no id or description with the main set', () => {
    const main = loadCases();
    const mainIds = new Set(main.map((c) => c.id));
    const mainDescriptions = new Set(main.map((c) => c.description.trim().toLowerCase()));
    expect(cases.filter((c) => mainIds.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(cases.filter((c) => mainDescriptions.has(c.description.trim().toLowerCase())).map((c) => c.id)).toEqual([]);
  });
});
