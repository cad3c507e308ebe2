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
