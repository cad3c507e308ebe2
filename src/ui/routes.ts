// The reviewer web page, served by the same service under /app: the HTML shell, its script (the
// browser program in src/web/) and stylesheet. What the editor offers (catalog + tenant values) is
// an authenticated route of the HTTP layer (src/http/routes/catalog.ts); everything else the page
// does goes through the public /v1 API with the reviewer's own key.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { clientBundle } from './bundle.js';
import { page } from './page.js';

const STYLE = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

// Scripts and styles only from this origin; the page never needs anything else.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function uiRoutes(): Hono {
  const ui = new Hono();

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

  return ui;
}
