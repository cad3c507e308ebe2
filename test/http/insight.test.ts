// What a reviewer sees beside a count, over HTTP against real Postgres: funnel counts per node,
// reachability, why each sample contact matches, and one contact explained against a segment.
// Expected numbers are computed from the fixture here, not read back from the service.
import { beforeAll, describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { lastCampaigns } from '../../src/rules/clock.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const or = (...children: unknown[]) => ({ type: 'group', op: 'or', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });
const asOf = '2026-11-01T00:00:00Z';

const fixture = demoFixture();
type Contact = (typeof fixture.contacts)[number];
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const wonDeal = (c: Contact) => fixture.deals.some((d) => d.orgId === 'org_acme' && d.contactId === c.id && d.stage === 'closed_won');
const reach = (cs: Contact[]) => ({
  emailable: cs.filter((c) => c.emailStatus === 'subscribed').length,
  unsubscribed: cs.filter((c) => c.emailStatus === 'unsubscribed').length,
  bounced: cs.filter((c) => c.emailStatus === 'bounced').length,
  suppressed: cs.filter((c) => c.emailStatus === 'suppressed').length,
  noEmail: 0,
});
const tally = (cs: Contact[]) => ({ count: cs.length, reach: reach(cs) });

describe('funnel counts, reachability and why', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: new BuiltinProvider(), now: () => new Date(asOf) });
  });

  // Canonical order: the condition on country, then the OR of tags, then the relation.
  const rules = and(cond('country', 'in', ['DE', 'FR']), or(cond('tags', 'eq', 'vip'), cond('tags', 'eq', 'partner')), {
    type: 'relation',
    relation: 'deals',
    has: true,
    where: and(cond('stage', 'eq', 'closed_won')),
    count: null,
  });
  const inCountry = acme.filter((c) => ['DE', 'FR'].includes(c.country!));
  const vip = acme.filter((c) => c.tags.includes('vip'));
  const partner = acme.filter((c) => c.tags.includes('partner'));
  const tagged = acme.filter((c) => c.tags.includes('vip') || c.tags.includes('partner'));
  const won = acme.filter(wonDeal);
  const all = inCountry.filter((c) => tagged.includes(c) && won.includes(c));

  it('previews the count with its reachability; the funnel counts are their own request', async () => {
    const res = await api.call('POST', '/v1/preview', { key: api.keys.editor, body: { rules, asOf } });
    expect(res.status).toBe(200);
    expect(all.length).toBeGreaterThan(0);
    expect(res.json.count).toBe(all.length);
    expect(res.json.reach).toEqual(reach(all));
    // The preview reads only the matches; counting every node alone reads every contact, so it is not part of it.
    expect(res.json.funnel).toBeUndefined();
  });

  it('counts every node alone, the AND running counts and the OR unique branches, each with reachability', async () => {
    const res = await api.call('POST', '/v1/preview/funnel', { key: api.keys.editor, body: { rules, asOf } });
    expect(res.status).toBe(200);
    expect(all.length).toBeGreaterThan(0);
    expect(res.json.rules.children.map((c: { type: string; field?: string }) => c.field ?? c.type)).toEqual(['country', 'group', 'relation']);
    expect(res.json.count).toBe(all.length);
    expect(res.json.reach).toEqual(reach(all));
    expect(res.json.asOf).toBe(new Date(asOf).toISOString());
    expect(res.json.funnel).toEqual([
      { path: 'rules', type: 'group', alone: tally(all), running: null, unique: null },
      { path: 'rules.children[0]', type: 'condition', alone: tally(inCountry), running: tally(inCountry), unique: null },
      { path: 'rules.children[1]', type: 'group', alone: tally(tagged), running: tally(inCountry.filter((c) => tagged.includes(c))), unique: null },
      { path: 'rules.children[1].children[0]', type: 'condition', alone: tally(partner), running: null, unique: tally(partner.filter((c) => !vip.includes(c))) },
      { path: 'rules.children[1].children[1]', type: 'condition', alone: tally(vip), running: null, unique: tally(vip.filter((c) => !partner.includes(c))) },
      { path: 'rules.children[2]', type: 'relation', alone: tally(won), running: tally(all), unique: null },
    ]);
    // Someone in these sets cannot be emailed, so reachability is not trivially "everyone".
    expect(reach(inCountry).emailable).toBeLessThan(inCountry.length);
  });

  it('says for each sample contact which values made each condition true', async () => {
    const res = await api.call('POST', '/v1/preview', { key: api.keys.editor, body: { rules, asOf } });
    expect(res.json.sample.length).toBe(Math.min(10, all.length));
    for (const row of res.json.sample) {
      const contact = acme.find((c) => c.id === row.id)!;
      const [root, country, tags, partnerTag, vipTag, deals] = row.why;
      expect(root).toEqual({ path: 'rules', type: 'group', matches: true });
      expect(country).toEqual({ path: 'rules.children[0]', type: 'condition', matches: true, field: 'country', actual: contact.country });
      expect(tags).toEqual({ path: 'rules.children[1]', type: 'group', matches: true });
      expect(partnerTag).toEqual({ path: 'rules.children[1].children[0]', type: 'condition', matches: contact.tags.includes('partner'), field: 'tags', actual: contact.tags });
      expect(vipTag.matches).toBe(contact.tags.includes('vip'));
      const own = fixture.deals.filter((d) => d.orgId === 'org_acme' && d.contactId === contact.id);
      expect(deals).toMatchObject({ path: 'rules.children[2]', type: 'relation', matches: true, relation: 'deals', matching: own.filter((d) => d.stage === 'closed_won').length });
      // The matching deal comes first, with its name, amount and stage.
      const first = own.find((d) => d.name === deals.rows[0].fields.name)!;
      expect(deals.rows[0]).toEqual({
        matches: true,
        fields: { name: first.name, stage: 'closed_won', amount: first.amount, created_at: first.createdAt.toISOString(), closed_at: first.closedAt?.toISOString() ?? null, owner: first.ownerId },
      });
      expect(deals.rows.length).toBe(Math.min(5, own.length));
    }
  });

  it('lists the campaigns of an engagement with when each was opened', async () => {
    const last3 = lastCampaigns(fixture.campaigns.filter((c) => c.orgId === 'org_acme'), new Date(asOf), 3);
    const engagement = { type: 'engagement', event: 'opened', match: 'all', campaigns: { last: 3, ids: null } };
    const res = await api.call('POST', '/v1/preview', { key: api.keys.editor, body: { rules: and(engagement), asOf } });
    expect(res.status).toBe(200);
    expect(res.json.count).toBeGreaterThan(0);
    const row = res.json.sample[0];
    const opened = (campaignId: string) =>
      fixture.emailEvents
        .filter((e) => e.contactId === row.id && e.campaignId === campaignId && e.type === 'opened')
        .map((e) => e.occurredAt.getTime())
        .sort((a, b) => a - b)[0];
    const why = row.why.find((w: { type: string }) => w.type === 'engagement');
    expect(why).toMatchObject({ matches: true, event: 'opened', hits: 3, of: 3 });
    expect(new Set(why.campaigns.map((c: { id: string }) => c.id))).toEqual(new Set(last3.map((c) => c.id)));
    for (const c of why.campaigns) {
      expect(c.name).toBe(last3.find((x) => x.id === c.id)!.name);
      expect(c.at).toBe(new Date(opened(c.id)!).toISOString());
    }
  });

  it('refuses rules that are not valid for the tenant with the paths at fault, counting nothing', async () => {
    const res = await api.call('POST', '/v1/preview/funnel', { key: api.keys.editor, body: { rules: and(cond('country', 'in', ['DE']), cond('no_such_field', 'eq', 'x')), asOf } });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain('rules.children[1].field');
    const viewer = await api.call('POST', '/v1/preview/funnel', { key: api.keys.viewer, body: { rules, asOf } });
    expect(viewer.status).toBe(403);
  });

  it('carries reachability and why on drafts too, and counts a draft’s nodes from its rules and clock', async () => {
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'customers in Germany', asOf } });
    expect(draft.status).toBe(201);
    const customers = acme.filter((c) => c.lifecycleStage === 'customer');
    const german = acme.filter((c) => c.country === 'DE');
    const both = customers.filter((c) => german.includes(c));
    expect(draft.json.preview).toMatchObject({ count: both.length, reach: reach(both) });
    const funnel = await api.call('POST', '/v1/preview/funnel', { key: api.keys.editor, body: { rules: draft.json.rules, asOf: draft.json.preview.asOf } });
    expect(funnel.status).toBe(200);
    expect(funnel.json.funnel.map((n: { path: string; alone: { count: number } }) => [n.path, n.alone.count])).toEqual([
      ['rules', both.length],
      ['rules.children[0]', german.length],
      ['rules.children[1]', customers.length],
    ]);
    expect(draft.json.preview.sample[0].why.map((w: { matches: boolean }) => w.matches)).toEqual([true, true, true]);
  });

  describe('GET /v1/segments/:id/explain/:contactId', () => {
    let segmentId: string;
    beforeAll(async () => {
      const res = await api.call('POST', '/v1/segments', { body: { title: 'Explained', type: 'dynamic', rules } });
      segmentId = res.json.id;
    });

    it('says a member is in, with every condition true but an OR branch it does not need', async () => {
      const member = all[0]!;
      const res = await api.call('GET', `/v1/segments/${segmentId}/explain/${member.id}?asOf=${asOf}`, { key: api.keys.viewer });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ segmentId, contactId: member.id, member: true, asOf: '2026-11-01T00:00:00.000Z' });
      // Every node but the OR's branches holds (one branch is enough).
      expect(res.json.nodes.filter((n: { path: string }) => !n.path.startsWith('rules.children[1].')).every((n: { matches: boolean }) => n.matches)).toBe(true);
      expect(res.json.nodes.map((n: { path: string }) => n.path)).toEqual([
        'rules',
        'rules.children[0]',
        'rules.children[1]',
        'rules.children[1].children[0]',
        'rules.children[1].children[1]',
        'rules.children[2]',
      ]);
    });

    it('names the condition a non-member fails, with the value that failed it', async () => {
      // Tagged, with a won deal, but in another country: only the country fails.
      const outsider = tagged.find((c) => won.includes(c) && c.country !== null && !['DE', 'FR'].includes(c.country))!;
      expect(outsider).toBeDefined();
      const res = await api.call('GET', `/v1/segments/${segmentId}/explain/${outsider.id}?asOf=${asOf}`, { key: api.keys.viewer });
      expect(res.json.member).toBe(false);
      const failing = res.json.nodes.filter((n: { type: string; matches: boolean }) => n.type !== 'group' && !n.matches);
      expect(failing.filter((n: { path: string }) => !n.path.startsWith('rules.children[1].'))).toEqual([
        { path: 'rules.children[0]', type: 'condition', matches: false, field: 'country', actual: outsider.country },
      ]);
      expect(res.json.nodes.find((n: { path: string }) => n.path === 'rules.children[2]').matches).toBe(true);
    });

    it('shows the related rows of a failing relation, none of them matching', async () => {
      const noWin = inCountry.find((c) => tagged.includes(c) && !won.includes(c) && fixture.deals.some((d) => d.contactId === c.id))!;
      const res = await api.call('GET', `/v1/segments/${segmentId}/explain/${noWin.id}?asOf=${asOf}`, { key: api.keys.viewer });
      const deals = res.json.nodes.find((n: { path: string }) => n.path === 'rules.children[2]');
      expect(deals).toMatchObject({ matches: false, matching: 0 });
      expect(deals.rows.length).toBeGreaterThan(0);
      expect(deals.rows.every((r: { matches: boolean; fields: { stage: string } }) => !r.matches && r.fields.stage !== 'closed_won')).toBe(true);
    });

    it('answers static segments from their members, and refuses unknown or other tenants’ contacts with 404', async () => {
      const stat = fixture.segments.find((s) => s.orgId === 'org_acme' && s.type === 'static' && s.memberIds.length > 0)!;
      const yes = await api.call('GET', `/v1/segments/${stat.id}/explain/${stat.memberIds[0]}`, { key: api.keys.viewer });
      expect(yes.json).toMatchObject({ member: true, rules: null, nodes: null });
      const nonMember = acme.find((c) => !stat.memberIds.includes(c.id))!;
      expect((await api.call('GET', `/v1/segments/${stat.id}/explain/${nonMember.id}`, { key: api.keys.viewer })).json.member).toBe(false);
      const globex = fixture.contacts.find((c) => c.orgId === 'org_globex')!;
      const foreign = await api.call('GET', `/v1/segments/${segmentId}/explain/${globex.id}`, { key: api.keys.viewer });
      expect(foreign.status).toBe(404);
      expect(foreign.json.detail).toBe(`No contact "${globex.id}" in this tenant.`);
      expect((await api.call('GET', `/v1/segments/seg_nope/explain/${acme[0]!.id}`, { key: api.keys.viewer })).status).toBe(404);
      expect((await api.call('GET', `/v1/segments/${segmentId}/explain/${acme[0]!.id}`, { key: null })).status).toBe(401);
    });
  });
});
