// npm run db:distribute [-- --shard-count N]   Distributes the tables on a Citus cluster (see
// src/db/distribute.ts): run once against the coordinator, after or before importing data. Safe to
// run again; refuses clearly on a server without the citus extension.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { DistributeError, distribute } from '../db/distribute.js';
import { openDatabase } from '../db/open.js';
import { runCli } from './run.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'shard-count': { type: 'string' } } });
  const shardCount = values['shard-count'] === undefined ? undefined : Number(values['shard-count']);
  if (shardCount !== undefined && !(Number.isInteger(shardCount) && shardCount >= 1 && shardCount <= 64000)) {
    console.error(`--shard-count must be a whole number from 1 to 64000, got ${JSON.stringify(values['shard-count'])}`);
    return 2;
  }
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    throw new ConfigError('db:distribute needs DATABASE_URL pointing at the Citus coordinator (the embedded server is a single PostgreSQL).');
  }
  const database = await openDatabase(config); // applies the migrations first
  try {
    const result = await distribute(database.sql, { ...(shardCount ? { shardCount } : {}), log: (line) => console.log(line) });
    const created = result.steps.filter((s) => s.action === 'created');
    console.log(
      `Citus ${result.citusVersion}: ${created.length} table(s) distributed now, ${result.steps.length - created.length} already were` +
        ` (${result.steps.filter((s) => s.kind === 'reference').length} reference, ${result.steps.filter((s) => s.kind === 'distributed').length} by org_id, ${result.shardCount} shards each).`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main, [DistributeError, ConfigError]);
