// Segments over HTTP against real Postgres: definitions, governance, members, reads, isolation.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

const fixture = demoFixture();
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const globex = fixture.contacts.filter((c) => c.orgId === 'org_globex');
const expectedIds = (pred: (c: (typeof acme)[number]) => boolean) => acme.filter(pred).map((c) => c.id).sort();

describe('segments API', () => {
  let api: TestApi;
  let clock = new Date('2026-11-01T00:00:00Z');
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, now: () => clock, cacheTtlMs: 60_000 });
  });

  async function allIds(id: string, key = api.keys.viewer, query = ''): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.call('GET', `/v1/segments/${id}/ids?limit=10${cursor ? `&cursor=${cursor}` : ''}${query}`, { key });
      expect(res.status).toBe(200);
      out.push(...res.json.ids);
      cursor = res.json.nextCursor;
    } while (cursor);
    return out;
  }

  it('creates a dynamic segment with canonical rules and an explanation, and resolves all its ids page by page', async () => {
    const res = await api.call('POST', '/v1/segments', {
      body: { title: 'VIPs in Germany', type: 'dynamic', rules: and(cond('tags', 'eq', 'vip'), cond('country', 'eq', 'germany')) },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      title: 'VIPs in Germany',
      slug: 'vips-in-germany',
      type: 'dynamic',
      status: 'active',
      version: 1,
      explanation: 'Contacts whose country is Germany and who are tagged “vip”.',
      rules: and(cond('country', 'eq', 'DE'), cond('tags', 'eq', 'vip')),
    });
    // Read back from jsonb, the rules are still byte-identical canonical JSON.
    const read = await api.call('GET', `/v1/segments/${res.json.id}`, { key: api.keys.viewer });
    expect(JSON.stringify(read.json.rules)).toBe(JSON.stringify(and(cond('country', 'eq', 'DE'), cond('tags', 'eq', 'vip'))));
    const expected = expectedIds((c) => c.country === 'DE' && c.tags.includes('vip'));
    expect(expected.length).toBeGreaterThan(10); // more than one page
    expect(await allIds(res.json.id)).toEqual(expected);
  });

  it('lets only admins define segments, by default', async () => {
    const body = { title: 'Editors try', type: 'static' };
    expect((await api.call('POST', '/v1/segments', { key: api.keys.editor, body })).json).toMatchObject({
      status: 403,
      detail: 'Only admin keys may create segments; this key is editor.',
    });
    expect((await api.call('POST', '/v1/segments', { key: api.keys.viewer, body })).status).toBe(403);
    expect((await api.call('GET', '/v1/segments', { key: api.keys.viewer })).status).toBe(200);
  });

  it('rejects invalid rules with paths and suggestions, and saves nothing', async () => {
    const before = (await api.call('GET', '/v1/segments')).json.segments.length;
    const res = await api.call('POST', '/v1/segments', { body: { title: 'Broken', type: 'dynamic', rules: and(cond('industy', 'eq', 'Software')) } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.errors).toEqual([{ path: 'rules.children[0].field', message: expect.stringContaining('did you mean company.industry?') }]);
    expect((await api.call('GET', '/v1/segments')).json.segments.length).toBe(before);
  });

  it('keeps slugs and titles unique per tenant with a clear 409', async () => {
    await api.call('POST', '/v1/segments', { body: { title: 'Unique one', type: 'static' } });
    expect((await api.call('POST', '/v1/segments', { body: { title: 'unique ONE', slug: 'other', type: 'static' } })).json).toMatchObject({
      status: 409,
      detail: 'Another segment is already called "unique ONE".',
    });
    expect((await api.call('POST', '/v1/segments', { body: { title: 'Another', slug: 'unique-one', type: 'static' } })).json.detail).toBe(
      'Another segment already uses the slug "unique-one".',
    );
    // Another tenant may use the same title.
    expect((await api.call('POST', '/v1/segments', { key: api.keys.globexAdmin, body: { title: 'Unique one', type: 'static' } })).status).toBe(201);
  });

  describe('static members', () => {
    let id: string;
    beforeAll(async () => {
      id = (await api.call('POST', '/v1/segments', { body: { title: 'Hand picked', type: 'static' } })).json.id;
    });

    it('adds in bulk and reports ids that are unknown or another tenant’s, without revealing which', async () => {
      const res = await api.call('POST', `/v1/segments/${id}/members`, {
        key: api.keys.editor,
        body: { contactIds: [acme[0]!.id, acme[1]!.id, 'ct_nope', globex[0]!.id, acme[0]!.id] },
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ changed: [acme[0]!.id, acme[1]!.id], unchanged: [], unknown: ['ct_nope', globex[0]!.id] });
      const again = await api.call('POST', `/v1/segments/${id}/members`, { key: api.keys.editor, body: { contactIds: [acme[1]!.id, acme[2]!.id] } });
      expect(again.json).toEqual({ changed: [acme[2]!.id], unchanged: [acme[1]!.id], unknown: [] });
      expect(await allIds(id)).toEqual([acme[0]!.id, acme[1]!.id, acme[2]!.id].sort());
    });

    it('removes in bulk, reporting non-members', async () => {
      const res = await api.call('DELETE', `/v1/segments/${id}/members`, { key: api.keys.editor, body: { contactIds: [acme[0]!.id, acme[5]!.id] } });
      expect(res.json).toEqual({ changed: [acme[0]!.id], unchanged: [acme[5]!.id], unknown: [] });
    });

    it('does not let viewers change members', async () => {
      expect((await api.call('POST', `/v1/segments/${id}/members`, { key: api.keys.viewer, body: { contactIds: [acme[9]!.id] } })).status).toBe(403);
    });

    it('loses nothing and duplicates nothing under concurrent adds and removes', async () => {
      const ids = acme.slice(100, 400).map((c) => c.id);
      const chunks = Array.from({ length: 10 }, (_, i) => ids.slice(i * 30, i * 30 + 30));
      // Every chunk added twice concurrently, plus removals of a disjoint set racing alongside.
      await Promise.all([
        ...chunks.flatMap((chunk) => [chunk, chunk]).map((chunk) => api.call('POST', `/v1/segments/${id}/members`, { body: { contactIds: chunk } })),
        ...chunks.map((chunk) => api.call('DELETE', `/v1/segments/${id}/members`, { body: { contactIds: chunk.map((x) => x.replace('ct_', 'ct_x')) } })),
      ]);
      const members = await allIds(id);
      expect(members.length).toBe(new Set(members).size);
      expect(members).toEqual(expect.arrayContaining(ids));
      await Promise.all(chunks.map((chunk) => api.call('DELETE', `/v1/segments/${id}/members`, { body: { contactIds: chunk } })));
      expect((await allIds(id)).filter((m) => ids.includes(m))).toEqual([]);
    });
  });

  it('refuses member edits on a dynamic segment with 409, and freezes it into a static snapshot', async () => {
    const dyn = (await api.call('POST', '/v1/segments', { body: { title: 'Pro plan', type: 'dynamic', rules: and(cond('properties.plan', 'eq', 'pro')) } })).json;
    const res = await api.call('POST', `/v1/segments/${dyn.id}/members`, { body: { contactIds: [acme[0]!.id] } });
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/^"Pro plan" is a dynamic segment: its members come from its rules/);
    const frozen = await api.call('POST', `/v1/segments/${dyn.id}/freeze`, { body: { title: 'Pro plan snapshot' } });
    expect(frozen.status).toBe(201);
    expect(frozen.json).toMatchObject({ type: 'static', title: 'Pro plan snapshot', rules: null });
    expect(await allIds(frozen.json.id)).toEqual(expectedIds((c) => c.customProperties.plan === 'pro'));
  });

  it('creates one segment per name under concurrent upsert-by-name calls', async () => {
    const names = ['Cooldown — Black Friday', 'Already ran campaign Year in Review', 'cooldown — black friday'];
    const results = await Promise.all(Array.from({ length: 8 }, () => api.call('POST', '/v1/segments/upsert-by-name', { body: { names } })));
    const ids = results.map((r) => r.json.segments.map((s: { id: string }) => s.id).join(','));
    expect(new Set(ids).size).toBe(1);
    // One item per name given, in order; the two casings are one segment, spelled as first given.
    const answer = results[0]!.json.segments;
    expect(answer).toHaveLength(3);
    expect(answer[2].id).toBe(answer[0].id);
    expect(answer.map((x: { title: string }) => x.title)).toEqual(['Cooldown — Black Friday', 'Already ran campaign Year in Review', 'Cooldown — Black Friday']);
    const all = (await api.call('GET', '/v1/segments')).json.segments.filter((s: { title: string }) => /black friday|year in review/i.test(s.title));
    expect(all).toHaveLength(2);
    // An existing fixture segment is found, not duplicated.
    const existing = await api.call('POST', '/v1/segments/upsert-by-name', { body: { names: ['Q1 batch'] } });
    expect(existing.json.segments[0].id).toBe(fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!.id);
  });

  it('counts many segments in one call and lists unknown ids', async () => {
    const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;
    const globexSeg = fixture.segments.find((s) => s.orgId === 'org_globex')!;
    const res = await api.call('POST', '/v1/segments/counts', { key: api.keys.viewer, body: { ids: [q1.id, globexSeg.id, 'seg_missing'] } });
    expect(res.json).toEqual({ counts: { [q1.id]: q1.memberIds.length }, unknown: [globexSeg.id, 'seg_missing'] });
  });

  it('serves dynamic results from a 60 s cache, recomputes on demand, and invalidates on a definition change', async () => {
    const seg = (await api.call('POST', '/v1/segments', { body: { title: 'Starter plan', type: 'dynamic', rules: and(cond('properties.plan', 'eq', 'starter')) } })).json;
    const count = async () => (await api.call('POST', '/v1/segments/counts', { body: { ids: [seg.id] } })).json.counts[seg.id];
    const starters = expectedIds((c) => c.customProperties.plan === 'starter');
    expect(await count()).toBe(starters.length);

    await api.database.sql`update contacts set properties = properties || '{"plan": "starter"}' where org_id = 'org_acme' and id = ${acme.find((c) => c.customProperties.plan === 'free')!.id}`;
    expect(await count()).toBe(starters.length); // cached
    clock = new Date(clock.getTime() + 61_000);
    expect(await count()).toBe(starters.length + 1); // expired → recomputed
    await api.database.sql`update contacts set properties = properties || '{"plan": "free"}' where org_id = 'org_acme' and id = ${starters[0]!}`;
    const forced = await api.call('POST', `/v1/segments/${seg.id}/recompute`, { key: api.keys.editor });
    expect(forced.json.count).toBe(starters.length);
    const patched = await api.call('PATCH', `/v1/segments/${seg.id}`, { body: { rules: and(cond('properties.plan', 'in', ['starter', 'pro'])) } });
    expect(patched.json.version).toBe(2);
    const proOrStarter = (await api.database.sql`select count(*)::int as n from contacts where org_id = 'org_acme' and properties->>'plan' in ('starter','pro')`)[0]!.n;
    expect(await count()).toBe(proOrStarter);
  });

  it('pages members for the UI with keyset cursors in a stable sort', async () => {
    const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.call('GET', `/v1/segments/${q1.id}/members?limit=50&sort=email&order=asc${cursor ? `&cursor=${cursor}` : ''}`, { key: api.keys.viewer });
      expect(res.status).toBe(200);
      seen.push(...res.json.members.map((m: { email: string }) => m.email));
      cursor = res.json.nextCursor;
    } while (cursor);
    const expected = acme.filter((c) => q1.memberIds.includes(c.id)).map((c) => c.email);
    expect(seen).toEqual([...expected].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    expect((await api.call('GET', `/v1/segments/${q1.id}/members?cursor=garbage`)).json).toMatchObject({ status: 400, detail: expect.stringMatching(/cursor is not valid/) });
  });

  it('searches members by email or name word prefixes, pages the matches and says how many match in all', async () => {
    const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;
    const members = acme.filter((c) => q1.memberIds.includes(c.id));
    const someone = members.find((c) => c.firstName && c.lastName)!;
    const prefix = someone.email.slice(0, 2).toLowerCase();
    const byPrefix = (q: string) =>
      members.filter((c) => c.email.toLowerCase().startsWith(q) || q.split(/\s+/).every((w) => [c.firstName, c.lastName].some((n) => n?.toLowerCase().startsWith(w))));
    for (const q of [prefix, `${someone.firstName!.slice(0, 2)} ${someone.lastName!.slice(0, 3)}`.toUpperCase()]) {
      const expected = byPrefix(q.toLowerCase()).map((c) => c.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await api.call('GET', `/v1/segments/${q1.id}/members?limit=2&sort=email&order=asc&q=${encodeURIComponent(q)}${cursor ? `&cursor=${cursor}` : ''}`, { key: api.keys.viewer });
        expect(res.status).toBe(200);
        expect(res.json.matching).toBe(expected.length);
        seen.push(...res.json.members.map((m: { id: string }) => m.id));
        cursor = res.json.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(expected);
    }
    const none = await api.call('GET', `/v1/segments/${q1.id}/members?q=${encodeURIComponent('%_')}`, { key: api.keys.viewer });
    expect(none.json).toMatchObject({ members: [], matching: 0, nextCursor: null });
    expect((await api.call('GET', `/v1/segments/${q1.id}/members`, { key: api.keys.viewer })).json.matching).toBeNull();
  });

  it('streams a CSV export with a header and one row per member, quoting safely', async () => {
    const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;
    const res = await api.call('GET', `/v1/segments/${q1.id}/export.csv`, { key: api.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = res.text.trimEnd().split('\n');
    expect(lines[0]).toBe('id,first_name,last_name,email,phone,country,language,lifecycle_stage,email_status,company,tags,created_at,joined_at');
    expect(lines).toHaveLength(q1.memberIds.length + 1);
  });

  it('refuses to delete or archive a segment that another segment refers to, naming it', async () => {
    const base = (await api.call('POST', '/v1/segments', { body: { title: 'Base list', type: 'static' } })).json;
    const user = (await api.call('POST', '/v1/segments', { body: { title: 'Uses base', type: 'dynamic', rules: and({ type: 'segment', operator: 'not_in', segment: base.id }) } })).json;
    for (const [method, path] of [['DELETE', `/v1/segments/${base.id}`], ['POST', `/v1/segments/${base.id}/archive`]] as const) {
      const res = await api.call(method, path);
      expect(res.status).toBe(409);
      expect(res.json.detail).toContain(`"Uses base" (${user.id}) refers to it`);
    }
    expect((await api.call('DELETE', `/v1/segments/${user.id}`)).status).toBe(204);
    expect((await api.call('POST', `/v1/segments/${base.id}/archive`)).json.status).toBe('archived');
    expect((await api.call('POST', `/v1/segments/${base.id}/unarchive`)).json.status).toBe('active');
    expect((await api.call('DELETE', `/v1/segments/${base.id}`)).status).toBe(204);
    expect((await api.call('GET', `/v1/segments/${base.id}`)).status).toBe(404);
  });

  it('rejects a rule edit that would make segments refer to each other in a cycle', async () => {
    const a = (await api.call('POST', '/v1/segments', { body: { title: 'Cycle A', type: 'dynamic', rules: and(cond('tags', 'eq', 'trial')) } })).json;
    const b = (await api.call('POST', '/v1/segments', { body: { title: 'Cycle B', type: 'dynamic', rules: and({ type: 'segment', operator: 'in', segment: a.id }) } })).json;
    const res = await api.call('PATCH', `/v1/segments/${a.id}`, { body: { rules: and({ type: 'segment', operator: 'in', segment: b.id }) } });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toBe('segment references form a cycle: this segment → "Cycle B" → this segment');
  });

  it('duplicates a static segment with its members', async () => {
    const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;
    const copy = await api.call('POST', `/v1/segments/${q1.id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({ title: 'Q1 batch (copy)', slug: 'q1-batch-copy', type: 'static' });
    expect(await allIds(copy.json.id)).toEqual([...q1.memberIds].sort());
    expect((await api.call('POST', `/v1/segments/${q1.id}/duplicate`)).json.title).toBe('Q1 batch (copy 2)');
  });

  it('exports definitions portably and imports them into another tenant, all or nothing', async () => {
    const exported = await api.call('GET', '/v1/segments/export', { key: api.keys.viewer });
    expect(exported.status).toBe(200);
    const items = exported.json as { data: { slug: string; query: unknown } }[];
    const slugs = items.map((i) => i.data.slug);
    expect(slugs.indexOf('cycle-a')).toBeLessThan(slugs.indexOf('cycle-b')); // referenced first
    expect(JSON.stringify(items)).not.toMatch(/"segment":"seg_/); // slugs, not ids
    const portable = items.filter((i) => ['vips-in-germany', 'cycle-a', 'cycle-b'].includes(i.data.slug));

    const broken = [...portable, { object_type: 'segments', data: { title: 'Bad', object_type: 'contacts', query: and(cond('tags', 'eq', 'nope')) } }];
    const rejected = await api.call('POST', '/v1/segments/import', { key: api.keys.globexAdmin, body: broken });
    expect(rejected.status).toBe(400);
    expect(rejected.json.errors[0]).toMatchObject({ path: '[3].data.query.children[0].value', message: expect.stringMatching(/^unknown tag "nope"/) });
    const globexTitles = async () => (await api.call('GET', '/v1/segments', { key: api.keys.globexAdmin })).json.segments.map((s: { title: string }) => s.title);
    expect(await globexTitles()).not.toContain('Cycle A');

    const imported = await api.call('POST', '/v1/segments/import', { key: api.keys.globexAdmin, body: portable });
    expect(imported.status).toBe(200);
    expect(imported.json.created).toHaveLength(3);
    expect(await globexTitles()).toEqual(expect.arrayContaining(['Cycle A', 'Cycle B', 'VIPs in Germany']));
    const again = await api.call('POST', '/v1/segments/import', { key: api.keys.globexAdmin, body: portable });
    expect(again.json).toMatchObject({ created: [], updated: expect.any(Array) });
  });

  describe('tenant isolation', () => {
    it('shows a tenant-A key nothing of tenant B, guessed ids included', async () => {
      const globexSeg = fixture.segments.find((s) => s.orgId === 'org_globex')!;
      for (const [method, path] of [
        ['GET', `/v1/segments/${globexSeg.id}`],
        ['GET', `/v1/segments/${globexSeg.id}/ids`],
        ['GET', `/v1/segments/${globexSeg.id}/members`],
        ['GET', `/v1/segments/${globexSeg.id}/export.csv`],
        ['POST', `/v1/segments/${globexSeg.id}/duplicate`],
        ['DELETE', `/v1/segments/${globexSeg.id}`],
      ] as const) {
        const res = await api.call(method, path);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.json.detail).toBe(`No segment "${globexSeg.id}" in this tenant.`);
      }
      const listed = (await api.call('GET', '/v1/segments')).json.segments.map((s: { id: string }) => s.id);
      expect(listed).not.toContain(globexSeg.id);
      const rules = and(cond('email', 'contains', '@'));
      const seg = (await api.call('POST', '/v1/segments', { body: { title: 'Everyone with email', type: 'dynamic', rules } })).json;
      const ids = await allIds(seg.id);
      expect(ids).toHaveLength(acme.length);
      expect(ids.some((id) => globex.some((g) => g.id === id))).toBe(false);
    });
  });

  describe('errors', () => {
    it('answers bad input with clean problem+json, never a stack trace', async () => {
      const cases: [string, string, Parameters<TestApi['call']>[2], number, RegExp][] = [
        ['POST', '/v1/segments', { raw: '{"title": ' }, 400, /Malformed JSON/i],
        ['POST', '/v1/segments', { raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, /Send the body as application\/json/],
        ['POST', '/v1/segments', { raw: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024), type: 'static' }) }, 413, /larger than 1048576 bytes/],
        ['POST', '/v1/segments', { body: { title: '', type: 'weird' } }, 400, /The request is not valid/],
        ['GET', '/v1/segments/seg_nope', {}, 404, /No segment "seg_nope" in this tenant/],
        ['GET', '/v1/segments', { key: null }, 401, /Send an API key/],
        ['GET', '/v1/segments', { key: 'sbk_forged' }, 401, /unknown or revoked/],
        ['GET', '/v1/nothing-here', {}, 404, /No route for GET \/v1\/nothing-here/],
      ];
      for (const [method, path, options, status, detail] of cases) {
        const res = await api.call(method, path, options);
        expect(res.status, `${method} ${path}`).toBe(status);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.json.detail).toMatch(detail);
        expect(res.text).not.toMatch(/\n\s+at /);
      }
      const invalid = await api.call('POST', '/v1/segments', { body: { title: '', type: 'weird' } });
      expect(invalid.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.title', 'body.type']);
    });
  });
});
