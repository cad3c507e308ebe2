// API keys: one tenant and one role each. Only a SHA-256 of the key is stored; the key is shown once.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKeys, orgs, USER_ROLES } from '../db/schema.js';

export type Role = (typeof USER_ROLES)[number];

export interface Principal {
  orgId: string;
  role: Role;
  keyId: string;
}

const PREFIX = 'sbk_';

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class KeyError extends Error {
  override name = 'KeyError';
}

export async function createApiKey(db: Db, orgId: string, role: Role, name = `${role} key`): Promise<{ id: string; key: string }> {
  if (!USER_ROLES.includes(role)) throw new KeyError(`Unknown role "${role}"; use one of ${USER_ROLES.join(', ')}.`);
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new KeyError(`No tenant "${orgId}". Import data for it first (npm run import) or check the id.`);
  const id = `key_${randomBytes(6).toString('hex')}`;
  const key = `${PREFIX}${randomBytes(24).toString('base64url')}`;
  await db.insert(apiKeys).values({ orgId, id, name, role, hash: hashKey(key) });
  return { id, key };
}

/** The principal behind a bearer key, or undefined for an unknown or revoked key. */
export async function authenticate(db: Db, key: string): Promise<Principal | undefined> {
  if (!key.startsWith(PREFIX) || key.length > 200) return undefined;
  const [row] = await db
    .select({ orgId: apiKeys.orgId, role: apiKeys.role, id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hashKey(key)), isNull(apiKeys.revokedAt)));
  return row ? { orgId: row.orgId, role: row.role, keyId: row.id } : undefined;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

/** The tenant's keys, newest first: names and roles, never the key or its hash. */
export async function listApiKeys(db: Db, orgId: string): Promise<ApiKeyInfo[]> {
  const rows = await db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null }));
}

export async function revokeApiKey(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
