// Input Postgres or JavaScript cannot take as it is — NUL characters, lone surrogates, "__proto__",
// dates outside the calendar both agree on — is refused with a 400 that names where it is, on
// every route, and changes nothing. Races between clients answer 409, not 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/client.js';
import type { Provider } from '../../src/nl/provider.js';
import { apiOver, startApi, type TestApi } from '../support/api.js';
import { createTestDatabase, dropTestDatabase } from '../support/db.js';

const noProvider: Provider = { name: 'none', model: 'none', generate: () => Promise.reject(new Error('not used')) };
const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

describe('hostile text at the edge', () => {
  let api: TestApi;
  let segmentId: string;
  let draftId: string;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, now: () => new Date('2026-11-01T00:00:00Z') });
    segmentId = (await api.call('POST', '/v1/segments', { body: { title: 'Static one', type: 'static' } })).json.id;
    draftId = (await api.call('POST', '/v1/segments', { body: { title: 'Dynamic one', type: 'dynamic', rules: and(cond('country', 'eq', 'DE')) } })).json.id;
  });

  async function expectRefused(method: string, path: string, options: Parameters<TestApi['call']>[2], where: string, message: RegExp) {
    const res = await api.call(method, path, options);
    expect(res.status, `${method} ${path}: ${res.text}`).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.errors, `${method} ${path}`).toContainEqual({ path: where, message: expect.stringMatching(message) });
    expect(res.text).not.toMatch(/\n\s+at /);
    return res;
  }

  it('refuses a NUL character in a body string, a body key, a path id and a query parameter, naming where', async () => {
    const nul = /NUL character/;
    await expectRefused('POST', '/v1/segments', { body: { title: 'a\u0000b', type: 'static' } }, 'body.title', nul);
    await expectRefused('POST', '/v1/contacts', { body: { email: 'n@example.com', properties: { 'a\u0000': 1 } } }, 'body.properties.a\\u0000', nul);
    await expectRefused('POST', '/v1/contacts/bulk', { body: { contacts: [{ id: 'c1', email: 'x@example.com' }, { id: 'c2', tags: ['ok', 'x\u0000'] }] } }, 'body.contacts.1.tags.1', nul);
    await expectRefused('POST', '/v1/preview', { body: { rules: and(cond('email', 'contains', '\u0000')) } }, 'body.rules.children.0.value', nul);
    await expectRefused('POST', '/v1/webhooks', { body: { url: 'https://hooks.example.com/x', secret: 'a'.repeat(20) + '\u0000' } }, 'body.secret', nul);
    await expectRefused('PATCH', `/v1/segments/${segmentId}`, { body: { description: '\u0000' } }, 'body.description', nul);
    for (const [method, path] of [
      ['GET', '/v1/segments/a%00b'],
      ['GET', '/v1/contacts/a%00b'],
      ['GET', '/v1/drafts/a%00b'],
      ['PUT', '/v1/drafts/a%00b'],
      ['DELETE', '/v1/webhooks/a%00b'],
      ['POST', '/v1/segments/a%00b/archive'],
      ['GET', '/v1/segments/a%00b/export.csv'],
    ] as const) {
      await expectRefused(method, path, method === 'PUT' ? { body: { rules: and(cond('country', 'eq', 'DE')) } } : {}, 'path.id', nul);
    }
    // A literal "%00" (sent as %2500) is just an unknown id: decoded once, not twice.
    expect((await api.call('GET', '/v1/segments/%2500')).status).toBe(404);
    await expectRefused('GET', '/v1/segments?status=a%00', {}, 'query.status', nul);
    await expectRefused('GET', '/v1/events?segmentId=%00', {}, 'query.segmentId', nul);
    await expectRefused('GET', `/v1/segments/${draftId}/members?sort=%00`, {}, 'query.sort', nul);
  });

  it('refuses lone surrogates, which Postgres would silently replace or fail on in JSON', async () => {
    await expectRefused('POST', '/v1/contacts', { raw: '{"email":"s@example.com","tags":["\\ud800"]}' }, 'body.tags.0', /lone UTF-16 surrogate/);
    await expectRefused('POST', '/v1/contacts', { raw: '{"email":"s@example.com","properties":{"note":"x\\udc00"}}' }, 'body.properties.note', /lone UTF-16 surrogate/);
    // A proper pair is fine.
    const ok = await api.call('POST', '/v1/contacts', { raw: '{"email":"pair@example.com","properties":{"note":"\\ud83d\\ude00"}}' });
    expect(ok.status).toBe(201);
    expect(ok.json.contact.properties.note).toBe('😀');
  });

  it('refuses "__proto__", "constructor" and "prototype" as property names and tags instead of storing {}', async () => {
    const before = (await api.database.sql`select count(*)::int as n from contacts where org_id = 'org_acme'`)[0]!.n;
    await expectRefused('POST', '/v1/contacts', { raw: '{"email":"p@example.com","properties":{"__proto__":{"plan":"x"}}}' }, 'body.properties.__proto__', /reserved name/);
    await expectRefused('POST', '/v1/contacts', { body: { email: 'p@example.com', properties: { constructor: 'x', prototype: 1 } } }, 'body.properties.constructor', /reserved name/);
    await expectRefused('POST', '/v1/contacts', { body: { email: 'p@example.com', properties: { prototype: 1 } } }, 'body.properties.prototype', /reserved name/);
    await expectRefused('POST', '/v1/contacts', { body: { email: 'p@example.com', tags: ['vip', ' __proto__ '] } }, 'body.tags.1', /reserved names/);
    await expectRefused('PATCH', '/v1/contacts/ct_00257', { body: { addTags: ['constructor'] } }, 'body.addTags.0', /reserved names/);
    expect((await api.database.sql`select count(*)::int as n from contacts where org_id = 'org_acme'`)[0]!.n).toBe(before);
    // In rules, "tagged __proto__" is an error, not "has any tag".
    for (const tag of ['__proto__', 'constructor', 'prototype']) {
      const res = await api.call('POST', '/v1/preview', { body: { rules: and(cond('tags', 'eq', tag)) } });
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual([{ path: 'rules.children[0].value', message: expect.stringMatching(new RegExp(`"${tag}" is a reserved name and cannot be a tag`)) }]);
    }
  });

  it('refuses JSON nested deeper than 64 levels, and malformed JSON, with a 400', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await api.call('POST', '/v1/preview', { raw: `{"rules":${deep}}` });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/nested more than 64 levels/);
    const bad = await api.call('POST', '/v1/segments', { raw: '{"title": ' });
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toMatch(/^Malformed JSON in the request body/);
  });
});

describe('dates outside the supported calendar', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ provider: noProvider, now: () => new Date('2026-11-01T00:00:00Z') });
  });
  const outside = /outside the supported dates, from 1900-01-01 to 2999-12-31/;

  it('refuses year 0 and year 1 in rules, naming the value', async () => {
    for (const [value, where] of [
      ['0000-01-01', 'rules.children[0].value'],
      ['0001-01-01T00:00:00Z', 'rules.children[0].value'],
      ['1899-12-31', 'rules.children[0].value'],
      ['3000-01-01', 'rules.children[0].value'],
    ] as const) {
      const res = await api.call('POST', '/v1/preview', { body: { rules: and(cond('created_at', 'gt', value)) } });
      expect(res.status, value).toBe(400);
      expect(res.json.errors).toEqual([{ path: where, message: expect.stringMatching(outside) }]);
    }
    const between = await api.call('POST', '/v1/preview', { body: { rules: and(cond('created_at', 'between', ['0001-01-01', '2020-01-01'])) } });
    expect(between.status).toBe(400);
    expect(between.json.errors).toEqual([{ path: 'rules.children[0].value[0]', message: expect.stringMatching(outside) }]);
  });

  it('refuses an early asOf, so a 1,000-year span cannot reach before year 1', async () => {
    const span = and(cond('created_at', 'more_than_ago', { amount: 1000, unit: 'years' }));
    for (const asOf of ['0000-01-01', '0001-01-01', '0999-06-01T00:00:00Z']) {
      const res = await api.call('POST', '/v1/preview', { body: { rules: span, asOf } });
      expect(res.status, asOf).toBe(400);
      expect(res.json.errors).toEqual([{ path: 'body.asOf', message: expect.stringMatching(outside) }]);
    }
    const seg = (await api.call('POST', '/v1/segments', { body: { title: 'Old', type: 'dynamic', rules: span } })).json;
    const members = await api.call('GET', `/v1/segments/${seg.id}/members?asOf=0001-01-01`);
    expect(members.status).toBe(400);
    expect(members.json.errors).toEqual([{ path: 'query.asOf', message: expect.stringMatching(outside) }]);
    // The earliest clock with the longest span stays inside both calendars and simply matches no one.
    for (const value of [{ amount: 1000, unit: 'years' }, { amount: 366_000, unit: 'days' }, { amount: 12_000, unit: 'months' }]) {
      for (const operator of ['more_than_ago', 'within_last']) {
        const ok = await api.call('POST', '/v1/preview', { body: { rules: and(cond('created_at', operator, value)), asOf: '1900-01-01' } });
        expect(ok.status, `${operator} ${JSON.stringify(value)}`).toBe(200);
        expect(ok.json.count).toBe(0);
      }
    }
  });

  it('refuses a contact timestamp in year 0', async () => {
    const res = await api.call('POST', '/v1/contacts', { body: { email: 'old@example.com', createdAt: '0000-01-01T00:00:00Z' } });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ path: 'body.createdAt', message: expect.stringMatching(outside) }]);
    const deal = await api.call('POST', '/v1/contacts/ct_00257/deals', { body: { name: 'Old deal', stage: 'closed_won', closedAt: '0001-01-01T00:00:00Z' } });
    expect(deal.status).toBe(400);
    expect(deal.json.errors).toEqual([{ path: 'body.closedAt', message: expect.stringMatching(outside) }]);
  });
});

describe('races between clients', () => {
  // A pool as large as the burst, so every import validates before the first one commits.
  let api: TestApi;
  let dbName: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const { name, url } = await createTestDatabase('tmpl_fixture');
    dbName = name;
    const database = connect(url, { max: 12 });
    close = database.close;
    api = await apiOver(database, { provider: noProvider, now: () => new Date('2026-11-01T00:00:00Z') });
  });
  afterAll(async () => {
    await close();
    await dropTestDatabase(dbName);
  });

  it('answers ten concurrent imports of the same new slug with exactly one 200 and nine 409s', async () => {
    const item = { object_type: 'segments', data: { title: 'Raced', slug: 'raced', object_type: 'contacts', query: and(cond('country', 'eq', 'DE')) } };
    // Hold writes to segments until all ten have validated (the slug is free for each) and wait at
    // their insert: the worst interleaving, made certain instead of left to the scheduler.
    const gate = await api.database.sql.reserve();
    await gate`begin`;
    await gate`lock table segments in share mode`;
    const pending = Array.from({ length: 10 }, () => api.call('POST', '/v1/segments/import', { body: [item] }));
    for (let waited = 0; ; waited += 50) {
      const [row] = await api.database.sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into "segments"%'`;
      if (row!.n === 10) break;
      if (waited > 30_000) throw new Error(`only ${row!.n} imports reached their insert`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await gate`commit`;
    gate.release();
    const results = await Promise.all(pending);
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(results.find((r) => r.status === 200)!.json.created).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.json.detail).toMatch(/^A segment (slug in the import was taken by a concurrent change|title in the import is already used by another segment).*; nothing was changed/);
    }
    const rows = await api.database.sql`select count(*)::int as n from segments where org_id = 'org_acme' and slug = 'raced'`;
    expect(rows[0]!.n).toBe(1);
  });

  it('answers a unique violation no module mapped with 409, not 500', async () => {
    // Stands for any race between clients that ends in a unique index (SQLSTATE 23505).
    await api.database.sql.unsafe(`
      create function raced_insert() returns trigger language plpgsql as $$
        begin raise exception using errcode = 'unique_violation', message = 'duplicate key value violates unique constraint', table = TG_TABLE_NAME; end $$;
      create trigger raced_insert before insert on contacts for each row execute function raced_insert();`);
    const res = await api.call('POST', '/v1/contacts', { body: { email: 'raced@example.com' } });
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/^Conflicts with a concurrent or earlier change: a contact with the same key already exists\. Nothing was changed/);
    await api.database.sql.unsafe('drop trigger raced_insert on contacts');
  });
});
