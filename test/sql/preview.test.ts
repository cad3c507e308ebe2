import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import type { RuleTree } from '../../src/rules/grammar.js';
import { prepareRules } from '../../src/rules/prepare.js';
import { QueryTimeoutError } from '../../src/db/errors.js';
import type { TenantValues } from '../../src/rules/tenant.js';
import { previewSegment } from '../../src/segments/preview.js';
import { loadTenantValues } from '../../src/tenants/values.js';
import { useTestDatabase } from '../support/db.js';
import { demoFixture } from '../support/fixture-tenant.js';

const asOf = new Date('2026-11-01T00:00:00Z');
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

describe('previewSegment', () => {
  let database: Database;
  let tenant: TenantValues;
  const prepare = (rules: unknown): RuleTree => {
    const prepared = prepareRules(rules, { tenant });
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
    return prepared.tree;
  };

  beforeAll(async () => {
    database = await useTestDatabase('tmpl_fixture');
    tenant = await loadTenantValues(database.db, 'org_acme');
  });

  it('returns the exact count and the 10 newest matching contacts with their company', async () => {
    const fixture = demoFixture();
    const expected = fixture.contacts
      .filter((c) => c.orgId === 'org_acme' && c.country === 'DE' && c.tags.includes('vip'))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    const preview = await previewSegment(database.db, prepare(and(cond('country', 'eq', 'Germany'), cond('tags', 'eq', 'vip'))), {
      orgId: 'org_acme',
      asOf,
      tenant,
    });
    expect(preview.count).toBe(expected.length);
    expect(preview.sample.map((s) => s.id)).toEqual(expected.slice(0, 10).map((c) => c.id));
    const first = expected[0]!;
    const company = fixture.companies.find((c) => c.id === first.companyId)?.name ?? null;
    expect(preview.sample[0]).toEqual({ id: first.id, firstName: first.firstName, lastName: first.lastName, email: first.email, company });
    expect(preview.asOf).toBe('2026-11-01T00:00:00.000Z');
  });

  it('evaluates relative dates against the clock it is given', async () => {
    const tree = prepare(and(cond('created_at', 'within_last', { amount: 30, unit: 'days' })));
    const countAt = async (at: string) => (await previewSegment(database.db, tree, { orgId: 'org_acme', asOf: new Date(at), tenant })).count;
    const fixture = demoFixture();
    const expectedAt = (at: string) =>
      fixture.contacts.filter((c) => {
        const t = c.createdAt.getTime();
        return c.orgId === 'org_acme' && t >= new Date(at).getTime() - 30 * 86_400_000 && t <= new Date(at).getTime();
      }).length;
    expect(await countAt('2026-11-01T00:00:00Z')).toBe(expectedAt('2026-11-01T00:00:00Z'));
    expect(await countAt('2026-06-01T00:00:00Z')).toBe(expectedAt('2026-06-01T00:00:00Z'));
    expect(expectedAt('2026-11-01T00:00:00Z')).not.toBe(expectedAt('2026-06-01T00:00:00Z'));
  });

  it('returns zero and an empty sample when nothing matches', async () => {
    const preview = await previewSegment(database.db, prepare(and(cond('email', 'eq', 'nobody@nowhere.example'))), { orgId: 'org_acme', asOf, tenant });
    expect(preview).toMatchObject({ count: 0, sample: [] });
  });

  it('never shows another tenant’s contacts', async () => {
    const preview = await previewSegment(database.db, prepare(and(cond('email', 'contains', '@'))), { orgId: 'org_acme', asOf, tenant });
    expect(preview.count).toBe(demoFixture().contacts.filter((c) => c.orgId === 'org_acme').length);
    const acme = new Set(demoFixture().contacts.filter((c) => c.orgId === 'org_acme').map((c) => c.id));
    expect(preview.sample.filter((s) => !acme.has(s.id))).toEqual([]);
  });

  it('stops a query that exceeds the statement timeout with a clear error', async () => {
    const heavy = prepare({
      type: 'group',
      op: 'or',
      negate: false,
      children: Array.from({ length: 12 }, (_, i) => ({
        type: 'relation',
        relation: 'email_events',
        has: true,
        where: and(cond('occurred_at', 'within_last', { amount: 300 + i, unit: 'days' })),
        count: { operator: 'gte', value: 40 + i },
      })),
    });
    const attempt = previewSegment(database.db, heavy, { orgId: 'org_acme', asOf, tenant }, { timeoutMs: 1 });
    await expect(attempt).rejects.toThrow(QueryTimeoutError);
    await expect(attempt).rejects.toThrow(/took longer than 1 ms and was stopped/);
    // The connection is usable again afterwards.
    expect((await previewSegment(database.db, heavy, { orgId: 'org_acme', asOf, tenant }, { timeoutMs: 30_000 })).count).toBeGreaterThanOrEqual(0);
  });
});
