// Opens the service's database: DATABASE_URL when set, otherwise the embedded server in
// EMBEDDED_PG_DIR. Either way: postgres.js + drizzle, migrations applied.
import type { Config } from '../config.js';
import { connect, type Database, ensureDatabase, migrateDatabase } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';

export const EMBEDDED_DATABASE_NAME = 'segment_builder';

export interface OpenedDatabase extends Database {
  /** Where it lives, for the start banner (password elided). */
  describe: string;
}

export async function openDatabase(config: Config, log: (line: string) => void = () => {}): Promise<OpenedDatabase> {
  if (config.DATABASE_URL) {
    const database = connect(config.DATABASE_URL);
    await migrateDatabase(database);
    return { ...database, describe: redact(config.DATABASE_URL) };
  }
  log(`starting embedded PostgreSQL in ${config.EMBEDDED_PG_DIR} on port ${config.EMBEDDED_PG_PORT}`);
  const server = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT });
  try {
    await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME);
    const database = connect(server.urlFor(EMBEDDED_DATABASE_NAME));
    await migrateDatabase(database);
    return {
      ...database,
      describe: `embedded PostgreSQL (${config.EMBEDDED_PG_DIR}, port ${config.EMBEDDED_PG_PORT})`,
      async close() {
        await database.close();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
