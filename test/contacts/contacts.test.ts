// Contact writes over HTTP against real Postgres: validation with paths, tenant isolation, partial
// updates, bulk upsert (all or nothing, one evaluation statement per batch), related rows, deletes —
// and the segment joins and leaves each write causes.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/client.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { and, cond, type EventsApi, movableClock, startEventsApi } from '../events/support.js';

const fixture = demoFixture();
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const globex = fixture.contacts.filter((c) => c.orgId === 'org_globex');
const acmeCompany = fixture.companies.find((c) => c.orgId === 'org_acme')!;
const globexCompany = fixture.companies.find((c) => c.orgId === 'org_globex')!;
const acmeOwner = fixture.users.find((u) => u.orgId === 'org_acme')!;

describe('contacts API', () => {
  const clock = movableClock('2026-11-01T00:00:00Z');
  const statements: string[] = [];
  let api: EventsApi;

  beforeAll(async () => {
    api = await startEventsApi({
      now: clock.now,
      // A client that records every statement, to count what one write batch sends.
      database: (url) => connect(url, { max: 4, longReadMax: 6, guardTransactions: true, onQuery: (query) => statements.push(query) }),
      // Six recomputes race the writes below: more than the default two long reads per tenant.
      longReadsPerTenant: 6,
      longReadsTotal: 6,
    });
  });
  beforeEach(() => {
    statements.length = 0;
  });

  const segment = async (title: string, rules: unknown) => (await api.call('POST', '/v1/segments', { body: { title, type: 'dynamic', rules } })).json as { id: string; slug: string };
  const eventsOf = async (segmentId: string) => (await api.call('GET', `/v1/events?segmentId=${segmentId}&limit=1000`)).json.events;

  it('creates a contact with canonical codes and tags, and it joins matching dynamic segments in the same write', async () => {
    const vips = await segment('German VIPs', and(cond('country', 'eq', 'DE'), cond('tags', 'eq', 'vip')));
    const res = await api.call('POST', '/v1/contacts', {
      key: api.keys.editor,
      body: { email: 'greta@example.de', firstName: 'Greta', country: 'germany', language: 'German', tags: ['VIP', 'vip'], properties: { plan: 'pro', favourite_color: 'teal' }, companyId: acmeCompany.id, ownerId: acmeOwner.id },
    });
    expect(res.status).toBe(201);
    expect(res.json.contact).toMatchObject({
      id: expect.stringMatching(/^ct_/),
      email: 'greta@example.de',
      country: 'DE',
      language: 'de',
      tags: ['vip'],
      properties: { plan: 'pro', favourite_color: 'teal' },
      lifecycleStage: 'lead',
      emailStatus: 'subscribed',
      createdAt: '2026-11-01T00:00:00.000Z',
    });
    expect(res.json.membership).toEqual({ joined: [{ id: vips.id, slug: 'german-vips' }], left: [] });
    const [facts] = await api.database.sql`select cardinality(activity_at) as n from contact_activity_facts where org_id = 'org_acme' and contact_id = ${res.json.contact.id}`;
    expect(facts).toEqual({ n: 0 }); // a new contact has its (empty) facts row at once
    const read = await api.call('GET', `/v1/contacts/${res.json.contact.id}`, { key: api.keys.viewer });
    expect(read.json.segments).toEqual([{ id: vips.id, slug: 'german-vips', title: 'German VIPs' }]);
    expect(await eventsOf(vips.id)).toEqual([expect.objectContaining({ type: 'segment.joined', cause: 'write', contact: { id: res.json.contact.id } })]);
    // A taken id is a clear 409.
    const dup = await api.call('POST', '/v1/contacts', { body: { id: res.json.contact.id, email: 'x@example.com' } });
    expect(dup.status).toBe(409);
  });

  it('rejects invalid contacts with a path for every problem, and writes nothing', async () => {
    const res = await api.call('POST', '/v1/contacts', {
      body: { email: 'not-an-email', country: 'Germny', language: 'Klingonish', lifecycleStage: 'prospect', tags: [''], properties: { '1bad': 1 }, shoeSize: 44 },
    });
    expect(res.status).toBe(400);
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.country', 'body.language', 'body.lifecycleStage', 'body.tags.0', 'body.properties.1bad']));

    // Properties the tenant defined (plan: a single-select, nps: a number) must fit their field.
    const typed = await api.call('POST', '/v1/contacts', { body: { email: 'typed@example.com', properties: { plan: 'platinum', nps: 'nine', vibe: 'ok' } } });
    expect(typed.status).toBe(400);
    expect(typed.json.errors).toEqual([
      { path: 'body.properties.plan', message: 'Plan (plan) is a single-select field: expected one of "free", "starter", "pro", "enterprise", got "platinum"' },
      { path: 'body.properties.nps', message: 'NPS (nps) is a number field: expected a number, got "nine"' },
    ]);
    expect(res.json.errors).toContainEqual({ path: 'body.country', message: 'unknown country "Germny"; use an ISO 3166-1 alpha-2 code such as "DE"' });
    expect(res.json.errors.some((e: { message: string }) => /shoeSize/.test(e.message))).toBe(true);

    const refs = await api.call('POST', '/v1/contacts', { body: { email: 'r@example.com', companyId: globexCompany.id, ownerId: 'usr_nobody' } });
    expect(refs.status).toBe(400);
    expect(refs.json.errors).toEqual([
      { path: 'body.companyId', message: `no company "${globexCompany.id}" in this tenant` },
      { path: 'body.ownerId', message: 'no user "usr_nobody" in this tenant' },
    ]);
    const [row] = await api.database.sql`select count(*)::int as n from contacts where email in ('not-an-email', 'r@example.com', 'typed@example.com')`;
    expect(row!.n).toBe(0);
  });

  it('updates partially: tags replaced or edited, properties merged, null clears', async () => {
    const c = acme.find((x) => x.tags.length >= 2 && x.phone !== null)!;
    const res = await api.call('PATCH', `/v1/contacts/${c.id}`, {
      key: api.keys.editor,
      body: { phone: null, addTags: ['partner'], removeTags: [c.tags[0]!], properties: { plan: 'enterprise', source: null, note: 'met at expo' } },
    });
    expect(res.status).toBe(200);
    const expectedTags = [...new Set([...c.tags.filter((t) => t !== c.tags[0]), 'partner'])].filter((t) => t !== c.tags[0]);
    expect(res.json.contact.tags).toEqual(expectedTags);
    expect(res.json.contact.phone).toBeNull();
    expect(res.json.contact.email).toBe(c.email); // untouched
    const { source: _dropped, ...kept } = c.customProperties as Record<string, unknown>;
    expect(res.json.contact.properties).toEqual({ ...kept, plan: 'enterprise', note: 'met at expo' });
    expect((await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { tags: ['newsletter'] } })).json.contact.tags).toEqual(['newsletter']);
    expect((await api.call('PATCH', `/v1/contacts/${c.id}`, { body: {} })).json).toMatchObject({ status: 400, errors: [{ path: 'body', message: 'nothing to change: send at least one field' }] });
  });

  it('keeps tenants apart: another tenant’s contacts, companies and ids are not reachable', async () => {
    const theirs = globex[0]!;
    for (const [method, path, body] of [
      ['GET', `/v1/contacts/${theirs.id}`, undefined],
      ['PATCH', `/v1/contacts/${theirs.id}`, { firstName: 'Mallory' }],
      ['DELETE', `/v1/contacts/${theirs.id}`, undefined],
      ['POST', `/v1/contacts/${theirs.id}/deals`, { name: 'x', stage: 'proposal' }],
    ] as const) {
      const res = await api.call(method, path, body ? { body } : {});
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.detail).toBe(`No contact "${theirs.id}" in this tenant.`);
    }
    // Ids are per tenant: globex "upserting" an acme id creates a globex contact and leaves acme's alone.
    const mine = acme[3]!;
    const res = await api.call('POST', '/v1/contacts/bulk', { key: api.keys.globexAdmin, body: { contacts: [{ id: mine.id, email: 'globex-copy@example.com', companyId: acmeCompany.id }] } });
    expect(res.json.errors).toEqual([{ path: 'body.contacts.0.companyId', message: `no company "${acmeCompany.id}" in this tenant` }]);
    const ok = await api.call('POST', '/v1/contacts/bulk', { key: api.keys.globexAdmin, body: { contacts: [{ id: mine.id, email: 'globex-copy@example.com' }] } });
    expect(ok.json.created).toEqual([mine.id]);
    expect((await api.call('GET', `/v1/contacts/${mine.id}`)).json.email).toBe(mine.email);
    expect((await api.call('POST', '/v1/contacts', { key: api.keys.viewer, body: { email: 'v@example.com' } })).status).toBe(403);
  });

  it('bulk-upserts all or nothing, re-evaluating the whole batch in one pass (one statement for the leaves, one for the matches)', async () => {
    const segs = [
      await segment('Pro plan', and(cond('properties.plan', 'eq', 'pro'))),
      await segment('Customers', and(cond('lifecycle_stage', 'eq', 'customer'))),
      await segment('Big companies', and(cond('company.employee_count', 'gte', 1000))),
    ];
    const existing = acme.slice(200, 300);
    const fresh = Array.from({ length: 100 }, (_, i) => `ct_bulk_${String(i).padStart(3, '0')}`);
    const body = {
      contacts: [
        ...existing.map((c) => ({ id: c.id, lifecycleStage: 'customer', properties: { plan: 'pro' } })),
        ...fresh.map((id, i) => ({ id, email: `bulk${i}@example.com`, lifecycleStage: 'customer' })),
      ],
    };
    statements.length = 0;
    const res = await api.call('POST', '/v1/contacts/bulk', { key: api.keys.editor, body });
    expect(res.status).toBe(200);
    expect(res.json.created).toEqual(fresh);
    expect(res.json.updated).toEqual(existing.map((c) => c.id));
    const evaluations = statements.filter((s) => / union all /.test(s));
    expect(evaluations.map((s) => s.trim().split(/\s+/)[0])).toEqual(['delete', 'select']);
    for (const e of evaluations) expect(e.match(/ union all /g)!.length).toBeGreaterThanOrEqual(segs.length - 1);
    expect(statements.filter((s) => /insert into "contacts"/.test(s))).toHaveLength(1);

    const joinedPro = existing.filter((c) => c.customProperties.plan !== 'pro').length;
    const joinedCustomers = existing.filter((c) => c.lifecycleStage !== 'customer').length + fresh.length;
    expect(res.json.membership.joined).toBe(joinedPro + joinedCustomers);
    expect(await eventsOf(segs[0]!.id)).toHaveLength(joinedPro);

    const tooMany = await api.call('POST', '/v1/contacts/bulk', { body: { contacts: Array.from({ length: 1001 }, (_, i) => ({ id: `ct_x${i}`, email: `x${i}@example.com` })) } });
    expect(tooMany.json.errors[0].path).toBe('body.contacts');
    const dupes = await api.call('POST', '/v1/contacts/bulk', { body: { contacts: [{ id: 'ct_d', email: 'd@example.com' }, { id: 'ct_d', email: 'e@example.com' }] } });
    expect(dupes.json.errors).toEqual([{ path: 'body.contacts.1.id', message: '"ct_d" appears twice (also at contacts.0)' }]);
    const mixed = await api.call('POST', '/v1/contacts/bulk', {
      body: { contacts: [{ id: 'ct_good', email: 'good@example.com' }, { id: 'ct_no_email', firstName: 'N' }, { id: acme[0]!.id, ownerId: 'usr_nobody' }] },
    });
    expect(mixed.status).toBe(400);
    expect(mixed.json.errors).toEqual([{ path: 'body.contacts.1.email', message: 'required to create contact "ct_no_email", which does not exist yet' }]);
    expect((await api.call('GET', '/v1/contacts/ct_good')).status).toBe(404); // nothing was written
  });

  it('re-evaluates the contact when a deal, an activity or an email event is added', async () => {
    const dealIds = new Set(fixture.deals.map((d) => d.contactId));
    const c = acme.find((x) => !dealIds.has(x.id))!;
    const noDeals = await segment('No deals yet', and({ type: 'relation', relation: 'deals', has: false, where: null, count: null }));
    const called = await segment('Called this week', and({ type: 'relation', relation: 'activities', has: true, where: and(cond('type', 'eq', 'call'), cond('occurred_at', 'within_last', { amount: 7, unit: 'days' })), count: null }));

    const deal = await api.call('POST', `/v1/contacts/${c.id}/deals`, { key: api.keys.editor, body: { id: 'deal_new_1', name: 'Expansion', stage: 'proposal', amount: 12000 } });
    expect(deal.status).toBe(201);
    expect(deal.json).toEqual({ id: 'deal_new_1', membership: { joined: [], left: [{ id: noDeals.id, slug: 'no-deals-yet' }] } });
    expect((await api.call('POST', `/v1/contacts/${c.id}/deals`, { body: { id: 'deal_new_1', name: 'Again', stage: 'proposal' } })).status).toBe(409);
    const [row] = await api.database.sql`select company_id from deals where org_id = 'org_acme' and id = 'deal_new_1'`;
    expect(row!.company_id).toBe(c.companyId); // the contact's company by default

    const act = await api.call('POST', `/v1/contacts/${c.id}/activities`, { key: api.keys.editor, body: { type: 'call', direction: 'outbound', occurredAt: '2026-10-30T10:00:00Z' } });
    expect(act.json.membership.joined).toEqual([{ id: called.id, slug: 'called-this-week' }]);

    const badCampaign = await api.call('POST', `/v1/contacts/${c.id}/email-events`, { body: { campaignId: 'cpg_nope', type: 'opened' } });
    expect(badCampaign.json.errors).toEqual([{ path: 'body.campaignId', message: 'no campaign "cpg_nope" in this tenant' }]);
    const campaign = fixture.campaigns.find((x) => x.orgId === 'org_acme')!;
    expect((await api.call('POST', `/v1/contacts/${c.id}/email-events`, { body: { campaignId: campaign.id, type: 'opened' } })).status).toBe(201);
    // Both segments above are answered from the contact facts, which each write refreshed in its own
    // transaction: they hold exactly what a rebuild from the raw rows gives.
    const facts = () =>
      api.database.sql`select * from contact_facts f join contact_activity_facts a using (org_id, contact_id) where f.org_id = 'org_acme' and f.contact_id = ${c.id}`;
    const [written] = await facts();
    expect(written).toMatchObject({ deal_count: [0, 0, 1, 0, 0, 0], call_activity_at: '{"2026-10-30 10:00:00+00"}' });
    expect(written!.opened_campaigns).toContain(campaign.id);
    await api.database.sql`select segment_builder_refresh_facts('org_acme', array[${c.id}]::text[])`;
    expect(await facts()).toEqual([written]);
  });

  it('refreshes only the facts table the related row feeds, and the facts still equal a rebuild', async () => {
    const c = acme[3]!;
    // xmin changes exactly when a row is rewritten.
    const versions = async () =>
      (await api.database.sql<{ wide: string; narrow: string }[]>`
        select f.xmin::text as wide, a.xmin::text as narrow from contact_facts f join contact_activity_facts a using (org_id, contact_id)
        where f.org_id = 'org_acme' and f.contact_id = ${c.id}`)[0]!;
    const v0 = await versions();
    expect((await api.call('POST', `/v1/contacts/${c.id}/activities`, { body: { type: 'meeting', direction: 'inbound', occurredAt: '2026-10-29T09:00:00Z' } })).status).toBe(201);
    const v1 = await versions();
    expect(v1.wide).toBe(v0.wide); // an activity feeds only contact_activity_facts
    expect(v1.narrow).not.toBe(v0.narrow);
    expect((await api.call('POST', `/v1/contacts/${c.id}/deals`, { body: { name: 'Parts', stage: 'qualification', amount: 500 } })).status).toBe(201);
    const v2 = await versions();
    expect(v2.narrow).toBe(v1.narrow); // a deal only contact_facts
    expect(v2.wide).not.toBe(v1.wide);
    const campaign = fixture.campaigns.find((x) => x.orgId === 'org_acme')!;
    expect((await api.call('POST', `/v1/contacts/${c.id}/email-events`, { body: { campaignId: campaign.id, type: 'clicked' } })).status).toBe(201);
    expect((await versions()).narrow).toBe(v2.narrow);
    const facts = () => api.database.sql`select * from contact_facts f join contact_activity_facts a using (org_id, contact_id) where f.org_id = 'org_acme' and f.contact_id = ${c.id}`;
    const [written] = await facts();
    expect(written!.clicked_campaigns).toContain(campaign.id);
    expect(written!.meeting_activity_at).toContain('2026-10-29 09:00:00+00');
    await api.database.sql`select segment_builder_refresh_facts('org_acme', array[${c.id}]::text[])`;
    expect(await facts()).toEqual([written]);
  });

  it('records segment.left for every static and dynamic membership of a deleted contact', async () => {
    const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;
    const everyone = await segment('Everyone with an email', and(cond('email', 'contains', '@')));
    const c = q1.memberIds[0]!;
    const res = await api.call('DELETE', `/v1/contacts/${c}`, { key: api.keys.editor });
    expect(res.status).toBe(200);
    expect(res.json.membership.left).toEqual(expect.arrayContaining([{ id: q1.id, slug: 'q1-batch' }, { id: everyone.id, slug: 'everyone-with-an-email' }]));
    expect((await eventsOf(q1.id)).map((e: { type: string; cause: string; contact: { id: string } }) => [e.type, e.cause, e.contact.id])).toEqual([['segment.left', 'write', c]]);
    expect((await api.call('GET', `/v1/contacts/${c}`)).status).toBe(404);
  });

  it('neither deadlocks nor double-records when writes and recomputes of one segment race', async () => {
    const seg = await segment('Starter flippers', and(cond('properties.plan', 'eq', 'starter')));
    const membersNow = async () => (await api.database.sql`select contact_id from segment_members where org_id = 'org_acme' and segment_id = ${seg.id} order by 1`).map((r) => r.contact_id as string);
    const baseline = new Set(await membersNow());
    const targets = acme.slice(500, 560);
    const results = await Promise.all([
      ...targets.map((c, i) => api.call('PATCH', `/v1/contacts/${c.id}`, { key: api.keys.editor, body: { properties: { plan: i % 2 ? 'starter' : 'free' } } })),
      ...Array.from({ length: 6 }, () => api.call('POST', `/v1/segments/${seg.id}/recompute`, { key: api.keys.editor })),
    ]);
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const members = await membersNow();
    const truth = (await api.database.sql`select id from contacts where org_id = 'org_acme' and properties->>'plan' = 'starter' order by 1`).map((r) => r.id);
    expect(members).toEqual(truth);
    // Replaying the events from the baseline gives exactly the materialized set: nothing lost, nothing twice.
    for (const e of await eventsOf(seg.id)) {
      if (e.type === 'segment.joined') {
        expect(baseline.has(e.contact.id), `joined twice: ${e.contact.id}`).toBe(false);
        baseline.add(e.contact.id);
      } else {
        expect(baseline.has(e.contact.id), `left without being in: ${e.contact.id}`).toBe(true);
        baseline.delete(e.contact.id);
      }
    }
    expect([...baseline].sort()).toEqual(truth);
  });
});
