// Opens the service's database: DATABASE_URL when set, otherwise the embedded server in
// EMBEDDED_PG_DIR. Either way: postgres.js + drizzle, migrations applied.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { type Config, DEFAULT_EMBEDDED_PG_DIR } from '../config.js';
import { type ConnectOptions, connect, type Database, ensureDatabase, migrateDatabase } from './client.js';
import { parseSettings, startEmbeddedPostgres } from './embedded.js';

export const EMBEDDED_DATABASE_NAME = 'segment_builder';

export interface OpenedDatabase extends Database {
  /** Where it lives, for the start banner (password elided). */
  describe: string;
}

/** The pool settings the configuration asks for. */
export function connectOptions(config: Config): ConnectOptions {
  return {
    max: config.DB_POOL_SIZE,
    longReadMax: config.DB_LONG_READ_POOL_SIZE,
    lockTimeoutMs: config.LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

export async function openDatabase(config: Config, log: (line: string) => void = () => {}): Promise<OpenedDatabase> {
  if (config.DATABASE_URL) {
    const database = connect(config.DATABASE_URL, connectOptions(config));
    await migrateDatabase(database);
    return { ...database, describe: redact(config.DATABASE_URL) };
  }
  log(`starting embedded PostgreSQL in ${config.EMBEDDED_PG_DIR} on port ${config.EMBEDDED_PG_PORT}`);
  const server = await startEmbeddedPostgres({
    dataDir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    say: log,
    settings: parseSettings(config.EMBEDDED_PG_SETTINGS),
    // Only the default folder falls back; an explicit EMBEDDED_PG_DIR that cannot work is an error.
    ...(config.EMBEDDED_PG_DIR === DEFAULT_EMBEDDED_PG_DIR ? { fallbackDataDir: fallbackDataDir(config.EMBEDDED_PG_DIR) } : {}),
  });
  if (server.dataDir !== path.resolve(config.EMBEDDED_PG_DIR)) {
    log(`the OS user "postgres" cannot reach ${config.EMBEDDED_PG_DIR} (a parent directory is private), so the data lives in ${server.dataDir}`);
  }
  try {
    await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME);
    const database = connect(server.urlFor(EMBEDDED_DATABASE_NAME), connectOptions(config));
    await migrateDatabase(database);
    return {
      ...database,
      describe: `embedded PostgreSQL (${server.dataDir}, port ${config.EMBEDDED_PG_PORT})`,
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

/** A folder every user can traverse, one per project checkout, for when the project's own is private. */
function fallbackDataDir(preferred: string): string {
  const id = createHash('sha256').update(path.resolve(preferred)).digest('hex').slice(0, 12);
  return path.join(os.tmpdir() === '/tmp' ? '/var/tmp' : os.tmpdir(), 'segment-builder', id, 'pg');
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
