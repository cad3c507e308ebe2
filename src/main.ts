// Starts the service: config → database (embedded unless DATABASE_URL) → migrations → HTTP.
// `--demo` first imports the bundled CRM fixture so there is something to segment.
import path from 'node:path';
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig, PROJECT_ROOT } from './config.js';
import { openDatabase } from './db/open.js';
import { importFixture, readFixtureFile } from './fixture/import.js';
import { createApp } from './http/app.js';

export const DEMO_FIXTURE = path.join(PROJECT_ROOT, 'fixtures', 'crm-demo.json.gz');

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  const say = (line: string) => console.log(`[segment-builder] ${line}`);
  const database = await openDatabase(config, say);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: shutting down`);
    server.close();
    await database.close();
    process.exit(0);
  };

  if (argv.includes('--demo')) {
    const counts = await importFixture(database.db, readFixtureFile(DEMO_FIXTURE));
    say(`demo data loaded: ${counts.contacts} contacts in ${counts.orgs} tenants`);
  }
  const app = createApp({ database });
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT });
  say(`database: ${database.describe}`);
  say(`listening on http://${config.HOST}:${config.PORT}`);
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `[segment-builder] failed to start: ${(err as Error).message ?? err}`);
  process.exit(1);
});
