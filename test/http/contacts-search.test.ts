// The contact book over HTTP against real Postgres: search by name and email prefix, rule-tree
// filters (in every format), keyset paging, tenant scoping and clear errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const fixture = demoFixture();
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const globex = fixture.contacts.filter((c) => c.orgId === 'org_globex');
const tree = { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }, { type: 'condition', field: 'tags', operator: 'eq', value: 'vip' }] };

describe('contacts search', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider });
  });

  async function all(path: string, method = 'GET', body?: Record<string, unknown>): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<TestApi["call"]>> = method === 'GET'
        ? await api.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=7${cursor ? `&cursor=${cursor}` : ''}`, { key: api.keys.viewer })
        : await api.call('POST', path, { key: api.keys.viewer, body: { ...body, limit: 7, ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      out.push(...res.json.contacts.map((c: { id: string }) => c.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    return out;
  }

  it('finds contacts by email prefix and by name word prefixes, case-insensitively', async () => {
    const someone = acme.find((c) => c.firstName && c.lastName)!;
    const byEmail = await api.call('GET', `/v1/contacts?q=${encodeURIComponent(someone.email.slice(0, 12).toUpperCase())}`, { key: api.keys.viewer });
    expect(byEmail.status).toBe(200);
    const expectEmail = acme.filter((c) => c.email.toLowerCase().startsWith(someone.email.slice(0, 12).toLowerCase()));
    expect(byEmail.json.contacts.map((c: { id: string }) => c.id).sort()).toEqual(expectEmail.map((c) => c.id).sort().slice(0, 50));
    const q = `${someone.firstName!.slice(0, 3).toLowerCase()} ${someone.lastName!.slice(0, 3).toUpperCase()}`;
    const byName = await all(`/v1/contacts?q=${encodeURIComponent(q)}`);
    const starts = (v: string | null, p: string) => (v ?? '').toLowerCase().startsWith(p.toLowerCase());
    const words = q.split(' ');
    const expected = acme.filter((c) => c.email.toLowerCase().startsWith(q.toLowerCase()) || words.every((w) => starts(c.firstName, w) || starts(c.lastName, w)));
    expect(byName.sort()).toEqual(expected.map((c) => c.id).sort());
    expect(byName).toContain(someone.id);
  });

  it('treats % and _ as literal text, not patterns', async () => {
    const res = await api.call('GET', `/v1/contacts?q=${encodeURIComponent('%')}`, { key: api.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.json.contacts).toEqual([]);
  });

  it('filters by a rule tree (GET query param and POST body, any format) and pages through every match once', async () => {
    const expected = acme.filter((c) => c.country === 'DE' && c.tags.includes('vip')).map((c) => c.id).sort();
    expect(expected.length).toBeGreaterThan(7); // more than one page
    const viaGet = await all(`/v1/contacts?rules=${encodeURIComponent(JSON.stringify(tree))}`);
    expect(new Set(viaGet).size).toBe(viaGet.length);
    expect([...viaGet].sort()).toEqual(expected);
    const viaPost = await all('/v1/contacts/search', 'POST', { rules: tree, sort: 'email', order: 'asc' });
    expect([...viaPost].sort()).toEqual(expected);
    // Sorted by email, ascending, across pages.
    const emails = viaPost.map((id) => acme.find((c) => c.id === id)!.email.toLowerCase());
    expect(emails).toEqual([...emails].sort());
    const rqb = { combinator: 'and', rules: [{ field: 'country', operator: '=', value: 'DE' }, { field: 'tags', operator: '=', value: 'vip' }] };
    expect((await all('/v1/contacts/search', 'POST', { rules: rqb, format: 'react-querybuilder' })).sort()).toEqual(expected);
    const first = await api.call('POST', '/v1/contacts/search', { key: api.keys.viewer, body: { rules: tree } });
    expect(first.json.explanation).toMatch(/Germany/);
  });

  it('never shows another tenant’s contacts', async () => {
    const other = globex[0]!;
    const res = await api.call('GET', `/v1/contacts?q=${encodeURIComponent(other.email)}`, { key: api.keys.viewer });
    expect(res.json.contacts).toEqual([]);
    const everyone = await all('/v1/contacts?sort=last_name&order=asc');
    expect(everyone.length).toBe(acme.length);
  });

  it('answers bad filters and cursors with a 400 naming where', async () => {
    const notJson = await api.call('GET', '/v1/contacts?rules=%7Bnope', { key: api.keys.viewer });
    expect(notJson.status).toBe(400);
    expect(notJson.json.errors[0].path).toBe('query.rules');
    const badField = await api.call('POST', '/v1/contacts/search', { key: api.keys.viewer, body: { rules: { ...tree, children: [{ type: 'condition', field: 'job_title', operator: 'eq', value: 'CTO' }] } } });
    expect(badField.status).toBe(400);
    expect(badField.json.errors[0].path).toBe('body.rules.children[0].field');
    const badCursor = await api.call('GET', '/v1/contacts?cursor=abc', { key: api.keys.viewer });
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.errors[0].path).toBe('query.cursor');
    expect((await api.call('GET', '/v1/contacts', { key: null })).status).toBe(401);
  });
});
