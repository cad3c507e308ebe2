// The tenant's API keys (admins): create (the key is shown once), list, revoke — while the service
// runs, which the CLI cannot do against the embedded database it holds.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/keys.js';
import { USER_ROLES } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { allow, type AppEnv } from '../auth.js';
import { body, json, problems, security, validationHook } from '../openapi.js';
import { IdParam } from '../schemas.js';

const ApiKey = z
  .object({ id: z.string(), name: z.string(), role: z.enum(USER_ROLES), createdAt: z.string(), revokedAt: z.string().nullable() })
  .openapi('ApiKey');
const CreatedApiKey = ApiKey.extend({ key: z.string().openapi({ description: 'The key itself. Shown this once; only its SHA-256 is stored.' }) }).openapi('CreatedApiKey');
const CreateKeyRequest = z
  .object({ name: z.string().trim().min(1).max(100).openapi({ example: 'CRM sync' }), role: z.enum(USER_ROLES) })
  .openapi('CreateKeyRequest');

export function keyRoutes(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);
  const db = services.database.db;

  app.openapi(
    createRoute({ method: 'post', path: '/keys', summary: 'Create an API key for this tenant (shown once)', security, request: body(CreateKeyRequest), responses: { 201: json(CreatedApiKey, 'The key, this once'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'keys');
      const input = c.req.valid('json');
      const { id, key } = await createApiKey(db, principal.orgId, input.role, input.name);
      const created = (await listApiKeys(db, principal.orgId)).find((k) => k.id === id)!;
      return c.json({ ...created, key }, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/keys', summary: 'List this tenant’s API keys (never the keys themselves)', security, responses: { 200: json(z.object({ keys: z.array(ApiKey) }), 'Keys, newest first'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'keys');
      return c.json({ keys: await listApiKeys(db, principal.orgId) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/keys/{id}', summary: 'Revoke an API key', security, request: { params: IdParam }, responses: { 200: json(ApiKey, 'The revoked key'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'keys');
      const { id } = c.req.valid('param');
      // A key cannot saw off the branch it sits on: a tenant would lock itself out with its last admin key.
      if (id === principal.keyId) throw new AppError('conflict', 'This is the key making the request; revoke it with another admin key.');
      const existing = (await listApiKeys(db, principal.orgId)).find((k) => k.id === id);
      if (!existing) throw new AppError('not_found', `No API key "${id}" in this tenant.`);
      if (existing.revokedAt) throw new AppError('conflict', `Key "${id}" was already revoked at ${existing.revokedAt}.`);
      await revokeApiKey(db, principal.orgId, id);
      return c.json((await listApiKeys(db, principal.orgId)).find((k) => k.id === id)!, 200);
    },
  );

  return app;
}
