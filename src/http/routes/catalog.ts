// What the reviewer page's editor offers: the catalog's fields, relations and operators with the
// tenant's values as choices (src/ui/catalog.ts builds it). Read-only, any role.
import { Hono } from 'hono';
import type { Services } from '../../services.js';
import { uiCatalog } from '../../ui/catalog.js';
import { type AppEnv, requireKey } from '../auth.js';

export function catalogRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireKey(services.database.db));
  app.get('/catalog', async (c) => {
    const principal = c.get('principal');
    const tenant = await services.tenants.get(principal.orgId);
    c.header('cache-control', 'no-store');
    return c.json(uiCatalog(tenant, { orgId: principal.orgId, role: principal.role }, services.policy));
  });
  return app;
}
