import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { prepareRules } from '../../src/rules/prepare.js';
import { membersQuery, escapeLike } from '../../src/sql/compile.js';
import { fixtureTenantValues } from '../support/fixture-tenant.js';

const tenant = fixtureTenantValues('org_acme');
const asOf = new Date('2026-11-01T00:00:00Z');
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

/** The raw-table SQL by default; `facts` for the contact-facts path (src/sql/facts.ts). */
function compiled(rules: unknown, facts: boolean | 'all' = false) {
  const prepared = prepareRules(rules, { tenant });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  const query = new PgDialect().sqlToQuery(membersQuery(prepared.tree, { orgId: 'org_acme', asOf, tenant, facts }));
  return { sql: query.sql.replace(/^select c\.id from /, ''), params: query.params };
}

describe('compiler golden cases', () => {
  it('binds every value and scopes to the tenant', () => {
    expect(compiled(and(cond('country', 'eq', 'DE'), cond('email', 'ends_with', '@Example.com')))).toEqual({
      sql: 'contacts c where c.org_id = $1 and ((c."country" = $2) and (lower(c."email") like $3))',
      params: ['org_acme', 'DE', '%@example.com'],
    });
  });

  it('makes missing values match negative operators only', () => {
    expect(compiled(and(cond('country', 'not_in', ['DE', 'FR'])))).toEqual({
      sql: 'contacts c where c.org_id = $1 and (c."country" is null or c."country" not in ($2, $3))',
      params: ['org_acme', 'DE', 'FR'],
    });
    // A negated group can never turn an unknown (NULL) into a match by accident.
    expect(compiled({ type: 'group', op: 'and', negate: true, children: [cond('properties.nps', 'gt', 8)] }).sql).toBe(
      'contacts c where c.org_id = $1 and (not coalesce((prop_number(c.properties, $2::text) > $3), false))',
    );
  });

  it('binds a tenant property’s key as a parameter and reads equality on selects through the GIN index', () => {
    expect(compiled(and(cond('properties.nps', 'between', [7, 9])))).toEqual({
      sql: 'contacts c where c.org_id = $1 and (prop_number(c.properties, $2::text) between $3 and $4)',
      params: ['org_acme', 'nps', 7, 9],
    });
    expect(compiled(and(cond('properties.plan', 'neq', 'pro')))).toEqual({
      sql: 'contacts c where c.org_id = $1 and (not c.properties @> $2::jsonb)',
      params: ['org_acme', '{"plan":"pro"}'],
    });
  });

  it('escapes LIKE wildcards in user text', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(compiled(and(cond('email', 'contains', '50%_A'))).params).toEqual(['org_acme', '%50\\%\\_a%']);
  });

  it('reads company fields through EXISTS over the contact’s company; a missing company is a missing value', () => {
    expect(compiled(and(cond('company.industry', 'eq', 'Software')))).toEqual({
      sql: 'contacts c where c.org_id = $1 and (exists (select 1 from companies r1co where r1co.org_id = $2 and r1co.id = c.company_id and (r1co."industry" = $3)))',
      params: ['org_acme', 'org_acme', 'Software'],
    });
    expect(compiled(and(cond('company.industry', 'neq', 'Software'))).sql).toBe(
      'contacts c where c.org_id = $1 and (not exists (select 1 from companies r1co where r1co.org_id = $2 and r1co.id = c.company_id and (r1co."industry" = $3)))',
    );
  });

  it('compiles "has no deal in the last 90 days" to NOT EXISTS with the clock bound', () => {
    const rules = and({
      type: 'relation',
      relation: 'deals',
      has: false,
      where: and(cond('created_at', 'within_last', { amount: 90, unit: 'days' })),
      count: null,
    });
    expect(compiled(rules)).toEqual({
      sql:
        'contacts c where c.org_id = $1 and (not exists (select 1 from deals r1 where r1.org_id = $2 and r1.contact_id = c.id and ' +
        '(r1."created_at" >= $3::timestamptz and r1."created_at" <= $4::timestamptz)))',
      params: ['org_acme', 'org_acme', '2026-08-03T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    });
  });

  it('compiles a count bound and tags', () => {
    const rules = and(
      { type: 'relation', relation: 'activities', has: true, where: null, count: { operator: 'gt', value: 2 } },
      cond('tags', 'in', ['vip', 'partner']),
    );
    expect(compiled(rules)).toEqual({
      sql:
        'contacts c where c.org_id = $1 and ((c."tags" && array[$2::text, $3::text]) and ' +
        '(exists (select 1 from (select r1.contact_id from activities r1 where r1.org_id = $4 group by r1.contact_id having count(*) >= $5) r1g ' +
        'where r1g.contact_id = c.id)))',
      params: ['org_acme', 'partner', 'vip', 'org_acme', 3],
    });
  });

  it('includes contacts with no rows when the count bound admits zero ("fewer than 2 deals")', () => {
    const rules = and({ type: 'relation', relation: 'deals', has: true, where: null, count: { operator: 'lt', value: 2 } });
    expect(compiled(rules).sql).toBe(
      'contacts c where c.org_id = $1 and (not exists (select 1 from (select r1.contact_id from deals r1 where r1.org_id = $2 ' +
        'group by r1.contact_id having not (count(*) < $3)) r1g where r1g.contact_id = c.id))',
    );
  });

  it('resolves "the last 3 campaigns" against the clock', () => {
    const rules = and({ type: 'engagement', event: 'opened', match: 'all', campaigns: { last: 3, ids: null } });
    const last3 = [...tenant.campaigns].sort((a, b) => b.sentAt!.getTime() - a.sentAt!.getTime()).slice(0, 3).map((c) => c.id);
    expect(compiled(rules)).toEqual({
      sql:
        'contacts c where c.org_id = $1 and (exists (select 1 from (select r1.contact_id from email_events r1 where r1.org_id = $2 and ' +
        'r1.type = $3 and r1.campaign_id in ($4, $5, $6) group by r1.contact_id having count(distinct r1.campaign_id) = $7) r1g where r1g.contact_id = c.id))',
      params: ['org_acme', 'org_acme', 'opened', ...last3, 3],
    });
  });

  it('answers "opened each of the last 3 campaigns" from the facts by array containment', () => {
    const rules = and({ type: 'engagement', event: 'opened', match: 'all', campaigns: { last: 3, ids: null } });
    const last3 = [...tenant.campaigns].sort((a, b) => b.sentAt!.getTime() - a.sentAt!.getTime()).slice(0, 3).map((c) => c.id);
    expect(compiled(rules, true)).toEqual({
      sql:
        'contacts c where c.org_id = $1 and (exists (select 1 from contact_facts r1f where r1f.org_id = $2 and r1f.contact_id = c.id and ' +
        '(r1f.opened_campaigns @> array[$3::text, $4::text, $5::text])))',
      params: ['org_acme', 'org_acme', ...last3],
    });
  });

  it('answers "at least 3 activities in 90 days" from the narrow activity facts by two binary searches of the oldest-first times', () => {
    const rules = and({ type: 'relation', relation: 'activities', has: true, where: and(cond('occurred_at', 'within_last', { amount: 90, unit: 'days' })), count: { operator: 'gte', value: 3 } });
    expect(compiled(rules, true)).toEqual({
      sql:
        'contacts c where c.org_id = $1 and (exists (select 1 from contact_activity_facts r1f where r1f.org_id = $2 and r1f.contact_id = c.id and ' +
        '(width_bucket($3::timestamptz, r1f.activity_at) - width_bucket($4::timestamptz, r1f.activity_at) >= $5::int)))',
      // At or before the clock, less those before the window's start (1 µs before it: timestamptz counts microseconds).
      params: ['org_acme', 'org_acme', asOf.toISOString(), new Date(asOf.getTime() - 90 * 86_400_000 - 1).toISOString().replace('Z', '999Z'), 3],
    });
  });

  it('falls back to the raw tables for shapes the facts do not answer', () => {
    const rules = and({ type: 'relation', relation: 'activities', has: true, where: and(cond('direction', 'eq', 'inbound')), count: null });
    expect(compiled(rules, true)).toEqual(compiled(rules, false));
  });

  it('reads the facts only where they pay off: counts and "each of", not a plain existence probe', () => {
    const noDeal = and({ type: 'relation', relation: 'deals', has: false, where: and(cond('created_at', 'within_last', { amount: 90, unit: 'days' })), count: null });
    const fit = and({ type: 'relation', relation: 'fit_scores', has: true, where: and(cond('product', 'eq', 'crm'), cond('score', 'gte', 80)), count: null });
    const anyOf = and({ type: 'engagement', event: 'opened', match: 'any', campaigns: { last: 3, ids: null } });
    for (const rules of [noDeal, fit, anyOf]) {
      expect(compiled(rules, true)).toEqual(compiled(rules, false));
      expect(compiled(rules, 'all').sql).toContain('contact_facts'); // a shape the facts answer, when asked to
    }
    const counted = and({ type: 'relation', relation: 'deals', has: true, where: and(cond('created_at', 'within_last', { amount: 90, unit: 'days' })), count: { operator: 'gte', value: 2 } });
    expect(compiled(counted, true).sql).toContain('contact_facts');
  });

  it('never puts a value into the SQL text', () => {
    const hostile = "x'); drop table contacts; --";
    const { sql, params } = compiled(and(cond('first_name', 'eq', hostile), cond('email', 'contains', hostile)));
    expect(sql).not.toContain('drop table');
    expect(params).toContain(hostile.toLowerCase());
  });
});
