// Segments of companies and of deals, end to end over HTTP: described with the built-in parser and
// with the OpenAI provider (msw), previewed, approved, read as ids / members / counts / CSV, kept up
// to date by contact and deal writes with membership webhooks, and refused where the type does not
// fit. Expected audiences are computed from the fixture here, not read from the service.
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookWorker, type WebhookWorker } from '../../src/events/worker.js';
import { BuiltinProvider } from '../../src/nl/builtin/index.js';
import { OpenAIProvider } from '../../src/nl/openai.js';
import type { Provider } from '../../src/nl/provider.js';
import { and, cond, movableClock, type EventsApi, type Receiver, startEventsApi, startReceiver } from '../events/support.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { loopbackPolicy } from '../support/resolver.js';
import { reply } from '../support/llm.js';

const asOf = '2026-11-01T00:00:00Z';
const fixture = demoFixture();
const companies = fixture.companies.filter((c) => c.orgId === 'org_acme');
const deals = fixture.deals.filter((d) => d.orgId === 'org_acme');
const contacts = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const sara = fixture.users.find((u) => u.orgId === 'org_acme' && u.name.startsWith('Sara'))!;

const bigFrench = companies.filter((c) => (c.employeeCount ?? 0) > 100 && c.country === 'FR').map((c) => c.id).sort();
// The "over 50k": the fixture's negotiations are smaller, so 10k here.
const saraNegotiation = deals.filter((d) => (d.amount ?? 0) > 10_000 && d.stage === 'negotiation' && d.ownerId === sara.id).map((d) => d.id).sort();

const BASE = 'http://llm.test/v1';
const server = setupServer();
/** The system messages the mocked model saw, per request. */
const prompts: string[][] = [];

async function ids(api: EventsApi, segmentId: string): Promise<string[]> {
  const res = await api.call('GET', `/v1/segments/${segmentId}/ids?limit=10000`, { key: api.keys.viewer });
  expect(res.status).toBe(200);
  return res.json.ids;
}

describe('segments of companies and deals over HTTP', () => {
  const clock = movableClock(asOf);
  let builtin: EventsApi;
  let openai: EventsApi;
  let receiver: Receiver;
  let worker: WebhookWorker;

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'bypass' });
    server.use(
      http.post(`${BASE}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as { messages: { role: string; content: string }[] };
        const system = body.messages.filter((m) => m.role === 'system').map((m) => m.content);
        prompts.push(system);
        const companies = system.some((m) => m.includes('This segment selects companies'));
        const deals = system.some((m) => m.includes('This segment selects deals'));
        return reply({
          refusal: null,
          assumptions: [],
          rules: companies
            ? and(cond('employee_count', 'gt', 100), cond('country', 'eq', 'FR'))
            : deals
              ? and(cond('amount', 'gt', 10_000), cond('stage', 'eq', 'negotiation'), cond('owner', 'eq', sara.email))
              : and(cond('country', 'eq', 'FR')),
        });
      }),
    );
    const openaiProvider: Provider = new OpenAIProvider({ baseURL: BASE, apiKey: 'sk-test', model: 'gpt-test', timeoutMs: 5_000, maxRetries: 0 });
    builtin = await startEventsApi({ now: clock.now, provider: new BuiltinProvider() });
    openai = await startEventsApi({ now: clock.now, provider: openaiProvider });
    receiver = await startReceiver({ clockSeconds: () => Math.floor(clock.now().getTime() / 1000) });
    worker = createWebhookWorker({ database: builtin.database, policy: loopbackPolicy(), now: clock.now, timeoutMs: 2_000, maxAgeMs: 60_000 });
  });
  afterAll(async () => {
    server.close();
    await receiver.close();
  });

  it('the fixture has audiences to find', () => {
    expect(bigFrench.length).toBeGreaterThan(0);
    expect(bigFrench.length).toBeLessThan(companies.length);
    expect(saraNegotiation.length).toBeGreaterThan(0);
  });

  it('describes, previews, approves and reads a company segment (built-in parser)', async () => {
    const draft = await builtin.call('POST', '/v1/drafts', { key: builtin.keys.editor, body: { description: 'companies with more than 100 employees in France', asOf } });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({
      objectType: 'companies',
      explanation: 'Companies whose country is France and whose size (employees) is more than 100.',
      unrecognized: [],
      preview: { objectType: 'companies', count: bigFrench.length },
    });
    const sample = draft.json.preview.sample as { id: string; name: string; country: string; employeeCount: number }[];
    expect(sample.length).toBe(Math.min(10, bigFrench.length));
    for (const row of sample) expect(row).toMatchObject({ country: 'FR', employeeCount: expect.any(Number), name: expect.any(String) });
    expect(sample.every((r) => bigFrench.includes(r.id))).toBe(true);

    const approved = await builtin.call('POST', `/v1/drafts/${draft.json.id}/approve`, { body: { title: 'Big French companies' } });
    expect(approved.status).toBe(201);
    expect(approved.json).toMatchObject({ objectType: 'companies', type: 'dynamic' });
    const seg = approved.json.id as string;

    expect(await ids(builtin, seg)).toEqual(bigFrench);
    const counts = await builtin.call('POST', '/v1/segments/counts', { key: builtin.keys.viewer, body: { ids: [seg], asOf } });
    expect(counts.json.counts[seg]).toBe(bigFrench.length);
    const members = await builtin.call('GET', `/v1/segments/${seg}/members?limit=500`, { key: builtin.keys.viewer });
    expect(members.status).toBe(200);
    expect(members.json.objectType).toBe('companies');
    expect(members.json.members.map((m: { id: string }) => m.id).sort()).toEqual(bigFrench);
    // Recorded members of a company segment carry when they joined, as contacts' do.
    expect(members.json.members.every((m: { joinedAt: unknown }) => typeof m.joinedAt === 'string' && !Number.isNaN(Date.parse(m.joinedAt)))).toBe(true);
    // Companies sort by name by default; a contact sort is refused with the ones that apply.
    const names = members.json.members.map((m: { name: string }) => m.name.toLowerCase());
    expect(names).toEqual([...names].sort((a: string, b: string) => (a > b ? -1 : a < b ? 1 : 0)));
    const badSort = await builtin.call('GET', `/v1/segments/${seg}/members?sort=email`, { key: builtin.keys.viewer });
    expect(badSort.status).toBe(400);
    expect(badSort.json.errors).toEqual([{ path: 'query.sort', message: 'use one of name, employee_count' }]);

    const csv = await builtin.call('GET', `/v1/segments/${seg}/export.csv`, { key: builtin.keys.viewer });
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('id,name,domain,industry,country,employee_count,annual_revenue,contacts,deals,joined_at');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(bigFrench);
  });

  it('describes, previews and approves a deal segment (built-in parser)', async () => {
    const draft = await builtin.call('POST', '/v1/drafts', { key: builtin.keys.editor, body: { description: 'deals over 10k in negotiation owned by Sara', asOf } });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({
      objectType: 'deals',
      explanation: `Deals whose amount (usd) is more than 10,000, whose owner is ${sara.name}, and whose stage is negotiation.`,
      unrecognized: [],
      preview: { objectType: 'deals', count: saraNegotiation.length },
    });
    for (const row of draft.json.preview.sample) expect(row).toMatchObject({ stage: 'negotiation', amount: expect.any(Number) });
    const approved = await builtin.call('POST', `/v1/drafts/${draft.json.id}/approve`, { body: { title: 'Sara negotiations over 10k' } });
    expect(approved.json.objectType).toBe('deals');
    expect(await ids(builtin, approved.json.id)).toEqual(saraNegotiation);
    const csv = await builtin.call('GET', `/v1/segments/${approved.json.id}/export.csv`, { key: builtin.keys.viewer });
    expect(csv.text.split('\n')[0]).toBe('id,name,stage,amount,owner,company_id,company,contact_id,contact_email,created_at,closed_at,joined_at');
    expect(csv.text.trim().split('\n')).toHaveLength(saraNegotiation.length + 1);
  });

  it('reads "accounts with no open deal and at least 3 contacts who opened …" as a company segment with both relations', async () => {
    const campaign = fixture.campaigns.find((c) => c.orgId === 'org_acme' && c.name === 'Spring Sale')!;
    const opened = new Set(fixture.emailEvents.filter((e) => e.orgId === 'org_acme' && e.campaignId === campaign.id && e.type === 'opened').map((e) => e.contactId));
    const open = (d: (typeof deals)[number]) => d.stage !== 'closed_won' && d.stage !== 'closed_lost';
    const expected = companies
      .filter((k) => !deals.some((d) => d.companyId === k.id && open(d)))
      .filter((k) => contacts.filter((c) => c.companyId === k.id && opened.has(c.id)).length >= 3)
      .map((k) => k.id)
      .sort();
    const res = await builtin.call('POST', '/v1/drafts', {
      key: builtin.keys.editor,
      body: { description: 'accounts with no open deal and at least 3 contacts who opened the Spring Sale', asOf },
    });
    expect(res.status).toBe(201);
    expect(res.json.objectType).toBe('companies');
    expect(res.json.unrecognized).toEqual([]);
    expect(res.json.explanation).toContain('at least 3 contacts who opened “Spring Sale”');
    expect(expected.length).toBeGreaterThan(0);
    expect(res.json.preview.count).toBe(expected.length);
  });

  it('describes a company segment with the OpenAI provider, which sees the companies catalog after the cacheable prefix', async () => {
    const draft = await openai.call('POST', '/v1/drafts', {
      key: openai.keys.editor,
      body: { description: 'big French companies', objectType: 'companies', asOf },
    });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ objectType: 'companies', provider: 'openai', preview: { count: bigFrench.length } });
    const system = prompts.at(-1)!;
    expect(system.at(-1)).toContain('This segment selects companies, not contacts');
    expect(system.at(-1)).toContain('`employee_count`');
    // The static prefix is the same bytes as for a contact segment.
    const contactDraft = await openai.call('POST', '/v1/drafts', { key: openai.keys.editor, body: { description: 'French contacts', asOf } });
    expect(contactDraft.status).toBe(201);
    expect(contactDraft.json.objectType).toBe('contacts');
    expect(prompts.at(-1)![0]).toBe(system[0]);
    expect(prompts.at(-1)!.some((m) => m.includes('This segment selects'))).toBe(false);
    const approved = await openai.call('POST', `/v1/drafts/${draft.json.id}/approve`, { body: { title: 'Big French (LLM)' } });
    expect(approved.json.objectType).toBe('companies');
  });

  it('describes a deal segment with the OpenAI provider: the deals catalog in the prompt, deal rows in the preview, members and CSV of deals', async () => {
    const draft = await openai.call('POST', '/v1/drafts', { key: openai.keys.editor, body: { description: 'deals over 10k in negotiation owned by Sara', asOf } });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ objectType: 'deals', provider: 'openai', preview: { objectType: 'deals', count: saraNegotiation.length, reach: null } });
    expect(draft.json.preview.funnel).toBeUndefined();
    const system = prompts.at(-1)!;
    expect(system.at(-1)).toContain('This segment selects deals, not contacts');
    expect(system.at(-1)).toContain('relation `company`');
    // The owner the model named by email is resolved to the user's id, as for contacts.
    expect(JSON.stringify(draft.json.rules)).toContain(sara.id);
    for (const row of draft.json.preview.sample) expect(row).toMatchObject({ stage: 'negotiation', amount: expect.any(Number) });
    const approved = await openai.call('POST', `/v1/drafts/${draft.json.id}/approve`, { body: { title: 'Sara negotiations (LLM)' } });
    expect(approved.status).toBe(201);
    expect(approved.json.objectType).toBe('deals');
    expect(await ids(openai, approved.json.id)).toEqual(saraNegotiation);
    const members = await openai.call('GET', `/v1/segments/${approved.json.id}/members?sort=amount&order=asc`, { key: openai.keys.viewer });
    expect(members.status).toBe(200);
    const amounts = members.json.members.map((m: { amount: number }) => m.amount);
    expect(amounts).toEqual([...amounts].sort((a: number, b: number) => a - b));
    const csv = await openai.call('GET', `/v1/segments/${approved.json.id}/export.csv`, { key: openai.keys.viewer });
    expect(csv.text.trim().split('\n').slice(1).map((l) => l.split(',')[0]).sort()).toEqual(saraNegotiation);
  });

  it('keeps company and deal segments current on contact and deal writes, with webhook events naming the member', async () => {
    const company = companies.find((k) => contacts.some((c) => c.companyId === k.id))!;
    const contact = contacts.find((c) => c.companyId === company.id)!;
    const companySeg = await builtin.call('POST', '/v1/segments', {
      body: {
        title: 'Companies with an objects tester',
        type: 'dynamic',
        objectType: 'companies',
        rules: and({ type: 'relation', relation: 'contacts', has: true, where: and(cond('email', 'contains', 'objects-test')), count: null }),
      },
    });
    expect(companySeg.status).toBe(201);
    const dealSeg = (await builtin.call('POST', '/v1/segments', { body: { title: 'Huge deals', type: 'dynamic', objectType: 'deals', rules: and(cond('amount', 'gte', 9_000_000)) } })).json;
    const hook = await builtin.call('POST', '/v1/webhooks', { body: { url: receiver.url, segmentIds: [companySeg.json.id, dealSeg.id] } });
    expect(hook.status).toBe(201);
    receiver.secret = hook.json.secret;

    const write = await builtin.call('PATCH', `/v1/contacts/${contact.id}`, { key: builtin.keys.editor, body: { email: 'someone.objects-test@example.com' } });
    expect(write.status).toBe(200);
    const deal = await builtin.call('POST', `/v1/contacts/${contact.id}/deals`, { key: builtin.keys.editor, body: { name: 'Whale', stage: 'proposal', amount: 9_500_000 } });
    expect(deal.status).toBe(201);

    let total = 0;
    for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) total += n;
    expect(total).toBe(2);
    const bodies = receiver.received.map((r) => r.body).sort((a, b) => (a.objectType < b.objectType ? -1 : 1));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(bodies).toEqual([
      expect.objectContaining({ type: 'segment.joined', objectType: 'companies', member: { id: company.id }, segment: expect.objectContaining({ id: companySeg.json.id }), cause: 'write' }),
      expect.objectContaining({ type: 'segment.joined', objectType: 'deals', member: { id: deal.json.id }, segment: expect.objectContaining({ id: dealSeg.id }), cause: 'write' }),
    ]);
    expect(bodies.every((b) => !('contact' in b))).toBe(true);
    expect(await ids(builtin, companySeg.json.id)).toEqual([company.id]);

    // The contact moves away: its old company leaves.
    const other = companies.find((k) => k.id !== company.id)!;
    await builtin.call('PATCH', `/v1/contacts/${contact.id}`, { key: builtin.keys.editor, body: { companyId: other.id } });
    const events = (await builtin.call('GET', `/v1/events?segmentId=${companySeg.json.id}`, { key: builtin.keys.viewer })).json.events;
    expect(events.map((e: { type: string; member: { id: string } }) => [e.type, e.member.id])).toEqual([
      ['segment.joined', company.id],
      ['segment.left', company.id],
      ['segment.joined', other.id],
    ]);
  });

  it('holds static company members, reporting ids that are not companies', async () => {
    const seg = (await builtin.call('POST', '/v1/segments', { body: { title: 'Key accounts', type: 'static', objectType: 'companies' } })).json;
    expect(seg.objectType).toBe('companies');
    const add = await builtin.call('POST', `/v1/segments/${seg.id}/members`, { key: builtin.keys.editor, body: { contactIds: [companies[0]!.id, contacts[0]!.id] } });
    expect(add.json).toEqual({ changed: [companies[0]!.id], unchanged: [], unknown: [contacts[0]!.id] });
    expect(await ids(builtin, seg.id)).toEqual([companies[0]!.id]);
    // A company segment may build on it; a contact segment may not.
    const onTop = await builtin.call('POST', '/v1/preview', { body: { objectType: 'companies', rules: and({ type: 'segment', operator: 'in', segment: seg.id }) } });
    expect(onTop.status).toBe(200);
    expect(onTop.json.count).toBe(1);
  });

  it('refuses a reference to a segment of the wrong type with a 400 naming the path, and saves nothing', async () => {
    const companySeg = (await builtin.call('GET', '/v1/segments', { key: builtin.keys.viewer })).json.segments.find((s: { title: string }) => s.title === 'Big French companies');
    const before = (await builtin.call('GET', '/v1/segments', { key: builtin.keys.viewer })).json.segments.length;
    const res = await builtin.call('POST', '/v1/segments', { body: { title: 'Contacts at big French', type: 'dynamic', rules: and({ type: 'segment', operator: 'in', segment: companySeg.id }) } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      {
        path: 'rules.children[0].segment',
        message: '"Big French companies" is a segment of companies; here the rules select contacts, so only a segment of contacts can be referenced',
      },
    ]);
    expect((await builtin.call('GET', '/v1/segments', { key: builtin.keys.viewer })).json.segments.length).toBe(before);

    const contactSeg = (await builtin.call('POST', '/v1/segments', { body: { title: 'French contacts', type: 'dynamic', rules: and(cond('country', 'eq', 'FR')) } })).json;
    expect(contactSeg.objectType).toBe('contacts');
    const wrong = await builtin.call('POST', '/v1/preview', { body: { objectType: 'deals', rules: and({ type: 'segment', operator: 'in', segment: contactSeg.id }) } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors[0].message).toContain('is a segment of contacts; here the rules select deals');
    // Inside a relation to the deal's contact, the contact segment fits.
    const fits = await builtin.call('POST', '/v1/preview', {
      body: { objectType: 'deals', rules: and({ type: 'relation', relation: 'contact', has: true, where: and({ type: 'segment', operator: 'in', segment: contactSeg.id }), count: null }) },
    });
    expect(fits.status).toBe(200);
  });

  it('round-trips object_type through the Seeds exchange format', async () => {
    const exported = (await builtin.call('GET', '/v1/segments/export', { key: builtin.keys.viewer })).json;
    const big = exported.find((s: { data: { slug: string } }) => s.data.slug === 'big-french-companies');
    expect(big.data.object_type).toBe('companies');
    const res = await openai.call('POST', '/v1/segments/import', { body: [big] });
    expect(res.status).toBe(200);
    const imported = (await openai.call('GET', `/v1/segments/${res.json.created[0]}`, { key: openai.keys.viewer })).json;
    expect(imported).toMatchObject({ objectType: 'companies', slug: 'big-french-companies' });
    expect(await ids(openai, imported.id)).toEqual(bigFrench);
  });
});
