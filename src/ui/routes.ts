// The reviewer web page, served by the same service under /app: the HTML shell, its script and
// stylesheet, and one read-only JSON endpoint with what the editor offers (catalog + tenant values).
// Everything else the page does goes through the public /v1 API with the reviewer's own key.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { Services } from '../services.js';
import { type AppEnv, requireKey } from '../http/auth.js';
import { clientBundle } from './bundle.js';
import { uiCatalog } from './catalog.js';
import { page } from './page.js';

const STYLE = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

// Scripts and styles only from this origin; the page never needs anything else.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function uiRoutes(services: Services): Hono<AppEnv> {
  const ui = new Hono<AppEnv>();

  // "/app/" → "/app", so relative links and the one page URL stay the same.
  ui.use('*', async (c, next) => {
    const path = c.req.path;
    if (path.length > 1 && path.endsWith('/')) return c.redirect(path.slice(0, -1) + new URL(c.req.url).search, 301);
    await next();
  });

  ui.get('/', async (c) => {
    const script = await clientBundle();
    c.header('content-security-policy', CSP);
    c.header('cache-control', 'no-cache');
    return c.html(page({ script: `/app/app.js?v=${hash(script)}`, style: `/app/app.css?v=${hash(STYLE)}` }));
  });

  // Cached for good only under the URL the page asks for, which changes with the content.
  const caching = (versioned: boolean) => (versioned ? 'public, max-age=31536000, immutable' : 'no-cache');

  ui.get('/app.js', async (c) => {
    const script = await clientBundle();
    return c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': caching(c.req.query('v') === hash(script)) });
  });

  ui.get('/app.css', (c) => c.body(STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': caching(c.req.query('v') === hash(STYLE)) }));

  ui.use('/api/*', requireKey(services.database.db));
  ui.get('/api/catalog', async (c) => {
    const principal = c.get('principal');
    const tenant = await services.tenants.get(principal.orgId);
    c.header('cache-control', 'no-store');
    return c.json(uiCatalog(tenant, { orgId: principal.orgId, role: principal.role }, services.definitionRoles));
  });

  return ui;
}
