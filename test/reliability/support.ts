// Support for the reliability suite: a private fixture database behind production-like pools (no
// test guard, default sizes), the app served over real HTTP on 127.0.0.1, a table lock held by
// another session (to keep a statement running for as long as a test needs), and what
// pg_stat_activity says is running.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { afterAll } from 'vitest';
import { type ConnectOptions, connect, type Database } from '../../src/db/client.js';
import { noProvider } from '../events/support.js';
import { apiOver, type ApiOptions, type TestApi } from '../support/api.js';
import { createTestDatabase, dropTestDatabase } from '../support/db.js';

export interface ReliabilityApi extends TestApi {
  url: string;
  /** Base URL of the app over real HTTP. */
  base: string;
  /** Observes the server from outside the app's pools. */
  observer: postgres.Sql;
}

export async function startReliabilityApi(options: { connect?: ConnectOptions; api?: Partial<ApiOptions> } = {}): Promise<ReliabilityApi> {
  const { name, url } = await createTestDatabase('tmpl_fixture');
  const database: Database = connect(url, options.connect ?? {});
  const observer = postgres(url, { max: 2, onnotice: () => {} });
  const api = await apiOver(database, { provider: noProvider, statementTimeoutMs: 5_000, ...options.api });
  const server = serve({ fetch: api.app.fetch, hostname: '127.0.0.1', port: 0 }) as http.Server;
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await observer.end({ timeout: 5 });
    await database.close();
    await dropTestDatabase(name);
  });
  return { ...api, url, base, observer };
}

/** Holds `lock table <table> in access exclusive mode` in a session of its own until `release()`. */
export async function holdTableLock(url: string, table: string): Promise<{ release(): Promise<void> }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const session = await sql.reserve();
  await session`begin`;
  await session.unsafe(`lock table ${table} in access exclusive mode`);
  return {
    async release() {
      await session`rollback`;
      session.release();
      await sql.end({ timeout: 5 });
    },
  };
}

/** Active statements of the app's pools whose text contains `fragment`. */
export async function runningStatements(observer: postgres.Sql, fragment: string): Promise<number> {
  const [row] = await observer<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and application_name like 'segment-builder%'
      and state = 'active' and query like ${`%${fragment}%`}`;
  return row!.n;
}

/** Polls `probe` until it returns true or `ms` have passed; resolves to the last answer. */
export async function eventually(probe: () => Promise<boolean>, ms: number, everyMs = 100): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** `promise`, or a rejection naming `what` after `ms` (so a hang fails the test instead of stalling it). */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}
