// Smaller fixes of issue 17 over HTTP against real Postgres: upsert-by-name answers one item per
// name and only active static lists, POST /v1/segments infers its type, counts can be fresh.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { ensureSystemSegments } from '../../src/segments/system.js';
import { startApi, type TestApi } from '../support/api.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const tree = (value: string) => ({ type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'email', operator: 'ends_with', value }] });

describe('segment fixes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, cacheTtlMs: 60_000 });
  });

  it('upsert-by-name keeps the existing spelling and answers one item per name, in order', async () => {
    const res = await api.call('POST', '/v1/segments/upsert-by-name', { body: { names: ['q1 BATCH', 'New list', 'Q1 batch', 'NEW LIST'] } });
    expect(res.status).toBe(200);
    const titles = res.json.segments.map((s: { title: string }) => s.title);
    expect(titles).toEqual(['Q1 batch', 'New list', 'Q1 batch', 'New list']);
    expect(res.json.segments[0].id).toBe(res.json.segments[2].id);
  });

  it('upsert-by-name refuses names of dynamic, archived and system segments, names each, and creates nothing', async () => {
    const dynamic = await api.call('POST', '/v1/segments', { body: { title: 'Example domains', rules: tree('.example') } });
    expect(dynamic.status).toBe(201);
    const archived = await api.call('POST', '/v1/segments', { body: { title: 'Old list' } });
    expect(archived.json.type).toBe('static'); // no rules, no type: static
    expect((await api.call('POST', `/v1/segments/${archived.json.id}/archive`)).status).toBe(200);
    await ensureSystemSegments(api.services, 'org_acme');
    const system = (await api.call('GET', '/v1/segments')).json.segments.find((s: { system: boolean }) => s.system);
    const before = (await api.call('GET', '/v1/segments')).json.segments.length;
    const res = await api.call('POST', '/v1/segments/upsert-by-name', { body: { names: ['Brand new', 'example DOMAINS', 'old list', system.title] } });
    expect(res.status).toBe(409);
    expect(res.json.errors).toEqual([
      { path: 'names[1]', message: expect.stringContaining('is a dynamic segment') },
      { path: 'names[2]', message: expect.stringContaining('is archived') },
      { path: 'names[3]', message: expect.stringContaining('is a system segment') },
    ]);
    expect((await api.call('GET', '/v1/segments')).json.segments.length).toBe(before); // "Brand new" was not created
  });

  it('POST /v1/segments without a type: dynamic with rules, static without; an explicit type still wins', async () => {
    const dyn = await api.call('POST', '/v1/segments', { body: { title: 'Inferred dynamic', rules: tree('.test') } });
    expect(dyn.json.type).toBe('dynamic');
    const stat = await api.call('POST', '/v1/segments', { body: { title: 'Inferred static' } });
    expect(stat.json.type).toBe('static');
    const wrong = await api.call('POST', '/v1/segments', { body: { title: 'Static with rules', type: 'static', rules: tree('.test') } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors[0].path).toBe('rules');
  });

  it('counts serve the cache by default and recompute with fresh=true', async () => {
    const seg = await api.call('POST', '/v1/segments', { body: { title: 'Fresh count', rules: tree('@fresh.example') } });
    const count = async (fresh?: boolean) =>
      (await api.call('POST', '/v1/segments/counts', { body: { ids: [seg.json.id], ...(fresh === undefined ? {} : { fresh }) } })).json.counts[seg.json.id];
    expect(await count()).toBe(0);
    // A row written behind the API's back (a bulk load): only a recompute can see it.
    await api.database.db.execute(sql`
      insert into contacts (org_id, id, email, lifecycle_stage, email_status, created_at)
      values ('org_acme', 'ct_fresh_1', 'someone@fresh.example', 'lead', 'subscribed', now())`);
    expect(await count()).toBe(0);
    expect(await count(false)).toBe(0);
    expect(await count(true)).toBe(1);
  });
});
