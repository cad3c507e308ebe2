// The tenant's values (tags, countries, languages, industries, products) are read from kept counts
// and index skips, not from a distinct over every contact: they must stay exactly what that distinct
// says after any sequence of writes through the API — creates, updates, tag adds and removes, bulk
// upserts, bulk tag actions, deletes, writes that fail and change nothing, and concurrent writes.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTenantValues } from '../../src/tenants/values.js';
import { and, cond, type EventsApi, startEventsApi } from '../events/support.js';

const ORGS = ['org_acme', 'org_globex'] as const;

describe('tenant values', () => {
  let api: EventsApi;
  beforeAll(async () => {
    api = await startEventsApi({ cacheTtlMs: 0 });
  });

  /** What the values were before the counts: a distinct over the tenant's rows. */
  async function distinctValues(orgId: string) {
    const list = async (query: Promise<{ v: string }[]>) => (await query).map((r) => r.v);
    const sql = api.database.sql;
    return {
      tags: await list(sql`select distinct unnest(tags) as v from contacts where org_id = ${orgId} order by v`),
      countries: await list(sql`select country as v from contacts where org_id = ${orgId} and country is not null
                                union select country from companies where org_id = ${orgId} and country is not null order by v`),
      languages: await list(sql`select distinct language as v from contacts where org_id = ${orgId} and language is not null order by v`),
      industries: await list(sql`select distinct industry as v from companies where org_id = ${orgId} and industry is not null order by v`),
      products: await list(sql`select distinct product as v from fit_scores where org_id = ${orgId} order by v`),
    };
  }

  /** The kept counts against a count over the contacts, value by value (zero rows may stay). */
  async function countsDiffer(orgId: string): Promise<unknown[]> {
    return [...await api.database.sql`
      with truth as (
        select 'tag' as kind, t as value, count(*)::int as n from contacts, unnest(tags) t where org_id = ${orgId} group by t
        union all select 'country', country, count(*)::int from contacts where org_id = ${orgId} and country is not null group by country
        union all select 'language', language, count(*)::int from contacts where org_id = ${orgId} and language is not null group by language),
      kept as (select kind, value, contacts as n from contact_value_counts where org_id = ${orgId} and contacts <> 0)
      select coalesce(t.kind, k.kind) as kind, coalesce(t.value, k.value) as value, t.n as truth, k.n as kept
      from truth t full join kept k on k.kind = t.kind and k.value = t.value
      where t.n is distinct from k.n`];
  }

  async function expectExact(): Promise<void> {
    for (const orgId of ORGS) {
      const values = await loadTenantValues(api.database.db, orgId);
      const { tags, countries, languages, industries, products } = values;
      expect({ tags, countries, languages, industries, products }, orgId).toEqual(await distinctValues(orgId));
      expect(await countsDiffer(orgId), orgId).toEqual([]);
    }
  }

  const ok = async (method: string, path: string, body?: unknown, status = 200) => {
    const res = await api.call(method, path, { key: api.keys.admin, ...(body === undefined ? {} : { body }) });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.json)}`).toBe(status);
    return res.json;
  };

  it('match a distinct over the rows for the imported fixture (the migration and the import count them)', async () => {
    const values = await loadTenantValues(api.database.db, 'org_acme');
    expect(values.tags.length).toBeGreaterThan(3);
    expect(values.countries.length).toBeGreaterThan(3);
    await expectExact();
  });

  it('stay exact through a seeded sequence of 80 writes, including ones that fail and change nothing', async () => {
    // A deterministic generator (no clock, no Math.random), so a failure replays.
    let seed = 15;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]) => xs[next(xs.length)]!;
    const TAGS = ['vip', 'alpha-tag', 'beta-tag', 'gamma-tag', 'newsletter', 'Only-Once'];
    const COUNTRIES = ['DE', 'FR', 'IS', 'NZ', null];
    const LANGUAGES = ['de', 'fr', 'is', 'mi', null];
    const ids = (await api.database.sql<{ id: string }[]>`select id from contacts where org_id = 'org_acme' order by id limit 12`).map((r) => r.id);
    const tagged = await ok('POST', '/v1/segments', { title: 'Tag action target', type: 'static' }, 201);
    const created: string[] = [];
    for (let step = 0; step < 80; step += 1) {
      const id = pick([...ids, ...created]);
      switch (next(8)) {
        case 0: {
          const contact = await ok('POST', '/v1/contacts', { email: `values.${step}@example.com`, tags: [pick(TAGS), pick(TAGS)], country: pick(COUNTRIES), language: pick(LANGUAGES) }, 201);
          created.push(contact.contact.id);
          break;
        }
        case 1:
          await ok('PATCH', `/v1/contacts/${id}`, { tags: [pick(TAGS)] });
          break;
        case 2:
          await ok('PATCH', `/v1/contacts/${id}`, { addTags: [pick(TAGS)], removeTags: [pick(TAGS.filter((t) => t !== 'vip'))].filter(() => next(2) === 0) });
          break;
        case 3:
          await ok('PATCH', `/v1/contacts/${id}`, { country: pick(COUNTRIES), language: pick(LANGUAGES) });
          break;
        case 4: // all or nothing: one bad item, nothing written
          expect((await api.call('POST', '/v1/contacts/bulk', { key: api.keys.admin, body: { contacts: [{ id, tags: ['never-kept'] }, { id: `ct_missing_${step}`, tags: ['never-kept'] }] } })).status).toBe(400);
          break;
        case 5:
          await ok('POST', '/v1/contacts/bulk', { contacts: [{ id, tags: [pick(TAGS)], country: pick(COUNTRIES) }, { id: pick(ids), addTags: [pick(TAGS)] }] });
          break;
        case 6: {
          const members = [pick(ids), pick(ids)];
          await ok('POST', `/v1/segments/${tagged.id}/members`, { contactIds: members });
          await ok('POST', `/v1/segments/${tagged.id}/actions/tags`, next(2) === 0 ? { add: [pick(TAGS)] } : { remove: [pick(TAGS)] });
          break;
        }
        case 7:
          if (created.length > 0) {
            const gone = created.splice(next(created.length), 1)[0]!;
            await ok('DELETE', `/v1/contacts/${gone}`);
          }
          break;
      }
      if (step % 10 === 9) await expectExact();
    }
    await expectExact();
    expect((await loadTenantValues(api.database.db, 'org_acme')).tags).not.toContain('never-kept');
  });

  it('stay exact under concurrent writes of the same values', async () => {
    const ids = (await api.database.sql<{ id: string }[]>`select id from contacts where org_id = 'org_acme' order by id desc limit 16`).map((r) => r.id);
    // Half add a new tag and country, half take them away again, all at once.
    await Promise.all(
      ids.map((id, i) =>
        ok('PATCH', `/v1/contacts/${id}`, i % 2 === 0 ? { addTags: ['concurrent-tag'], country: 'PT', language: 'pt' } : { removeTags: ['vip'], country: 'ES' }),
      ),
    );
    await Promise.all(ids.filter((_, i) => i % 4 === 0).map((id) => ok('PATCH', `/v1/contacts/${id}`, { removeTags: ['concurrent-tag'] })));
    await expectExact();
    const values = await loadTenantValues(api.database.db, 'org_acme');
    expect(values.tags).toContain('concurrent-tag');
    expect(values.countries).toEqual(expect.arrayContaining(['PT', 'ES']));
  });

  it('drop a value once its last contact lets go of it, and the segments that name it still validate', async () => {
    await ok('POST', '/v1/contacts', { id: 'ct_last_holder', email: 'last.holder@example.com', tags: ['rare-tag'], language: 'sw' }, 201);
    expect((await loadTenantValues(api.database.db, 'org_acme')).tags).toContain('rare-tag');
    await ok('POST', '/v1/segments', { title: 'Rare', type: 'dynamic', rules: and(cond('tags', 'eq', 'rare-tag')) }, 201);
    await ok('PATCH', '/v1/contacts/ct_last_holder', { tags: [] });
    let values = await loadTenantValues(api.database.db, 'org_acme');
    expect(values.tags).not.toContain('rare-tag');
    expect(values.languages).toContain('sw');
    await ok('DELETE', '/v1/contacts/ct_last_holder');
    values = await loadTenantValues(api.database.db, 'org_acme');
    expect(values.languages).not.toContain('sw');
    await expectExact();
  });
});
