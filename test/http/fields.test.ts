// A tenant's own fields over HTTP against real Postgres: defining them (admins only), using them in
// segments at once (the catalog cache is invalidated), refusing changes that would break segments
// (409 naming them), writes checked against the definitions, and unknown properties proposed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/nl/provider.js';
import { sql } from 'drizzle-orm';
import { fieldIndexName } from '../../src/tenants/field-indexes.js';
import { prepareRules } from '../../src/rules/prepare.js';
import { membersQuery } from '../../src/sql/compile.js';
import { startApi, type TestApi } from '../support/api.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });
const asOf = '2026-11-01T00:00:00Z';

describe('field definitions API', () => {
  let api: TestApi;
  beforeAll(async () => {
    // A long cache TTL: every change below must be visible through invalidation, not expiry.
    api = await startApi({ provider: noProvider, now: () => new Date(asOf), cacheTtlMs: 600_000 });
  });

  const preview = (rules: unknown, key = api.keys.editor) => api.call('POST', '/v1/preview', { key, body: { rules, asOf } });

  it('lists the demo tenant’s three fields, which came from the fixture import, not from code', async () => {
    const res = await api.call('GET', '/v1/fields', { key: api.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.json.fields.map((f: { field: string; type: string }) => [f.field, f.type])).toEqual([
      ['properties.nps', 'number'],
      ['properties.plan', 'single_select'],
      ['properties.source', 'single_select'],
    ]);
    // Another tenant's definitions are its own (globex has the same three, defined for it).
    await api.database.sql`delete from field_definitions where org_id = 'org_globex' and key = 'nps'`;
    api.services.tenants.invalidate('org_globex');
    const theirs = await api.call('GET', '/v1/fields', { key: api.keys.globexAdmin });
    expect(theirs.json.fields.map((f: { key: string }) => f.key)).toEqual(['plan', 'source']);
    expect((await preview(and(cond('properties.nps', 'gte', 9)), api.keys.globexAdmin)).status).toBe(400);
    expect((await preview(and(cond('properties.nps', 'gte', 9)))).status).toBe(200);
  });

  it('defines a field that segments can use at once, and only admins may', async () => {
    const before = await preview(and(cond('properties.renewal_date', 'lt', '2027-01-01')));
    expect(before.status).toBe(400);
    expect(before.json.errors[0].message).toMatch(/unknown field "properties.renewal_date"/);

    const body = { key: 'renewal_date', label: 'Renewal date', type: 'date', synonyms: ['renewal', 'contract end'], description: 'when the contract renews' };
    expect((await api.call('POST', '/v1/fields', { key: api.keys.editor, body })).status).toBe(403);
    const created = await api.call('POST', '/v1/fields', { body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ object: 'contacts', key: 'renewal_date', field: 'properties.renewal_date', type: 'date', values: null, synonyms: ['renewal', 'contract end'] });
    expect((await api.call('POST', '/v1/fields', { body })).status).toBe(409);

    const ok = await preview(and(cond('renewal', 'lt', '2027-01-01')));
    expect(ok.status).toBe(200);
    expect(ok.json.rules.children[0].field).toBe('properties.renewal_date');
    expect(ok.json.explanation).toBe('Contacts whose renewal date is before 2027-01-01.');
  });

  it('refuses inconsistent definitions with a path for every problem, and creates nothing', async () => {
    const res = await api.call('POST', '/v1/fields', { body: { key: 'tier2', label: 'Country', type: 'single_select', synonyms: ['tags'] } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'body.values', message: 'a single_select field lists its allowed values, e.g. ["gold", "silver"]' },
      { path: 'body.label', message: '"Country" already names the built-in field country; choose another' },
      { path: 'body.synonyms[0]', message: '"tags" already names the built-in field tags; choose another' },
    ]);
    const shape = await api.call('POST', '/v1/fields', { body: { key: '9lives', label: 'Lives', type: 'integer' } });
    expect(shape.status).toBe(400);
    expect(shape.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.key', 'body.type']);
    expect((await api.call('GET', '/v1/fields/tier2')).status).toBe(404);
    // A label names one field.
    expect((await api.call('POST', '/v1/fields', { body: { key: 'renewal2', label: 'renewal DATE', type: 'date' } })).status).toBe(409);
  });

  it('refuses to change the type of, delete, or drop a used value of a field segments use — naming them — and changes nothing', async () => {
    const field = await api.call('POST', '/v1/fields', { body: { key: 'interests', label: 'Interests', type: 'multi_select', values: ['ai', 'crm', 'security'] } });
    expect(field.status).toBe(201);
    const seg = await api.call('POST', '/v1/segments', { body: { title: 'AI people', type: 'dynamic', rules: and(cond('interests', 'eq', 'ai')) } });
    expect(seg.status).toBe(201);

    const retype = await api.call('PATCH', '/v1/fields/interests', { body: { type: 'text' } });
    expect(retype.status).toBe(409);
    expect(retype.json.detail).toBe('Cannot change the type of "interests" from multi_select to text: 1 segment uses it ("AI people"). Change or archive it first; nothing was changed.');
    expect(retype.json.errors).toEqual([{ path: 'segments.ai-people.rules.children[0]', message: `segment "AI people" (${seg.json.id}) uses properties.interests here` }]);
    expect((await api.call('PATCH', '/v1/fields/interests', { body: { values: ['crm', 'security'] } })).status).toBe(409);
    expect((await api.call('DELETE', '/v1/fields/interests')).status).toBe(409);
    expect((await api.call('GET', '/v1/fields/interests')).json).toMatchObject({ type: 'multi_select', values: ['ai', 'crm', 'security'] });

    // Values no segment uses can go; labels and synonyms can change freely.
    const narrowed = await api.call('PATCH', '/v1/fields/interests', { body: { values: ['ai', 'crm'], label: 'Topics of interest', synonyms: ['topics'] } });
    expect(narrowed.status).toBe(200);
    expect(narrowed.json).toMatchObject({ label: 'Topics of interest', values: ['ai', 'crm'], synonyms: ['topics'] });
    expect((await preview(and(cond('topics', 'eq', 'security')))).status).toBe(400);

    // Once the segment no longer uses it, the field can be deleted; the values stay on the records.
    expect((await api.call('PATCH', `/v1/segments/${seg.json.id}`, { body: { rules: and(cond('country', 'eq', 'DE')) } })).status).toBe(200);
    expect((await api.call('DELETE', '/v1/fields/interests')).status).toBe(204);
    expect((await api.call('GET', '/v1/fields/interests')).status).toBe(404);
    expect((await preview(and(cond('properties.interests', 'eq', 'ai')))).status).toBe(400);
  });

  it('checks written properties against the definitions and proposes definitions for unknown ones', async () => {
    await api.call('POST', '/v1/fields', { body: { key: 'vip_level', label: 'VIP level', type: 'single_select', values: ['Gold', 'Silver'] } });
    const bad = await api.call('POST', '/v1/contacts', { key: api.keys.editor, body: { email: 'x1@example.com', properties: { vip_level: 'platinum', renewal_date: '2026-02-30' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([
      { path: 'body.properties.vip_level', message: 'VIP level (vip_level) is a single-select field: expected one of "Gold", "Silver", got "platinum"' },
      { path: 'body.properties.renewal_date', message: 'Renewal date (renewal_date) is a date field: expected an ISO-8601 date such as "2025-03-01" or "2025-03-01T09:30:00Z", got "2026-02-30"' },
    ]);

    const contacts = ['a', 'b', 'c', 'd'].map((n, i) => ({
      id: `ct_disc_${n}`,
      email: `${n}@disc.example`,
      properties: { vip_level: 'gold', renewal_date: '2027-03-01', industry_vertical: i % 2 ? 'fintech' : 'health', seats: 10 * i, beta: i > 1, topics: ['x', 'y'].slice(0, i + 1) },
    }));
    const res = await api.call('POST', '/v1/contacts/bulk', { key: api.keys.editor, body: { contacts } });
    expect(res.status).toBe(200);
    expect(res.json.proposedFields).toEqual([
      { key: 'beta', type: 'boolean', values: null, records: 4, because: '4 yes/no values' },
      { key: 'industry_vertical', type: 'single_select', values: ['fintech', 'health'], records: 4, because: '4 texts with only 2 distinct values' },
      { key: 'seats', type: 'number', values: null, records: 4, because: '4 numbers' },
      { key: 'topics', type: 'multi_select', values: ['x', 'y'], records: 4, because: 'lists of 2 distinct values' },
    ]);
    // Proposed, not applied: the tenant's fields are unchanged, and the values are stored as written.
    expect((await api.call('GET', '/v1/fields')).json.fields.map((f: { key: string }) => f.key)).not.toContain('industry_vertical');
    const stored = await api.call('GET', '/v1/contacts/ct_disc_a');
    // Stored in the definition's spelling ("gold" → "Gold") and dates as ISO-8601 UTC.
    expect(stored.json.properties).toMatchObject({ vip_level: 'Gold', renewal_date: '2027-03-01T00:00:00.000Z', industry_vertical: 'health' });

    const renewing = await preview(and(cond('properties.renewal_date', 'between', ['2027-01-01', '2027-12-31']), cond('vip_level', 'eq', 'GOLD')));
    expect(renewing.status).toBe(200);
    expect(renewing.json.count).toBe(4);
  });

  it('serves the tenant’s fields with their types and values to the reviewer page', async () => {
    const res = await api.call('GET', '/app/api/catalog', { key: api.keys.viewer });
    expect(res.status).toBe(200);
    const byKey = (key: string) => res.json.fields.find((f: { key: string }) => f.key === key);
    expect(byKey('properties.vip_level')).toMatchObject({ label: 'VIP level', type: 'enum', defined: { type: 'single_select' }, choices: [{ value: 'Gold', label: 'Gold' }, { value: 'Silver', label: 'Silver' }] });
    expect(byKey('properties.renewal_date')).toMatchObject({ type: 'date', defined: { type: 'date', description: 'when the contract renews' }, hint: 'when the contract renews' });
    expect(byKey('properties.renewal_date').operators.map((o: { value: string }) => o.value)).toContain('within_last');
  });

  it('counts a bad stored value as missing, never as an error', async () => {
    await api.call('POST', '/v1/fields', { body: { key: 'score_raw', label: 'Raw score', type: 'number' } });
    // Stored before the field was defined (or by another writer): not a number.
    await api.database.sql`update contacts set properties = properties || '{"score_raw": "12abc"}'::jsonb where org_id = 'org_acme' and id = 'ct_disc_a'`;
    await api.database.sql`update contacts set properties = properties || '{"score_raw": 12}'::jsonb where org_id = 'org_acme' and id = 'ct_disc_b'`;
    const res = await preview(and(cond('properties.score_raw', 'gte', 0)));
    expect(res.status).toBe(200);
    expect(res.json.count).toBe(1);
    const missing = await preview(and(cond('properties.score_raw', 'is_null', null), cond('email', 'ends_with', '@disc.example')));
    expect(missing.json.count).toBe(3);
  });

  it('indexes a number or date field for range filters when asked, and the compiled filter reads that index', async () => {
    const refused = await api.call('POST', '/v1/fields', { body: { key: 'tier_x', label: 'Tier X', type: 'single_select', values: ['a'], indexed: true } });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([{ path: 'body.indexed', message: expect.stringContaining('only number and date fields take an index of their own') }]);

    const made = await api.call('POST', '/v1/fields', { body: { key: 'seats', label: 'Seats', type: 'number', indexed: true } });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ indexed: true, index: expect.stringMatching(/^(building|ready)$/) });
    await api.services.fieldIndexes.settled();
    expect((await api.call('GET', '/v1/fields/seats')).json).toMatchObject({ indexed: true, index: 'ready' });
    const name = fieldIndexName('org_acme', 'contacts', 'seats');
    const [def] = await api.database.sql<{ indexdef: string }[]>`select indexdef from pg_indexes where indexname = ${name}`;
    expect(def!.indexdef).toMatch(/prop_number\(properties, 'seats'::text\)\) WHERE \(org_id = 'org_acme'::text\)/);

    // The preview's filter, as compiled (the key a bound parameter), plans onto the index.
    await api.database.sql`update contacts set properties = properties || jsonb_build_object('seats', (substr(id, length(id) - 1))::int) where org_id = 'org_acme' and id ~ '[0-9]{2}$'`;
    await api.database.sql`analyze contacts`;
    const tenant = await api.services.tenants.get('org_acme');
    const prepared = prepareRules(and(cond('properties.seats', 'gte', 98)), { tenant });
    if (!prepared.ok) throw new Error(JSON.stringify(prepared));
    const query = membersQuery(prepared.tree, { orgId: 'org_acme', asOf: new Date(asOf), tenant });
    await api.database.sql`set enable_seqscan = off`; // the demo tenant is small: show the index is usable, not that it wins at 300 rows
    try {
      const plan = (await api.database.db.execute<{ 'QUERY PLAN': string }>(sql`explain ${query}`)).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain(name);
    } finally {
      await api.database.sql`reset enable_seqscan`;
    }
    const counted = await preview(and(cond('properties.seats', 'gte', 98)));
    expect(counted.json.count).toBe((await api.database.sql`select 1 from contacts where org_id = 'org_acme' and (properties->>'seats')::int >= 98`).length);

    // Turned off (or the field deleted), the index goes.
    expect((await api.call('PATCH', '/v1/fields/seats', { body: { indexed: false } })).json).toMatchObject({ indexed: false, index: null });
    expect(await api.database.sql`select 1 from pg_indexes where indexname = ${name}`).toHaveLength(0);
    expect((await api.call('PATCH', '/v1/fields/seats', { body: { indexed: true } })).status).toBe(200);
    await api.services.fieldIndexes.settled();
    expect(await api.database.sql`select 1 from pg_indexes where indexname = ${name}`).toHaveLength(1);
    expect((await api.call('PATCH', '/v1/fields/seats', { body: { type: 'text' } })).status).toBe(400);
    expect((await api.call('DELETE', '/v1/fields/seats')).status).toBe(204);
    expect(await api.database.sql`select 1 from pg_indexes where indexname = ${name}`).toHaveLength(0);
  });
});
