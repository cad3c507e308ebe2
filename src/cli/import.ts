// npm run import -- <file.json[.gz]>   Imports a crm-fixture/v1 file into the configured database.
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { FixtureError } from '../fixture/format.js';
import { importFixture, readFixtureFile } from '../fixture/import.js';
import { runCli } from './run.js';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run import -- <fixture.json | fixture.json.gz>');
    return 2;
  }
  const fixture = readFixtureFile(file); // validate before touching the database
  const database = await openDatabase(loadConfig());
  try {
    const started = Date.now();
    const counts = await importFixture(database.db, fixture);
    console.log(`imported ${file} in ${Date.now() - started} ms`);
    console.table(counts);
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main, [FixtureError, ConfigError]);
