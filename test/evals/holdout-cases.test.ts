// The held-out eval cases (evals/holdout/) are checked like the main set: every accepted tree is valid
// for the tenant, selects someone but not everyone, and differs from the case's other accepted trees.
// They were written blind to the built-in parser, so there is deliberately no floor test on them:
// run `npm run eval -- --provider builtin --cases evals/holdout` to measure, never to tune against.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asRoot, CATEGORIES, type EvalCase, EVALS_DIR, loadCases, prepareExpected } from '../../evals/cases.js';
import { members, worldFromFixture } from '../../evals/world.js';
import { demoFixture, fixtureTenantValues } from '../support/fixture-tenant.js';

const HOLDOUT_DIR = path.join(EVALS_DIR, 'holdout');
const cases = loadCases(HOLDOUT_DIR);
const tenant = fixtureTenantValues('org_acme');
const world = worldFromFixture(demoFixture(), 'org_acme');
const withTrees = cases.filter((c): c is EvalCase & { expected: unknown[] } => c.expected !== undefined);

describe('holdout eval cases: the suite', () => {
  it('has 60 to 80 cases with unique ids and unique descriptions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.length).toBeLessThanOrEqual(80);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.description.trim().toLowerCase())).size).toBe(cases.length);
  });

  it('shares no id or description with the main set (it is held out)', () => {
    const main = loadCases();
    const mainIds = new Set(main.map((c) => c.id));
    const mainDescriptions = new Set(main.map((c) => c.description.trim().toLowerCase()));
    expect(cases.filter((c) => mainIds.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(cases.filter((c) => mainDescriptions.has(c.description.trim().toLowerCase())).map((c) => c.id)).toEqual([]);
  });

  it('covers every category', () => {
    for (const category of CATEGORIES) {
      expect(cases.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(4);
    }
  });

  it('names the cases of one category with one id prefix', () => {
    for (const category of CATEGORIES) {
      const prefixes = new Set(cases.filter((c) => c.category === category).map((c) => c.id.replace(/-\d+$/, '')));
      expect(prefixes.size, category).toBe(1);
    }
  });

  it('has adversarial cases that must be refused and others that must stay scoped', () => {
    const adversarial = cases.filter((c) => c.category === 'adversarial');
    expect(adversarial.filter((c) => c.refuse).length).toBeGreaterThanOrEqual(5);
    expect(adversarial.filter((c) => c.expected).length).toBeGreaterThanOrEqual(2);
    expect(cases.filter((c) => c.refuse).every((c) => c.category === 'adversarial')).toBe(true);
  });

  it('gives every ambiguous case at least two readings', () => {
    const ambiguous = withTrees.filter((c) => c.category === 'ambiguous');
    expect(ambiguous.every((c) => c.expected.length >= 2)).toBe(true);
  });
});

describe('holdout eval cases: every accepted tree', () => {
  it.each(withTrees.map((c) => [c.id, c] as const))('%s is valid, selects some but not all contacts', (_id, c) => {
    const prepared = prepareExpected(c, tenant);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors, null, 2));
    for (const [i, tree] of prepared.trees.entries()) {
      const n = members(world, tree).size;
      expect(n, `${c.id} alternative ${i} selects nobody`).toBeGreaterThan(0);
      expect(n, `${c.id} alternative ${i} selects every contact`).toBeLessThan(world.contactCount);
    }
    // Alternatives are different readings, not the same tree written twice.
    expect(new Set(prepared.canonical).size).toBe(prepared.canonical.length);
    // Stay-scoped cases mean this tenant's data only: no other tenant is named in a tree.
    expect(JSON.stringify(c.expected.map(asRoot))).not.toMatch(/org_(?!acme)/);
  });
});
