// Definition history over HTTP against real Postgres: every change of title or rules is a version
// with who made it and a structural diff; the draft stays linked and goes stale; restore is one call.
import { beforeAll, describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { startApi, type TestApi } from '../support/api.js';

const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

describe('segment versions', () => {
  let api: TestApi;
  let adminKeyId: string;
  beforeAll(async () => {
    api = await startApi({ provider: new BuiltinProvider(), now: () => new Date('2026-11-01T00:00:00Z') });
    const keys = await api.call('GET', '/v1/keys');
    adminKeyId = keys.json.keys.find((k: { role: string }) => k.role === 'admin').id;
  });

  it('records creation, each title or rules change with who and a diff, and not a description-only edit', async () => {
    const seg = (await api.call('POST', '/v1/segments', { body: { title: 'Germany', type: 'dynamic', rules: and(cond('country', 'eq', 'DE'), cond('tags', 'eq', 'vip')) } })).json;
    await api.call('PATCH', `/v1/segments/${seg.id}`, { body: { description: 'only words' } });
    await api.call('PATCH', `/v1/segments/${seg.id}`, { body: { title: 'DACH VIPs' } });
    await api.call('PATCH', `/v1/segments/${seg.id}`, {
      body: { rules: and(cond('country', 'in', ['DE', 'AT']), cond('tags', 'eq', 'vip'), cond('lifecycle_stage', 'eq', 'customer')) },
    });
    const res = await api.call('GET', `/v1/segments/${seg.id}/versions`, { key: api.keys.viewer });
    expect(res.status).toBe(200);
    const v = res.json.versions;
    expect(v.map((x: { number: number; change: string }) => [x.number, x.change])).toEqual([[1, 'created'], [2, 'edited'], [3, 'edited']]);
    expect(v.every((x: { changedBy: unknown }) => JSON.stringify(x.changedBy) === JSON.stringify({ keyId: adminKeyId, role: 'admin' }))).toBe(true);
    expect(v[0].changes).toEqual([]);
    expect(v[1].changes).toEqual([{ kind: 'changed', path: 'title', before: 'Germany', after: 'DACH VIPs', beforeText: null, afterText: null }]);
    expect(v[2].changes).toEqual([
      {
        kind: 'changed',
        path: 'rules.children[0]',
        before: cond('country', 'eq', 'DE'),
        after: cond('country', 'in', ['AT', 'DE']),
        beforeText: 'Contacts whose country is Germany.',
        afterText: expect.stringContaining('Austria'),
      },
      { kind: 'added', path: 'rules.children[1]', before: null, after: cond('lifecycle_stage', 'eq', 'customer'), beforeText: null, afterText: expect.any(String) },
    ]);
    expect(v.map((x: { current: boolean }) => x.current)).toEqual([false, false, true]);
    expect(res.json.draft).toBeNull();
  });

  it('restores an old version in one call, as a new version that moves members back', async () => {
    const seg = (await api.call('POST', '/v1/segments', { body: { title: 'Restorable', type: 'dynamic', rules: and(cond('country', 'eq', 'FR')) } })).json;
    const frCount = (await api.call('POST', '/v1/segments/counts', { body: { ids: [seg.id] } })).json.counts[seg.id];
    await api.call('PATCH', `/v1/segments/${seg.id}`, { body: { title: 'Renamed', rules: and(cond('country', 'eq', 'DE')) } });
    const restored = await api.call('POST', `/v1/segments/${seg.id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ title: 'Restorable', rules: and(cond('country', 'eq', 'FR')), version: 3 });
    expect((await api.call('POST', '/v1/segments/counts', { body: { ids: [seg.id] } })).json.counts[seg.id]).toBe(frCount);
    const v = (await api.call('GET', `/v1/segments/${seg.id}/versions`)).json.versions;
    expect(v.at(-1)).toMatchObject({ number: 3, change: 'restored', restoredFrom: 1, title: 'Restorable' });
    // Restoring what is already current records nothing.
    await api.call('POST', `/v1/segments/${seg.id}/versions/3/restore`);
    expect((await api.call('GET', `/v1/segments/${seg.id}/versions`)).json.versions).toHaveLength(3);
    expect((await api.call('POST', `/v1/segments/${seg.id}/versions/9/restore`)).status).toBe(404);
    expect((await api.call('POST', `/v1/segments/${seg.id}/versions/1/restore`, { key: api.keys.viewer })).status).toBe(403);
  });

  it('keeps the approved draft linked and marks its description stale once the rules were edited', async () => {
    const draft = (await api.call('POST', '/v1/drafts', { body: { description: 'contacts in Germany' } })).json;
    const seg = (await api.call('POST', `/v1/drafts/${draft.id}/approve`, { body: { title: 'From a draft' } })).json;
    const fresh = (await api.call('GET', `/v1/segments/${seg.id}/versions`)).json;
    expect(fresh.draft).toMatchObject({ id: draft.id, description: 'contacts in Germany', stale: false });
    await api.call('PATCH', `/v1/segments/${seg.id}`, { body: { rules: and(cond('country', 'eq', 'FR')) } });
    expect((await api.call('GET', `/v1/segments/${seg.id}/versions`)).json.draft).toMatchObject({ id: draft.id, stale: true });
    // Back to the draft's rules: the description says what the segment is again.
    await api.call('POST', `/v1/segments/${seg.id}/versions/1/restore`);
    expect((await api.call('GET', `/v1/segments/${seg.id}/versions`)).json.draft.stale).toBe(false);
  });

  it('never shows another tenant’s history', async () => {
    const seg = (await api.call('POST', '/v1/segments', { body: { title: 'Acme only', type: 'static' } })).json;
    expect((await api.call('GET', `/v1/segments/${seg.id}/versions`, { key: api.keys.globexAdmin })).status).toBe(404);
  });
});
