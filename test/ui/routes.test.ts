// What the service serves for the reviewer page, without a browser: the page, its bundled script,
// and the catalog endpoint (key required; fields and operators straight from the catalog).
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATORS_BY_TYPE } from '../../src/rules/operators.js';
import type { UiCatalog } from '../../src/ui/catalog.js';
import { fixtureTenantValues } from '../support/fixture-tenant.js';
import { startUiServer, type UiServer } from './browser.js';

describe('reviewer page routes', () => {
  let server: UiServer;
  beforeAll(async () => {
    server = await startUiServer();
  });
  const get = (path: string, key?: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: key ? { authorization: `Bearer ${key}` } : {} });

  it('serves the page with a same-origin-only content security policy and a versioned script', async () => {
    const res = await get('/app');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/app\/app\.js\?v=[\w-]{16}$/);

    const js = await get(script!);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const body = await js.text();
    expect(body).toContain('/app/api/catalog');
    expect(body).not.toMatch(/^import .* from ["'][^./]/m); // bundled: no bare imports left for the browser

    expect((await get('/app/')).headers.get('location')).toBe('/app');
    expect((await get('/app/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('requires an API key for the catalog', async () => {
    const res = await get('/app/api/catalog');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('offers the catalog’s fields and operators and the tenant’s values as choices', async () => {
    const res = await get('/app/api/catalog', server.keys.viewer);
    expect(res.status).toBe(200);
    const catalog = (await res.json()) as UiCatalog;
    expect(catalog.principal).toEqual({ orgId: 'org_acme', role: 'viewer' });
    const tenant = fixtureTenantValues('org_acme');
    expect(catalog.fields.map((f) => f.key)).toEqual(tenant.catalog.contactFields.map((f) => f.key));
    // The tenant's own fields, with their defined types and allowed values.
    expect(catalog.fields.find((f) => f.key === 'properties.plan')).toMatchObject({
      type: 'enum',
      defined: { type: 'single_select' },
      choices: ['free', 'starter', 'pro', 'enterprise'].map((v) => ({ value: v, label: v })),
    });
    expect(catalog.fields.find((f) => f.key === 'properties.nps')).toMatchObject({ type: 'number', defined: { type: 'number' }, choices: null });
    for (const field of [...catalog.fields, ...catalog.relations.flatMap((r) => r.fields)]) {
      expect(field.operators.map((o) => o.value)).toEqual(OPERATORS_BY_TYPE[field.type]);
      expect(field.operators.every((o) => o.label.length > 0)).toBe(true);
    }
    expect(catalog.relations.map((r) => r.name)).toEqual(tenant.catalog.relations.map((r) => r.name));

    const byKey = (key: string) => catalog.fields.find((f) => f.key === key)!;
    expect(byKey('tags').choices!.map((c) => c.value)).toEqual(tenant.tags);
    expect(byKey('company.industry').choices!.map((c) => c.value)).toEqual(tenant.industries);
    expect(byKey('owner').choices!.map((c) => c.value)).toEqual(tenant.owners.map((o) => o.id));
    expect(byKey('country').choices).toContainEqual({ value: 'DE', label: 'Germany (DE)' });
    expect(byKey('email').choices).toBeNull();
    const campaigns = catalog.relations.find((r) => r.name === 'email_events')!.fields.find((f) => f.key === 'campaign')!;
    expect(campaigns.choices!.map((c) => c.value)).toEqual(tenant.campaigns.map((c) => c.id));
    expect(catalog.tenant.segments.map((s) => s.title)).toEqual(expect.arrayContaining(['Q1 batch', 'Cooldown — Mar 2026']));
  });
});
