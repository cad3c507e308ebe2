// The whole flow over HTTP with the OpenAI provider behind a mocked OpenAI API (msw).
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIProvider } from '../../src/nl/openai.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { reply } from '../support/llm.js';

const BASE = 'http://llm.test/v1';
const server = setupServer();
const asOf = '2026-11-01T00:00:00Z';
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

describe('drafts over HTTP with the OpenAI provider (mocked API)', () => {
  let api: TestApi;
  const acme = demoFixture().contacts.filter((c) => c.orgId === 'org_acme');

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    server.use(
      http.post(`${BASE}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as { messages: { content: string }[] };
        const description = body.messages.at(-1)!.content;
        if (/weather/.test(description)) return reply({ refusal: 'That is a question, not an audience.', assumptions: [], rules: null });
        // A model that drops Italy, and one that writes the same audience another way.
        if (/Spain or Italy/.test(description)) return reply({ refusal: null, assumptions: [], rules: and(cond('lifecycle_stage', 'eq', 'customer'), cond('country', 'eq', 'ES')) });
        if (/customers in Spain/.test(description)) return reply({ refusal: null, assumptions: [], rules: and(cond('country', 'in', ['ES']), cond('lifecycle_stage', 'in', ['customer'])) });
        if (/kayaking/.test(description)) return reply({ refusal: null, assumptions: [], rules: and(cond('tags', 'eq', 'partner')) });
        return reply({
          refusal: null,
          assumptions: ["Read 'German' as country = Germany."],
          rules: and(cond('country', 'eq', 'DE'), cond('properties.plan', 'in', ['pro', 'enterprise'])),
        });
      }),
    );
    api = await startApi({
      provider: new OpenAIProvider({ baseURL: BASE, apiKey: 'sk-test', model: 'gpt-test', timeoutMs: 5_000, maxRetries: 0 }),
    });
  });
  afterAll(() => server.close());

  it('describes → edits → previews → approves → resolves ids → exports', async () => {
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'German pro or enterprise contacts', asOf } });
    expect(draft.status).toBe(201);
    const germanPaid = acme.filter((c) => c.country === 'DE' && ['pro', 'enterprise'].includes(String(c.customProperties.plan)));
    expect(draft.json).toMatchObject({
      description: 'German pro or enterprise contacts',
      provider: 'openai',
      model: 'gpt-test',
      promptVersion: 'segment-v1',
      assumptions: ["Read 'German' as country = Germany."],
      explanation: 'Contacts whose country is Germany and whose plan is enterprise or pro.',
      preview: { count: germanPaid.length, asOf: '2026-11-01T00:00:00.000Z' },
      edited: false,
    });
    expect(draft.json.preview.sample).toHaveLength(10);

    // The reviewer narrows it to subscribed contacts.
    const edited = await api.call('PUT', `/v1/drafts/${draft.json.id}`, {
      key: api.keys.editor,
      body: { rules: and(cond('country', 'eq', 'DE'), cond('properties.plan', 'in', ['pro', 'enterprise']), cond('email_status', 'eq', 'subscribed')) },
    });
    const subscribed = germanPaid.filter((c) => c.emailStatus === 'subscribed');
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ edited: true, preview: { count: subscribed.length } });

    // An invalid edit changes nothing.
    const invalid = await api.call('PUT', `/v1/drafts/${draft.json.id}`, { key: api.keys.editor, body: { rules: and(cond('email_status', 'eq', 'subscribd')) } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors[0]).toMatchObject({ path: 'rules.children[0].value', message: expect.stringContaining('did you mean "subscribed"?') });
    expect((await api.call('GET', `/v1/drafts/${draft.json.id}`, { key: api.keys.viewer })).json.preview.count).toBe(subscribed.length);

    const preview = await api.call('POST', '/v1/preview', { key: api.keys.editor, body: { rules: edited.json.rules, asOf } });
    expect(preview.json).toMatchObject({ count: subscribed.length, rules: edited.json.rules });

    expect((await api.call('POST', `/v1/drafts/${draft.json.id}/approve`, { key: api.keys.editor, body: { title: 'German paid' } })).status).toBe(403);
    const approved = await api.call('POST', `/v1/drafts/${draft.json.id}/approve`, { body: { title: 'German paid, subscribed' } });
    expect(approved.status).toBe(201);
    expect(approved.json).toMatchObject({ type: 'dynamic', slug: 'german-paid-subscribed', rules: edited.json.rules, description: 'German pro or enterprise contacts' });
    expect((await api.call('POST', `/v1/drafts/${draft.json.id}/approve`, { body: { title: 'Twice' } })).status).toBe(409);

    const ids = await api.call('GET', `/v1/segments/${approved.json.id}/ids?limit=10000&asOf=${asOf}`, { key: api.keys.viewer });
    expect(ids.json.ids).toEqual(subscribed.map((c) => c.id).sort());
    const csv = await api.call('GET', `/v1/segments/${approved.json.id}/export.csv`, { key: api.keys.viewer });
    expect(csv.text.trimEnd().split('\n')).toHaveLength(subscribed.length + 1);
  });

  it('shows the built-in reading beside the model’s when the two audiences differ, with both counts and what differs', async () => {
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'customers in Spain or Italy', asOf } });
    expect(draft.status).toBe(201);
    const spain = acme.filter((c) => c.lifecycleStage === 'customer' && c.country === 'ES');
    const both = acme.filter((c) => c.lifecycleStage === 'customer' && ['ES', 'IT'].includes(c.country!));
    expect(both.length).toBeGreaterThan(spain.length);
    expect(draft.json.preview.count).toBe(spain.length);
    expect(draft.json.secondReading).toMatchObject({
      provider: 'builtin',
      count: both.length,
      providerCount: spain.length,
      differingContacts: both.length - spain.length,
      onlyInProvider: ['Contacts whose country is Spain.'],
      onlyInSecond: ['Contacts whose country is Spain or Italy.'],
      explanation: 'Contacts whose country is Spain or Italy and whose lifecycle stage is customer.',
    });
    // The same on a later read; gone once the reviewer edits the rules (they chose).
    expect((await api.call('GET', `/v1/drafts/${draft.json.id}`, { key: api.keys.viewer })).json.secondReading.count).toBe(both.length);
    const edited = await api.call('PUT', `/v1/drafts/${draft.json.id}`, { key: api.keys.editor, body: { rules: draft.json.secondReading.rules } });
    expect(edited.json).toMatchObject({ secondReading: null, preview: { count: both.length } });
  });

  it('shows no second reading when both select the same contacts, or when the built-in parser did not understand all of it', async () => {
    const same = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'customers in Spain', asOf } });
    expect(same.status).toBe(201);
    expect(same.json.secondReading).toBeNull();
    const partial = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'vip contacts who love kayaking', asOf } });
    expect(partial.status).toBe(201);
    expect(partial.json.secondReading).toBeNull();
  });

  it('answers a refused description with 422 and the reason', async () => {
    const res = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'what is the weather in Berlin?' } });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ title: 'Unprocessable description', detail: 'That is a question, not an audience.' });
  });

  it('does not let viewers create drafts or preview', async () => {
    expect((await api.call('POST', '/v1/drafts', { key: api.keys.viewer, body: { description: 'anything' } })).status).toBe(403);
    expect((await api.call('POST', '/v1/preview', { key: api.keys.viewer, body: { rules: and(cond('country', 'eq', 'DE')) } })).status).toBe(403);
  });

  it('keeps drafts per tenant', async () => {
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'German pro contacts' } });
    const other = await api.call('GET', `/v1/drafts/${draft.json.id}`, { key: api.keys.globexAdmin });
    expect(other.status).toBe(404);
    expect((await api.call('POST', `/v1/drafts/${draft.json.id}/approve`, { key: api.keys.globexAdmin, body: { title: 'Stolen' } })).status).toBe(404);
  });
});
