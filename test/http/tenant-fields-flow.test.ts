// Issue 13's promise, end to end over HTTP against real Postgres: a tenant defines a date field and a
// multi-select field, imports contacts using them, then describes, previews, edits and approves a
// segment on them — once with the built-in parser, once with the OpenAI provider behind a mocked
// OpenAI API (msw). The LLM sees the tenant's fields only in the tenant part of the prompt; the JSON
// Schema it is constrained by stays the same for every tenant.
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { OpenAIProvider } from '../../src/nl/openai.js';
import type { Provider } from '../../src/nl/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { reply } from '../support/llm.js';

const BASE = 'http://llm.test/v1';
const asOf = '2026-11-01T00:00:00Z';
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

/** Twelve contacts: renewal dates spread over 2026–2027, interests from the field's allowed values. */
const CONTACTS = Array.from({ length: 12 }, (_, i) => ({
  id: `ct_flow_${i}`,
  email: `flow${i}@example.com`,
  firstName: `Flow${i}`,
  country: i % 2 ? 'DE' : 'FR',
  properties: {
    renewal_date: `202${6 + (i % 2)}-0${1 + (i % 6)}-15`,
    interests: [['analytics'], ['security'], ['analytics', 'security'], ['billing'], []][i % 5],
  },
}));
type Flow = (typeof CONTACTS)[number];
const ids = (pick: (c: Flow) => boolean) => CONTACTS.filter(pick).map((c) => c.id).sort();
const renewsBefore = (c: Flow, day: string) => c.properties.renewal_date < day;
const interested = (c: Flow, topic: string) => c.properties.interests!.includes(topic);

/** Defines the two fields and imports the contacts, as a new tenant admin would. */
async function defineAndImport(api: TestApi): Promise<void> {
  const date = await api.call('POST', '/v1/fields', { body: { key: 'renewal_date', label: 'Renewal date', type: 'date', synonyms: ['renewal', 'contract end'] } });
  expect(date.status).toBe(201);
  const multi = await api.call('POST', '/v1/fields', {
    body: { key: 'interests', label: 'Interests', type: 'multi_select', values: ['analytics', 'security', 'billing'], synonyms: ['interested in', 'topics'] },
  });
  expect(multi.status).toBe(201);
  const imported = await api.call('POST', '/v1/contacts/bulk', { key: api.keys.editor, body: { contacts: CONTACTS } });
  expect(imported.status).toBe(200);
  expect(imported.json.created).toHaveLength(CONTACTS.length);
  // The catalog lists them with their types and allowed values.
  const fields = await api.call('GET', '/v1/fields', { key: api.keys.viewer });
  expect(fields.json.fields.filter((f: { key: string }) => ['renewal_date', 'interests'].includes(f.key))).toMatchObject([
    { field: 'properties.interests', type: 'multi_select', values: ['analytics', 'security', 'billing'] },
    { field: 'properties.renewal_date', type: 'date', values: null },
  ]);
}

/** The members of a draft's preview restricted to the flow's contacts (the demo tenant has others). */
async function flowMembers(api: TestApi, segmentId: string): Promise<string[]> {
  const res = await api.call('GET', `/v1/segments/${segmentId}/ids?asOf=${asOf}`, { key: api.keys.viewer });
  expect(res.status).toBe(200);
  return (res.json.ids as string[]).filter((id) => id.startsWith('ct_flow_')).sort();
}

async function editAndApprove(api: TestApi, draftId: string, title: string): Promise<string> {
  // The reviewer narrows the audience to German contacts and previews again, then approves.
  const draft = await api.call('GET', `/v1/drafts/${draftId}`, { key: api.keys.editor });
  const edited = and(...draft.json.rules.children, cond('country', 'eq', 'DE'));
  const preview = await api.call('PUT', `/v1/drafts/${draftId}`, { key: api.keys.editor, body: { rules: edited } });
  expect(preview.status).toBe(200);
  expect(preview.json.explanation).toMatch(/country is Germany/i);
  const approved = await api.call('POST', `/v1/drafts/${draftId}/approve`, {
    body: { title, acknowledge: (preview.json.openSpans ?? []).map((s: { start: number; end: number }) => ({ start: s.start, end: s.end })) },
  });
  expect(approved.status).toBe(201);
  expect(approved.json.type).toBe('dynamic');
  return approved.json.id;
}

describe('a tenant’s own fields, end to end with the built-in parser', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: new BuiltinProvider() as Provider, now: () => new Date(asOf) });
    await defineAndImport(api);
  });

  it('describes, previews, edits and approves a segment on a date field and a multi-select field', async () => {
    const description = 'contacts whose renewal date is before 1 April 2027 and whose interests include security';
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description, asOf } });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    const fields = JSON.stringify(draft.json.rules);
    expect(fields).toContain('properties.renewal_date');
    expect(fields).toContain('properties.interests');
    expect(draft.json.explanation).toMatch(/renewal date/i);
    expect(draft.json.explanation).toMatch(/interests/i);
    const expected = ids((c) => renewsBefore(c, '2027-04-01') && interested(c, 'security'));
    expect(expected.length).toBeGreaterThan(1);
    const sample = (draft.json.preview.sample as { id: string }[]).map((r) => r.id).filter((id) => id.startsWith('ct_flow_')).sort();
    expect(sample).toEqual(expected);

    const segmentId = await editAndApprove(api, draft.json.id, 'Security renewals (builtin)');
    expect(await flowMembers(api, segmentId)).toEqual(ids((c) => renewsBefore(c, '2027-04-01') && interested(c, 'security') && c.country === 'DE'));
  });

  it('reads what other CRMs lack as the tenant’s field once defined, and still refuses what it lacks', async () => {
    // "renewal date" is on the parser's list of attributes CRMs have and this catalog lacks: defined, it is a field.
    const defined = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'contacts whose renewal date is after 2026', asOf } });
    expect(defined.status).toBe(201);
    expect(defined.json.rules.children).toEqual([cond('properties.renewal_date', 'gte', '2027-01-01T00:00:00.000Z')]);
    const res = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'contacts whose credit limit is over 5000', asOf } });
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(/no field for "credit limit"/);
  });
});

describe('a tenant’s own fields, end to end with the OpenAI provider (mocked API)', () => {
  const server = setupServer();
  const seen: { system: string; tenant: string; schema: string }[] = [];
  let api: TestApi;

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    server.use(
      http.post(`${BASE}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as { messages: { role: string; content: string }[]; response_format: unknown };
        seen.push({ system: body.messages[0]!.content, tenant: body.messages.slice(1, -1).map((m) => m.content).join('\n'), schema: JSON.stringify(body.response_format) });
        return reply({
          refusal: null,
          assumptions: ["Read 'renewing before spring' as a renewal date before 2027-04-01."],
          rules: and(cond('properties.renewal_date', 'lt', '2027-04-01'), cond('properties.interests', 'in', ['analytics', 'billing'])),
        });
      }),
    );
    api = await startApi({
      provider: new OpenAIProvider({ baseURL: BASE, apiKey: 'sk-test', model: 'gpt-test', timeoutMs: 5_000, maxRetries: 0 }),
      now: () => new Date(asOf),
    });
    await defineAndImport(api);
  });
  afterAll(() => server.close());

  it('tells the model the tenant’s fields after the static prefix, and keeps the schema tenant-independent', async () => {
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'analytics or billing people renewing before spring', asOf } });
    expect(draft.status).toBe(201);
    const prompt = seen.at(-1)!;
    const whole = `${prompt.system}\n${prompt.tenant}`;
    // The tenant's fields are named, with their types and allowed values, after the cacheable prefix.
    const at = whole.indexOf('properties.renewal_date');
    expect(at).toBeGreaterThan(whole.indexOf('# This tenant'));
    expect(whole).toMatch(/properties\.interests[^\n]*analytics[^\n]*security[^\n]*billing/);
    expect(prompt.schema).not.toMatch(/renewal_date|interests/);

    // The multi-select "in" reads as "has any of"; the preview and the approved segment agree.
    const expected = ids((c) => renewsBefore(c, '2027-04-01') && (interested(c, 'analytics') || interested(c, 'billing')));
    expect(expected.length).toBeGreaterThan(1);
    expect((draft.json.preview.sample as { id: string }[]).map((r) => r.id).filter((id) => id.startsWith('ct_flow_')).sort()).toEqual(expected);
    expect(draft.json.assumptions).toContain("Read 'renewing before spring' as a renewal date before 2027-04-01.");

    const segmentId = await editAndApprove(api, draft.json.id, 'Renewals (openai)');
    expect(await flowMembers(api, segmentId)).toEqual(
      ids((c) => renewsBefore(c, '2027-04-01') && (interested(c, 'analytics') || interested(c, 'billing')) && c.country === 'DE'),
    );
  });
});
