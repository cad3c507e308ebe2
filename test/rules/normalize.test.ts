import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FieldType, relation as findRelation, type RelationName } from '../../src/rules/catalog.js';
import { COUNT_OPERATORS, OPERATORS_BY_TYPE } from '../../src/rules/operators.js';
import { MATCH_MODES, type Node, type RuleTree, type WhereNode } from '../../src/rules/grammar.js';
import { canonicalJson, normalize } from '../../src/rules/normalize.js';
import { validateRules } from '../../src/rules/validate.js';
import { ruleTreeArbitrary, withDynamicSegments, withEdgeRecords } from '../support/arbitraries.js';
import { demoFixture, fixtureTenantValues } from '../support/fixture-tenant.js';
import { buildReferenceData, evaluate } from '../support/reference.js';

const fixture = demoFixture();
const rows = withEdgeRecords(fixture);
const data = buildReferenceData(rows);
const tenant = withDynamicSegments(fixtureTenantValues('org_acme', { ...fixture, ...rows }));
const asOf = fixture.asOf;
const trees = ruleTreeArbitrary({ tenant, org: data.orgs.get('org_acme')!, asOf });

const group = (op: 'and' | 'or', negate: boolean, ...children: unknown[]) => ({ type: 'group', op, negate, children });
const and = (...children: unknown[]) => group('and', false, ...children);
const or = (...children: unknown[]) => group('or', false, ...children);
const not = (...children: unknown[]) => group('and', true, ...children);
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });
const deals = (has: boolean, count: { operator: string; value: number } | null, where: unknown = null) => ({
  type: 'relation',
  relation: 'deals',
  has,
  where,
  count,
});

/** The validated (resolved, not normalized) form of a tree; fails the test on invalid input. */
function valid(input: unknown): RuleTree {
  const checked = validateRules(input, { tenant });
  if (!checked.ok) throw new Error(`invalid tree: ${JSON.stringify(checked.errors)}\n${JSON.stringify(input)}`);
  return checked.tree;
}

const members = (tree: Node, clock = asOf) => evaluate(tree, { orgId: 'org_acme', asOf: clock, tenant, data });
/** Mostly the fixture's clock; sometimes one in the middle of the data. */
const clocks = fc.constantFrom(asOf, asOf, new Date('2026-03-31T12:00:00Z'), new Date('2026-06-15T08:30:00Z'));

function sameMembers(a: Set<string>, b: Set<string>): string | undefined {
  const onlyA = [...a].filter((id) => !b.has(id));
  const onlyB = [...b].filter((id) => !a.has(id));
  if (onlyA.length === 0 && onlyB.length === 0) return undefined;
  return `only before normalization (${onlyA.length}): ${onlyA.slice(0, 8).join(', ')}; only after (${onlyB.length}): ${onlyB.slice(0, 8).join(', ')}`;
}

/** The same tree with every group's children, in-list and campaign list in reverse order. */
function reversed(node: Node | WhereNode): Node {
  switch (node.type) {
    case 'group':
      return { ...node, children: [...(node.children as Node[])].reverse().map(reversed) };
    case 'condition':
      return Array.isArray(node.value) && (node.operator === 'in' || node.operator === 'not_in')
        ? { ...node, value: [...node.value].reverse() }
        : node;
    case 'relation':
      return node.where ? { ...node, where: reversed(node.where) as typeof node.where } : node;
    case 'engagement':
      return node.campaigns.ids ? { ...node, campaigns: { ...node.campaigns, ids: [...node.campaigns.ids].reverse() } } : node;
    case 'segment':
      return node;
  }
}

/**
 * Property runs are sized by count (numRuns), never by a time budget; each gets a timeout far above
 * what it takes on a busy 2-core machine (~10 s for the slowest alone), so load slows them, never fails them.
 */
const PROPERTY_TIMEOUT_MS = 240_000;

describe('normalize (properties over random valid trees)', () => {
  it('is idempotent: normalizing a canonical tree changes nothing', () => {
    fc.assert(
      fc.property(trees, (input) => {
        const once = normalize(valid(input), tenant.catalog);
        expect(JSON.stringify(normalize(once, tenant.catalog))).toBe(JSON.stringify(once));
      }),
      { numRuns: 600 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('preserves meaning: the reference evaluator selects the same contacts before and after', () => {
    fc.assert(
      fc.property(trees, clocks, (input, clock) => {
        const tree = valid(input);
        const canonical = normalize(tree, tenant.catalog);
        const diff = sameMembers(members(tree, clock), members(canonical, clock));
        if (diff) throw new Error(`${diff} (clock ${clock.toISOString()})\nvalidated: ${JSON.stringify(tree)}\ncanonical: ${JSON.stringify(canonical)}`);
      }),
      // 300 here (each run evaluates the tree twice over the tenant's 2,000 contacts, the cost of
      // this file): test/sql/differential.test.ts checks the same property, reference(validated) =
      // reference(canonical), on 300 other random trees in every run, so npm test still tries 600.
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('does not depend on the order of children, list values or campaigns', () => {
    fc.assert(
      fc.property(trees, (input) => {
        const tree = valid(input);
        expect(canonicalJson(reversed(tree) as RuleTree, tenant.catalog)).toBe(canonicalJson(tree, tenant.catalog));
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('yields trees that validate again and stay as they are', () => {
    fc.assert(
      fc.property(trees, (input) => {
        const canonical = normalize(valid(input), tenant.catalog);
        const again = validateRules(canonical, { tenant });
        expect(again.ok ? undefined : again.errors).toBeUndefined();
        if (again.ok) expect(JSON.stringify(normalize(again.tree, tenant.catalog))).toBe(JSON.stringify(canonical));
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('normalize (examples)', () => {
  const canonical = (input: unknown) => normalize(valid(input), tenant.catalog);

  it('flattens nested groups of the same operator and unwraps one-child groups', () => {
    const tree = and(cond('tags', 'eq', 'vip'), and(cond('country', 'eq', 'DE'), or(cond('lifecycle_stage', 'eq', 'lead'))));
    expect(canonical(tree)).toEqual(
      and(cond('country', 'eq', 'DE'), cond('lifecycle_stage', 'eq', 'lead'), cond('tags', 'eq', 'vip')),
    );
  });

  it('gives byte-identical JSON for differently ordered trees, dropping duplicates', () => {
    const a = or(cond('tags', 'in', ['vip', 'trial']), cond('email', 'contains', 'ACME'), cond('email', 'contains', 'acme'));
    const b = or(cond('email', 'contains', 'acme'), cond('tags', 'in', ['trial', 'vip', 'vip']));
    expect(canonicalJson(valid(a), tenant.catalog)).toBe(canonicalJson(valid(b), tenant.catalog));
    expect(canonical(a)).toEqual(or(cond('email', 'contains', 'acme'), cond('tags', 'in', ['trial', 'vip'])));
  });

  it('removes double negation', () => {
    expect(canonical(and(not(not(and(cond('country', 'eq', 'DE'), cond('properties.nps', 'gt', 8))))))).toEqual(
      and(cond('country', 'eq', 'DE'), cond('properties.nps', 'gt', 8)),
    );
    expect(canonical(and(not(not(cond('properties.nps', 'gt', 8)))))).toEqual(and(cond('properties.nps', 'gt', 8)));
  });

  it('removes double negation around a condition without an inverse, inside OR (one canonical form)', () => {
    // NOT(NOT(nps > 8)) must become the bare condition; an AND parent flattens it, an OR parent must too.
    const written = or(not(not(cond('properties.nps', 'gt', 8))), cond('country', 'eq', 'DE'));
    const plain = or(cond('properties.nps', 'gt', 8), cond('country', 'eq', 'DE'));
    expect(canonical(written)).toEqual(canonical(plain));
    expect(canonical(written)).toEqual(or(cond('country', 'eq', 'DE'), cond('properties.nps', 'gt', 8)));
  });

  it('turns NOT(eq) into neq, and keeps NOT(gt) a negated group (missing values have no inverse)', () => {
    expect(canonical(and(not(cond('country', 'eq', 'DE'))))).toEqual(and(cond('country', 'neq', 'DE')));
    expect(canonical(and(not(cond('tags', 'in', ['vip', 'trial']))))).toEqual(and(cond('tags', 'not_in', ['trial', 'vip'])));
    expect(canonical(and(not(cond('properties.nps', 'gt', 8))))).toEqual(not(cond('properties.nps', 'gt', 8)));
  });

  it('turns a one-value in / not_in list into eq / neq', () => {
    expect(canonical(and(cond('country', 'in', ['DE'])))).toEqual(and(cond('country', 'eq', 'DE')));
    expect(canonical(and(cond('first_name', 'not_in', ['Yann', 'YANN'])))).toEqual(and(cond('first_name', 'neq', 'yann')));
  });

  it('counts weeks as days and years as months', () => {
    expect(canonical(and(cond('created_at', 'within_last', { amount: 2, unit: 'weeks' })))).toEqual(
      and(cond('created_at', 'within_last', { amount: 14, unit: 'days' })),
    );
    expect(canonical(and(cond('created_at', 'more_than_ago', { amount: 2, unit: 'years' })))).toEqual(
      and(cond('created_at', 'more_than_ago', { amount: 24, unit: 'months' })),
    );
  });

  it('reduces relation count bounds to existence where they mean it', () => {
    expect(canonical(and(deals(true, { operator: 'gt', value: 0 })))).toEqual(and(deals(true, null)));
    expect(canonical(and(deals(true, { operator: 'gte', value: 1 })))).toEqual(and(deals(true, null)));
    expect(canonical(and(deals(true, { operator: 'lt', value: 1 })))).toEqual(and(deals(false, null)));
    expect(canonical(and(deals(true, { operator: 'eq', value: 0 })))).toEqual(and(deals(false, null)));
    expect(canonical(and(deals(false, { operator: 'gte', value: 3 })))).toEqual(and(deals(true, { operator: 'lt', value: 3 })));
    expect(canonical(and(deals(true, { operator: 'gt', value: 2 })))).toEqual(and(deals(true, { operator: 'gte', value: 3 })));
    expect(canonical(and(deals(false, { operator: 'eq', value: 0 })))).toEqual(and(deals(true, null)));
    // "not exactly 2" is two ranges: it stays a negated count.
    expect(canonical(and(deals(false, { operator: 'eq', value: 2 })))).toEqual(and(deals(false, { operator: 'eq', value: 2 })));
  });

  it('turns email engagement with any / none over named campaigns into an email_events relation', () => {
    const opened = (match: string, ids: string[] | null) => ({ type: 'engagement', event: 'opened', match, campaigns: { last: null, ids } });
    const where = (...children: unknown[]) => and(...children);
    expect(canonical(and(opened('any', ['cpg_00250', 'Spring Sale'])))).toEqual(
      and({
        type: 'relation',
        relation: 'email_events',
        has: true,
        where: where(cond('campaign', 'in', ['cpg_00247', 'cpg_00250']), cond('type', 'eq', 'opened')),
        count: null,
      }),
    );
    expect(canonical(and(opened('none', ['cpg_00250'])))).toEqual(
      and({ type: 'relation', relation: 'email_events', has: false, where: where(cond('campaign', 'eq', 'cpg_00250'), cond('type', 'eq', 'opened')), count: null }),
    );
    // "all" of one campaign is "any" of it.
    expect(canonical(and(opened('all', ['cpg_00250', 'cpg_00250'])))).toEqual(canonical(and(opened('any', ['cpg_00250']))));
    // "the last 3 campaigns" depends on the clock: it stays an engagement node.
    expect(canonical(and({ type: 'engagement', event: 'opened', match: 'all', campaigns: { last: 3, ids: null } }))).toEqual(
      and({ type: 'engagement', event: 'opened', match: 'all', campaigns: { last: 3, ids: null } }),
    );
  });

  it('keeps canonical trees within the grammar limits (spans and count bounds at the maximum)', () => {
    // Each input is valid; its canonical form must be too, or stored rules cannot be submitted again.
    const inputs = [
      and(cond('created_at', 'within_last', { amount: 52_285, unit: 'weeks' })),
      and(cond('created_at', 'more_than_ago', { amount: 1_000, unit: 'years' })),
      and(deals(true, { operator: 'gt', value: 1_000_000 })),
      and(deals(true, { operator: 'lte', value: 1_000_000 })),
    ];
    const rejected = inputs.flatMap((input) => {
      const again = validateRules(canonical(input), { tenant });
      return again.ok ? [] : [{ input: JSON.stringify(input.children[0]), canonical: JSON.stringify(canonical(input).children[0]), errors: again.errors.map((e) => e.message) }];
    });
    expect(rejected).toEqual([]);
  });
});

describe('the random trees these properties run on', () => {
  const sample = fc.sample(trees, { numRuns: 1000, seed: 20261101 }).map(valid);
  const seen = new Set<string>();
  const visit = (node: Node | WhereNode, scope: 'contact' | RelationName) => {
    switch (node.type) {
      case 'group':
        if (node.negate) seen.add('negated group');
        if ((node.children as Node[]).some((c) => c.type === 'group' && c.op === node.op && !c.negate)) seen.add('nested same-op group');
        if (node.children.length === 1) seen.add('one-child group');
        for (const child of node.children as Node[]) visit(child, scope);
        return;
      case 'condition': {
        const def = scope === 'contact' ? tenant.catalog.contactField(node.field) : findRelation(scope)!.fields.find((f) => f.key === node.field);
        seen.add(`${def!.type} ${node.operator}`);
        if (typeof node.value === 'string' && /[%_\\]/.test(node.value) && def!.type === 'text') seen.add('text with wildcard');
        if (typeof node.value === 'string' && /[A-Z]/.test(node.value) && def!.type === 'text') seen.add('mixed-case text');
        if (Array.isArray(node.value) && node.value.length === 1) seen.add('one-value list');
        if (node.value && typeof node.value === 'object' && !Array.isArray(node.value)) seen.add(`unit ${node.value.unit}`);
        return;
      }
      case 'relation':
        seen.add(`relation ${node.relation} where ${node.where ? 'set' : 'null'}`);
        if (node.count) seen.add(`count ${node.count.operator} has:${node.has}`);
        if (node.count && node.count.value <= 1) seen.add(`count ${node.count.operator} ${node.count.value}`);
        if (node.where) visit(node.where, node.relation);
        return;
      case 'engagement':
        seen.add(`engagement ${node.match} ${node.campaigns.last !== null ? 'last' : node.campaigns.ids ? 'ids' : 'all campaigns'}`);
        return;
      case 'segment': {
        const target = tenant.segments.find((s) => s.id === node.segment)!;
        seen.add(`segment ${node.operator} ${target.type}`);
        return;
      }
    }
  };
  for (const tree of sample) visit(tree, 'contact');

  it('are all valid', () => {
    expect(sample).toHaveLength(1000);
  });

  it('cover every operator of every field type, every count bound, engagement mode and segment kind', () => {
    const expected = [
      ...(Object.entries(OPERATORS_BY_TYPE) as [FieldType, readonly string[]][]).flatMap(([type, ops]) => ops.map((op) => `${type} ${op}`)),
      ...COUNT_OPERATORS.flatMap((op) => [`count ${op} has:true`, `count ${op} has:false`, `count ${op} 0`, `count ${op} 1`]),
      ...MATCH_MODES.flatMap((m) => [`engagement ${m} last`, `engagement ${m} ids`, `engagement ${m} all campaigns`]),
      ...['deals', 'activities', 'email_events', 'fit_scores'].flatMap((r) => [`relation ${r} where set`, `relation ${r} where null`]),
      'segment in static',
      'segment not_in static',
      'segment in dynamic',
      'segment not_in dynamic',
      'negated group',
      'nested same-op group',
      'one-child group',
      'one-value list',
      'text with wildcard',
      'mixed-case text',
      'unit days',
      'unit weeks',
      'unit months',
      'unit years',
    ];
    expect(expected.filter((e) => !seen.has(e))).toEqual([]);
  });
});
