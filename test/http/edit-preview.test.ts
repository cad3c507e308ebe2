// POST /v1/segments/{id}/preview-edit against real Postgres: exactly who would join and leave, and
// nothing changes until the edit is saved — then the save's events are exactly the preview.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

const acme = demoFixture().contacts.filter((c) => c.orgId === 'org_acme');
const ids = (pred: (c: (typeof acme)[number]) => boolean) => acme.filter(pred).map((c) => c.id).sort();

describe('edit preview', () => {
  let api: TestApi;
  let id: string;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, now: () => new Date('2026-11-01T00:00:00Z') });
    id = (await api.call('POST', '/v1/segments', { body: { title: 'Germany', type: 'dynamic', rules: and(cond('country', 'eq', 'DE')) } })).json.id;
  });

  async function events(): Promise<{ type: string; contact: { id: string } }[]> {
    const out = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await api.call('GET', `/v1/events?segmentId=${id}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...page.json.events);
      if (!page.json.hasMore) return out;
      cursor = page.json.nextCursor;
    }
  }

  const edited = and(cond('country', 'in', ['DE', 'FR']), cond('tags', 'neq', 'vip'));
  const joining = ids((c) => c.country === 'FR' && !c.tags.includes('vip'));
  const leaving = ids((c) => c.country === 'DE' && c.tags.includes('vip'));

  it('lists exactly who would join and who would leave, and changes nothing', async () => {
    const before = (await api.call('GET', `/v1/segments/${id}`)).json;
    const res = await api.call('POST', `/v1/segments/${id}/preview-edit`, { key: api.keys.editor, body: { rules: edited } });
    expect(res.status).toBe(200);
    expect(joining.length).toBeGreaterThan(10);
    expect(leaving.length).toBeGreaterThan(0);
    expect(res.json).toMatchObject({
      changed: true,
      comparedWith: 'recorded_members',
      before: ids((c) => c.country === 'DE').length,
      after: ids((c) => ['DE', 'FR'].includes(c.country ?? '') && !c.tags.includes('vip')).length,
      joining: { count: joining.length },
      leaving: { count: leaving.length },
      explanation: expect.stringContaining('France'),
    });
    expect(res.json.joining.sample.map((s: { id: string }) => s.id)).toEqual(joining.slice(0, 10));
    expect(res.json.leaving.sample.map((s: { id: string }) => s.id)).toEqual(leaving.slice(0, 10));
    // Nothing saved, refreshed or recorded.
    expect((await api.call('GET', `/v1/segments/${id}`)).json).toEqual(before);
    expect(await events()).toEqual([]);
  });

  it('is what the save then does: its events are exactly the previewed joins and leaves', async () => {
    expect((await api.call('PATCH', `/v1/segments/${id}`, { body: { rules: edited } })).status).toBe(200);
    const recorded = await events();
    expect(recorded.filter((e) => e.type === 'segment.joined').map((e) => e.contact.id).sort()).toEqual(joining);
    expect(recorded.filter((e) => e.type === 'segment.left').map((e) => e.contact.id).sort()).toEqual(leaving);
    const same = await api.call('POST', `/v1/segments/${id}/preview-edit`, { body: { rules: edited } });
    expect(same.json).toMatchObject({ changed: false, joining: { count: 0, sample: [] }, leaving: { count: 0, sample: [] } });
  });

  it('refuses invalid rules with paths, static segments with 409, viewers with 403', async () => {
    const bad = await api.call('POST', `/v1/segments/${id}/preview-edit`, { body: { rules: and(cond('contry', 'eq', 'DE')) } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0]).toMatchObject({ path: 'rules.children[0].field', message: expect.stringContaining('did you mean country?') });
    const self = await api.call('POST', `/v1/segments/${id}/preview-edit`, { body: { rules: and({ type: 'segment', operator: 'in', segment: id }) } });
    expect(self.status).toBe(400);
    expect(self.json.errors[0].message).toContain('cycle');
    const staticId = (await api.call('POST', '/v1/segments', { body: { title: 'Picked', type: 'static' } })).json.id;
    expect((await api.call('POST', `/v1/segments/${staticId}/preview-edit`, { body: { rules: edited } })).status).toBe(409);
    expect((await api.call('POST', `/v1/segments/${id}/preview-edit`, { key: api.keys.viewer, body: { rules: edited } })).status).toBe(403);
    expect((await api.call('POST', `/v1/segments/seg_nope/preview-edit`, { body: { rules: edited } })).status).toBe(404);
  });
});
