// The world the eval runs in: the bundled CRM fixture, held in memory, one tenant (org_acme) and the
// fixture's own clock. Member sets come from the in-memory reference evaluator, so an eval needs no
// database, runs on a fresh clone, and scores exactly what the SQL compiler is tested to agree with.
import { DEMO_FIXTURE, DEMO_ORG } from '../src/fixture/demo.js';
import type { Fixture } from '../src/fixture/format.js';
import { readFixtureFile } from '../src/fixture/import.js';
import { tenantValuesFromFixture } from '../src/fixture/tenant-values.js';
import type { Node } from '../src/rules/grammar.js';
import type { TenantValues } from '../src/rules/tenant.js';
import { buildReferenceData, evaluate, type ReferenceData } from '../test/support/reference.js';

export interface EvalWorld {
  fixtureFile: string;
  orgId: string;
  /** The fixture's clock: every relative date in a case is meant relative to it. */
  asOf: Date;
  tenant: TenantValues;
  data: ReferenceData;
  /** How many contacts the tenant has (a tree selecting all of them says nothing). */
  contactCount: number;
}

export function worldFromFixture(fixture: Fixture, orgId: string = DEMO_ORG, fixtureFile = DEMO_FIXTURE): EvalWorld {
  const data = buildReferenceData(fixture);
  return {
    fixtureFile,
    orgId,
    asOf: fixture.asOf,
    tenant: tenantValuesFromFixture(fixture, orgId),
    data,
    contactCount: data.orgs.get(orgId)?.contacts.length ?? 0,
  };
}

export function loadWorld(fixtureFile: string = DEMO_FIXTURE, orgId: string = DEMO_ORG): EvalWorld {
  return worldFromFixture(readFixtureFile(fixtureFile), orgId, fixtureFile);
}

/** Ids of the tenant's contacts a (validated) tree selects, at the fixture's clock. */
export function members(world: EvalWorld, tree: Node): Set<string> {
  return evaluate(tree, { orgId: world.orgId, asOf: world.asOf, tenant: world.tenant, data: world.data });
}
