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
    const hint = settingsHint(await serverSettings(database));
    if (hint) log(hint);
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

/** The server settings previews depend on, in bytes (pg_settings reports them in units of `unit`). */
export async function serverSettings(database: Database): Promise<Record<'shared_buffers' | 'work_mem', number>> {
  const rows = await database.sql<{ name: 'shared_buffers' | 'work_mem'; bytes: string }[]>`
    select name, (setting::numeric * pg_size_bytes(case when unit ~ '^[0-9]' then unit else '1 ' || unit end))::text as bytes
    from pg_settings where name in ('shared_buffers', 'work_mem')`;
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)])) as Record<'shared_buffers' | 'work_mem', number>;
}

const MB = 1024 * 1024;
/** Below these, a 1M-contact preview spills its aggregates to disk and re-reads its pages (README, "Benchmarks"). */
export const PREVIEW_SETTING_FLOORS = { shared_buffers: 512 * MB, work_mem: 16 * MB } as const;

/**
 * One line for the operator when the server at DATABASE_URL is set up far below what previews need
 * (initdb's defaults are 128 MB and 4 MB), or undefined. The embedded server sizes these from the
 * machine's memory itself (embeddedSettings); a server we do not run, we only advise.
 */
export function settingsHint(settings: Partial<Record<'shared_buffers' | 'work_mem', number>>): string | undefined {
  const low = (Object.keys(PREVIEW_SETTING_FLOORS) as (keyof typeof PREVIEW_SETTING_FLOORS)[]).filter(
    (name) => settings[name] !== undefined && settings[name]! < PREVIEW_SETTING_FLOORS[name],
  );
  if (low.length === 0) return undefined;
  const shown = low.map((name) => `${name}=${Math.round(settings[name]! / MB)}MB`).join(', ');
  return `hint: the database at DATABASE_URL runs with ${shown}; exact previews at 1M contacts want shared_buffers ≈ 25% of RAM (≥ 512MB) and work_mem ≥ 16MB (README, EMBEDDED_PG_SETTINGS row)`;
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
