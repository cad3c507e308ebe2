// Every cursor-taking route answers a tampered cursor with a 400 that names the cursor parameter —
// never a 500 — and the events cursor is opaque and per tenant: it names the tenant's own last
// event, so it says nothing about other tenants' event volume and means nothing in another tenant.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, cond, type EventsApi, startEventsApi } from '../events/support.js';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('cursors', () => {
  let api: EventsApi;
  let segmentId: string;
  let webhookId: string;
  beforeAll(async () => {
    api = await startEventsApi();
    const seg = await api.call('POST', '/v1/segments', { body: { title: 'Cursor plan', type: 'dynamic', rules: and(cond('first_name', 'eq', 'Cursorina')) } });
    segmentId = seg.json.id;
    webhookId = 'wh_cursor_test';
    await api.database.sql`
      insert into webhook_endpoints (org_id, id, url, secret, event_types) values
      ('org_acme', ${webhookId}, 'https://hooks.example.com/x', 'whsec_0123456789abcdef', array['segment.joined', 'segment.left']::segment_event_type[])`;
  });

  const TAMPERED: [string, string][] = [
    ['not base64url', '%%%not-base64%%%'],
    ['base64 of no JSON', b64('hello')],
    ['a JSON object, not a list', b64({ a: 1 })],
    ['the wrong number of parts', b64(['a', 'b', 'c'])],
    ['a bad date', b64(['not-a-date', 'ct_1'])],
    ['year zero', b64(['0000-01-01T00:00:00Z', 'ct_1'])],
    ['a NUL character in a part', b64(['2026-01-01T00:00:00Z', 'ct_\u0000'])],
    ['a NUL character in the cursor itself', '%00'],
    ['an empty id', b64([''])],
  ];

  const routes = () => [
    `/v1/segments/${segmentId}/ids?cursor=`,
    `/v1/segments/${segmentId}/members?sort=created_at&cursor=`,
    `/v1/segments/${segmentId}/members?sort=email&cursor=`,
    `/v1/webhooks/${webhookId}/deliveries?cursor=`,
    '/v1/events?cursor=',
    '/v1/contacts?sort=created_at&cursor=',
    '/v1/contacts?sort=last_name&cursor=',
  ];

  it('answers every tampered cursor on every cursor-taking route with a 400 naming query.cursor', async () => {
    for (const route of routes()) {
      for (const [what, cursor] of TAMPERED) {
        const encoded = cursor.startsWith('%') ? cursor : encodeURIComponent(cursor);
        const res = await api.call('GET', `${route}${encoded}`);
        // A cursor that happens to decode to something this route accepts is not tampering for it.
        if (res.status === 200) continue;
        expect(res.status, `${route} with ${what}`).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(res.json.errors?.map((e: { path: string }) => e.path), `${route} with ${what}`).toContain('query.cursor');
      }
    }
  });

  it('rejects the tampered cursors that matter on each route (not silently accepted)', async () => {
    const expect400 = async (path: string) => expect((await api.call('GET', path)).status, path).toBe(400);
    await expect400(`/v1/segments/${segmentId}/members?sort=created_at&cursor=${b64(['not-a-date', 'ct_1'])}`);
    await expect400(`/v1/segments/${segmentId}/ids?cursor=${b64(['ct_\u0000'])}`);
    await expect400(`/v1/webhooks/${webhookId}/deliveries?cursor=${b64(['0000-01-01T00:00:00Z', 'dlv_1'])}`);
    await expect400(`/v1/events?cursor=${b64(['evt_nope'])}`);
    await expect400('/v1/events?cursor=12345'); // the old global sequence numbers are not accepted
  });

  it('gives each tenant an opaque events cursor of its own', async () => {
    const acme = (await api.database.sql`select id from contacts where org_id = 'org_acme' order by id limit 3`).map((r) => r.id as string);
    const globex = (await api.database.sql`select id from contacts where org_id = 'org_globex' order by id limit 3`).map((r) => r.id as string);
    const gseg = await api.call('POST', '/v1/segments', { key: api.keys.globexAdmin, body: { title: 'Cursor plan', type: 'dynamic', rules: and(cond('first_name', 'eq', 'Cursorina')) } });
    expect(gseg.status).toBe(201);
    const write = (org: 'acme' | 'globex', id: string) =>
      api.call('PATCH', `/v1/contacts/${id}`, { key: org === 'acme' ? api.keys.admin : api.keys.globexAdmin, body: { firstName: 'Cursorina' } });

    expect((await write('acme', acme[0]!)).status).toBe(200);
    const first = await api.call('GET', `/v1/events?segmentId=${segmentId}`);
    expect(first.json.events).toHaveLength(1);
    const cursor = first.json.nextCursor as string;
    // The cursor names this tenant's own last event, nothing else (no position in a global log).
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toEqual([first.json.events[0].id]);

    for (const id of globex) expect((await write('globex', id)).status).toBe(200);
    expect((await write('acme', acme[1]!)).status).toBe(200);
    const next = await api.call('GET', `/v1/events?segmentId=${segmentId}&cursor=${cursor}`);
    expect(next.json.events.map((e: { contact: { id: string } }) => e.contact.id)).toEqual([acme[1]]);
    expect(JSON.parse(Buffer.from(next.json.nextCursor, 'base64url').toString())).toEqual([next.json.events[0].id]);

    // Another tenant's cursor means nothing here.
    const foreign = await api.call('GET', `/v1/events?cursor=${cursor}`, { key: api.keys.globexAdmin });
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors.map((e: { path: string }) => e.path)).toEqual(['query.cursor']);
  });

  it('pages through members and ids with the cursors it issues', async () => {
    const ids: string[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: { json: { ids: string[]; nextCursor: string | null } } = await api.call('GET', `/v1/segments/${segmentId}/ids?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.json.ids);
      cursor = page.json.nextCursor;
    }
    const members: string[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: { json: { members: { id: string }[]; nextCursor: string | null } } = await api.call('GET', `/v1/segments/${segmentId}/members?limit=1&sort=last_name&order=asc${cursor ? `&cursor=${cursor}` : ''}`);
      members.push(...page.json.members.map((m) => m.id));
      cursor = page.json.nextCursor;
    }
    expect(ids).toHaveLength(2); // the two contacts the events test moved in
    expect(members.sort()).toEqual(ids);
    // Sorted by creation time: the cursor carries a timestamp as PostgreSQL writes it ("…+00").
    const byDate: string[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: { status: number; json: { members: { id: string }[]; nextCursor: string | null } } = await api.call('GET', `/v1/segments/${segmentId}/members?limit=1&sort=created_at${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      byDate.push(...page.json.members.map((m) => m.id));
      cursor = page.json.nextCursor;
    }
    expect(byDate.sort()).toEqual(ids);
  });
});
