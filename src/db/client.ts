// One code path to the database, embedded or not: postgres.js underneath, drizzle on top.
//
// Two pools: one for short requests (auth, /health, definitions, writes) and a small one of its own
// for long reads (exports, member ids and pages, counts, recomputes), so a burst of long reads can
// never take the connections short requests need (src/db/long-reads.ts bounds them per tenant).
// Every session carries a lock timeout and an idle-in-transaction timeout: a transaction that waits
// for a lock too long, or that the service forgot while holding it, is ended by the server.
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsDatabase, type PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { PROJECT_ROOT } from '../config.js';
import * as schema from './schema.js';

export type Db = PostgresJsDatabase<typeof schema>;
/** One transaction's connection. Code inside a transaction takes this, never the pool. */
export type Tx = PgTransaction<PostgresJsQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
/** Anything queries run on: the pool, or a transaction. */
export type Executor = PgDatabase<PostgresJsQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type Sql = postgres.Sql;

export interface Pool {
  db: Db;
  sql: Sql;
}

export interface Database extends Pool {
  /** The pool of long reads (exports, ids, member pages, counts, recomputes). */
  long: Pool;
  /** Cancels the statement running on server process `pid` (a query whose client went away). */
  cancelBackend(pid: number): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(PROJECT_ROOT, 'drizzle');

export const CONNECTION_DEFAULTS = {
  max: 10,
  longReadMax: 8,
  lockTimeoutMs: 3_000,
  idleInTransactionTimeoutMs: 15_000,
} as const;

export interface ConnectOptions {
  /** Connections for short requests. */
  max?: number;
  /** Connections for long reads; also the most long reads running at once. */
  longReadMax?: number;
  /** Applied to every statement of both pools; segment previews rely on it. */
  statementTimeoutMs?: number;
  /** A statement waiting longer than this for a lock fails (55P03) instead of queueing. 0 = off. */
  lockTimeoutMs?: number;
  /** The server ends a session idle inside a transaction for longer than this. 0 = off. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Tests: a query on the pool from inside a transaction of the same pool throws instead of waiting
   * for a second connection (which deadlocks once every connection is held that way).
   */
  guardTransactions?: boolean;
  /** Tests: sees every statement sent (postgres.js `debug`). */
  onQuery?: (query: string) => void;
}

export function connect(url: string, options: ConnectOptions = {}): Database {
  const settings = {
    application_name: 'segment-builder',
    TimeZone: 'UTC',
    lock_timeout: options.lockTimeoutMs ?? CONNECTION_DEFAULTS.lockTimeoutMs,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? CONNECTION_DEFAULTS.idleInTransactionTimeoutMs,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  };
  const open = (max: number, name: string): Pool => {
    const onQuery = options.onQuery;
    const raw = postgres(url, {
      max,
      onnotice: () => {},
      connection: { ...settings, application_name: name },
      ...(onQuery ? { debug: (_connection: number, query: string) => onQuery(query) } : {}),
    });
    const sql = options.guardTransactions ? guarded(raw) : raw;
    return { sql, db: drizzle(sql, { schema }) };
  };
  const short = open(options.max ?? CONNECTION_DEFAULTS.max, 'segment-builder');
  const long = open(options.longReadMax ?? CONNECTION_DEFAULTS.longReadMax, 'segment-builder-long');
  return {
    ...short,
    long,
    async cancelBackend(pid) {
      await short.sql`select pg_cancel_backend(${pid})`;
    },
    close: async () => {
      await Promise.all([short.sql.end({ timeout: 5 }), long.sql.end({ timeout: 5 })]);
    },
  };
}

const inTransaction = new AsyncLocalStorage<Sql>();

/** The pool, refusing queries issued from inside one of its own transactions. */
function guarded(pool: Sql): Sql {
  const refuse = () => {
    if (inTransaction.getStore() === pool) {
      throw new Error('a query on the pool from inside a transaction: pass the transaction handle (tx) instead');
    }
  };
  return new Proxy(pool, {
    apply(target, self, args: unknown[]) {
      const first = args[0];
      if (Array.isArray(first) && 'raw' in first) refuse(); // a tagged query, not a helper like sql(ids)
      return Reflect.apply(target, self, args);
    },
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'unsafe' || prop === 'reserve' || prop === 'file') {
        return (...args: unknown[]) => {
          refuse();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (prop === 'begin') {
        return (...args: unknown[]) => {
          refuse();
          const fn = args[args.length - 1] as (tx: unknown) => unknown;
          args[args.length - 1] = (tx: unknown) => inTransaction.run(pool, () => fn(tx));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
}

/**
 * Opens `connections` connections of `pool` now rather than on first use. postgres.js connects
 * lazily, and a connection costs a backend fork and a SCRAM exchange whose key derivation
 * (pbkdf2Sync) runs on the event loop: the first burst after start used to open the whole pool on the
 * request path, and the segment list and /health stalled for 100–300 ms behind it (bench:load).
 * Idle connections stay open (no idle timeout), so this is paid once.
 */
export async function openConnections(pool: Pool, connections: number): Promise<void> {
  await Promise.all(Array.from({ length: connections }, () => pool.sql`select 1`));
}

export async function migrateDatabase(database: Pool): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** Creates `name` on the server behind `adminUrl` unless it exists (optionally from a template). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as ok from pg_database where datname = ${name}`;
    if (!row) {
      await admin.unsafe(
        `create database ${quoteIdent(name)}${template ? ` template ${quoteIdent(template)}` : ''}`,
      );
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
