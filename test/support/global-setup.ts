// One real PostgreSQL server for the whole test run, with two template databases: `tmpl_empty`
// (migrated) and `tmpl_fixture` (migrated + the bundled CRM fixture). Each test file clones the
// template it needs, which takes milliseconds, so files never share state.
//
// The server is the embedded one (PostgreSQL 18), or, when TEST_DATABASE_URL is set, an external
// server reached through that admin URL (a role that may create databases; CI points it at Debian's
// PostgreSQL 15). There the templates get a per-run suffix, so that runs sharing a server do not
// collide, and are dropped at the end.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { connect, ensureDatabase, migrateDatabase } from '../../src/db/client.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { importFixture, readFixtureFile } from '../../src/fixture/import.js';
import { DEMO_FIXTURE_PATH } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgUrlTemplate: string;
    /** The real names of the template databases on the server. */
    pgTemplates: Record<'tmpl_empty' | 'tmpl_fixture', string>;
  }
}

let server: EmbeddedPostgres | undefined;
let dataRoot: string | undefined;
let external: { adminUrl: string; databases: string[] } | undefined;

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
  const target = process.env.TEST_DATABASE_URL ? await externalServer(process.env.TEST_DATABASE_URL) : await embeddedServer();
  const templates = target.templates;

  await createTemplate(target.adminUrl, templates.tmpl_empty);
  const empty = connect(target.urlFor(templates.tmpl_empty), { max: 1 });
  await migrateDatabase(empty);
  await empty.close();

  await ensureDatabase(target.adminUrl, templates.tmpl_fixture, templates.tmpl_empty);
  const withFixture = connect(target.urlFor(templates.tmpl_fixture), { max: 1 });
  await importFixture(withFixture.db, readFixtureFile(DEMO_FIXTURE_PATH));
  await withFixture.sql`vacuum analyze`;
  await withFixture.close();

  project.provide('pgAdminUrl', target.adminUrl);
  project.provide('pgUrlTemplate', target.urlFor('__DB__'));
  project.provide('pgTemplates', templates);
}

interface Target {
  adminUrl: string;
  urlFor(database: string): string;
  templates: Record<'tmpl_empty' | 'tmpl_fixture', string>;
}

async function embeddedServer(): Promise<Target> {
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'segment-builder-test-'));
  fs.chmodSync(dataRoot, 0o755); // the server's OS user must traverse it when tests run as root
  // Small buffers: the tests' data is tiny, and many test servers may share one machine.
  server = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'pg'), port: await freePort(), settings: { shared_buffers: '128MB', effective_cache_size: '512MB' } });
  return { adminUrl: server.adminUrl, urlFor: server.urlFor, templates: { tmpl_empty: 'tmpl_empty', tmpl_fixture: 'tmpl_fixture' } };
}

async function externalServer(adminUrl: string): Promise<Target> {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const templates = { tmpl_empty: `tmpl_empty_${suffix}`, tmpl_fixture: `tmpl_fixture_${suffix}` };
  external = { adminUrl, databases: [templates.tmpl_fixture, templates.tmpl_empty] };
  const urlFor = (database: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${encodeURIComponent(database)}`;
    return u.toString();
  };
  return { adminUrl, urlFor, templates };
}

/**
 * The empty template, with the same text semantics on every server: the embedded server is
 * initialised with the builtin C.UTF-8 locale (byte-order sorting, Unicode-aware lower()/upper());
 * before PostgreSQL 17 there is no builtin provider, and glibc's C.UTF-8 locale gives the same.
 * On the embedded server the template simply inherits the cluster's locale.
 */
async function createTemplate(adminUrl: string, name: string): Promise<void> {
  if (!external) return ensureDatabase(adminUrl, name);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ v } = { v: 0 }] = await admin<{ v: number }[]>`select current_setting('server_version_num')::int as v`;
    const locale = v >= 170000 ? `locale_provider = builtin builtin_locale = 'C.UTF-8' locale = 'C.UTF-8'` : `locale_provider = libc locale = 'C.UTF-8'`;
    await admin.unsafe(`create database "${name}" template template0 encoding 'UTF8' ${locale}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dataRoot) fs.rmSync(dataRoot, { recursive: true, force: true });
  if (external) {
    const admin = postgres(external.adminUrl, { max: 1, onnotice: () => {} });
    try {
      for (const name of external.databases) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  }
}
