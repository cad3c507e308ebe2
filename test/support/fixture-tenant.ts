// The bundled fixture and its tenant values, for unit tests that need no database.
import type { Fixture } from '../../src/fixture/format.js';
import { readFixtureFile } from '../../src/fixture/import.js';
import { tenantValuesFromFixture } from '../../src/fixture/tenant-values.js';
import type { TenantValues } from '../../src/rules/tenant.js';
import { DEMO_FIXTURE_PATH } from './paths.js';

let cached: Fixture | undefined;
export function demoFixture(): Fixture {
  cached ??= readFixtureFile(DEMO_FIXTURE_PATH);
  return cached;
}

export function fixtureTenantValues(orgId: string, fixture: Fixture = demoFixture()): TenantValues {
  return tenantValuesFromFixture(fixture, orgId);
}
