// The explanation in the order the rules were written (the builder's rows), not the canonical sort.
import { describe, expect, it } from 'vitest';
import { inWrittenOrder } from '../../src/rules/arrange.js';
import { explain } from '../../src/rules/explain.js';
import { prepareRules } from '../../src/rules/prepare.js';
import { fixtureTenantValues } from '../support/fixture-tenant.js';

const tenant = fixtureTenantValues('org_acme');
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const or = (...children: unknown[]) => ({ type: 'group', op: 'or', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

function canonical(rules: unknown) {
  const prepared = prepareRules(rules, { tenant });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  return prepared.tree;
}

describe('inWrittenOrder', () => {
  it('says the conditions in the order they were written, at every level, meaning the same tree', () => {
    const written = and(
      cond('tags', 'eq', 'vip'),
      or(cond('lifecycle_stage', 'eq', 'lead'), cond('country', 'eq', 'FR')),
      { type: 'relation', relation: 'deals', has: true, count: null, where: and(cond('stage', 'eq', 'closed_won'), cond('amount', 'gt', 1000)) },
      cond('country', 'neq', 'DE'),
    );
    const tree = canonical(written);
    // The canonical sort puts them otherwise, or this test proves nothing.
    expect(explain(tree, tenant)).not.toBe(explain(inWrittenOrder(tree, written), tenant));
    const arranged = inWrittenOrder(tree, written);
    expect(explain(arranged, tenant)).toBe(
      'Contacts who are tagged “vip”, either whose lifecycle stage is lead or whose country is France, who have a deal whose stage is closed won and whose amount (usd) is more than 1,000, and whose country is not Germany (or is unknown).',
    );
    // Only the order changed: normalizing the arranged tree gives the canonical tree back.
    expect(canonical(arranged)).toEqual(tree);
  });

  it('keeps children normalization merged or rewrote, after the ones it could pair', () => {
    const written = and(cond('tags', 'eq', 'vip'), and(cond('country', 'eq', 'FR'), cond('lifecycle_stage', 'eq', 'lead')));
    const tree = canonical(written); // the inner AND is flattened into the outer one
    const arranged = inWrittenOrder(tree, written);
    expect(arranged.children).toHaveLength(3);
    expect(arranged.children[0]).toEqual(tree.children.find((c) => c.type === 'condition' && c.field === 'tags'));
    expect(canonical(arranged)).toEqual(tree);
  });
});
