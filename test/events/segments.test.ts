// Membership events from segment changes, the read-only system segment, and "used by": static member
// edits (cause manual, followed by the segments built on them), rule edits (definition_change, old vs
// new members diffed in SQL), silent baselines, and 409s for segments others depend on.
import { beforeAll, describe, expect, it } from 'vitest';
import { startRecomputeScheduler } from '../../src/segments/scheduler.js';
import { ensureSystemSegments } from '../../src/segments/system.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { and, cond, type EventsApi, movableClock, startEventsApi } from './support.js';

const fixture = demoFixture();
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const SUPPRESSED = ['suppressed', 'bounced', 'unsubscribed'];

type Event = { type: string; cause: string; contact: { id: string }; segment: { id: string } };

describe('membership events from segment changes', () => {
  const clock = movableClock('2026-11-01T00:00:00Z');
  let api: EventsApi;
  beforeAll(async () => {
    api = await startEventsApi({ now: clock.now });
  });

  /** Every event of a segment, following the cursor. */
  async function events(segmentId: string): Promise<Event[]> {
    const out: Event[] = [];
    for (let cursor = ''; ; ) {
      const page = (await api.call('GET', `/v1/events?segmentId=${segmentId}&limit=500${cursor && `&cursor=${cursor}`}`)).json;
      out.push(...page.events);
      if (!page.hasMore) return out;
      cursor = page.nextCursor;
    }
  }
  const ids = async (segmentId: string): Promise<string[]> => (await api.call('GET', `/v1/segments/${segmentId}/ids?limit=10000`)).json.ids;
  const summary = (list: Event[]) => list.map((e) => `${e.type} ${e.cause} ${e.contact.id}`).sort();

  describe('system segment "Suppressed contacts"', () => {
    let suppressed: { id: string; slug: string; title: string; system: boolean };
    beforeAll(async () => {
      expect(await ensureSystemSegments(api.services)).toBe(2); // one per tenant
      expect(await ensureSystemSegments(api.services)).toBe(0); // idempotent
      suppressed = (await api.call('GET', '/v1/segments')).json.segments.find((s: { system: boolean }) => s.system);
    });

    it('exists in every tenant, appears in lists, and mirrors suppressed, bounced and unsubscribed contacts', async () => {
      expect(suppressed).toMatchObject({ title: 'Suppressed contacts', slug: 'suppressed-contacts', type: 'dynamic', system: true, rules: and(cond('email_status', 'in', ['bounced', 'suppressed', 'unsubscribed'])) });
      expect(await ids(suppressed.id)).toEqual(acme.filter((c) => SUPPRESSED.includes(c.emailStatus)).map((c) => c.id).sort());
      expect(await events(suppressed.id)).toEqual([]); // materialized silently
      const globex = (await api.call('GET', '/v1/segments', { key: api.keys.globexAdmin })).json.segments.filter((s: { system: boolean }) => s.system);
      expect(globex.map((s: { title: string }) => s.title)).toEqual(['Suppressed contacts']);
      expect(globex[0].id).not.toBe(suppressed.id);
    });

    it('is read-only: edits, archive and delete answer 409; a duplicate is an ordinary segment', async () => {
      for (const [method, path, body] of [
        ['PATCH', `/v1/segments/${suppressed.id}`, { title: 'Mine now' }],
        ['PATCH', `/v1/segments/${suppressed.id}`, { rules: and(cond('email_status', 'eq', 'bounced')) }],
        ['POST', `/v1/segments/${suppressed.id}/archive`, undefined],
        ['DELETE', `/v1/segments/${suppressed.id}`, undefined],
      ] as const) {
        const res = await api.call(method, path, body ? { body } : {});
        expect(res.status, `${method} ${path}`).toBe(409);
        expect(res.json.detail).toMatch(/^"Suppressed contacts" is a system segment, maintained by the service; it cannot be (edited|archived|deleted)\./);
      }
      const copy = await api.call('POST', `/v1/segments/${suppressed.id}/duplicate`);
      expect(copy.json).toMatchObject({ title: 'Suppressed contacts (copy)', system: false, type: 'dynamic' });
      expect((await api.call('PATCH', `/v1/segments/${copy.json.id}`, { body: { title: 'Bounced only', rules: and(cond('email_status', 'eq', 'bounced')) } })).status).toBe(200);
      const exported = (await api.call('GET', '/v1/segments/export')).json.map((s: { data: { slug: string } }) => s.data.slug);
      expect(exported).not.toContain('suppressed-contacts');
    });

    it('records a write event when a contact unsubscribes', async () => {
      const c = acme.find((x) => x.emailStatus === 'subscribed')!;
      const res = await api.call('PATCH', `/v1/contacts/${c.id}`, { key: api.keys.editor, body: { emailStatus: 'unsubscribed' } });
      expect(res.json.membership.joined).toContainEqual({ id: suppressed.id, slug: 'suppressed-contacts' });
      expect(summary(await events(suppressed.id))).toEqual([`segment.joined write ${c.id}`]);
    });
  });

  it('emits manual events for static adds and removes, and segments built on "not in segment" follow (cooldown pattern)', async () => {
    const [cooldown] = (await api.call('POST', '/v1/segments/upsert-by-name', { body: { names: ['Cooldown — Black Friday'] } })).json.segments;
    const germans = (await api.call('POST', '/v1/segments', { body: { title: 'Germans not cooling down', type: 'dynamic', rules: and(cond('country', 'eq', 'DE'), { type: 'segment', operator: 'not_in', segment: cooldown.id }) } })).json;
    const [a, b] = acme.filter((c) => c.country === 'DE');
    const outsider = acme.find((c) => c.country !== 'DE')!;

    const add = await api.call('POST', `/v1/segments/${cooldown.id}/members`, { key: api.keys.editor, body: { contactIds: [a!.id, b!.id, outsider.id] } });
    expect(add.json.changed).toEqual([a!.id, b!.id, outsider.id]);
    expect(summary(await events(cooldown.id))).toEqual([`segment.joined manual ${a!.id}`, `segment.joined manual ${b!.id}`, `segment.joined manual ${outsider.id}`].sort());
    expect(summary(await events(germans.id))).toEqual([`segment.left manual ${a!.id}`, `segment.left manual ${b!.id}`].sort());
    expect(await ids(germans.id)).not.toContain(a!.id);

    await api.call('DELETE', `/v1/segments/${cooldown.id}/members`, { key: api.keys.editor, body: { contactIds: [a!.id] } });
    expect(summary(await events(cooldown.id))).toContain(`segment.left manual ${a!.id}`);
    expect(summary(await events(germans.id))).toContain(`segment.joined manual ${a!.id}`);
    // Adding someone already there changes nothing and records nothing.
    const before = (await events(cooldown.id)).length;
    await api.call('POST', `/v1/segments/${cooldown.id}/members`, { key: api.keys.editor, body: { contactIds: [b!.id] } });
    expect(await events(cooldown.id)).toHaveLength(before);
  });

  it('diffs old vs new members on a rule edit (definition_change), for the segment and the segments built on it', async () => {
    const pro = (await api.call('POST', '/v1/segments', { body: { title: 'Pro accounts', type: 'dynamic', rules: and(cond('properties.plan', 'eq', 'pro')) } })).json;
    const proInFrance = (await api.call('POST', '/v1/segments', { body: { title: 'Pro accounts in France', type: 'dynamic', rules: and(cond('country', 'eq', 'FR'), { type: 'segment', operator: 'in', segment: pro.id }) } })).json;
    expect(await events(pro.id)).toEqual([]); // the first materialization is a silent baseline
    expect(await events(proInFrance.id)).toEqual([]);

    const res = await api.call('PATCH', `/v1/segments/${pro.id}`, { body: { rules: and(cond('properties.plan', 'in', ['pro', 'enterprise'])) } });
    expect(res.json.version).toBe(2);
    const enterprise = acme.filter((c) => c.customProperties.plan === 'enterprise');
    expect(summary(await events(pro.id))).toEqual(enterprise.map((c) => `segment.joined definition_change ${c.id}`).sort());
    expect(summary(await events(proInFrance.id))).toEqual(enterprise.filter((c) => c.country === 'FR').map((c) => `segment.joined definition_change ${c.id}`).sort());

    await api.call('PATCH', `/v1/segments/${pro.id}`, { body: { rules: and(cond('properties.plan', 'eq', 'enterprise')) } });
    const left = (await events(pro.id)).filter((e) => e.type === 'segment.left');
    expect(left.map((e) => e.contact.id).sort()).toEqual(acme.filter((c) => c.customProperties.plan === 'pro').map((c) => c.id).sort());
    expect(left.every((e) => e.cause === 'definition_change')).toBe(true);
  });

  it('shows what uses a segment, and refuses to delete or archive it with a 409 listing them', async () => {
    const base = (await api.call('POST', '/v1/segments', { body: { title: 'Already ran campaign Winter Kickoff', type: 'static' } })).json;
    const user = (await api.call('POST', '/v1/segments', { body: { title: 'Not yet reached', type: 'dynamic', rules: and({ type: 'segment', operator: 'not_in', segment: base.id }) } })).json;
    const hook = (await api.call('POST', '/v1/webhooks', { body: { url: 'https://hooks.example.com/x', description: 'CRM sync', segmentIds: [base.id] } })).json;

    const usedBy = await api.call('GET', `/v1/segments/${base.id}/used-by`, { key: api.keys.viewer });
    expect(usedBy.json).toEqual({ segments: [{ id: user.id, title: 'Not yet reached' }], webhooks: [{ id: hook.id, url: 'https://hooks.example.com/x', description: 'CRM sync' }] });
    for (const [method, path] of [['DELETE', `/v1/segments/${base.id}`], ['POST', `/v1/segments/${base.id}/archive`]] as const) {
      const res = await api.call(method, path);
      expect(res.status).toBe(409);
      expect(res.json.detail).toBe(`Cannot ${method === 'DELETE' ? 'delete' : 'archive'} this segment: "Not yet reached" (${user.id}), webhook ${hook.id} (CRM sync) refer to it. Change them first.`);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual([`usedBy.segments.${user.id}`, `usedBy.webhooks.${hook.id}`]);
    }
    await api.call('DELETE', `/v1/segments/${user.id}`);
    expect((await api.call('DELETE', `/v1/segments/${base.id}`)).json.detail).toBe(`Cannot delete this segment: webhook ${hook.id} (CRM sync) refers to it. Change it first.`);
    await api.call('PATCH', `/v1/webhooks/${hook.id}`, { body: { segmentIds: null } });
    expect((await api.call('GET', `/v1/segments/${base.id}/used-by`)).json).toEqual({ segments: [], webhooks: [] });
    expect((await api.call('DELETE', `/v1/segments/${base.id}`)).status).toBe(204);
    expect((await api.call('GET', `/v1/segments/${base.id}/used-by`)).status).toBe(404);
  });

  it('recomputes every dynamic segment on the scheduler’s interval, until stopped', async () => {
    const fresh = (await api.call('POST', '/v1/segments', { body: { title: 'Signed up in the last 2 days', type: 'dynamic', rules: and(cond('created_at', 'within_last', { amount: 2, unit: 'days' })) } })).json;
    const created = await api.call('POST', '/v1/contacts', { key: api.keys.editor, body: { id: 'ct_sched', email: 'sched@example.com' } });
    expect(created.json.membership.joined).toContainEqual({ id: fresh.id, slug: fresh.slug });
    clock.advance(3 * 86_400_000);
    const scheduler = startRecomputeScheduler(api.services, { intervalMs: 50 });
    try {
      for (let i = 0; i < 100 && !summary(await events(fresh.id)).includes('segment.left recompute ct_sched'); i += 1) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await scheduler.stop();
    }
    expect(summary(await events(fresh.id))).toContain('segment.left recompute ct_sched');
  });
});
