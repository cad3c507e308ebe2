// A draft whose preview fails: PUT saves nothing (save and preview are one outcome), and GET still
// returns the draft, with the preview left out and the reason given. The preview is made to time
// out by a lock on a table only it reads (deals), held in another session, under a tiny statement
// timeout.
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { startApi, type TestApi } from '../support/api.js';
import { databaseUrl } from '../support/db.js';

const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const hasDeal = { type: 'relation', relation: 'deals', has: true, where: null, count: null };

describe('drafts whose preview fails', () => {
  let api: TestApi;
  let draftId: string;
  let original: unknown;
  beforeAll(async () => {
    api = await startApi({ provider: new BuiltinProvider() });
    const draft = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'customers in France', asOf: '2026-11-01T00:00:00Z' } });
    expect(draft.status).toBe(201);
    draftId = draft.json.id;
    // Make the stored rules read deals (answered from the contact facts), so a lock on deals and
    // contact_facts stalls this draft's preview only.
    const edited = await api.call('PUT', `/v1/drafts/${draftId}`, { key: api.keys.editor, body: { rules: and(...draft.json.rules.children, hasDeal) } });
    expect(edited.status).toBe(200);
    original = edited.json.rules;
  });

  /** Runs `fn` while another session holds an exclusive lock on deals (and their facts) and statements time out after 200 ms. */
  async function whilePreviewsTimeOut(fn: () => Promise<void>): Promise<void> {
    const [row] = await api.database.sql<{ name: string }[]>`select current_database() as name`;
    const name = row!.name;
    const sql = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
    const session = await sql.reserve();
    const timeout = api.services.statementTimeoutMs;
    try {
      await session`begin`;
      await session`lock table deals, contact_facts in access exclusive mode`;
      api.services.statementTimeoutMs = 200;
      await fn();
    } finally {
      api.services.statementTimeoutMs = timeout;
      await session`rollback`;
      session.release();
      await sql.end();
    }
  }

  it('answers PUT with 504 and keeps the rules it had', async () => {
    const narrower = and(hasDeal, { type: 'condition', field: 'country', operator: 'eq', value: 'DE' });
    await whilePreviewsTimeOut(async () => {
      const res = await api.call('PUT', `/v1/drafts/${draftId}`, { key: api.keys.editor, body: { rules: narrower } });
      expect(res.status).toBe(504);
      expect(res.json.type).toBe('/problems/query-timeout');
    });
    const after = await api.call('GET', `/v1/drafts/${draftId}`);
    expect(after.status).toBe(200);
    expect(after.json.rules).toEqual(original);
    expect(after.json.edited).toBe(true);
  });

  it('answers GET with the draft, its preview left out and the reason given', async () => {
    await whilePreviewsTimeOut(async () => {
      const res = await api.call('GET', `/v1/drafts/${draftId}`, { key: api.keys.viewer });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ id: draftId, rules: original, preview: null, previewError: { code: 'query_timeout' } });
      expect(res.json.previewError.detail).toMatch(/took longer than 200 ms/);
      expect(res.json.explanation).toMatch(/deal/);
    });
    const healthy = await api.call('GET', `/v1/drafts/${draftId}`, { key: api.keys.viewer });
    expect(healthy.json).toMatchObject({ previewError: null, preview: { count: expect.any(Number) } });
  });
});
