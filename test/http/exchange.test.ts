// Seeds export / import over HTTP against real Postgres: static segments (with members by id or
// email), archived state and object type travel; org_acme's export imports into an empty org; an
// unchanged re-import writes nothing and bumps no version; the report lists created / updated /
// unchanged.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/keys.js';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const fixture = demoFixture();
const cooldown = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Cooldown — Mar 2026')!;
const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;

describe('Seeds exchange', () => {
  let api: TestApi;
  let emptyKey: string;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider });
    await api.database.db.execute(sql`insert into orgs (id, name) values ('org_empty', 'Empty Inc.')`);
    emptyKey = (await createApiKey(api.database.db, 'org_empty', 'admin')).key;
    // A dynamic segment that refers to a static one, and an archived static one.
    const dyn = await api.call('POST', '/v1/segments', {
      body: { title: 'Germans not cooling down', rules: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }, { type: 'segment', operator: 'not_in', segment: cooldown.id }] } },
    });
    expect(dyn.status).toBe(201);
    expect((await api.call('POST', `/v1/segments/${q1.id}/archive`)).status).toBe(200);
  });

  const seg = async (key: string, slug: string) => (await api.call('GET', '/v1/segments', { key })).json.segments.find((s: { slug: string }) => s.slug === slug);

  it('exports static segments first, with archived state and object type, and members only when asked', async () => {
    const plain = (await api.call('GET', '/v1/segments/export', { key: api.keys.viewer })).json as { data: Record<string, unknown> & { slug: string } }[];
    const slugs = plain.map((i) => i.data.slug);
    const germans = slugs.indexOf('germans-not-cooling-down');
    expect(slugs.indexOf('cooldown-mar-2026')).toBeLessThan(germans);
    expect(plain.find((i) => i.data.slug === 'q1-batch')!.data).toMatchObject({ type: 'static', status: 'archived', object_type: 'contacts' });
    expect(plain.find((i) => i.data.slug === 'q1-batch')!.data.members).toBeUndefined();
    expect(plain.some((i) => /suppressed/.test(i.data.slug))).toBe(false); // system segments stay home
    const byEmail = (await api.call('GET', '/v1/segments/export?members=email', { key: api.keys.viewer })).json as { data: { slug: string; members?: { by: string; values: string[] } } }[];
    const members = byEmail.find((i) => i.data.slug === 'cooldown-mar-2026')!.data.members!;
    expect(members.by).toBe('email');
    const emails = new Map(fixture.contacts.map((c) => [c.id, c.email]));
    expect([...members.values].sort()).toEqual(cooldown.memberIds.map((id) => emails.get(id)!).sort());
  });

  it('imports org_acme’s export into an empty org, then re-imports it with nothing changed', async () => {
    const file = (await api.call('GET', '/v1/segments/export?members=email', { key: api.keys.viewer })).json as unknown[];
    const first = await api.call('POST', '/v1/segments/import', { key: emptyKey, body: file });
    expect(first.status).toBe(200);
    expect(first.json.created).toHaveLength(file.length);
    expect(first.json.unmatchedMembers.length).toBeGreaterThan(0); // no contacts there: reported, not fatal
    const germans = await seg(emptyKey, 'germans-not-cooling-down');
    const cool = await seg(emptyKey, 'cooldown-mar-2026');
    expect(germans.rules.children.find((c: { type: string }) => c.type === 'segment').segment).toBe(cool.id);
    expect((await seg(emptyKey, 'q1-batch')).status).toBe('archived');

    const again = await api.call('POST', '/v1/segments/import', { key: emptyKey, body: file });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: [], updated: [] });
    expect(again.json.unchanged).toHaveLength(file.length);
    const after = await seg(emptyKey, 'germans-not-cooling-down');
    expect(after.version).toBe(germans.version);
    expect(after.updatedAt).toBe(germans.updatedAt);
    const versions = await api.database.db.execute<{ n: number }>(sql`select count(*)::int as n from segment_versions where org_id = 'org_empty'`);
    expect(versions[0]!.n).toBe(file.length); // one each, from the first import
  });

  it('replaces a static segment’s members from the file (by id), with events, and reports it as updated', async () => {
    const file = (await api.call('GET', '/v1/segments/export?members=id', { key: api.keys.viewer })).json as { data: { slug: string; members?: { values: string[] } } }[];
    const item = file.find((i) => i.data.slug === 'cooldown-mar-2026')!;
    const dropped = item.data.members!.values.slice(0, 5);
    item.data.members!.values = item.data.members!.values.slice(5);
    const res = await api.call('POST', '/v1/segments/import', { body: [item] });
    expect(res.status).toBe(200);
    expect(res.json.updated).toEqual([cooldown.id]);
    const ids = await api.database.db.execute<{ contact_id: string }>(sql`select contact_id from segment_members where org_id = 'org_acme' and segment_id = ${cooldown.id}`);
    expect(ids.length).toBe(cooldown.memberIds.length - 5);
    const left = await api.call('GET', `/v1/events?segmentId=${cooldown.id}&limit=100`);
    expect(left.json.events.filter((e: { type: string }) => e.type === 'segment.left').map((e: { contact: { id: string } }) => e.contact.id).sort()).toEqual([...dropped].sort());
    // The dynamic segment that excludes the cooldown list now has those who left it (if German).
    const same = await api.call('POST', '/v1/segments/import', { body: [item] });
    expect(same.json.unchanged).toEqual([cooldown.id]);
  });

  it('refuses a type change, members on a dynamic segment and an unknown object type, changing nothing', async () => {
    const bad = await api.call('POST', '/v1/segments/import', {
      body: [
        { object_type: 'segments', data: { title: 'Cooldown — Mar 2026', slug: 'cooldown-mar-2026', query: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }] } } },
        { object_type: 'segments', data: { title: 'New one' } },
        { object_type: 'segments', data: { title: 'Dyn with members', query: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }] }, members: { by: 'id', values: ['ct_00257'] } } },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['[0].data.type', '[2].data.members']);
    const objects = await api.call('POST', '/v1/segments/import', { body: [{ object_type: 'segments', data: { title: 'Orders', object_type: 'orders' } }] });
    expect(objects.status).toBe(400);
    expect(objects.json.errors[0].path).toMatch(/data\.object_type$/);
    expect(await seg(api.keys.admin, 'new-one')).toBeUndefined();
  });
});
