// Descriptions parsed by the built-in provider, compiled and counted by the real database, against
// counts computed independently in JS from the bundled fixture.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { prepareRules } from '../../src/rules/prepare.js';
import type { TenantValues } from '../../src/rules/tenant.js';
import { loadTenantValues } from '../../src/tenants/values.js';
import { previewSegment } from '../../src/segments/preview.js';
import { useTestDatabase } from '../support/db.js';
import { demoFixture } from '../support/fixture-tenant.js';

const ORG = 'org_acme';
const asOf = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const within = (d: Date, days: number) => d.getTime() >= asOf.getTime() - days * DAY && d.getTime() <= asOf.getTime();

const f = demoFixture();
const contacts = f.contacts.filter((c) => c.orgId === ORG);
type Contact = (typeof contacts)[number];
const dealsOf = (c: Contact) => f.deals.filter((d) => d.orgId === ORG && d.contactId === c.id);
const activitiesOf = (c: Contact) => f.activities.filter((a) => a.orgId === ORG && a.contactId === c.id);
const eventsOf = (c: Contact) => f.emailEvents.filter((e) => e.orgId === ORG && e.contactId === c.id);
const campaignId = (name: string) => f.campaigns.find((x) => x.orgId === ORG && x.name === name)!.id;
const ownerId = (name: string) => f.users.find((u) => u.orgId === ORG && u.name === name)!.id;
const lastThree = f.campaigns
  .filter((x) => x.orgId === ORG && x.sentAt && x.sentAt <= asOf)
  .sort((a, b) => b.sentAt!.getTime() - a.sentAt!.getTime())
  .slice(0, 3)
  .map((x) => x.id);
const open = (stage: string) => stage !== 'closed_won' && stage !== 'closed_lost';
const segmentMembers = (name: string) => new Set(f.segments.find((s) => s.orgId === ORG && s.name === name)!.memberIds);

const CASES: [string, (c: Contact) => boolean][] = [
  ['vip customers in Germany', (c) => c.tags.includes('vip') && c.lifecycleStage === 'customer' && c.country === 'DE'],
  [
    'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days',
    (c) =>
      c.customProperties.plan === 'enterprise' &&
      c.country === 'DE' &&
      lastThree.every((id) => eventsOf(c).some((e) => e.type === 'opened' && e.campaignId === id)) &&
      !dealsOf(c).some((d) => within(d.createdAt, 90)),
  ],
  ['contacts with an open deal worth more than 20000', (c) => dealsOf(c).some((d) => open(d.stage) && d.amount !== null && d.amount > 20000)],
  [
    "haven't been contacted in 60 days",
    (c) => !activitiesOf(c).some((a) => a.direction === 'outbound' && within(a.occurredAt, 60)),
  ],
  ['contacts without a phone number owned by Sara Sales', (c) => c.phone === null && c.ownerId === ownerId('Sara Sales')],
  ['at least 3 activities in the last 90 days', (c) => activitiesOf(c).filter((a) => within(a.occurredAt, 90)).length >= 3],
  [
    'contacts in the Q1 batch segment who opened Spring Sale but did not click it',
    (c) => {
      const id = campaignId('Spring Sale');
      const ev = eventsOf(c);
      return segmentMembers('Q1 batch').has(c.id) && ev.some((e) => e.type === 'opened' && e.campaignId === id) && !ev.some((e) => e.type === 'clicked' && e.campaignId === id);
    },
  ],
  [
    'software or finance companies with more than 1,000 employees, except German ones',
    (c) => {
      const co = f.companies.find((x) => x.id === c.companyId);
      return !!co && ['Software', 'Finance'].includes(co.industry ?? '') && (co.employeeCount ?? 0) > 1000 && c.country !== 'DE';
    },
  ],
];

describe('builtin provider against the real database', () => {
  let database: Database;
  let tenant: TenantValues;
  const provider = new BuiltinProvider();

  beforeAll(async () => {
    database = await useTestDatabase('tmpl_fixture');
    tenant = await loadTenantValues(database.db, ORG);
  });

  it.each(CASES)('counts “%s” exactly as the fixture does', async (description, matches) => {
    const out = await provider.generate({ description, tenant, asOf });
    if (out.kind !== 'rules') throw new Error(out.reason);
    expect(out.unrecognized).toEqual([]);
    const prepared = prepareRules(out.rules, { tenant });
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
    const preview = await previewSegment(database.db, prepared.tree, { orgId: ORG, asOf, tenant });
    const expected = contacts.filter(matches).length;
    expect(preview.count).toBe(expected);
  });

  it('has cases that select something and cases that exclude something', () => {
    const counts = CASES.map(([, matches]) => contacts.filter(matches).length);
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(counts.every((n) => n < contacts.length)).toBe(true);
  });
});
