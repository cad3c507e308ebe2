// npm run facts:rebuild -- [--org org_acme]
// Rebuilds the contact facts (src/db/facts.ts) and the value counts (src/db/value-counts.ts) from the raw tables: of one tenant, or of every tenant,
// each in its own transaction. Safe while the service runs: a tenant's rows are replaced atomically,
// and writes refresh their contacts' facts themselves.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { refreshFacts } from '../db/facts.js';
import { openDatabase } from '../db/open.js';
import { rebuildValueCounts } from '../db/value-counts.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { org: { type: 'string' } } });
  const database = await openDatabase(loadConfig(), (line) => console.error(line));
  try {
    const orgs = values.org ? [values.org] : (await database.sql<{ id: string }[]>`select id from orgs order by id`).map((o) => o.id);
    if (values.org && !(await database.sql`select 1 from orgs where id = ${values.org}`).length) {
      console.error(`No org "${values.org}" in ${database.describe}.`);
      return 2;
    }
    for (const orgId of orgs) {
      const started = Date.now();
      const n = await database.db.transaction(async (tx) => {
        await tx.execute(`set local statement_timeout = 0`);
        const facts = await refreshFacts(tx, orgId, null);
        await rebuildValueCounts(tx, orgId);
        return facts;
      });
      console.log(`${orgId}: facts of ${n.toLocaleString('en')} contacts and the tenant's value counts rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    await database.sql`analyze contact_facts, contact_activity_facts, contact_value_counts`;
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
