// What the preview-shaped benchmarks share: `--org`, `--runs`, `--asOf`, the database, the tenant's
// values and the line saying what was measured; the database is closed and errors end the process.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { openDatabase } from '../src/db/open.js';
import type { TenantValues } from '../src/rules/tenant.js';
import { loadTenantValues } from '../src/tenants/values.js';

export interface BenchTarget {
  database: Database;
  orgId: string;
  runs: number;
  asOf: Date;
  tenant: TenantValues;
}

export function runBench(measure: (target: BenchTarget) => Promise<void>): void {
  const { values } = parseArgs({
    options: { org: { type: 'string', default: 'org_synth_100k' }, runs: { type: 'string', default: '30' }, asOf: { type: 'string' } },
  });
  const orgId = values.org!;
  const runs = Number(values.runs);
  const main = async () => {
    const database = await openDatabase(loadConfig());
    try {
      const tenant = await loadTenantValues(database.db, orgId);
      const asOf = new Date(values.asOf ?? '2026-11-01T00:00:00Z'); // the generator's and the fixture's clock
      const [{ n: contacts } = { n: 0 }] = await database.sql<{ n: number }[]>`select count(*)::int as n from contacts where org_id = ${orgId}`;
      console.log(`org ${orgId}: ${contacts} contacts; asOf ${asOf.toISOString()}; ${runs} runs each, alternating\n`);
      await measure({ database, orgId, runs, asOf, tenant });
    } finally {
      await database.close();
    }
  };
  main().catch((err: unknown) => {
    console.error((err as Error).message ?? err);
    process.exit(1);
  });
}
