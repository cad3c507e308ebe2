// Membership over time against real Postgres: each member's joinedAt (member pages and CSV), and a
// segment's size per day walked back from the membership events.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const acme = demoFixture().contacts.filter((c) => c.orgId === 'org_acme');

describe('membership over time', () => {
  let api: TestApi;
  let clock = new Date('2026-11-01T10:00:00Z');
  let id: string;
  const a = acme.slice(0, 5).map((c) => c.id);
  const b = acme.slice(5, 8).map((c) => c.id);
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, now: () => clock });
    id = (await api.call('POST', '/v1/segments', { body: { title: 'Over time', type: 'static' } })).json.id;
    await api.call('POST', `/v1/segments/${id}/members`, { body: { contactIds: a } }); // Nov 1: +5
    clock = new Date('2026-11-03T09:00:00Z');
    await api.call('POST', `/v1/segments/${id}/members`, { body: { contactIds: b } }); // Nov 3: +3
    clock = new Date('2026-11-05T12:00:00Z');
    await api.call('DELETE', `/v1/segments/${id}/members`, { body: { contactIds: [a[0]!, b[0]!] } }); // Nov 5: −2
    clock = new Date('2026-11-06T12:00:00Z');
  });

  it('gives each member the time it joined, in member pages and in the CSV export', async () => {
    const page = await api.call('GET', `/v1/segments/${id}/members?limit=50`);
    const joined = Object.fromEntries(page.json.members.map((m: { id: string; joinedAt: string }) => [m.id, m.joinedAt]));
    expect(joined).toEqual({
      ...Object.fromEntries(a.slice(1).map((c) => [c, '2026-11-01T10:00:00.000Z'])),
      ...Object.fromEntries(b.slice(1).map((c) => [c, '2026-11-03T09:00:00.000Z'])),
    });
    const csv = (await api.call('GET', `/v1/segments/${id}/export.csv`)).text.trim().split('\n');
    expect(csv[0]!.endsWith(',joined_at')).toBe(true);
    expect(csv.find((l) => l.startsWith(`${b[1]},`))!.endsWith(',2026-11-03T09:00:00Z')).toBe(true);
  });

  it('shows the size per day from the segment’s creation, with that day’s joins and leaves', async () => {
    const res = await api.call('GET', `/v1/segments/${id}/size-history?from=2026-10-30&to=2026-11-06`, { key: api.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      segmentId: id,
      from: '2026-11-01', // created that day: nothing is recorded before
      to: '2026-11-06',
      points: [
        { date: '2026-11-01', size: 5, joined: 5, left: 0 },
        { date: '2026-11-02', size: 5, joined: 0, left: 0 },
        { date: '2026-11-03', size: 8, joined: 3, left: 0 },
        { date: '2026-11-04', size: 8, joined: 0, left: 0 },
        { date: '2026-11-05', size: 6, joined: 0, left: 2 },
        { date: '2026-11-06', size: 6, joined: 0, left: 0 },
      ],
    });
  });

  it('answers a reversed or too long range with a 400 naming the parameter', async () => {
    const reversed = await api.call('GET', `/v1/segments/${id}/size-history?from=2026-11-06&to=2026-11-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.json.errors[0].path).toBe('query.from');
    expect((await api.call('GET', `/v1/segments/${id}/size-history?from=2024-01-01&to=2026-11-01`)).status).toBe(400);
  });

  it('reads "never in" as never in (not "not in now"), and "joined"/"left" within a window, from the record', async () => {
    const seg = (when: unknown, operator = 'in') => ({ type: 'group', op: 'and', negate: false, children: [{ type: 'segment', operator, segment: id, when }] });
    const count = async (rules: unknown) => {
      const res = await api.call('POST', '/v1/preview', { body: { rules } });
      expect(res.status).toBe(200);
      return res.json as { count: number; explanation: string };
    };
    const notIn = await count(seg(null, 'not_in'));
    const never = await count(seg({ event: 'member', since: null }, 'not_in'));
    expect(notIn.count).toBe(acme.length - 6);
    expect(never.count).toBe(acme.length - 8); // the two who left were in once
    expect(never.explanation).toContain('never in the segment “Over time”');
    expect((await count(seg({ event: 'member', since: null }))).count).toBe(8);
    expect((await count(seg({ event: 'joined', since: { amount: 4, unit: 'days' } }))).count).toBe(3); // Nov 3 joins, still or not
    expect((await count(seg({ event: 'left', since: '2026-11-04' }))).count).toBe(2);
    expect((await count(seg({ event: 'left', since: '2026-11-06' }))).count).toBe(0);
    const bad = await api.call('POST', '/v1/preview', { body: { rules: seg({ event: 'member', since: '2026-01-01' }) } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('rules.children[0].when.since');
  });
});
