// POST /v1/segments/overlap against real Postgres: every region of the Venn diagram, exactly, for
// segments by id and rule trees mixed; bad input is a 400 naming the set.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

const acme = demoFixture().contacts.filter((c) => c.orgId === 'org_acme');

describe('segment overlap', () => {
  let api: TestApi;
  let picked: string[];
  let staticId: string;
  let dynamicId: string;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, now: () => new Date('2026-11-01T00:00:00Z') });
    picked = acme.filter((_, i) => i % 7 === 0).map((c) => c.id);
    staticId = (await api.call('POST', '/v1/segments', { body: { title: 'Every seventh', type: 'static' } })).json.id;
    expect((await api.call('POST', `/v1/segments/${staticId}/members`, { body: { contactIds: picked } })).status).toBe(200);
    dynamicId = (await api.call('POST', '/v1/segments', { body: { title: 'In Germany', type: 'dynamic', rules: and(cond('country', 'eq', 'DE')) } })).json.id;
  });

  it('counts every region of three sets (a static segment, a dynamic segment, a rule tree) exactly', async () => {
    const res = await api.call('POST', '/v1/segments/overlap', {
      key: api.keys.viewer,
      body: { segments: [{ id: staticId }, { id: dynamicId }, { rules: and(cond('tags', 'eq', 'vip')) }] },
    });
    expect(res.status).toBe(200);
    const inSet = [(c: (typeof acme)[number]) => picked.includes(c.id), (c: (typeof acme)[number]) => c.country === 'DE', (c: (typeof acme)[number]) => c.tags.includes('vip')];
    const expected = [];
    for (let mask = 1; mask < 8; mask += 1) {
      const members = [0, 1, 2].filter((i) => mask & (1 << i));
      expected.push({ in: members, count: acme.filter((c) => inSet.every((f, i) => f(c) === members.includes(i))).length });
    }
    expect(res.json.regions).toEqual(expected);
    expect(res.json.sets.map((s: { size: number }) => s.size)).toEqual(inSet.map((f) => acme.filter(f).length));
    expect(res.json.sets.map((s: { label: string }) => s.label)).toEqual(['Every seventh', 'In Germany', 'Contacts who are tagged “vip”.']);
    expect(res.json.union).toBe(acme.filter((c) => inSet.some((f) => f(c))).length);
    expect(res.json.intersection).toBe(acme.filter((c) => inSet.every((f) => f(c))).length);
    expect(res.json.total).toBe(acme.length);
    // Every region is non-trivial in this data, so a wrong bit would show.
    expect(res.json.regions.filter((r: { count: number }) => r.count > 0).length).toBeGreaterThanOrEqual(6);
  });

  it('counts a missing value as outside a positive condition (two-valued logic)', async () => {
    const res = await api.call('POST', '/v1/segments/overlap', {
      body: { segments: [{ rules: and(cond('country', 'eq', 'DE')) }, { rules: and(cond('country', 'neq', 'DE')) }] },
    });
    // "in Germany" and "not in Germany" partition the contacts: no overlap, nobody outside both.
    expect(res.json.intersection).toBe(0);
    expect(res.json.union).toBe(acme.length);
  });

  it('answers bad input with a 400 that names the set, and never counts another tenant’s segment', async () => {
    const globexSegment = (await api.call('POST', '/v1/segments', { key: api.keys.globexAdmin, body: { title: 'Globex own', type: 'static' } })).json.id;
    const res = await api.call('POST', '/v1/segments/overlap', {
      body: { segments: [{ id: globexSegment }, { rules: and(cond('industy', 'eq', 'x')) }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'body.segments[0].id', message: `no segment "${globexSegment}" in this tenant` },
      { path: 'body.segments[1].rules.children[0].field', message: expect.stringContaining('did you mean company.industry?') },
    ]);
    const one = await api.call('POST', '/v1/segments/overlap', { body: { segments: [{ id: staticId }] } });
    expect(one.status).toBe(400);
    expect(one.json.errors[0]).toEqual({ path: 'body.segments', message: 'overlap needs at least 2 segments' });
    const both = await api.call('POST', '/v1/segments/overlap', { body: { segments: [{ id: staticId, rules: and(cond('tags', 'eq', 'vip')) }, { id: dynamicId }] } });
    expect(both.status).toBe(400);
    expect(both.json.errors[0].message).toBe('give either "id" or "rules", not both');
    const six = await api.call('POST', '/v1/segments/overlap', { body: { segments: Array.from({ length: 6 }, () => ({ id: staticId })) } });
    expect(six.status).toBe(400);
  });
});
