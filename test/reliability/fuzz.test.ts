// A fuzz pass over every route the served OpenAPI document lists: hostile bodies (wrong types,
// deep nesting, huge numbers, NUL, lone surrogates, long strings, prototype keys, a valid body with
// one part replaced), hostile path ids and query parameters, sent with an admin key, a viewer key,
// a forged key and none. Whatever is sent: never a 5xx, never a stack trace or an internal path in
// the answer, a 4xx is always problem+json with a request id, and every answer matches the document
// (the harness checks status, content type and body schema).
//
// Bounded by count, not time: RUNS_PER_ROUTE runs per documented operation (a few hundred requests
// in all). FUZZ_SEED=<n> replays a run (a failure prints its seed and the request); FUZZ_RUNS=<n>
// runs longer when hunting.
//
// Every query parameter is fuzzed, `cursor` included (tampered cursors are a 400 naming query.cursor).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { startApi, type ApiResponse, type TestApi } from '../support/api.js';

const RUNS_PER_ROUTE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 8;
const NOT_FUZZED = new Set<string>();
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

type Operation = { method: string; template: string; query: string[]; hasBody: boolean };

// ---- hostile values ---------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '%00',
  '%',
  "'; drop table contacts; --",
  '\\',
  '"',
  '0000-01-01',
  '0001-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-02-30',
  'NaN',
  'Infinity',
  '1e400',
  '-0',
  '9'.repeat(400),
  '\u202e\u200b\ufeff',
  '😀',
];
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom('a', '\u0000', '%'), loneSurrogate), maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 40_000 }).map((n) => 'x'.repeat(n)) },
);
const hostileNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 5e-324, 1e21, 0.1, -1, 0, 2 ** 31),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'children', 'rules', 'value', 'id', '', '\u0000', '\ud800', 'toString'),
  fc.string({ maxLength: 12 }),
);
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  ),
}));
/** [[[…]]] or {"a":{"a":…}} far past any sane depth. */
const deepNesting = fc.tuple(fc.integer({ min: 65, max: 20_000 }), fc.boolean()).map(([n, arrays]) =>
  arrays ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + 'null' + '}'.repeat(n),
);

/** Every path into a JSON value (keys and indexes), the root as []. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** The example with the value at `path` replaced (or removed, or a key added beside it). */
function mutate(example: unknown, path: (string | number)[], action: 'replace' | 'remove' | 'add', value: unknown, key: string): unknown {
  if (path.length === 0) return action === 'replace' ? value : example;
  const copy = structuredClone(example) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (action === 'replace') parent[last] = value;
  else if (action === 'remove') Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last];
  else if (!Array.isArray(parent)) Object.defineProperty(parent, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Body text to send: hostile JSON, a mutated valid body, deep nesting, or not JSON at all. */
function bodyArbitrary(example: unknown): fc.Arbitrary<string | undefined> {
  const all = paths(example);
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...all), fc.constantFrom('replace', 'remove', 'add') as fc.Arbitrary<'replace' | 'remove' | 'add'>, hostileValue, hostileKey).map(([p, action, v, k]) => JSON.stringify(mutate(example, p, action, v, k))) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(example)) }, // as is: the hostile part is then the id or the query
    { weight: 2, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: fc.constantFrom('{"title": ', '{"a":1}{"b":2}', '\u0000', '[1,]', 'nul', '"\\ud800"', '{"__proto__":{"x":1},"title":"p","type":"static"}') },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function hostileIdArbitrary(real: string[]): fc.Arbitrary<string> {
  const encoded = hostileString.map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ED%A0%80'; // a lone surrogate, as UTF-8 bytes a browser could send
    }
  });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real) },
    { weight: 3, arbitrary: encoded.filter((s) => s.length > 0) }, // an empty segment is another URL (404)
    { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ZZ', 'a%2Fb', '..', '%2e%2e', 'a'.repeat(101), '__proto__', 'seg_nope') },
  );
}

const queryValue = fc.oneof(
  hostileString.map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ED%A0%80';
    }
  }),
  fc.constantFrom('0', '-1', '1e3', '99999999999', '2026-11-01', '0000-01-01', 'asc', 'desc', 'email', 'active', '%', '%ZZ'),
);

// ---- the pass ----------------------------------------------------------------------------------

describe('fuzz pass over every documented route', () => {
  let api: TestApi;
  let operations: Operation[];
  let examples: Record<string, unknown>;
  let realIds: (template: string) => string[];

  beforeAll(async () => {
    api = await startApi({ provider: new BuiltinProvider(), now: () => new Date('2026-11-01T00:00:00Z') });
    const rules = and(cond('country', 'eq', 'DE'), cond('tags', 'eq', 'vip'));
    const created = async (path: string, body: unknown) => {
      const res = await api.call('POST', path, { body });
      if (res.status >= 300) throw new Error(`setup ${path}: ${res.status} ${res.text}`);
      return res.json;
    };
    const staticSeg = (await created('/v1/segments', { title: 'Fuzz static', type: 'static' })).id as string;
    const dynamicSeg = (await created('/v1/segments', { title: 'Fuzz dynamic', type: 'dynamic', rules })).id as string;
    const draft = (await created('/v1/drafts', { description: 'contacts in Germany tagged vip' })).id as string;
    const webhook = (await created('/v1/webhooks', { url: 'https://hooks.example.com/fuzz' })).id as string;
    await created('/v1/contacts', { id: 'ct_fuzz_joiner', email: 'joiner@example.com', country: 'DE', tags: ['vip'] }); // queues a delivery
    const [delivery] = await api.database.sql<{ id: string }[]>`select id from webhook_deliveries where org_id = 'org_acme' limit 1`;
    const [campaign] = await api.database.sql<{ id: string }[]>`select id from campaigns where org_id = 'org_acme' limit 1`;
    const contact = 'ct_00257';
    const throwawayKey = (await created('/v1/keys', { name: 'Fuzz throwaway', role: 'viewer' })).id as string; // never the keys the fuzz sends

    realIds = (template) => {
      if (template.startsWith('/v1/drafts/')) return [draft];
      if (template.startsWith('/v1/webhooks/deliveries/')) return [delivery?.id ?? 'dlv_none'];
      if (template.startsWith('/v1/webhooks/')) return [webhook];
      if (template.startsWith('/v1/contacts/')) return [contact, 'ct_fuzz_joiner'];
      if (template.startsWith('/v1/keys/')) return [throwawayKey];
      if (template.startsWith('/v1/fields/')) return ['fuzz_field', 'plan'];
      return [staticSeg, dynamicSeg];
    };
    const asOf = '2026-11-01';
    examples = {
      'POST /v1/drafts': { description: 'contacts in Germany tagged vip', asOf },
      'PUT /v1/drafts/{id}': { rules },
      'POST /v1/drafts/{id}/approve': { title: 'Fuzz approved', slug: 'fuzz-approved', description: 'd' },
      'POST /v1/preview': { rules: and(cond('created_at', 'within_last', { amount: 90, unit: 'days' }), { type: 'relation', relation: 'deals', has: true, where: and(cond('amount', 'gt', 1000)), count: { operator: 'gte', value: 1 } }), asOf },
      'POST /v1/preview/funnel': { rules, asOf },
      'POST /v1/segments': { title: 'Fuzz created', type: 'dynamic', rules },
      'POST /v1/segments/counts': { ids: [staticSeg, dynamicSeg], asOf },
      'POST /v1/segments/upsert-by-name': { names: ['Fuzz A', 'Fuzz B'] },
      'POST /v1/segments/import': [{ object_type: 'segments', data: { title: 'Fuzz imported', slug: 'fuzz-imported', object_type: 'contacts', query: rules } }],
      'PATCH /v1/segments/{id}': { title: 'Fuzz renamed', description: null, rules },
      'POST /v1/segments/{id}/freeze': { title: 'Fuzz frozen', asOf },
      'POST /v1/segments/{id}/members': { contactIds: [contact] },
      'DELETE /v1/segments/{id}/members': { contactIds: [contact] },
      'POST /v1/contacts': { email: 'fuzz@example.com', firstName: 'F', country: 'DE', language: 'de', tags: ['vip'], properties: { plan: 'pro', nps: 9, note: 'n' }, createdAt: '2026-10-01T00:00:00Z' },
      'POST /v1/segments/overlap': { segments: [{ id: staticSeg }, { rules }], asOf },
      'POST /v1/segments/{id}/preview-edit': { rules, asOf },
      'POST /v1/segments/{id}/members/import': { note: 'sent as JSON, so a 415: the CSV route is covered by test/http/bulk.test.ts' },
      'POST /v1/segments/{id}/actions/tags': { add: ['vip'], remove: ['trial'] },
      'POST /v1/segments/{id}/actions/owner': { ownerId: null },
      'POST /v1/segments/{id}/actions/handoff': { reference: 'campaign:fuzz', note: 'n', pageSize: 500 },
      'POST /v1/contacts/search': { q: 'an', rules, sort: 'email', order: 'asc', limit: 5 },
      'POST /v1/contacts/bulk': { contacts: [{ id: 'ct_fuzz_bulk', email: 'bulk@example.com', tags: ['vip'] }, { id: contact, lastName: 'L' }] },
      'PATCH /v1/contacts/{id}': { firstName: 'G', addTags: ['vip'], removeTags: ['trial'], properties: { nps: 3 } },
      'POST /v1/contacts/{id}/deals': { name: 'Fuzz deal', stage: 'proposal', amount: 100, closedAt: null },
      'POST /v1/contacts/{id}/activities': { type: 'call', direction: 'outbound', occurredAt: '2026-10-01T00:00:00Z' },
      'POST /v1/contacts/{id}/email-events': { campaignId: campaign!.id, type: 'opened' },
      'POST /v1/webhooks': { url: 'https://hooks.example.com/x', events: ['segment.joined', 'segment.handoff'], segmentIds: [dynamicSeg], description: 'd' },
      'PATCH /v1/webhooks/{id}': { enabled: false, description: 'paused' },
      'POST /v1/keys': { name: 'Fuzz key', role: 'viewer' },
      'POST /v1/fields': { key: 'fuzz_field', label: 'Fuzz field', type: 'multi_select', values: ['a', 'b'], synonyms: ['fuzzy'], description: 'd' },
      'PATCH /v1/fields/{key}': { label: 'Fuzz field renamed', values: ['a', 'b', 'c'], synonyms: [] },
    };

    const doc = (await api.call('GET', '/openapi.json')).json as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        query: (op.parameters ?? []).filter((p) => p.in === 'query' && !NOT_FUZZED.has(p.name)).map((p) => p.name),
        hasBody: op.requestBody !== undefined,
      })),
    );
    // Deletes last, so the real ids stay real for the other routes as long as possible.
    operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  });

  it('has a valid example body for every documented route that takes one', () => {
    const missing = operations.filter((o) => o.hasBody && !(`${o.method} ${o.template}` in examples)).map((o) => `${o.method} ${o.template}`);
    expect(missing, 'add an example body to the fuzz test for these routes').toEqual([]);
    expect(operations.length).toBeGreaterThan(30);
  });

  it('never answers 5xx, never leaks a stack or a path, and answers every 4xx with problem+json', async () => {
    let requests = 0;
    for (const op of operations) {
      const ids = realIds(op.template);
      const example = examples[`${op.method} ${op.template}`];
      const request = fc.record({
        who: fc.constantFrom('admin', 'admin', 'admin', 'admin', 'viewer', 'none', 'forged'),
        id: hostileIdArbitrary(ids),
        query: fc.array(fc.tuple(fc.constantFrom(...op.query, 'extra', '\u0000'), queryValue), { maxLength: op.query.length + 1 }),
        body: op.method === 'GET' ? fc.constant(undefined) : example !== undefined ? bodyArbitrary(example) : fc.option(hostileValue.map((v) => JSON.stringify(v) ?? 'null'), { freq: 3 }).map((b) => b ?? undefined),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const search = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
          const url = op.template.replace(/\{(id|key)\}/, r.id) + (search ? `?${search}` : '');
          const key = r.who === 'admin' ? api.keys.admin : r.who === 'viewer' ? api.keys.viewer : r.who === 'forged' ? 'sbk_forged_0000' : null;
          requests += 1;
          let res: ApiResponse;
          try {
            res = await api.call(op.method, url, { key, ...(r.body !== undefined ? { raw: r.body } : {}) });
          } catch (err) {
            // The harness throws when an answer does not match the OpenAPI document.
            throw new Error(`${op.method} ${url.slice(0, 300)} → ${(err as Error).message.slice(0, 600)}`);
          }
          const context = `${op.method} ${url.slice(0, 300)} body=${String(r.body).slice(0, 300)} → ${res.status} ${res.text.slice(0, 500)}`;
          expect(res.status, context).toBeLessThan(500);
          expect(res.text, context).not.toMatch(/\n\s+at \S|node_modules\/|file:\/\/|\/src\/\S+\.ts\b|\.ts:\d+:\d+/);
          if (r.who === 'none' || r.who === 'forged') expect(res.status, context).toBe(401);
          if (res.status >= 400) {
            expect(res.headers.get('content-type'), context).toBe('application/problem+json');
            expect(res.json, context).toMatchObject({ status: res.status, title: expect.any(String), detail: expect.any(String), requestId: res.headers.get('x-request-id') });
          }
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
    }
    expect(requests).toBeGreaterThanOrEqual(operations.length * RUNS_PER_ROUTE);
  }, 600_000);
});
