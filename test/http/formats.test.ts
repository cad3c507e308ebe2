// Rules in another format at the edge: EzFlow criteria previewed and saved through the same path.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const criteria = {
  operator: 'AND',
  conditions: [
    { type: 'PROPERTY', propertyName: 'customProperties.plan', operator: '=', value: 'Enterprise' },
    { type: 'PROPERTY', propertyName: 'country', operator: '=', value: 'DE' },
  ],
};

describe('rules formats', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider });
  });

  it('previews EzFlow criteria exactly like the same tree in the service’s own grammar', async () => {
    const ours = {
      type: 'group', op: 'and', negate: false,
      children: [
        { type: 'condition', field: 'properties.plan', operator: 'eq', value: 'enterprise' },
        { type: 'condition', field: 'country', operator: 'eq', value: 'DE' },
      ],
    };
    const viaEzflow = await api.call('POST', '/v1/preview', { body: { format: 'ezflow', rules: criteria, asOf: '2026-11-01' } });
    const direct = await api.call('POST', '/v1/preview', { body: { rules: ours, asOf: '2026-11-01' } });
    expect(viaEzflow.status).toBe(200);
    expect(viaEzflow.json.rules).toEqual(direct.json.rules);
    expect(viaEzflow.json.count).toBe(direct.json.count);
    expect(viaEzflow.json.count).toBeGreaterThan(0);
  });

  it('saves a dynamic segment from EzFlow criteria, and names the bad part of broken criteria', async () => {
    const saved = await api.call('POST', '/v1/segments', { body: { title: 'Enterprise in Germany (EzFlow)', type: 'dynamic', format: 'ezflow', rules: criteria } });
    expect(saved.status).toBe(201);
    expect(saved.json.rules.children).toHaveLength(2);
    const broken = await api.call('POST', '/v1/preview', { body: { format: 'ezflow', rules: { operator: 'AND', conditions: [{ type: 'PROPERTY', propertyName: 'country', operator: '=' }] } } });
    expect(broken.status).toBe(400);
    expect(broken.json.errors[0].path).toMatch(/^body\.rules\.conditions\[0\]/);
    // Without the format, EzFlow criteria are not a rule tree: a 400, not a silent misreading.
    expect((await api.call('POST', '/v1/preview', { body: { rules: criteria } })).status).toBe(400);
  });
});

describe('react-querybuilder JSON and exports', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider });
  });

  const rqb = {
    combinator: 'and',
    not: false,
    rules: [
      { id: 'r-1', field: 'country', operator: 'in', value: 'DE,FR' },
      { field: 'properties.nps', operator: '>=', value: '7' },
      {
        combinator: 'or',
        rules: [
          { field: 'tags', operator: '=', value: 'vip' },
          { field: 'email', operator: 'doesNotEndWith', value: '.example' },
        ],
      },
    ],
  };
  const ours = {
    type: 'group', op: 'and', negate: false,
    children: [
      { type: 'condition', field: 'country', operator: 'in', value: ['DE', 'FR'] },
      { type: 'condition', field: 'properties.nps', operator: 'gte', value: 7 },
      {
        type: 'group', op: 'or', negate: false,
        children: [
          { type: 'condition', field: 'tags', operator: 'eq', value: 'vip' },
          { type: 'group', op: 'and', negate: true, children: [{ type: 'condition', field: 'email', operator: 'ends_with', value: '.example' }] },
        ],
      },
    ],
  };

  it('previews a react-querybuilder query exactly like the same tree in the service’s own grammar', async () => {
    const viaRqb = await api.call('POST', '/v1/preview', { body: { format: 'react-querybuilder', rules: rqb, asOf: '2026-11-01' } });
    const direct = await api.call('POST', '/v1/preview', { body: { rules: ours, asOf: '2026-11-01' } });
    expect(viaRqb.status).toBe(200);
    expect(direct.status).toBe(200);
    expect(viaRqb.json.rules).toEqual(direct.json.rules);
    expect(viaRqb.json.count).toBe(direct.json.count);
    expect(viaRqb.json.count).toBeGreaterThan(0);
  });

  it('names the bad part of a broken react-querybuilder query and saves nothing', async () => {
    const before = (await api.call('GET', '/v1/segments')).json.segments.length;
    const broken = await api.call('POST', '/v1/segments', {
      body: { title: 'Broken RQB', format: 'react-querybuilder', rules: { combinator: 'xor', rules: [{ field: 'country', operator: 'like', value: 'DE' }] } },
    });
    expect(broken.status).toBe(400);
    expect(broken.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.rules.combinator']));
    const unknownField = await api.call('POST', '/v1/preview', { body: { format: 'react-querybuilder', rules: { combinator: 'and', rules: [{ field: 'job_title', operator: '=', value: 'CTO' }] } } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.errors[0].path).toBe('rules.children[0].field');
    expect((await api.call('GET', '/v1/segments')).json.segments.length).toBe(before);
  });

  it('round-trips react-querybuilder: import → save → export → import gives the same canonical tree and members', async () => {
    const saved = await api.call('POST', '/v1/segments', { body: { title: 'RQB round trip', format: 'react-querybuilder', rules: rqb } });
    expect(saved.status).toBe(201);
    expect(saved.json.type).toBe('dynamic'); // rules given, no type: dynamic
    const exported = await api.call('GET', `/v1/segments/${saved.json.id}?format=react-querybuilder`);
    expect(exported.status).toBe(200);
    expect(exported.json.format).toBe('react-querybuilder');
    expect(exported.json.rules.combinator).toBe('and');
    const again = await api.call('POST', '/v1/preview', { body: { format: 'react-querybuilder', rules: exported.json.rules, asOf: '2026-11-01' } });
    expect(again.status).toBe(200);
    expect(again.json.rules).toEqual(saved.json.rules);
  });

  it('round-trips EzFlow: export of a property-only segment imports back to the same tree', async () => {
    const saved = await api.call('POST', '/v1/segments', { body: { title: 'EzFlow round trip', format: 'ezflow', rules: criteria } });
    expect(saved.status).toBe(201);
    const exported = await api.call('GET', `/v1/segments/${saved.json.id}?format=ezflow`);
    expect(exported.status).toBe(200);
    expect(exported.json.rules).toEqual({
      operator: 'AND',
      conditions: expect.arrayContaining([{ type: 'PROPERTY', propertyName: 'customProperties.plan', operator: '=', value: 'enterprise' }]),
    });
    const again = await api.call('POST', '/v1/preview', { body: { format: 'ezflow', rules: exported.json.rules } });
    expect(again.status).toBe(200);
    expect(again.json.rules).toEqual(saved.json.rules);
  });

  it('says which parts cannot be expressed instead of exporting a different audience', async () => {
    const tree = {
      type: 'group', op: 'and', negate: false,
      children: [
        { type: 'condition', field: 'country', operator: 'in', value: ['DE', 'FR'] },
        { type: 'relation', relation: 'deals', has: false, where: null, count: null },
      ],
    };
    const saved = await api.call('POST', '/v1/segments', { body: { title: 'No deals in DE or FR', rules: tree } });
    expect(saved.status).toBe(201);
    const ez = await api.call('GET', `/v1/segments/${saved.json.id}?format=ezflow`);
    expect(ez.status).toBe(422);
    expect(ez.json.type).toBe('/problems/not-expressible');
    const paths = ez.json.errors.map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p.endsWith('.value') || p.endsWith('.operator'))).toBe(true); // "in" with a list
    expect(ez.json.errors.some((e: { message: string }) => /deals/.test(e.message))).toBe(true);
    const rq = await api.call('GET', `/v1/segments/${saved.json.id}?format=react-querybuilder`);
    expect(rq.status).toBe(422);
    expect(rq.json.errors).toHaveLength(1);
    expect(rq.json.errors[0].message).toMatch(/has no deals.*cannot be expressed/);
    // The default format still reads it.
    expect((await api.call('GET', `/v1/segments/${saved.json.id}`)).status).toBe(200);
  });
});
