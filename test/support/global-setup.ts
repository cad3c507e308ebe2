// One real PostgreSQL server (the embedded one) for the whole test run, with two template databases:
// `tmpl_empty` (migrated) and `tmpl_fixture` (migrated + the bundled CRM fixture). Each test file
// clones the template it needs, which takes milliseconds, so files never share state.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect, ensureDatabase, migrateDatabase } from '../../src/db/client.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { importFixture, readFixtureFile } from '../../src/fixture/import.js';
import { DEMO_FIXTURE_PATH } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgUrlTemplate: string;
  }
}

let server: EmbeddedPostgres | undefined;
let dataRoot: string | undefined;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function setup(project: TestProject): Promise<void> {
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'segment-builder-test-'));
  fs.chmodSync(dataRoot, 0o755); // the server's OS user must traverse it when tests run as root
  server = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'pg'), port: await freePort() });

  await ensureDatabase(server.adminUrl, 'tmpl_empty');
  const empty = connect(server.urlFor('tmpl_empty'), { max: 1 });
  await migrateDatabase(empty);
  await empty.close();

  await ensureDatabase(server.adminUrl, 'tmpl_fixture', 'tmpl_empty');
  const withFixture = connect(server.urlFor('tmpl_fixture'), { max: 1 });
  await importFixture(withFixture.db, readFixtureFile(DEMO_FIXTURE_PATH));
  await withFixture.sql`vacuum analyze`;
  await withFixture.close();

  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('pgUrlTemplate', server.urlFor('__DB__'));
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dataRoot) fs.rmSync(dataRoot, { recursive: true, force: true });
}
