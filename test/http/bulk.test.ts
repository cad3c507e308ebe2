// A segment's members in bulk over HTTP against real Postgres: CSV member import (matched by id or
// email, all or nothing, unmatched rows reported) and bulk tag / owner actions with their events.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const fixture = demoFixture();
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const globex = fixture.contacts.filter((c) => c.orgId === 'org_globex');
const csv = (text: string) => ({ raw: text, headers: { 'content-type': 'text/csv' } });

describe('segment members in bulk', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider });
  });
  const members = async (id: string) =>
    (await api.database.db.execute<{ contact_id: string }>(sql`select contact_id from segment_members where org_id = 'org_acme' and segment_id = ${id} order by contact_id`)).map((r) => r.contact_id);
  const staticSegment = async (title: string) => (await api.call('POST', '/v1/segments', { body: { title } })).json.id as string;

  it('imports members from CSV by email (any case, quoted, with extra columns) and reports unmatched rows with their line', async () => {
    const seg = await staticSegment('CSV by email');
    const [a, b, c] = acme;
    const file = [
      'Name,EMAIL,note',
      `"${a!.lastName}, ${a!.firstName}",${a!.email.toUpperCase()},"says ""hi"""`,
      `x,${b!.email},`,
      `y,nobody@nowhere.example,`,
      `z,${globex[0]!.email},other tenant`,
      ``,
      `w,${c!.email},"multi`,
      `line"`,
      `v,,empty`,
    ].join('\r\n');
    const res = await api.call('POST', `/v1/segments/${seg}/members/import`, csv(file));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ matchedBy: 'email', rows: 6, added: 3, alreadyMembers: 0 });
    expect(res.json.unmatched.count).toBe(3);
    expect(res.json.unmatched.rows).toEqual([
      { row: 3, value: 'nobody@nowhere.example', reason: expect.stringContaining('no contact') },
      { row: 4, value: globex[0]!.email, reason: expect.stringContaining('no contact') },
      { row: 6, value: '', reason: 'empty email' },
    ]);
    expect(await members(seg)).toEqual([a!.id, b!.id, c!.id].sort());
    // Again: nothing new, the same contacts are already members.
    const again = await api.call('POST', `/v1/segments/${seg}/members/import`, csv(file));
    expect(again.json).toMatchObject({ added: 0, alreadyMembers: 3 });
    // Each addition was one segment.joined event (cause manual).
    const events = await api.call('GET', `/v1/events?segmentId=${seg}&limit=100`);
    expect(events.json.events.filter((e: { type: string }) => e.type === 'segment.joined')).toHaveLength(3);
  });

  it('matches by the id column, and by email when told to', async () => {
    const seg = await staticSegment('CSV by id');
    const ids = acme.slice(10, 15).map((c) => c.id);
    const res = await api.call('POST', `/v1/segments/${seg}/members/import`, csv(`contact_id,email\n${ids.map((id) => `${id},ignored@example.com`).join('\n')}\nct_missing,x\n`));
    expect(res.json).toMatchObject({ matchedBy: 'id', rows: 6, added: 5, unmatched: { count: 1 } });
    const byEmail = await api.call('POST', `/v1/segments/${seg}/members/import?match=email`, csv(`id,email\nct_whatever,${acme[20]!.email}\n`));
    expect(byEmail.json).toMatchObject({ matchedBy: 'email', added: 1 });
    expect(await members(seg)).toEqual([...ids, acme[20]!.id].sort());
  });

  it('changes nothing for a malformed file, a file without a match column, a dynamic segment or a JSON body', async () => {
    const seg = await staticSegment('CSV refused');
    const bad = await api.call('POST', `/v1/segments/${seg}/members/import`, csv(`email\n${acme[0]!.email}\n"unterminated,\n`));
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].message).toMatch(/quote/i);
    const noColumn = await api.call('POST', `/v1/segments/${seg}/members/import`, csv(`name,phone\nAnna,123\n`));
    expect(noColumn.status).toBe(400);
    expect(noColumn.json.errors[0].message).toMatch(/"email" column; it has "name", "phone"/);
    const tooMany = await api.call('POST', `/v1/segments/${seg}/members/import`, csv(`id\n${Array.from({ length: 10_001 }, (_, i) => `ct_${i}`).join('\n')}\n`));
    expect(tooMany.status).toBe(400);
    expect(await members(seg)).toEqual([]);
    const dynamic = await api.call('POST', '/v1/segments', { body: { title: 'Dyn for CSV', rules: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }] } } });
    expect((await api.call('POST', `/v1/segments/${dynamic.json.id}/members/import`, csv(`email\n${acme[0]!.email}\n`))).status).toBe(409);
    expect((await api.call('POST', `/v1/segments/${seg}/members/import`, { body: { email: 'x' } })).status).toBe(415);
    expect((await api.call('POST', `/v1/segments/${seg}/members/import`, { ...csv(`email\n${acme[0]!.email}\n`), key: api.keys.viewer })).status).toBe(403);
  });

  it('tags every member in batches, and the tag moves contacts into a dynamic segment with events', async () => {
    const seg = await staticSegment('Bulk tag targets');
    const ids = acme.slice(0, 600).map((c) => c.id); // more than one batch of 500
    expect((await api.call('POST', `/v1/segments/${seg}/members`, { body: { contactIds: ids } })).status).toBe(200);
    const watcher = await api.call('POST', '/v1/segments', { body: { title: 'Newsletter readers', rules: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'tags', operator: 'eq', value: 'newsletter' }] } } });
    const newcomers = acme.slice(0, 600).filter((c) => !c.tags.includes('newsletter')).length;
    expect(watcher.status).toBe(201);
    const res = await api.call('POST', `/v1/segments/${seg}/actions/tags`, { body: { add: ['newsletter'], remove: ['trial'] } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ members: 600, batches: 2, updated: 600 });
    expect(res.json.membership.joined).toBeGreaterThanOrEqual(newcomers);
    const tagged = await api.database.db.execute<{ n: number; trial: number }>(sql`
      select count(*) filter (where 'newsletter' = any(tags))::int as n, count(*) filter (where 'trial' = any(tags))::int as trial
      from contacts where org_id = 'org_acme' and id = any(${sql.param(ids)}::text[])`);
    expect(tagged[0]).toEqual({ n: 600, trial: 0 });
    const joined = await api.call('GET', `/v1/events?segmentId=${watcher.json.id}&limit=1000`);
    expect(joined.json.events.filter((e: { type: string; cause: string }) => e.type === 'segment.joined' && e.cause === 'write')).toHaveLength(newcomers);
    const clash = await api.call('POST', `/v1/segments/${seg}/actions/tags`, { body: { add: ['vip'], remove: ['VIP'] } });
    expect(clash.status).toBe(400);
  });

  it('sets the owner of every member of a dynamic segment; an unknown owner changes nothing', async () => {
    const dyn = await api.call('POST', '/v1/segments', { body: { title: 'German partners', rules: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }, { type: 'condition', field: 'tags', operator: 'eq', value: 'partner' }] } } });
    const expected = acme.filter((c) => c.country === 'DE' && c.tags.includes('partner')).map((c) => c.id).sort();
    const unknown = await api.call('POST', `/v1/segments/${dyn.json.id}/actions/owner`, { body: { ownerId: 'usr_nobody' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].path).toBe('body.ownerId');
    const res = await api.call('POST', `/v1/segments/${dyn.json.id}/actions/owner`, { body: { ownerId: 'usr_00003' } });
    expect(res.json).toMatchObject({ members: expected.length, updated: expected.length });
    const owners = await api.database.db.execute<{ owner_id: string }>(sql`select distinct owner_id from contacts where org_id = 'org_acme' and id = any(${sql.param(expected)}::text[])`);
    expect(owners.map((o) => o.owner_id)).toEqual(['usr_00003']);
    expect((await api.call('POST', `/v1/segments/${dyn.json.id}/actions/owner`, { body: { ownerId: 'usr_00001' }, key: api.keys.viewer })).status).toBe(403);
  });
});
