import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import type { Provider } from '../../src/nl/provider.js';
import { createServices } from '../../src/services.js';
import { useTestDatabase } from '../support/db.js';

const noProvider: Provider = {
  name: 'none',
  model: 'none',
  generate: () => Promise.reject(new Error('not used here')),
};

describe('http app', () => {
  it('reports health from the database and answers unknown routes with problem+json', async () => {
    const app = createApp(createServices({ database: await useTestDatabase('tmpl_empty'), provider: noProvider }));
    const health = await app.request('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const res = await app.request('/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not found', detail: 'No route for GET /nope.' });
  });
});
