// Tenant values computed straight from the bundled fixture, for unit tests that need no database.
import { readFixtureFile } from '../../src/fixture/import.js';
import type { Fixture } from '../../src/fixture/format.js';
import type { TenantValues } from '../../src/rules/tenant.js';
import { slugify } from '../../src/lib/slug.js';
import { DEMO_FIXTURE_PATH } from './paths.js';

let cached: Fixture | undefined;
export function demoFixture(): Fixture {
  cached ??= readFixtureFile(DEMO_FIXTURE_PATH);
  return cached;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

export function fixtureTenantValues(orgId: string, fixture: Fixture = demoFixture()): TenantValues {
  const contacts = fixture.contacts.filter((c) => c.orgId === orgId);
  const companies = fixture.companies.filter((c) => c.orgId === orgId);
  return {
    orgId,
    tags: sorted(contacts.flatMap((c) => c.tags)),
    industries: sorted(companies.flatMap((c) => (c.industry ? [c.industry] : []))),
    products: sorted(fixture.fitScores.filter((s) => s.orgId === orgId).map((s) => s.product)),
    countries: sorted([...contacts, ...companies].flatMap((c) => (c.country ? [c.country] : []))),
    languages: sorted(contacts.flatMap((c) => (c.language ? [c.language] : []))),
    owners: fixture.users.filter((u) => u.orgId === orgId).map((u) => ({ id: u.id, name: u.name, email: u.email })),
    campaigns: fixture.campaigns
      .filter((c) => c.orgId === orgId)
      .map((c) => ({ id: c.id, name: c.name, sentAt: c.sentAt }))
      .sort((a, b) => (a.sentAt?.getTime() ?? 0) - (b.sentAt?.getTime() ?? 0)),
    segments: fixture.segments
      .filter((s) => s.orgId === orgId)
      .map((s) => ({ id: s.id, slug: slugify(s.name), title: s.name, type: 'static' as const, status: 'active' as const, rules: null })),
  };
}
