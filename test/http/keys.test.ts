// API keys over HTTP, while the service runs: admins create (shown once), list and revoke.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };

describe('keys API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider });
  });

  it('creates a key that works at once, lists it without the key, and revokes it so it stops working', async () => {
    const created = await api.call('POST', '/v1/keys', { body: { name: 'CRM sync', role: 'viewer' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'CRM sync', role: 'viewer', revokedAt: null });
    expect(created.json.key).toMatch(/^sbk_/);
    expect((await api.call('GET', '/v1/segments', { key: created.json.key })).status).toBe(200);

    const listed = await api.call('GET', '/v1/keys');
    expect(listed.status).toBe(200);
    const row = listed.json.keys.find((k: { id: string }) => k.id === created.json.id);
    expect(row).toMatchObject({ name: 'CRM sync', role: 'viewer', revokedAt: null });
    expect(JSON.stringify(listed.json)).not.toContain(created.json.key);
    expect(JSON.stringify(listed.json)).not.toMatch(/"hash"/);

    const revoked = await api.call('DELETE', `/v1/keys/${created.json.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).not.toBeNull();
    expect((await api.call('GET', '/v1/segments', { key: created.json.key })).status).toBe(401);
    expect((await api.call('DELETE', `/v1/keys/${created.json.id}`)).status).toBe(409);
  });

  it('lets only admins manage keys, and keeps tenants apart', async () => {
    for (const key of [api.keys.editor, api.keys.viewer]) {
      expect((await api.call('POST', '/v1/keys', { key, body: { name: 'x', role: 'admin' } })).status).toBe(403);
      expect((await api.call('GET', '/v1/keys', { key })).status).toBe(403);
    }
    const acme = await api.call('POST', '/v1/keys', { body: { name: 'acme only', role: 'editor' } });
    const globex = await api.call('GET', '/v1/keys', { key: api.keys.globexAdmin });
    expect(globex.json.keys.map((k: { id: string }) => k.id)).not.toContain(acme.json.id);
    expect((await api.call('DELETE', `/v1/keys/${acme.json.id}`, { key: api.keys.globexAdmin })).status).toBe(404);
  });

  it('refuses to revoke the key making the request, and rejects an unknown role naming the field', async () => {
    const listed = await api.call('GET', '/v1/keys');
    // The harness's admin key is the oldest admin key of org_acme (the list is newest first).
    const own = [...listed.json.keys].reverse().find((k: { role: string }) => k.role === 'admin');
    expect((await api.call('DELETE', `/v1/keys/${own.id}`)).status).toBe(409);
    const bad = await api.call('POST', '/v1/keys', { body: { name: 'x', role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('body.role');
  });
});
