// The pools open their connections before the first request (main.ts calls openConnections), so a
// burst of requests right after start does not fork backends and run SCRAM key derivation on the
// event loop while other requests wait; real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { connect, type Database, openConnections } from '../../src/db/client.js';
import { createTestDatabase, dropTestDatabase } from '../support/db.js';

describe('openConnections', () => {
  let name: string;
  let database: Database;
  let observer: postgres.Sql;
  beforeAll(async () => {
    const created = await createTestDatabase('tmpl_empty');
    name = created.name;
    database = connect(created.url, { max: 5, longReadMax: 3 });
    observer = postgres(created.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await observer.end({ timeout: 5 });
    await database.close();
    await dropTestDatabase(name);
  });

  const backends = async (application: string) =>
    (await observer<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() and application_name = ${application}`).map((r) => r.pid);

  it('opens every connection of both pools at once, and a burst afterwards opens no new one', async () => {
    expect(await backends('segment-builder')).toEqual([]); // postgres.js connects lazily
    await Promise.all([openConnections(database, 5), openConnections(database.long, 3)]);
    const short = await backends('segment-builder');
    expect(short).toHaveLength(5);
    expect(await backends('segment-builder-long')).toHaveLength(3);
    // Twenty concurrent statements are served by those five connections.
    const pids = await Promise.all(Array.from({ length: 20 }, async () => (await database.sql<{ pid: number }[]>`select pg_backend_pid() as pid, pg_sleep(0.02)`)[0]!.pid));
    expect(new Set(pids).size).toBeLessThanOrEqual(5);
    expect(pids.every((pid) => short.includes(pid))).toBe(true);
  });
});
