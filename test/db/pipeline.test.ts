// The write path's pipelining (src/db/pipeline.ts): statements sent together still run in the order
// given, on the transaction's own connection, and the statement timeout set in the same round trip
// as a transaction's first statement governs that statement. Real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { connect, type Database } from '../../src/db/client.js';
import { QueryTimeoutError } from '../../src/db/errors.js';
import { inOrder, writePath } from '../../src/db/pipeline.js';
import { withStatementTimeout } from '../../src/db/timeout.js';
import { createTestDatabase, dropTestDatabase } from '../support/db.js';

describe('pipelined statements in a transaction', () => {
  let name: string;
  let database: Database;
  beforeAll(async () => {
    const created = await createTestDatabase('tmpl_empty');
    name = created.name;
    database = connect(created.url, { max: 2 });
  });
  afterAll(async () => {
    await database.close();
    await dropTestDatabase(name);
  });

  for (const pipeline of [true, false]) {
    it(`runs them in the order given and fails as a whole (pipeline ${pipeline ? 'on' : 'off'})`, async () => {
      writePath.pipeline = pipeline;
      try {
        const seen = await withStatementTimeout(database.db, { timeoutMs: 10_000 }, async (tx) => {
          const steps = Array.from({ length: 20 }, (_, i) => tx.execute<{ v: string }>(sql`select set_config('bench.step', coalesce(nullif(current_setting('bench.step', true), ''), '') || ${`${i},`}, true) as v`));
          const out = await inOrder(...steps);
          return out.map((r) => r[0]!.v);
        });
        expect(seen.at(-1)).toBe(Array.from({ length: 20 }, (_, i) => `${i},`).join(''));
        const failed = await withStatementTimeout(database.db, { timeoutMs: 10_000 }, (tx) =>
          inOrder(tx.execute(sql`create table pipeline_t (n int)`), tx.execute(sql`select 1/0`), tx.execute(sql`insert into pipeline_t values (1)`)),
        ).catch((err: Error) => err);
        expect(String((failed as Error).cause ?? failed)).toMatch(/division by zero/);
        expect((await database.sql`select to_regclass('pipeline_t') as t`)[0]!.t).toBeNull(); // rolled back whole
      } finally {
        writePath.pipeline = true;
      }
    });
  }

  it("applies the transaction's statement timeout to its first statement, sent in the same round trip", async () => {
    const t0 = performance.now();
    await expect(withStatementTimeout(database.db, { timeoutMs: 100 }, (tx) => tx.execute(sql`select pg_sleep(5)`))).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(performance.now() - t0).toBeLessThan(4_000);
    // And the setting is the transaction's only: the connection is back to its default afterwards.
    const [row] = await database.sql<{ t: string }[]>`select current_setting('statement_timeout') as t`;
    expect(row!.t).not.toBe('100ms');
  });
});
