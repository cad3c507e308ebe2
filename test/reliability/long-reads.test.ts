// Long reads over real HTTP: an export (or an ids read) whose client goes away stops on the server;
// a tenant asking for more long reads than it may run at once gets 429 with Retry-After; and other
// tenants' short requests keep their connections meanwhile. Statements are kept running by a table
// lock held in another session; the lock timeout is raised so only a cancellation can end them.
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, holdTableLock, type ReliabilityApi, runningStatements, startReliabilityApi, within } from './support.js';

const EXPORT_SQL = 'array_to_string(c.tags';
const IDS_SQL = 'select id from (select contact_id as id from segment_members';

describe('long reads', () => {
  let api: ReliabilityApi;
  let staticSegment: string;
  beforeAll(async () => {
    // The per-tenant bound is what these tests are about: previews overall may use every slot.
    api = await startReliabilityApi({ connect: { lockTimeoutMs: 60_000 }, api: { statementTimeoutMs: 60_000, previewsAtOnce: 8 } });
    const created = await api.call('POST', '/v1/segments', { body: { title: 'Export me', type: 'static' } });
    staticSegment = created.json.id;
    const ids = (await api.observer`select id from contacts where org_id = 'org_acme' order by id limit 50`).map((r) => r.id as string);
    expect((await api.call('POST', `/v1/segments/${staticSegment}/members`, { key: api.keys.editor, body: { contactIds: ids } })).status).toBe(200);
    // Warm what short requests read, so only the statements under test touch the locked table.
    expect((await api.call('GET', '/v1/segments', { key: api.keys.globexAdmin })).status).toBe(200);
  });

  const open = (path: string, key: string, signal?: AbortSignal) => fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${key}` }, ...(signal ? { signal } : {}) });

  it('cancels a running CSV export on the server when its client disconnects', async () => {
    const lock = await holdTableLock(api.url, 'segment_members');
    try {
      const client = new AbortController();
      const res = await within(10_000, 'export headers', open(`/v1/segments/${staticSegment}/export.csv`, api.keys.viewer, client.signal));
      expect(res.status).toBe(200);
      expect(await eventually(async () => (await runningStatements(api.observer, EXPORT_SQL)) === 1, 5_000)).toBe(true);
      client.abort();
      expect(await eventually(async () => (await runningStatements(api.observer, EXPORT_SQL)) === 0, 5_000)).toBe(true);
      expect(await eventually(async () => api.services.longReads.inUse('org_acme') === 0, 5_000)).toBe(true);
    } finally {
      await lock.release();
    }
    // The connection went back clean: the next export streams every row.
    const csv = await (await open(`/v1/segments/${staticSegment}/export.csv`, api.keys.viewer)).text();
    expect(csv.trimEnd().split('\n')).toHaveLength(51);
  });

  it('cancels a running ids read when its client disconnects', async () => {
    const lock = await holdTableLock(api.url, 'segment_members');
    try {
      const client = new AbortController();
      const pending = open(`/v1/segments/${staticSegment}/ids`, api.keys.viewer, client.signal).catch((err: Error) => err);
      expect(await eventually(async () => (await runningStatements(api.observer, IDS_SQL)) === 1, 5_000)).toBe(true);
      client.abort();
      expect(await pending).toBeInstanceOf(Error);
      expect(await eventually(async () => (await runningStatements(api.observer, IDS_SQL)) === 0, 5_000)).toBe(true);
      expect(await eventually(async () => api.services.longReads.inUse('org_acme') === 0, 5_000)).toBe(true);
    } finally {
      await lock.release();
    }
  });

  it('refuses a tenant’s long reads past its limit (4) with 429 + Retry-After, while another tenant’s short requests stay fast', async () => {
    const lock = await holdTableLock(api.url, 'segment_members');
    const clients: AbortController[] = [];
    try {
      const answers = await within(
        20_000,
        '12 concurrent exports',
        Promise.all(
          Array.from({ length: 12 }, () => {
            const client = new AbortController();
            clients.push(client);
            return open(`/v1/segments/${staticSegment}/export.csv`, api.keys.viewer, client.signal);
          }),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, ...Array.from({ length: 8 }, () => 429)]);
      const refused = answers.find((r) => r.status === 429)!;
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await refused.json()).detail).toMatch(/at most 4 run at once/);
      expect(await eventually(async () => (await runningStatements(api.observer, EXPORT_SQL)) === 4, 5_000)).toBe(true);

      // Another tenant: authentication, its segment list and /health do not wait behind the exports.
      for (let i = 0; i < 5; i += 1) {
        const started = performance.now();
        const list = await within(10_000, 'GET /v1/segments', open('/v1/segments', api.keys.globexAdmin));
        expect(list.status).toBe(200);
        await list.text();
        const health = await within(10_000, 'GET /health', fetch(`${api.base}/health`));
        expect(health.status).toBe(200);
        expect(performance.now() - started).toBeLessThan(2_000);
      }
      // …and its own long reads have slots of their own.
      const theirs = await within(10_000, 'another tenant’s counts', api.call('POST', '/v1/segments/counts', { key: api.keys.globexAdmin, body: { ids: ['seg_none'] } }));
      expect(theirs.status).toBe(200);
    } finally {
      for (const c of clients) c.abort();
      await lock.release();
    }
    expect(await eventually(async () => api.services.longReads.inUse() === 0, 5_000)).toBe(true);
  });

  describe('previews', () => {
    // Read from the raw activities table (a direction is not in the contact facts), which the test locks.
    const rules = { type: 'group', op: 'and', negate: false, children: [{ type: 'relation', relation: 'activities', has: true, where: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'direction', operator: 'eq', value: 'inbound' }] }, count: null }] };
    // A preview's first statement is the preview with reach (src/sql/preview.ts: its grouped count g), which the lock holds up.
    const PREVIEW_SQL = 'g as materialized (';
    const preview = (signal?: AbortSignal) =>
      fetch(`${api.base}/v1/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.keys.editor}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rules }),
        ...(signal ? { signal } : {}),
      });

    it('run in bounded slots: past the tenant’s 4 they queue briefly, then 429 + Retry-After; the tenant’s short reads stay fast; a preview whose client leaves is cancelled', async () => {
      expect((await preview()).status).toBe(200); // warms the tenant's values (their reload is in the background)
      const lock = await holdTableLock(api.url, 'activities');
      const clients: AbortController[] = [];
      const answered = new Map<number, Response | Error>();
      const pending = Array.from({ length: 6 }, (_, i) => {
        const client = new AbortController();
        clients.push(client);
        return preview(client.signal)
          .catch((err: Error) => err)
          .then((r) => {
            answered.set(i, r);
            return r;
          });
      });
      let running: number[] = [];
      try {
        expect(await eventually(async () => (await runningStatements(api.observer, PREVIEW_SQL)) === 4, 5_000)).toBe(true);
        // The same tenant's list and /health use the short pool, which the previews never take.
        for (let i = 0; i < 3; i += 1) {
          const started = performance.now();
          const list = await within(10_000, 'GET /v1/segments', open('/v1/segments', api.keys.viewer));
          expect(list.status).toBe(200);
          await list.text();
          expect((await within(10_000, 'GET /health', fetch(`${api.base}/health`))).status).toBe(200);
          expect(performance.now() - started).toBeLessThan(2_000);
        }
        // The two past the limit waited in the queue (PREVIEW_QUEUE_MS, 2 s), then got their 429.
        expect(await eventually(async () => answered.size === 2, 15_000)).toBe(true);
        for (const r of answered.values()) {
          expect(r).not.toBeInstanceOf(Error);
          expect((r as Response).status).toBe(429);
          expect((r as Response).headers.get('retry-after')).toBe('5');
        }
        running = [0, 1, 2, 3, 4, 5].filter((i) => !answered.has(i));
        // A client that goes away: its statement is cancelled on the server and its slot freed.
        clients[running[0]!]!.abort();
        expect(await eventually(async () => (await runningStatements(api.observer, PREVIEW_SQL)) === 3, 5_000)).toBe(true);
        expect(await eventually(async () => api.services.longReads.inUse('org_acme') === 3, 5_000)).toBe(true);
      } finally {
        await lock.release();
      }
      // The rest finish once the lock is gone.
      const done = await within(20_000, 'previews after the lock', Promise.all(running.slice(1).map((i) => pending[i]!)));
      expect(done.map((r) => (r as Response).status)).toEqual([200, 200, 200]);
      expect(await eventually(async () => api.services.longReads.inUse() === 0, 5_000)).toBe(true);
    });

    it('a preview queued behind a busy slot runs as soon as one frees, within the queue time', async () => {
      const lock = await holdTableLock(api.url, 'activities');
      const clients: AbortController[] = [];
      const pending = Array.from({ length: 5 }, () => {
        const client = new AbortController();
        clients.push(client);
        return preview(client.signal).catch((err: Error) => err);
      });
      try {
        expect(await eventually(async () => (await runningStatements(api.observer, PREVIEW_SQL)) === 4, 5_000)).toBe(true);
        clients[0]!.abort(); // frees a slot; the queued fifth takes it
        expect(await eventually(async () => (await runningStatements(api.observer, PREVIEW_SQL)) === 4 && api.services.longReads.inUse('org_acme') === 4, 1_500)).toBe(true);
      } finally {
        await lock.release();
      }
      const answers = await within(20_000, 'previews', Promise.all(pending.slice(1)));
      expect(answers.map((r) => (r as Response).status)).toEqual([200, 200, 200, 200]);
    });
  });

  describe('previews overall', () => {
    // Two previews at once for the whole service (PREVIEWS_AT_ONCE), four per tenant; a long queue
    // so that nothing here depends on how fast the machine is.
    let capped: ReliabilityApi;
    beforeAll(async () => {
      capped = await startReliabilityApi({ connect: { lockTimeoutMs: 60_000 }, api: { statementTimeoutMs: 60_000, previewsAtOnce: 2, previewQueueMs: 30_000 } });
    });
    const rules = { type: 'group', op: 'and', negate: false, children: [{ type: 'relation', relation: 'activities', has: true, where: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'direction', operator: 'eq', value: 'inbound' }] }, count: null }] };
    const PREVIEW_SQL = 'g as materialized ('; // the preview with reach (src/sql/preview.ts: its grouped count g)
    const preview = (key: string, signal?: AbortSignal) =>
      fetch(`${capped.base}/v1/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rules }),
        ...(signal ? { signal } : {}),
      });

    it('run at most PREVIEWS_AT_ONCE at a time across tenants, and a freed slot goes to the tenant with the fewest running, not to the longest queue', async () => {
      for (const key of [capped.keys.editor, capped.keys.globexAdmin]) expect((await preview(key)).status).toBe(200); // warm both tenants' values
      const lock = await holdTableLock(capped.url, 'activities');
      const clients: AbortController[] = [];
      const send = (key: string) => {
        const client = new AbortController();
        clients.push(client);
        return preview(key, client.signal).catch((err: Error) => err);
      };
      const acme = Array.from({ length: 4 }, () => send(capped.keys.editor));
      let globex: Promise<Response | Error> | undefined;
      try {
        // Two run (the per-tenant bound of 4 would allow all four); two wait.
        expect(await eventually(async () => (await runningStatements(capped.observer, PREVIEW_SQL)) === 2 && capped.services.longReads.queued('org_acme') === 2, 5_000)).toBe(true);
        expect(capped.services.longReads.previewsInUse()).toBe(2);
        // Another tenant's preview arrives after them…
        globex = send(capped.keys.globexAdmin);
        expect(await eventually(async () => capped.services.longReads.queued('org_globex') === 1, 5_000)).toBe(true);
        // …and its short requests do not wait behind any of it.
        const list = await within(10_000, 'GET /v1/segments', fetch(`${capped.base}/v1/segments`, { headers: { authorization: `Bearer ${capped.keys.globexAdmin}` } }));
        expect(list.status).toBe(200);
        // A running acme preview's client leaves: the slot goes to globex (0 running), not to the acme preview that waited longest.
        clients[0]!.abort();
        expect(await eventually(async () => capped.services.longReads.inUse('org_globex') === 1, 5_000)).toBe(true);
        expect(capped.services.longReads.inUse('org_acme')).toBe(1);
        expect(capped.services.longReads.queued('org_acme')).toBe(2);
        expect(await eventually(async () => (await runningStatements(capped.observer, PREVIEW_SQL)) === 2, 5_000)).toBe(true);
      } finally {
        await lock.release();
      }
      // Once the lock is gone, every preview still asked for is answered, two at a time.
      const answers = await within(30_000, 'previews after the lock', Promise.all([...acme.slice(1), globex!]));
      expect(answers.map((r) => (r as Response).status)).toEqual([200, 200, 200, 200]);
      expect(await eventually(async () => capped.services.longReads.inUse() === 0 && capped.services.longReads.previewsInUse() === 0, 5_000)).toBe(true);
    });
  });
});
