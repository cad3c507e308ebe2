// Differential test: the SQL compiler against the in-memory reference evaluator, on real PostgreSQL
// with the CRM fixture. For random valid trees, the contacts the SQL selects (from the canonical
// tree) must be exactly those the reference selects from the canonical tree AND from the validated,
// non-normalized tree — so normalization is checked to preserve meaning on the way.
// Reproduce a failing run with FC_SEED=<seed printed by fast-check>.
import { PgDialect } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { activities, companies, contacts, deals, emailEvents, fieldDefinitions, fitScores, orgs, segmentMembers, segments } from '../../src/db/schema.js';
import type { Fixture } from '../../src/fixture/format.js';
import type { ObjectType } from '../../src/rules/catalog.js';
import type { RuleTree } from '../../src/rules/grammar.js';
import { prepareRules } from '../../src/rules/prepare.js';
import type { TenantValues } from '../../src/rules/tenant.js';
import { loadTenantValues } from '../../src/tenants/values.js';
import { validateRules } from '../../src/rules/validate.js';
import { compilePredicate, membersQuery } from '../../src/sql/compile.js';
import { pathNodes } from '../../src/rules/paths.js';
import { funnelQuery, type FunnelRow, tallyOf } from '../../src/sql/funnel.js';
import { refreshFacts } from '../../src/db/facts.js';
import { PREVIEW_WALK, previewQuery, type PreviewRow } from '../../src/sql/preview.js';
import { DYNAMIC_SEGMENTS, EDGE_RECORDS, membershipHistory, ruleTreeArbitrary, withDynamicSegments, withEdgeRecords } from '../support/arbitraries.js';
import { useTestDatabase } from '../support/db.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { buildReferenceData, evaluate, type MembershipRecord } from '../support/reference.js';

const fixture = demoFixture();
const asOf = fixture.asOf;
const seed = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};
/** Mostly the fixture's clock; sometimes one in the middle of the data (rows after it, campaigns not yet sent). */
const clocks = fc.constantFrom(asOf, asOf, asOf, new Date('2026-03-31T12:00:00Z'), new Date('2026-06-15T08:30:00Z'));

/** A third tenant whose names have capitals outside ASCII, kept apart from the random runs. */
const INTL_CONTACTS: Fixture['contacts'] = [
  ['ct_intl_1', 'Élodie', 'ÖZTÜRK', 'Élodie.Ozturk@Exemple.FR'],
  ['ct_intl_2', 'élodie', 'öztürk', 'elodie.ozturk@exemple.fr'],
].map(([id, firstName, lastName, email]) => ({
  id: id!,
  orgId: 'org_intl',
  companyId: null,
  firstName: firstName!,
  lastName: lastName!,
  email: email!,
  phone: null,
  country: 'FR',
  language: 'fr',
  lifecycleStage: 'lead' as const,
  ownerId: null,
  tags: [],
  customProperties: {},
  emailStatus: 'subscribed' as const,
  createdAt: new Date('2026-01-01T00:00:00Z'),
}));

const rows = withEdgeRecords(fixture);
const referenceRows = { ...rows, contacts: [...rows.contacts, ...INTL_CONTACTS] };
/** Rebuilt with the membership record once the database holds it (beforeAll). */
let data = buildReferenceData(referenceRows);
const orgContactIds = (orgId: string) => new Set(data.orgs.get(orgId)!.contacts.map((c) => c.id));
const orgRowIds = (orgId: string, type: ObjectType) => {
  const org = data.orgs.get(orgId)!;
  return new Set((type === 'contacts' ? org.contacts : type === 'companies' ? org.companyList : org.dealList).map((r) => r.id));
};

const group = (op: 'and' | 'or', ...children: unknown[]) => ({ type: 'group', op, negate: false, children });
const and = (...children: unknown[]) => group('and', ...children);
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

describe('SQL compiler vs the reference evaluator', () => {
  let database: Database;
  const tenants = new Map<string, TenantValues>();
  const tenant = (orgId: string) => tenants.get(orgId)!;

  beforeAll(async () => {
    database = await useTestDatabase('tmpl_fixture');
    const { db, sql } = database;
    const e = EDGE_RECORDS;
    await db.insert(fieldDefinitions).values(e.fields);
    await db.insert(companies).values(e.companies);
    await db.insert(contacts).values(e.contacts.map(({ customProperties, ...c }) => ({ ...c, properties: customProperties })));
    await db.insert(deals).values(e.deals);
    await db.insert(activities).values(e.activities);
    await db.insert(emailEvents).values(e.emailEvents);
    await db.insert(fitScores).values(e.fitScores);
    await db.insert(segmentMembers).values(e.segmentMembers.map((m) => ({ orgId: 'org_acme', ...m })));
    const withDynamic = withDynamicSegments(await loadTenantValues(db, 'org_acme'));
    await db.insert(segments).values(
      withDynamic.segments
        .filter((s) => s.type === 'dynamic')
        .map((s) => ({ orgId: 'org_acme', id: s.id, title: s.title, slug: s.slug, type: 'dynamic' as const, objectType: s.objectType ?? 'contacts', rules: s.rules })),
    );
    await db.insert(orgs).values({ id: 'org_intl', name: 'Intl' });
    await db.insert(contacts).values(INTL_CONTACTS.map(({ customProperties, ...c }) => ({ ...c, properties: customProperties })));
    // The rows above went in behind the write paths' backs: bring their facts up to date, as writers do.
    for (const orgId of ['org_acme', 'org_globex', 'org_intl']) await refreshFacts(db, orgId, null);
    for (const orgId of ['org_acme', 'org_globex', 'org_intl']) tenants.set(orgId, await loadTenantValues(db, orgId));
    // The membership record that "was ever in" / "joined" / "left" read: members' added_at spread over
    // the past, and joins and leaves of a static and a dynamic segment.
    await sql`update segment_members set added_at = ${asOf.toISOString()}::timestamptz - ((abs(hashtext(contact_id)) % 500) || ' days')::interval`;
    const acmeIds = data.orgs.get('org_acme')!.contacts.map((c) => c.id);
    const events = membershipHistory(acmeIds, ['seg_27682', 'seg_dyn_promoters'], asOf);
    await sql`insert into segment_events ${sql(events.map((e, i) => ({ org_id: e.orgId, id: `evt_h${i}`, type: e.type, segment_id: e.segmentId, segment_slug: 'x', contact_id: e.contactId, cause: 'recompute', occurred_at: e.occurredAt.toISOString() })))}`;
    const members = await db.select().from(segmentMembers);
    const record: MembershipRecord = { members: members.map((m) => ({ orgId: m.orgId, segmentId: m.segmentId, contactId: m.contactId, addedAt: m.addedAt })), events };
    data = buildReferenceData(referenceRows, record);
    expect(tenant('org_acme').segments.filter((s) => s.type === 'dynamic').map((s) => s.id).sort()).toEqual(
      DYNAMIC_SEGMENTS.map((s) => s.id).sort(),
    );
  });

  async function sqlMembers(tree: RuleTree, orgId: string, clock = asOf, facts: boolean | 'all' = true, objectType: ObjectType = 'contacts'): Promise<Set<string>> {
    const result = await database.db.execute<{ id: string }>(membersQuery(tree, { orgId, asOf: clock, tenant: tenant(orgId), facts, objectType }));
    return new Set(result.map((r) => r.id));
  }

  /** Runs one tree both ways; returns the member count, or throws a readable account of the disagreement. */
  async function differential(input: unknown, orgId: string, clock = asOf, objectType: ObjectType = 'contacts', facts: true | 'all' = true): Promise<number> {
    const validated = validateRules(input, { tenant: tenant(orgId), objectType });
    if (!validated.ok) throw new Error(`the tree is not valid: ${JSON.stringify(validated.errors)}\n${JSON.stringify(input)}`);
    const prepared = prepareRules(input, { tenant: tenant(orgId), objectType });
    if (!prepared.ok) throw new Error(`prepareRules rejected a tree validateRules accepted: ${JSON.stringify(prepared.errors)}`);
    const canonical = prepared.tree;
    const ctx = { orgId, asOf: clock, tenant: tenant(orgId), data };
    // Both compiler paths: the contact facts where they answer a condition ('all': every shape they
    // answer exactly, not only those the compiler picks them for), and the raw tables only.
    const sqlIds = await sqlMembers(canonical, orgId, clock, facts, objectType);
    const rawIds = await sqlMembers(canonical, orgId, clock, false, objectType);
    const fromCanonical = evaluate(canonical, ctx, objectType);
    const fromValidated = evaluate(validated.tree, ctx, objectType);
    const problems = [
      differences('SQL(facts)', sqlIds, 'reference(canonical)', fromCanonical),
      differences('SQL(raw tables)', rawIds, 'reference(canonical)', fromCanonical),
      differences('reference(canonical)', fromCanonical, 'reference(validated)', fromValidated),
    ].filter(Boolean);
    if (objectType === 'contacts') {
      for (const path of [facts, false] as const) problems.push(...(await previewDifferences(canonical, orgId, clock, path, fromCanonical)));
    }
    const foreign = [...sqlIds].filter((id) => !orgRowIds(orgId, objectType).has(id));
    if (foreign.length) problems.push(`SQL returned ${foreign.length} ${objectType} of another tenant: ${foreign.slice(0, 10).join(', ')}`);
    if (problems.length) {
      throw new Error(
        [
          `${orgId} at ${clock.toISOString()}: SQL selects ${sqlIds.size}, reference(canonical) ${fromCanonical.size}, reference(validated) ${fromValidated.size}`,
          ...problems,
          `validated: ${JSON.stringify(validated.tree)}`,
          `canonical: ${JSON.stringify(canonical)}`,
        ].join('\n'),
      );
    }
    return sqlIds.size;
  }

  /** How often the preview's walk (src/sql/preview.ts, walkedPreview) found the sample, and how often it fell back. */
  const walks = { walked: 0, fellBack: 0, idSets: 0 };
  const WALKS = [1, 7, 40, PREVIEW_WALK] as const;

  /**
   * The preview statement's count and sample against the reference: the members and their 10 newest
   * (created_at desc, id), with the walk over the newest contacts at one of several lengths, so
   * both of its roads (the sample found among the walked rows, or the materialized fallback) meet
   * every kind of tree.
   */
  async function previewDifferences(tree: RuleTree, orgId: string, clock: Date, facts: boolean | 'all', members: Set<string>): Promise<string[]> {
    const walk = WALKS[Math.abs(hashOf(JSON.stringify(tree) + clock.toISOString() + String(facts))) % WALKS.length]!;
    const ctx = { orgId, asOf: clock, tenant: tenant(orgId), facts };
    // A tree that is one id set is counted from the set alone (CompiledPredicate.ids).
    if (compilePredicate(tree, ctx).ids) walks.idSets += 1;
    const rows = await database.db.execute<PreviewRow>(previewQuery(tree, ctx, 10, { walk }));
    const newest = [...data.orgs.get(orgId)!.contacts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const expected = newest.filter((c) => members.has(c.id)).slice(0, 10).map((c) => c.id);
    if (newest.slice(0, walk).filter((c) => members.has(c.id)).length >= 10) walks.walked += 1;
    else walks.fellBack += 1;
    const got = rows.filter((r) => r.id !== null).map((r) => r.id!);
    const problems: string[] = [];
    if ((rows[0]?.total ?? 0) !== members.size) problems.push(`preview (walk ${walk}) counts ${rows[0]?.total}, reference ${members.size}`);
    if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`preview (walk ${walk}) shows ${got.join(', ')}; the reference's newest are ${expected.join(', ')}`);
    // The reviewer's preview (with reach) takes the same roads: its count, reach and sample too.
    const reachRows = await database.db.execute<PreviewRow>(previewQuery(tree, ctx, 10, { walk, reach: true }));
    const reach = tallyOf((reachRows[0]?.reach ?? []).map(([status, no_email, n]) => ({ status, no_email, n })));
    const expectedReach = referenceReach(members, orgId);
    if ((reachRows[0]?.total ?? 0) !== members.size) problems.push(`preview with reach (walk ${walk}) counts ${reachRows[0]?.total}, reference ${members.size}`);
    if (JSON.stringify(reach) !== JSON.stringify(expectedReach)) problems.push(`preview with reach (walk ${walk}) has reach ${JSON.stringify(reach)}, reference ${JSON.stringify(expectedReach)}`);
    const gotReach = reachRows.filter((r) => r.id !== null).map((r) => r.id!);
    if (JSON.stringify(gotReach) !== JSON.stringify(expected)) problems.push(`preview with reach (walk ${walk}) shows ${gotReach.join(', ')}; the reference's newest are ${expected.join(', ')}`);
    return problems;
  }

  function hashOf(text: string): number {
    let h = 0;
    for (let i = 0; i < text.length; i += 1) h = (h * 31 + text.charCodeAt(i)) | 0;
    return h;
  }

  function differences(aName: string, a: Set<string>, bName: string, b: Set<string>): string | undefined {
    const onlyA = [...a].filter((id) => !b.has(id)).sort();
    const onlyB = [...b].filter((id) => !a.has(id)).sort();
    if (onlyA.length === 0 && onlyB.length === 0) return undefined;
    const list = (ids: string[]) => `${ids.length}${ids.length ? ` (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})` : ''}`;
    return `only ${aName}: ${list(onlyA)}; only ${bName}: ${list(onlyB)}`;
  }

  it('selects exactly the reference members for 300 random trees over org_acme', async () => {
    const trees = ruleTreeArbitrary({ tenant: tenant('org_acme'), org: data.orgs.get('org_acme')!, asOf });
    const sizes: number[] = [];
    await fc.assert(
      fc.asyncProperty(trees, clocks, async (input, clock) => {
        sizes.push(await differential(input, 'org_acme', clock));
      }),
      { numRuns: 300, ...seed },
    );
    // The runs prove something only if most trees select some but not all contacts.
    const all = data.orgs.get('org_acme')!.contacts.length;
    expect(sizes.filter((n) => n > 0 && n < all).length).toBeGreaterThan(sizes.length / 2);
    // Both roads of the preview were taken often enough to mean something.
    expect(walks.walked).toBeGreaterThan(30);
    expect(walks.fellBack).toBeGreaterThan(30);
    // Sized by count: ~30 s alone, ~60 s on a busy 2-core machine; the timeout leaves room for worse.
  }, 400_000);

  it('answers facts-shaped conditions exactly, from the facts and from the raw tables, for 250 random trees', async () => {
    const org = data.orgs.get('org_acme')!;
    const t = tenant('org_acme');
    const times = (rows: { occurredAt?: Date; createdAt?: Date }[][]) => rows.flat().map((r) => (r.occurredAt ?? r.createdAt)!.toISOString());
    const activityTimes = times([...org.activities.values()]);
    const dealTimes = times([...org.deals.values()]);
    const amounts = [...org.deals.values()].flat().flatMap((d) => (d.amount === null ? [] : [d.amount]));
    const scores = [...org.fitScores.values()].flat();
    const span = fc.record({ amount: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(30, 60, 90)), unit: fc.constantFrom('days', 'weeks', 'months') });
    const dateBound = (pool: string[], field: string) =>
      fc.oneof(
        fc.record({ type: fc.constant('condition'), field: fc.constant(field), operator: fc.constantFrom('within_last', 'more_than_ago'), value: span }),
        fc.record({ type: fc.constant('condition'), field: fc.constant(field), operator: fc.constantFrom('gt', 'gte', 'lt', 'lte'), value: fc.constantFrom(...pool) }),
        fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...pool)).map(([a, b]) => cond(field, 'between', a < b ? [a, b] : [b, a])),
      );
    const count = fc.option(fc.record({ operator: fc.constantFrom('eq', 'gt', 'gte', 'lt', 'lte'), value: fc.integer({ min: 0, max: 6 }) }), { nil: null, freq: 2 });
    const where = (conditions: fc.Arbitrary<unknown[]>) => conditions.map((cs) => (cs.length ? and(...cs) : null));
    const relation = (name: string, w: fc.Arbitrary<unknown>, counted: boolean) =>
      fc.record({ type: fc.constant('relation'), relation: fc.constant(name), has: fc.boolean(), where: w, count: counted ? count : fc.constant(null) });
    const activity = relation(
      'activities',
      where(fc.tuple(fc.option(fc.constantFrom('email', 'call', 'meeting', 'note'), { nil: null }), fc.array(dateBound(activityTimes, 'occurred_at'), { maxLength: 2 })).map(([type, dates]) => [...(type ? [cond('type', 'eq', type)] : []), ...dates])),
      true,
    );
    const dealByDate = relation('deals', where(fc.array(dateBound(dealTimes, 'created_at'), { maxLength: 2 })), true);
    const stages = fc.subarray(['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'], { minLength: 1, maxLength: 3 });
    const stage = fc.tuple(fc.constantFrom('in', 'not_in'), stages).map(([op, v]) => cond('stage', op, v));
    const dealByStage = relation('deals', where(fc.tuple(stage).map((x) => x)), true);
    const dealByAmount = relation(
      'deals',
      where(fc.tuple(fc.option(stage, { nil: null }), fc.constantFrom('gt', 'gte', 'lt', 'lte'), fc.constantFrom(...amounts, 0, 50_000)).map(([st, op, v]) => [...(st ? [st] : []), cond('amount', op, v)])),
      false,
    );
    const emailEvent = relation(
      'email_events',
      where(fc.tuple(fc.constantFrom('delivered', 'opened', 'clicked', 'bounced', 'unsubscribed'), fc.subarray(t.campaigns.map((c) => c.id), { maxLength: 3 })).map(([type, ids]) => [cond('type', 'eq', type), ...(ids.length ? [cond('campaign', 'in', ids)] : [])])),
      false,
    );
    const fit = relation(
      'fit_scores',
      where(fc.tuple(fc.constantFrom(...t.products), fc.array(fc.tuple(fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), fc.constantFrom(...scores.map((x) => x.score), 50)), { maxLength: 2 })).map(([product, cs]) => [cond('product', 'eq', product), ...cs.map(([op, v]) => cond('score', op, v))])),
      false,
    );
    const engagement = fc.record({
      type: fc.constant('engagement'),
      event: fc.constantFrom('delivered', 'opened', 'clicked'),
      match: fc.constantFrom('any', 'all', 'none'),
      campaigns: fc.oneof(fc.record({ last: fc.integer({ min: 1, max: 5 }), ids: fc.constant(null) }), fc.record({ last: fc.constant(null), ids: fc.subarray(t.campaigns.map((c) => c.id), { minLength: 2, maxLength: 4 }) })),
    });
    const leaf = fc.oneof(activity, activity, dealByDate, dealByStage, dealByAmount, emailEvent, fit, engagement);
    const tree = fc.oneof(
      leaf.map((l) => and(l)),
      fc.tuple(leaf, leaf, fc.constantFrom('and', 'or')).map(([a, b, op]) => group(op as 'and' | 'or', a, b)),
      // A wide OR (the benchmark's "five-branch OR of relations"), alone or under a NOT.
      fc.tuple(fc.array(leaf, { minLength: 3, maxLength: 5 }), fc.boolean()).map(([ls, negate]) => ({ ...group('or', ...ls), negate })),
    );
    let viaFacts = 0;
    let funnelViaFacts = 0;
    // ORs of semi-joins compile to one `id in (… union …)` (compileGroup): count the trees where
    // each path did, so the property covers the merged form from the facts and from the raw tables.
    const merged = { facts: 0, raw: 0 };
    await fc.assert(
      fc.asyncProperty(tree, clocks, async (input, clock) => {
        await differential(input, 'org_acme', clock, 'contacts', 'all');
        const prepared = prepareRules(input, { tenant: t });
        const text = (facts: boolean | 'all') => (prepared.ok ? new PgDialect().sqlToQuery(membersQuery(prepared.tree, { orgId: 'org_acme', asOf: clock, tenant: t, facts })).sql : '');
        if (/contact_(activity_)?facts/.test(text('all'))) viaFacts += 1;
        if (text('all').includes(' union select ')) merged.facts += 1;
        if (text(false).includes(' union select ')) merged.raw += 1;
        // Funnel counts of the same tree, every facts-shaped leaf from the one pass over the facts.
        if ((await funnelDifferential(input, 'org_acme', clock, 'all')).joinedFacts) funnelViaFacts += 1;
      }),
      { numRuns: 250, ...seed },
    );
    // The property is about the facts path: nearly every tree must have taken it.
    expect(viaFacts).toBeGreaterThan(200);
    expect(funnelViaFacts).toBeGreaterThan(200);
    expect(merged.facts).toBeGreaterThan(40);
    expect(merged.raw).toBeGreaterThan(40);
    // Many of these trees are one id set, so the preview counted the set alone (both paths).
    expect(walks.idSets).toBeGreaterThan(100);
  }, 300_000);

  for (const objectType of ['companies', 'deals'] as const) {
    it(`selects exactly the reference ${objectType} for 120 random trees over org_acme (relations in both directions)`, async () => {
      const trees = ruleTreeArbitrary({ tenant: tenant('org_acme'), org: data.orgs.get('org_acme')!, asOf }, { objectType, maxDepth: 3 });
      const sizes: number[] = [];
      await fc.assert(
        fc.asyncProperty(trees, clocks, async (input, clock) => {
          sizes.push(await differential(input, 'org_acme', clock, objectType));
        }),
        { numRuns: 120, ...seed },
      );
      const all = orgRowIds('org_acme', objectType).size;
      expect(sizes.filter((n) => n > 0 && n < all).length).toBeGreaterThan(sizes.length / 3);
    }, 300_000);
  }

  it('stays inside org_globex for random trees over its own values', async () => {
    const trees = ruleTreeArbitrary({ tenant: tenant('org_globex'), org: data.orgs.get('org_globex')!, asOf });
    await fc.assert(
      fc.asyncProperty(trees, clocks, async (input, clock) => {
        await differential(input, 'org_globex', clock);
      }),
      { numRuns: 60, ...seed },
    );
    // A tree every contact satisfies returns exactly the tenant's contacts, not one more.
    const everyone = prepareRules(and(cond('email', 'is_not_null', null)), { tenant: tenant('org_globex') });
    expect(everyone.ok).toBe(true);
    if (everyone.ok) expect(await sqlMembers(everyone.tree, 'org_globex')).toEqual(orgContactIds('org_globex'));
  }, 120_000);

  /** The reference's reachability, written from the documented rule: subscribed with an address, else the status. */
  const referenceReach = (ids: Set<string>, orgId: string) => {
    const reach = { emailable: 0, unsubscribed: 0, bounced: 0, suppressed: 0, noEmail: 0 };
    for (const c of data.orgs.get(orgId)!.contacts) {
      if (!ids.has(c.id)) continue;
      if (c.emailStatus !== 'subscribed') reach[c.emailStatus] += 1;
      else if (c.email.trim() === '') reach.noEmail += 1;
      else reach.emailable += 1;
    }
    return { count: ids.size, reach };
  };

  /**
   * Funnel counts of one canonical tree, SQL against the reference: every node alone, running AND
   * counts, unique OR branches — with the facts (a joined facts row for the leaves they answer) or
   * the raw tables only. Also the preview's own count and reach (the preview statement with reach).
   * Returns the number of nodes and whether the statement read the joined facts row.
   */
  async function funnelDifferential(input: unknown, orgId: string, clock = asOf, facts: boolean | 'all' = true): Promise<{ nodes: number; joinedFacts: boolean }> {
    const prepared = prepareRules(input, { tenant: tenant(orgId) });
    if (!prepared.ok) throw new Error(`the tree is not valid: ${JSON.stringify(prepared.errors)}`);
    const tree = prepared.tree;
    const ctx = { orgId, asOf: clock, tenant: tenant(orgId), data, facts };
    const funnel = funnelQuery(tree, ctx);
    const got = funnel.read(await database.db.execute<FunnelRow>(funnel.query));
    const previewRows = await database.db.execute<PreviewRow>(previewQuery(tree, ctx, 10, { reach: true }));
    const sets = new Map(pathNodes(tree).map(({ node }) => [node, evaluate(node, ctx)]));
    const intersect = (xs: Set<string>[]) => new Set([...xs[0]!].filter((id) => xs.every((x) => x.has(id))));
    const expected = pathNodes(tree).map(({ path, node, parent }) => {
      const own = sets.get(node)!;
      let running = null;
      let unique = null;
      if (parent?.group.op === 'and') running = referenceReach(intersect(parent.group.children.slice(0, parent.index + 1).map((c) => sets.get(c)!)), orgId);
      if (parent?.group.op === 'or') {
        const others = parent.group.children.filter((_, i) => i !== parent.index).map((c) => sets.get(c)!);
        unique = referenceReach(new Set([...own].filter((id) => !others.some((o) => o.has(id)))), orgId);
      }
      return { path, type: node.type, alone: referenceReach(own, orgId), running, unique };
    });
    if (JSON.stringify(got.funnel) !== JSON.stringify(expected)) {
      const wrong = got.funnel.filter((n, i) => JSON.stringify(n) !== JSON.stringify(expected[i]));
      throw new Error(
        [`${orgId} at ${clock.toISOString()}: ${wrong.length} funnel nodes differ`, ...wrong.slice(0, 3).map((n) => `SQL ${JSON.stringify(n)}\nref ${JSON.stringify(expected.find((e) => e.path === n.path))}`), `canonical: ${JSON.stringify(tree)}`].join('\n'),
      );
    }
    // The root is the preview itself: the preview statement's count and reach, and its newest matches.
    const members = evaluate(tree, ctx);
    expect(got.count).toBe(members.size);
    expect(tallyOf((previewRows[0]?.reach ?? []).map(([status, no_email, n]) => ({ status, no_email, n })))).toEqual(referenceReach(members, orgId));
    expect(previewRows.filter((r) => r.id !== null).every((r) => members.has(r.id!))).toBe(true);
    return { nodes: got.funnel.length, joinedFacts: /from contact_(activity_)?facts ff/.test(new PgDialect().sqlToQuery(funnel.query).sql) };
  }

  it('counts every node of 120 random trees exactly as the reference does, with reachability', async () => {
    const trees = ruleTreeArbitrary({ tenant: tenant('org_acme'), org: data.orgs.get('org_acme')!, asOf });
    const sizes: number[] = [];
    await fc.assert(
      fc.asyncProperty(trees, clocks, fc.constantFrom(true, false, 'all' as const), async (input, clock, facts) => {
        sizes.push((await funnelDifferential(input, 'org_acme', clock, facts)).nodes);
      }),
      { numRuns: 120, ...seed },
    );
    // The runs prove something only if most trees have groups to count inside.
    expect(sizes.filter((n) => n > 2).length).toBeGreaterThan(sizes.length / 2);
  }, 400_000);

  describe('edge values', () => {
    const cases: [string, unknown, string[]?][] = [
      ['LIKE wildcards match literally (contains)', and(cond('email', 'contains', 'A_B%C\\D')), ['ct_edge_1']],
      ['LIKE wildcards match literally (starts_with)', and(cond('email', 'starts_with', 'a_b')), ['ct_edge_1']],
      ['a backslash is an ordinary character', and(cond('email', 'starts_with', 'BACK\\')), ['ct_edge_3']],
      ['company text with wildcards (ends_with)', and(cond('company.name', 'ends_with', '100% CO\\')), ['ct_edge_1']],
      ['deal names with wildcards', and({ type: 'relation', relation: 'deals', has: true, where: and(cond('name', 'contains', '_50%')), count: null }), ['ct_edge_1']],
      ['nps stored as text or fraction', and(cond('properties.nps', 'in', [7, 7.5])), undefined],
      // ct_edge_1 holds the text "7" (a number), ct_edge_3 "12abc" (not one: missing, so "not 7").
      ['numeric text reads as its number; not-a-number is missing for neq', and(cond('properties.nps', 'neq', 7), cond('email', 'ends_with', '.example'), cond('email', 'contains', 'edge')), ['ct_edge_2', 'ct_edge_3']],
      ['a list in a single-select is missing, never equal', and(cond('properties.plan', 'eq', 'pro'), cond('email', 'contains', 'edge')), ['ct_edge_1']],
      ['an impossible date is missing', and(cond('properties.vip_since', 'is_null', null), cond('email', 'contains', 'edge')), ['ct_edge_1']],
      // ct_edge_2 holds 10:00 at +02:00, i.e. 08:00 UTC.
      ['a date with an offset compares as its instant', and(cond('properties.vip_since', 'lt', '2025-03-01T08:00:00Z')), ['ct_edge_3']],
      ['a date with an offset compares as its instant (inclusive)', and(cond('properties.vip_since', 'lte', '2025-03-01T08:00:00Z')), ['ct_edge_2', 'ct_edge_3']],
      ['a multi-select holds its list’s strings', and(cond('properties.interests', 'in', ['ai', 'security'])), ['ct_edge_1', 'ct_edge_3']],
      ['a string in a multi-select holds nothing', and(cond('properties.interests', 'is_null', null), cond('email', 'contains', 'edge')), ['ct_edge_2']],
      ['yes/no reads JSON booleans only', and(cond('properties.newsletter', 'neq', true), cond('email', 'contains', 'edge')), ['ct_edge_2', 'ct_edge_3']],
      ['text reads JSON strings only, case-insensitively', and(cond('properties.nickname', 'eq', 'mixed')), ['ct_edge_3']],
      ['a number in a text field is missing', and(cond('properties.nickname', 'not_contains', 'e'), cond('email', 'contains', 'edge')), ['ct_edge_2']],
      ['fractional deal amounts', and({ type: 'relation', relation: 'deals', has: true, where: and(cond('amount', 'between', [1234.25, 1234.5])), count: null }), ['ct_edge_1']],
      ['a deal without amount is missing for not_in', and({ type: 'relation', relation: 'deals', has: true, where: and(cond('amount', 'not_in', [1234.5]), cond('stage', 'eq', 'negotiation'), cond('name', 'contains', 'deal_')), count: null }), ['ct_edge_1']],
      ['rows exactly at the clock are within the last 0 days', and(cond('created_at', 'within_last', { amount: 0, unit: 'days' })), ['ct_edge_1']],
      ['employee counts beyond the integer range', and(cond('company.employee_count', 'gt', 3_000_000_000)), []],
      ['revenues beyond the bigint range', and(cond('company.annual_revenue', 'lt', 1e21)), undefined],
      ['spans at the 1,000-year maximum', and(cond('created_at', 'within_last', { amount: 1000, unit: 'years' })), undefined],
      ['spans at the grammar maximum', and(cond('created_at', 'more_than_ago', { amount: 12_000, unit: 'months' })), []],
    ];
    it.each(cases)('%s', async (_name, tree, expected) => {
      await differential(tree, 'org_acme');
      if (expected) {
        const prepared = prepareRules(tree, { tenant: tenant('org_acme') });
        if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
        expect([...(await sqlMembers(prepared.tree, 'org_acme'))].sort()).toEqual(expected);
      }
    });

    it('rejects spans longer than 1,000 years instead of computing dates before year 1', () => {
      const prepared = prepareRules(and(cond('created_at', 'within_last', { amount: 3000, unit: 'years' })), { tenant: tenant('org_acme') });
      expect(prepared.ok ? [] : prepared.errors.map((e) => e.message)).toEqual(['3000 years is longer than 1,000 years; use a shorter span']);
    });

    it('compares capitals outside ASCII case-insensitively', async () => {
      const failures: string[] = [];
      for (const tree of [
        // Spelled exactly as stored: the canonical value is lower-cased ("élodie"), so SQL must lower-case "Élodie" too.
        and(cond('first_name', 'eq', 'Élodie')),
        and(cond('last_name', 'contains', 'ÖZT')),
        and(cond('email', 'starts_with', 'élodie.')),
      ]) {
        await differential(tree, 'org_intl').catch((err: Error) => failures.push(err.message));
      }
      expect(failures).toEqual([]);
    });
  });
});
