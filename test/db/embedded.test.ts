import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, ensureDatabase, migrateDatabase } from '../../src/db/client.js';
import { embeddedSettings, parseSettings, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, serverSettings, settingsHint } from '../../src/db/open.js';
import { freePort } from '../support/global-setup.js';

describe('embedded PostgreSQL', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'segment-builder-embedded-'));
  fs.chmodSync(root, 0o755);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('sizes its settings from the machine’s memory, with overrides, and runs with them (pg_prewarm loaded)', async () => {
    const gb = 1024 ** 3;
    expect(embeddedSettings(16 * gb)).toMatchObject({ shared_buffers: '4096MB', effective_cache_size: '8192MB', work_mem: '32MB' });
    expect(embeddedSettings(2 * gb)).toMatchObject({ shared_buffers: '512MB', work_mem: '16MB' });
    expect(embeddedSettings(16 * gb, parseSettings('shared_buffers=256MB, work_mem=8MB'))).toMatchObject({ shared_buffers: '256MB', work_mem: '8MB' });
    expect(() => parseSettings('shared_buffers')).toThrow(/EMBEDDED_PG_SETTINGS: "shared_buffers" is not name=value/);
    const server = await startEmbeddedPostgres({ dataDir: path.join(root, 'settings'), port: await freePort(), settings: { shared_buffers: '160MB', work_mem: '12MB' } });
    try {
      const db = connect(server.adminUrl, { max: 1 });
      const rows = await db.sql`select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'shared_preload_libraries') order by name`;
      expect(rows.map((r) => [r.name, r.setting])).toEqual([['shared_buffers', String((160 * 1024) / 8)], ['shared_preload_libraries', 'pg_prewarm'], ['work_mem', String(12 * 1024)]]);
      expect(await serverSettings(db)).toEqual({ shared_buffers: 160 * 1024 * 1024, work_mem: 12 * 1024 * 1024 });
      await db.close();

      // The same server reached through DATABASE_URL: too small for previews, and the operator is told in one line.
      await ensureDatabase(server.adminUrl, 'hinted');
      const said: string[] = [];
      const opened = await openDatabase(loadConfig({ DATABASE_URL: server.urlFor('hinted') }), (line) => said.push(line));
      await opened.close();
      expect(said).toEqual([expect.stringMatching(/^hint: the database at DATABASE_URL runs with shared_buffers=160MB, work_mem=12MB; exact previews at 1M contacts want/)]);
      expect(settingsHint({ shared_buffers: 4096 * 1024 * 1024, work_mem: 32 * 1024 * 1024 })).toBeUndefined();
      expect(settingsHint({ shared_buffers: 4096 * 1024 * 1024, work_mem: 4 * 1024 * 1024 })).toMatch(/runs with work_mem=4MB;/);
    } finally {
      await server.stop();
    }
  });

  it('keeps its data across a stop and a restart', async () => {
    const dataDir = path.join(root, 'restart');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    await ensureDatabase(first.adminUrl, 'app');
    const a = connect(first.urlFor('app'), { max: 1 });
    await migrateDatabase(a);
    await a.sql`insert into orgs (id, name) values ('org_kept', 'Kept')`;
    await a.close();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port });
    const b = connect(second.urlFor('app'), { max: 1 });
    await migrateDatabase(b); // a no-op on an up-to-date database
    expect(await b.sql`select name from orgs where id = 'org_kept'`).toEqual([{ name: 'Kept' }]);
    await b.close();
    await second.stop();
  });

  it('refuses a second server on a data folder that is in use, saying so', async () => {
    const dataDir = path.join(root, 'busy');
    const running = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(
        /Another PostgreSQL server already uses this data folder/,
      );
    } finally {
      await running.stop();
    }
  });

  it.runIf(process.getuid?.() === 0)('as root, names the private parent directory instead of failing inside initdb', async () => {
    const privateDir = path.join(root, 'private');
    fs.mkdirSync(privateDir, { mode: 0o700 });
    fs.chmodSync(privateDir, 0o700);
    await expect(startEmbeddedPostgres({ dataDir: path.join(privateDir, 'pg'), port: await freePort() })).rejects.toThrow(
      /cannot traverse \(a parent directory is private, mode 700\).*Set EMBEDDED_PG_DIR/,
    );
  });

  it.runIf(process.getuid?.() === 0)('as root, moves to the fallback data folder when the preferred one is unreachable', async () => {
    const privateDir = path.join(root, 'private-with-fallback');
    fs.mkdirSync(privateDir, { mode: 0o700 });
    fs.chmodSync(privateDir, 0o700);
    const fallbackDataDir = path.join(root, 'fallback', 'pg');
    const server = await startEmbeddedPostgres({ dataDir: path.join(privateDir, 'pg'), fallbackDataDir, port: await freePort() });
    try {
      expect(server.dataDir).toBe(fallbackDataDir);
      expect(fs.existsSync(path.join(fallbackDataDir, 'PG_VERSION'))).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
