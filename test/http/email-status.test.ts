// Email status vs email events: an unsubscribe or bounce event updates the contact's status in the
// same transaction (the Suppressed system segment follows at once), and the fixture applies the
// same rule to its rows.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { ensureSystemSegments } from '../../src/segments/system.js';
import { startApi, type TestApi } from '../support/api.js';
import { demoFixture } from '../support/fixture-tenant.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const fixture = demoFixture();

describe('email status follows unsubscribe and bounce events', () => {
  let api: TestApi;
  let campaign: string;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider });
    await ensureSystemSegments(api.services, 'org_acme');
    campaign = fixture.campaigns.find((c) => c.orgId === 'org_acme')!.id;
  });

  it('the fixture has no subscribed contact with an unsubscribe or bounce event', () => {
    const stopped = new Set(fixture.emailEvents.filter((e) => e.type === 'unsubscribed' || e.type === 'bounced').map((e) => e.contactId));
    expect(stopped.size).toBeGreaterThan(100);
    expect(fixture.contacts.filter((c) => stopped.has(c.id) && c.emailStatus === 'subscribed')).toEqual([]);
  });

  it('an unsubscribed event makes a subscribed contact unsubscribed and a member of Suppressed contacts, in that write', async () => {
    const created = await api.call('POST', '/v1/contacts', { body: { email: 'leaving@example.com' } });
    const id = created.json.contact.id as string;
    expect(created.json.contact.emailStatus).toBe('subscribed');
    const opened = await api.call('POST', `/v1/contacts/${id}/email-events`, { body: { campaignId: campaign, type: 'opened' } });
    expect(opened.json.membership.joined).toEqual([]);
    const res = await api.call('POST', `/v1/contacts/${id}/email-events`, { body: { campaignId: campaign, type: 'unsubscribed' } });
    expect(res.status).toBe(201);
    expect(res.json.membership.joined.map((s: { slug: string }) => s.slug)).toContain('suppressed-contacts');
    const after = await api.call('GET', `/v1/contacts/${id}`);
    expect(after.json.emailStatus).toBe('unsubscribed');
    expect(after.json.segments.map((s: { slug: string }) => s.slug)).toContain('suppressed-contacts');
    // A later bounce does not overwrite it (already not subscribed); a re-opt-in is a newer fact.
    await api.call('POST', `/v1/contacts/${id}/email-events`, { body: { campaignId: campaign, type: 'bounced' } });
    expect((await api.call('GET', `/v1/contacts/${id}`)).json.emailStatus).toBe('unsubscribed');
    const back = await api.call('PATCH', `/v1/contacts/${id}`, { body: { emailStatus: 'subscribed' } });
    expect(back.json.membership.left.map((s: { slug: string }) => s.slug)).toContain('suppressed-contacts');
  });

  it('a bounce makes a subscribed contact bounced; a suppressed one stays suppressed', async () => {
    const a = (await api.call('POST', '/v1/contacts', { body: { email: 'bouncy@example.com' } })).json.contact.id;
    await api.call('POST', `/v1/contacts/${a}/email-events`, { body: { campaignId: campaign, type: 'bounced' } });
    expect((await api.call('GET', `/v1/contacts/${a}`)).json.emailStatus).toBe('bounced');
    const b = (await api.call('POST', '/v1/contacts', { body: { email: 'quiet@example.com', emailStatus: 'suppressed' } })).json.contact.id;
    await api.call('POST', `/v1/contacts/${b}/email-events`, { body: { campaignId: campaign, type: 'unsubscribed' } });
    expect((await api.call('GET', `/v1/contacts/${b}`)).json.emailStatus).toBe('suppressed');
  });
});
