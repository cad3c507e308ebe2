// Alternatives for assumptions over HTTP with the built-in parser against real Postgres: the draft
// lists the other reading with its exact count, one call switches to it, the same call switches back.
// Expected counts come from the fixture, computed here.
import { beforeAll, describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { lastCampaigns } from '../../src/rules/clock.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const asOf = '2026-11-01T00:00:00Z';
const fixture = demoFixture();
type Contact = (typeof fixture.contacts)[number];
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const companyCountry = (c: Contact) => fixture.companies.find((x) => x.orgId === 'org_acme' && x.id === c.companyId)?.country ?? null;
const wonDeal = (c: Contact) => fixture.deals.some((d) => d.orgId === 'org_acme' && d.contactId === c.id && d.stage === 'closed_won');
const emailable = (cs: Contact[]) => cs.filter((c) => c.emailStatus === 'subscribed').length;

interface Alt {
  index: number;
  assumption: string;
  says: string;
  applied: boolean;
  path: string;
  count: number;
  reach: { emailable: number };
}

describe('alternatives for assumptions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: new BuiltinProvider() });
  });

  const customers = acme.filter((c) => c.lifecycleStage === 'customer');
  const contactDE = customers.filter((c) => c.country === 'DE');
  const companyDE = customers.filter((c) => companyCountry(c) === 'DE');
  const wonDE = acme.filter((c) => wonDeal(c) && c.country === 'DE');

  it('lists each real alternative with its exact count and reachability', async () => {
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'customers in Germany', asOf } });
    expect(draft.status).toBe(201);
    expect(draft.json.preview.count).toBe(contactDE.length);
    const alts: Alt[] = draft.json.alternatives;
    expect(alts.map((a) => [a.says, a.applied, a.count, a.reach.emailable])).toEqual([
      ['everyone with a won deal', false, wonDE.length, emailable(wonDE)],
      ["the company's country", false, companyDE.length, emailable(companyDE)],
    ]);
    // Each names its assumption, which the draft lists.
    for (const a of alts) expect(draft.json.assumptions[a.index]).toBe(a.assumption);
    // The alternatives really differ from the reading, or the test proves nothing.
    expect(new Set([contactDE.length, wonDE.length, companyDE.length]).size).toBe(3);
  });

  it('switches to an alternative in one call and back with the same call', async () => {
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'customers in Germany', asOf } });
    const country = (draft.json.alternatives as Alt[]).find((a) => a.says === "the company's country")!;
    const switched = await api.call('POST', `/v1/drafts/${draft.json.id}/alternatives/${country.index}/apply`, { key: api.keys.editor });
    expect(switched.status).toBe(200);
    expect(switched.json.rules.children.map((c: { field: string }) => c.field)).toEqual(['company.country', 'lifecycle_stage']);
    expect(switched.json.preview.count).toBe(companyDE.length);
    expect(switched.json.edited).toBe(true);
    // Now the alternative is the rules' reading: offered the other way, with the original count.
    const back = (switched.json.alternatives as Alt[]).find((a) => a.index === country.index)!;
    expect(back).toMatchObject({ applied: true, count: contactDE.length });
    const again = await api.call('POST', `/v1/drafts/${draft.json.id}/alternatives/${country.index}/apply`, { key: api.keys.editor });
    expect(again.json.preview.count).toBe(contactDE.length);
    expect(again.json.rules).toEqual(draft.json.rules);
    // Read back: the switch was saved.
    expect((await api.call('GET', `/v1/drafts/${draft.json.id}`, { key: api.keys.viewer })).json.rules).toEqual(draft.json.rules);
  });

  it('offers "any of the last 3 campaigns" for "each of the last 3"', async () => {
    const last3 = lastCampaigns(fixture.campaigns.filter((c) => c.orgId === 'org_acme'), new Date(asOf), 3).map((c) => c.id);
    const opened = (c: Contact) => new Set(fixture.emailEvents.filter((e) => e.contactId === c.id && e.type === 'opened' && last3.includes(e.campaignId)).map((e) => e.campaignId));
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'contacts who opened our last 3 campaigns', asOf } });
    expect(draft.json.preview.count).toBe(acme.filter((c) => opened(c).size === 3).length);
    const any = (draft.json.alternatives as Alt[]).find((a) => a.says === 'any of the last 3 campaigns')!;
    expect(any.count).toBe(acme.filter((c) => opened(c).size > 0).length);
    expect(any.count).toBeGreaterThan(draft.json.preview.count);
  });

  it('follows the reviewer’s edits: a reading edited away offers nothing, and applying it is a 404 that changes nothing', async () => {
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'customers in Germany', asOf } });
    const country = (draft.json.alternatives as Alt[]).find((a) => a.says === "the company's country")!;
    const rules = structuredClone(draft.json.rules);
    rules.children.find((c: { field: string }) => c.field === 'country').value = 'FR';
    const edited = await api.call('PUT', `/v1/drafts/${draft.json.id}`, { key: api.keys.editor, body: { rules } });
    expect((edited.json.alternatives as Alt[]).map((a) => a.says)).toEqual(['everyone with a won deal']);
    const res = await api.call('POST', `/v1/drafts/${draft.json.id}/alternatives/${country.index}/apply`, { key: api.keys.editor });
    expect(res.status).toBe(404);
    expect(res.json.detail).toContain('has no alternative');
    expect((await api.call('GET', `/v1/drafts/${draft.json.id}`, { key: api.keys.viewer })).json.rules).toEqual(edited.json.rules);
    expect((await api.call('POST', `/v1/drafts/${draft.json.id}/alternatives/0/apply`, { key: api.keys.viewer })).status).toBe(403);
    expect((await api.call('POST', `/v1/drafts/${draft.json.id}/alternatives/x/apply`, { key: api.keys.editor })).status).toBe(400);
  });
});
