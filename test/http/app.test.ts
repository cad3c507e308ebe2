import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../../src/http/app.js';
import { useTestDatabase } from '../support/db.js';

describe('http app', () => {
  let app: Hono;
  beforeAll(async () => {
    app = createApp({ database: await useTestDatabase('tmpl_empty') });
  });

  it('reports health from the database', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with problem+json, not HTML', async () => {
    const res = await app.request('/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not found', detail: 'No route for GET /nope.' });
  });
});
