// The checks every eval case set gets: a wrong expected tree would silently score every provider
// wrong, so each accepted tree must be valid for the tenant, select someone but not everyone, and
// say something different from the case's other accepted trees; the set must stay balanced.
import { describe, expect, it } from 'vitest';
import { asRoot, CATEGORIES, type EvalCase, prepareExpected } from '../../evals/cases.js';
import { members, worldFromFixture } from '../../evals/world.js';
import { demoFixture, fixtureTenantValues } from '../support/fixture-tenant.js';

export interface SetShape {
  total: [number, number];
  perCategory: [number, number];
  minStayScoped: number;
  /** A blind writer may put a refusal where it belongs ("support tickets" under activities), not only in adversarial. */
  refusalsAnywhere?: boolean;
}

export function checkCaseSet(name: string, cases: EvalCase[], shape: SetShape): void {
  const tenant = fixtureTenantValues('org_acme');
  const world = worldFromFixture(demoFixture(), 'org_acme');
  const withTrees = cases.filter((c): c is EvalCase & { expected: unknown[] } => c.expected !== undefined);

  describe(`${name}: the set`, () => {
    it(`has ${shape.total[0]} to ${shape.total[1]} cases with unique ids and unique descriptions`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(shape.total[0]);
      expect(cases.length).toBeLessThanOrEqual(shape.total[1]);
      expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
      expect(new Set(cases.map((c) => c.description.trim().toLowerCase())).size).toBe(cases.length);
    });

    it(`covers every category with ${shape.perCategory[0]} to ${shape.perCategory[1]} cases each`, () => {
      for (const category of CATEGORIES) {
        const n = cases.filter((c) => c.category === category).length;
        expect(n, category).toBeGreaterThanOrEqual(shape.perCategory[0]);
        expect(n, category).toBeLessThanOrEqual(shape.perCategory[1]);
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
      expect(adversarial.filter((c) => c.expected).length).toBeGreaterThanOrEqual(shape.minStayScoped);
      if (!shape.refusalsAnywhere) expect(cases.filter((c) => c.refuse).every((c) => c.category === 'adversarial')).toBe(true);
    });

    it('gives every ambiguous case at least two readings', () => {
      const ambiguous = withTrees.filter((c) => c.category === 'ambiguous');
      expect(ambiguous.every((c) => c.expected.length >= 2)).toBe(true);
    });
  });

  describe(`${name}: every accepted tree`, () => {
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
}
