// SIGTERM stops a busy service within a few seconds: requests and the scheduled recompute are stuck
// behind a table lock (lock timeout off, a long statement timeout), and the process still exits,
// dropping its connections and ending its pools.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/keys.js';
import { connect } from '../../src/db/client.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { createTestDatabase, dropTestDatabase } from '../support/db.js';
import { freePort } from '../support/global-setup.js';
import { eventually, holdTableLock, within } from './support.js';

describe('shutdown', () => {
  let url: string;
  let name: string;
  let key: string;
  beforeAll(async () => {
    ({ name, url } = await createTestDatabase('tmpl_fixture'));
    const database = connect(url, { max: 1 });
    key = (await createApiKey(database.db, 'org_acme', 'admin')).key;
    await database.close();
  });
  afterAll(async () => {
    await dropTestDatabase(name);
  });

  it('exits within a few seconds of SIGTERM while requests and a recompute are stuck on a lock', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/main.ts')], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOCK_TIMEOUT_MS: '0',
        STATEMENT_TIMEOUT_MS: '600000',
        RECOMPUTE_INTERVAL_MS: '1000',
        SEGMENT_CACHE_TTL_MS: '0',
        SHUTDOWN_TIMEOUT_MS: '1500',
        LLM_PROVIDER: 'builtin',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      expect(await eventually(async () => output.includes('listening on'), 60_000, 200), output).toBe(true);
      const base = `http://127.0.0.1:${port}`;
      const segments = (await within(10_000, 'GET /v1/segments', fetch(`${base}/v1/segments`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.json()))).segments as { id: string; type: string }[];
      const dynamic = segments.filter((s) => s.type === 'dynamic').map((s) => s.id);
      expect(dynamic.length).toBeGreaterThan(0);
      const lock = await holdTableLock(url, 'contacts');
      try {
        // Stuck requests: member ids (a refresh reads contacts) and a contact write.
        const stuck = [
          ...dynamic.slice(0, 2).map((id) => fetch(`${base}/v1/segments/${id}/ids`, { headers: { authorization: `Bearer ${key}` } }).catch((e: Error) => e)),
          fetch(`${base}/v1/contacts/ct_nobody`, { method: 'PATCH', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{"firstName":"x"}' }).catch((e: Error) => e),
        ];
        await new Promise((r) => setTimeout(r, 2_000)); // the scheduler's first pass starts and blocks too
        const started = Date.now();
        child.kill('SIGTERM');
        const code = await within(15_000, 'the service to exit after SIGTERM', exited);
        const tookMs = Date.now() - started;
        expect(code, output).toBe(0);
        expect(tookMs).toBeLessThan(10_000);
        expect(output).toContain('SIGTERM: shutting down');
        await within(5_000, 'the stuck requests to end', Promise.all(stuck)); // with an error: the connection was dropped
      } finally {
        await lock.release();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
