import { describe, expect, it } from 'vitest';
import { explain } from '../../src/rules/explain.js';
import { prepareRules } from '../../src/rules/prepare.js';
import { fixtureTenantValues } from '../support/fixture-tenant.js';

const tenant = fixtureTenantValues('org_acme');
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const or = (...children: unknown[]) => ({ type: 'group', op: 'or', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

function sentence(rules: unknown): string {
  const prepared = prepareRules(rules, { tenant });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  return explain(prepared.tree, tenant);
}

describe('explain', () => {
  it('says the issue’s example the way a marketer would check it', () => {
    expect(
      sentence(
        and(
          cond('company.employee_count', 'gte', 1000),
          cond('company.country', 'eq', 'DE'),
          { type: 'engagement', event: 'opened', match: 'all', campaigns: { last: 3, ids: null } },
          { type: 'relation', relation: 'deals', has: false, where: and(cond('created_at', 'within_last', { amount: 90, unit: 'days' })), count: null },
        ),
      ),
    ).toBe(
      'Contacts whose company country is Germany, whose company size (employees) is at least 1,000, who opened each of the last 3 campaigns, ' +
        'and who have no deal whose creation date is within the last 90 days.',
    );
  });

  it('names owners, campaigns and segments instead of ids, and reads OR and NOT', () => {
    expect(
      sentence(
        and(
          or(cond('owner', 'eq', 'Sara Sales'), cond('owner', 'is_null', null)),
          { type: 'relation', relation: 'email_events', has: true, where: and(cond('type', 'eq', 'opened'), cond('campaign', 'eq', 'Spring Sale')), count: null },
          { type: 'relation', relation: 'email_events', has: false, where: and(cond('type', 'eq', 'clicked'), cond('campaign', 'eq', 'Spring Sale')), count: null },
          { type: 'group', op: 'and', negate: true, children: [{ type: 'segment', operator: 'in', segment: 'Q1 batch' }] },
          cond('tags', 'neq', 'do-not-call'),
        ),
      ),
    ).toBe(
      'Contacts who are not tagged “do-not-call”, either whose owner is Sara Sales or who have no owner, who did not click “Spring Sale”, ' +
        'who opened “Spring Sale”, and who are not in the segment “Q1 batch”.',
    );
  });

  it('closes a nested alternative with a comma, so "either A or B, and C" does not read as A or (B and C)', () => {
    // In the order written (a draft keeps the description's order; prepareRules would put the group last).
    expect(explain(and(or(cond('tags', 'eq', 'vip'), cond('lifecycle_stage', 'eq', 'customer')), cond('country', 'eq', 'IT')) as never, tenant)).toBe(
      'Contacts either who are tagged “vip” or whose lifecycle stage is customer, and whose country is Italy.',
    );
    expect(explain(or(and(cond('tags', 'eq', 'vip'), cond('country', 'eq', 'IT')), cond('lifecycle_stage', 'eq', 'customer')) as never, tenant)).toBe(
      'Contacts both who are tagged “vip” and whose country is Italy, or whose lifecycle stage is customer.',
    );
  });

  it('says NOT (A or B) as "neither A nor B"', () => {
    expect(sentence(and(cond('country', 'eq', 'IT'), { type: 'group', op: 'and', negate: true, children: [or(cond('tags', 'eq', 'vip'), cond('lifecycle_stage', 'eq', 'customer'))] }))).toBe(
      'Contacts whose country is Italy and neither whose lifecycle stage is customer nor who are tagged “vip”.',
    );
    // Two "who" clauses share their "who": "who neither opened … nor have …".
    expect(sentence({ type: 'group', op: 'and', negate: true, children: [or(cond('tags', 'eq', 'vip'), { type: 'relation', relation: 'deals', has: true, where: null, count: null })] })).toBe(
      'Contacts who neither are tagged “vip” nor have a deal.',
    );
  });

  it('reads counts, nulls and dates', () => {
    expect(
      sentence(
        and(
          { type: 'relation', relation: 'activities', has: true, where: and(cond('occurred_at', 'within_last', { amount: 90, unit: 'days' })), count: { operator: 'gte', value: 3 } },
          cond('phone', 'is_not_null', null),
          cond('created_at', 'lt', '2025-01-01'),
        ),
      ),
    ).toBe(
      'Contacts whose creation date is before 2025-01-01, whose phone is known, and who have at least 3 activities whose date is within the last 90 days.',
    );
  });
});
