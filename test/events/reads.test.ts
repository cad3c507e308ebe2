// A contact write re-evaluates only the contact segments whose rules can read a column it changed
// (src/events/reads.ts); everything else about re-evaluation stays as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import { changedColumnsOf } from '../../src/contacts/contacts.js';
import { contactColumnsRead, mayMove } from '../../src/events/reads.js';
import { and, cond, type EventsApi, movableClock, startEventsApi } from './support.js';

describe('the contact columns a rule tree reads', () => {
  it('names the columns of plain contact conditions, company fields as company_id, properties as one column', () => {
    const tree = { type: 'group', op: 'or', negate: true, children: [cond('email', 'contains', 'x'), and(cond('company.industry', 'eq', 'saas'), cond('properties.plan', 'eq', 'pro')), cond('owner', 'eq', 'u1'), cond('tags', 'has', 'vip')] };
    expect(contactColumnsRead(tree)).toEqual(new Set(['email', 'company_id', 'properties', 'owner_id', 'tags']));
  });

  it('reads everything for relations, engagement, segment membership, clock-relative values and unknown fields', () => {
    for (const node of [
      { type: 'relation', relation: 'deals', has: true, where: null, count: null },
      { type: 'engagement', event: 'opened', match: 'any', campaigns: { last: 3, ids: null } },
      { type: 'segment', operator: 'in', segment: 'seg_1' },
      cond('created_at', 'in_last', { amount: 30, unit: 'days' }),
      cond('no_such_field', 'eq', 1),
    ]) {
      expect(contactColumnsRead(and(cond('email', 'contains', 'x'), node)), JSON.stringify(node)).toBe('all');
      expect(mayMove(and(node), new Set())).toBe(true);
    }
    expect(mayMove(and(cond('created_at', 'gt', '2026-01-01T00:00:00Z')), new Set(['email']))).toBe(false);
  });

  it('finds every changed column of a write, and "all" for a new contact', () => {
    const row = { orgId: 'o', id: 'c', companyId: null, firstName: 'A', lastName: null, email: 'a@x', phone: null, country: 'DE', language: null, lifecycleStage: 'lead' as const, ownerId: null, tags: ['a'], properties: { p: 1 } as Record<string, unknown>, emailStatus: 'subscribed' as const, createdAt: new Date(0) };
    expect(changedColumnsOf([{ before: row, after: { ...row } }])).toEqual(new Set());
    expect(changedColumnsOf([{ before: row, after: { ...row, email: 'b@x', tags: ['a', 'b'], properties: { p: 2 }, createdAt: new Date(1) } }])).toEqual(new Set(['email', 'tags', 'properties', 'created_at']));
    expect(changedColumnsOf([{ before: row, after: row }, { after: row }])).toBeUndefined();
  });
});

describe('contact writes re-evaluate the segments that can move', () => {
  const clock = movableClock('2026-11-01T00:00:00Z');
  let api: EventsApi;
  beforeAll(async () => {
    api = await startEventsApi({ now: clock.now });
  });
  const members = async (segmentId: string): Promise<string[]> => (await api.call('GET', `/v1/segments/${segmentId}/ids?limit=10000`)).json.ids;

  it('skips a segment whose columns the write did not change, and re-evaluates it when they change', async () => {
    const byCountry = (await api.call('POST', '/v1/segments', { body: { title: 'Germans (reads)', type: 'dynamic', rules: and(cond('country', 'eq', 'DE')) } })).json;
    const byEmail = (await api.call('POST', '/v1/segments', { body: { title: 'Probe mail (reads)', type: 'dynamic', rules: and(cond('email', 'contains', 'reads-probe')) } })).json;
    for (const s of [byCountry, byEmail]) expect((await api.call('POST', `/v1/segments/${s.id}/recompute`)).status).toBe(200);
    const german = (await members(byCountry.id))[0]!;
    expect(german).toBeDefined();
    // Make the stored membership stale behind the service's back: only a re-evaluation repairs it.
    await api.database.sql`delete from segment_members where segment_id = ${byCountry.id} and contact_id = ${german}`;

    const emailOnly = await api.call('PATCH', `/v1/contacts/${german}`, { body: { email: 'reads-probe@example.com' } });
    expect(emailOnly.json.membership).toEqual({ joined: [{ id: byEmail.id, slug: byEmail.slug }], left: [] });
    expect(await members(byCountry.id)).not.toContain(german); // not read, not re-evaluated

    const country = await api.call('PATCH', `/v1/contacts/${german}`, { body: { country: 'DE', firstName: 'Changed' } });
    expect(country.json.membership).toEqual({ joined: [], left: [] }); // country unchanged: still skipped
    const moved = await api.call('PATCH', `/v1/contacts/${german}`, { body: { country: 'FR' } });
    expect(moved.json.membership).toEqual({ joined: [], left: [] });
    const back = await api.call('PATCH', `/v1/contacts/${german}`, { body: { country: 'DE' } });
    expect(back.json.membership).toEqual({ joined: [{ id: byCountry.id, slug: byCountry.slug }], left: [] });
    expect(await members(byCountry.id)).toContain(german);
  });
});
