// A private database per test file, cloned from a template prepared by global-setup.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { connect, type Database } from '../../src/db/client.js';

export type Template = 'tmpl_empty' | 'tmpl_fixture' | 'template0';

export function databaseUrl(name: string): string {
  return inject('pgUrlTemplate').replace('__DB__', name);
}

export async function createTestDatabase(template: Template): Promise<{ name: string; url: string }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(inject('pgAdminUrl'), { max: 1, onnotice: () => {} });
  try {
    const real = template === 'template0' ? template : inject('pgTemplates')[template];
    await admin.unsafe(`create database "${name}" template "${real}"`);
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrl(name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = postgres(inject('pgAdminUrl'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** Opens a fresh database for the calling test file and drops it after the file's tests. */
export async function useTestDatabase(template: Template, options: { statementTimeoutMs?: number } = {}): Promise<Database> {
  const { name, url } = await createTestDatabase(template);
  const database = connect(url, { max: 4, guardTransactions: true, ...options });
  afterAll(async () => {
    await database.close();
    await dropTestDatabase(name);
  });
  return database;
}
