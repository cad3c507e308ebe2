import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/rules/catalog.js';
import type { TenantValues } from '../../src/rules/tenant.js';
import { validateRules, type ValidationResult } from '../../src/rules/validate.js';
import { LIMITS } from '../../src/rules/grammar.js';
import { fixtureTenantValues } from '../support/fixture-tenant.js';

const tenant = fixtureTenantValues('org_acme');
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

function errorsOf(result: ValidationResult) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

function treeOf(result: ValidationResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.tree;
}

describe('validateRules', () => {
  it('accepts a valid tree and resolves synonyms, names and aliases to canonical keys and ids', () => {
    const result = validateRules(
      and(
        cond('industry', '=', 'software'),
        cond('country', 'in', ['Germany', 'fr']),
        cond('language', '=', 'German'),
        cond('owner', '=', 'Sara Sales'),
        cond('stage', '=', 'MQL'),
        cond('plan', '=', 'Enterprise'),
        { type: 'relation', relation: 'email_events', has: true, where: and(cond('campaign', '=', 'Spring Sale')), count: null },
        { type: 'segment', operator: 'in', segment: 'q1-batch' },
      ),
      { tenant },
    );
    const tree = treeOf(result);
    const owner = tenant.owners.find((o) => o.name === 'Sara Sales')!.id;
    const spring = tenant.campaigns.find((c) => c.name === 'Spring Sale')!.id;
    const q1 = tenant.segments.find((s) => s.title === 'Q1 batch')!.id;
    expect(tree.children).toEqual([
      cond('company.industry', 'eq', 'Software'),
      cond('country', 'in', ['DE', 'FR']),
      cond('language', 'eq', 'de'),
      cond('owner', 'eq', owner),
      cond('lifecycle_stage', 'eq', 'marketing_qualified'),
      cond('properties.plan', 'eq', 'enterprise'),
      { type: 'relation', relation: 'email_events', has: true, where: and(cond('campaign', 'eq', spring)), count: null },
      { type: 'segment', operator: 'in', segment: q1 },
    ]);
    expect(result.warnings.map((w) => w.message)).toContain('read field "industry" as company.industry');
  });

  it('rejects an unknown field with its path and a suggestion', () => {
    expect(errorsOf(validateRules(and(cond('industy', 'eq', 'Software')), { tenant }))).toEqual([
      { path: 'rules.children[0].field', message: expect.stringMatching(/^unknown field "industy" \(did you mean company\.industry\?\); known: email, /) },
    ]);
  });

  it('says how to reach a relation field named at the top level', () => {
    expect(errorsOf(validateRules(and(cond('deals.amount', 'gt', 5)), { tenant }))[0]!.message).toMatch(
      /^amount is a field of deals; use a relation condition/,
    );
  });

  it('rejects an operator that does not fit the field type, listing the ones that do', () => {
    expect(errorsOf(validateRules(and(cond('company.employee_count', 'contains', '5')), { tenant }))).toEqual([
      {
        path: 'rules.children[0].operator',
        message: 'operator "contains" does not apply to number field company.employee_count; use one of eq, neq, in, not_in, gt, gte, lt, lte, between, is_null, is_not_null',
      },
    ]);
  });

  it.each([
    [cond('company.employee_count', 'gt', 'many'), 'rules.children[0].value', /expected a number for company\.employee_count, got "many"/],
    [cond('created_at', 'lt', '2025-02-30'), 'rules.children[0].value', /expected an ISO-8601 date for created_at such as "2025-01-01"/],
    [cond('created_at', 'within_last', 30), 'rules.children[0].value', /within_last needs \{"amount": 30/],
    [cond('properties.plan', 'eq', 'enterprize'), 'rules.children[0].value', /unknown value for properties\.plan "enterprize" \(did you mean "enterprise"\?\); allowed: free, starter, pro, enterprise/],
    [cond('tags', 'eq', 'vipp'), 'rules.children[0].value', /unknown tag "vipp" \(did you mean "vip"\?\)/],
    [cond('owner', 'eq', 'Sarah Sales'), 'rules.children[0].value', /unknown owner "Sarah Sales" \(did you mean "Sara Sales"\?\)/],
    [cond('country', 'eq', 'Atlantis'), 'rules.children[0].value', /unknown country "Atlantis"; use an ISO 3166-1 alpha-2 code/],
    [cond('email', 'in', []), 'rules.children[0].value', /in needs a non-empty list/],
    [cond('properties.nps', 'between', [9, 3]), 'rules.children[0].value', /between needs low ≤ high/],
    [cond('email', 'eq', null), 'rules.children[0].value', /eq needs a value; to match missing values use is_null/],
    [cond('email', 'like', 'x'), 'rules.children[0].operator', /unknown operator "like"; expected one of eq, neq/],
    [{ type: 'segment', operator: 'in', segment: 'Q1 bach' }, 'rules.children[0].segment', /unknown segment "Q1 bach" \(did you mean "Q1 batch"\?\)/],
    [
      { type: 'engagement', event: 'opened', match: 'all', campaigns: { last: null, ids: ['Sprng Sale'] } },
      'rules.children[0].campaigns.ids[0]',
      /unknown campaign "Sprng Sale" \(did you mean "Spring Sale"\?\)/,
    ],
    [{ type: 'relation', relation: 'deal', has: true, where: null, count: null }, 'rules.children[0].relation', /unknown relation "deal" \(did you mean deals\?\)/],
    [{ type: 'segmnt', operator: 'in', segment: 'x' }, 'rules.children[0].type', /unknown node type "segmnt" \(did you mean "segment"\?\)/],
  ])('rejects %j at %s', (node, path, message) => {
    const errors = errorsOf(validateRules(and(node), { tenant }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toMatch(message);
  });

  it('checks fields inside a relation against that relation', () => {
    const tree = and({ type: 'relation', relation: 'deals', has: true, where: and(cond('industry', 'eq', 'Software')), count: null });
    expect(errorsOf(validateRules(tree, { tenant }))[0]).toEqual({
      path: 'rules.children[0].where.children[0].field',
      message: expect.stringMatching(/^unknown deals field "industry"/),
    });
    const nested = and({ type: 'relation', relation: 'deals', has: true, where: and({ type: 'segment', operator: 'in', segment: 'Q1 batch' }), count: null });
    expect(errorsOf(validateRules(nested, { tenant }))[0]!.message).toMatch(/inside a deals relation only conditions/);
  });

  it('rejects empty groups and non-group roots', () => {
    expect(errorsOf(validateRules(and(), { tenant }))).toEqual([{ path: 'rules.children', message: 'a group needs at least one condition' }]);
    expect(errorsOf(validateRules(cond('email', 'eq', 'x'), { tenant }))[0]!.message).toMatch(/^expected a group/);
    expect(errorsOf(validateRules('everyone', { tenant }))[0]!.path).toBe('rules');
  });

  describe('limits against abuse', () => {
    it('rejects trees nested too deeply', () => {
      let tree: unknown = cond('email', 'contains', 'x');
      for (let i = 0; i < LIMITS.maxDepth + 1; i += 1) tree = and(tree);
      expect(errorsOf(validateRules(tree, { tenant })).map((e) => e.message)).toContain(
        `groups are nested more than ${LIMITS.maxDepth} levels deep; flatten the tree`,
      );
    });

    it('rejects trees with too many nodes', () => {
      const wide = and(...Array.from({ length: 45 }, () => and(cond('email', 'contains', 'a'), cond('email', 'contains', 'b'), cond('email', 'contains', 'c'), cond('email', 'contains', 'd'), cond('email', 'contains', 'e'))));
      expect(errorsOf(validateRules(wide, { tenant }))[0]!.message).toBe(`the rule tree has more than ${LIMITS.maxNodes} nodes; split it into smaller segments`);
    });

    it('rejects too many children, long lists and long strings', () => {
      const many = and(...Array.from({ length: LIMITS.maxChildren + 1 }, (_, i) => cond('email', 'contains', String(i))));
      expect(errorsOf(validateRules(many, { tenant }))[0]!.path).toBe('rules.children');
      const longList = and(cond('email', 'in', Array.from({ length: LIMITS.maxListLength + 1 }, (_, i) => `a${i}@x.example`)));
      expect(errorsOf(validateRules(longList, { tenant }))[0]).toMatchObject({ path: 'rules.children[0].value' });
      const longText = and(cond('email', 'contains', 'x'.repeat(LIMITS.maxStringLength + 1)));
      expect(errorsOf(validateRules(longText, { tenant }))[0]).toMatchObject({ path: 'rules.children[0].value' });
    });
  });

  describe('segment references', () => {
    const withDynamic = (segments: TenantValues['segments']): TenantValues => ({ ...tenant, segments: [...tenant.segments, ...segments] });
    const ref = (segment: string) => ({ type: 'segment', operator: 'in', segment });

    it('rejects a segment that refers to itself', () => {
      const t = withDynamic([{ id: 'seg_a', slug: 'a', title: 'A', type: 'dynamic', status: 'active', rules: and(cond('email', 'contains', 'x')) }]);
      expect(errorsOf(validateRules(and(ref('seg_a')), { tenant: t, selfSegmentId: 'seg_a' }))[0]!.message).toBe(
        'segment references form a cycle: this segment → this segment',
      );
    });

    it('rejects a cycle through other dynamic segments', () => {
      const t = withDynamic([
        { id: 'seg_a', slug: 'a', title: 'A', type: 'dynamic', status: 'active', rules: and(ref('seg_b')) },
        { id: 'seg_b', slug: 'b', title: 'B', type: 'dynamic', status: 'active', rules: and(cond('email', 'contains', 'x')) },
      ]);
      // Editing B to refer to A would close the loop B → A → B.
      expect(errorsOf(validateRules(and(ref('A')), { tenant: t, selfSegmentId: 'seg_b' }))[0]!.message).toBe(
        'segment references form a cycle: this segment → "A" → this segment',
      );
      expect(validateRules(and(ref('A')), { tenant: t, selfSegmentId: 'seg_new' }).ok).toBe(true);
    });
  });

  it('warns, not fails, when is_null carries a value', () => {
    const result = validateRules(and(cond('phone', 'is_null', 'x')), { tenant });
    expect(treeOf(result).children[0]).toEqual(cond('phone', 'is_null', null));
    expect(result.warnings).toEqual([{ path: 'rules.children[0].value', message: 'is_null takes no value; ignored "x"' }]);
  });
});

describe('object types read the tenant catalog', () => {
  const companyTree = () =>
    and(cond('employees', '>', 100), { type: 'relation', relation: 'contacts', has: true, where: and(cond('plan', '=', 'Enterprise')), count: null });

  it("reads a company's contacts with the tenant's own contact fields (a defined field is a field there too)", () => {
    const tree = treeOf(validateRules(companyTree(), { tenant, objectType: 'companies' }));
    expect(tree.children).toEqual([
      cond('employee_count', 'gt', 100),
      { type: 'relation', relation: 'contacts', has: true, where: and(cond('properties.plan', 'eq', 'enterprise')), count: null },
    ]);
    expect(tenant.catalog.object('companies').relations.find((r) => r.name === 'contacts')!.target).toBe('contacts');
    expect(tenant.catalog.rootField('contacts', 'properties.plan')?.definition?.key).toBe('plan');
  });

  it('refuses the same field for a tenant that has not defined it, naming the path inside the relation', () => {
    const errors = errorsOf(validateRules(companyTree(), { tenant: { ...tenant, catalog: BUILTIN_CATALOG }, objectType: 'companies' }));
    expect(errors.map((e) => e.path)).toEqual(['rules.children[1].where.children[0].field']);
    expect(errors[0]!.message).toMatch(/^unknown contacts field "plan"/);
  });
});
