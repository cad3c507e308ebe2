// POST /v1/drafts when the language model misbehaves (issue 11, findings 5, 6, 7, 11): rate limited
// for an hour, never answering, answering HTML, a NUL in an assumption, 30 MB of assumptions, an
// error body full of secrets. Every one is a clear 503 or 502 problem within the time bound — never a
// 500, never a database error, never the upstream's body — and no draft is stored.
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drafts } from '../../src/db/schema.js';
import { GENERATION_TIME_FACTOR, OpenAIProvider } from '../../src/nl/openai.js';
import { startApi, type TestApi } from '../support/api.js';
import { completion } from '../support/llm.js';

const BASE = 'http://llm.test/v1';
const LLM_TIMEOUT_MS = 1_000;
const BOUND_MS = LLM_TIMEOUT_MS * GENERATION_TIME_FACTOR + 1_500; // + generous slack for a loaded machine
const server = setupServer();

const rules = { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }] };
const answer = (assumptions: string[]) => JSON.stringify({ refusal: null, assumptions, rules });

describe('POST /v1/drafts with a misbehaving language model', () => {
  let api: TestApi;
  const respond = (handler: () => Response | Promise<Response>) => server.use(http.post(`${BASE}/chat/completions`, handler));

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    api = await startApi({ provider: new OpenAIProvider({ baseURL: BASE, apiKey: 'sk-test', model: 'gpt-test', timeoutMs: LLM_TIMEOUT_MS, maxRetries: 3 }) });
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  async function post() {
    const started = performance.now();
    const res = await api.call('POST', '/v1/drafts', { key: api.keys.editor, body: { description: 'contacts in Germany' } });
    return { ...res, elapsedMs: performance.now() - started };
  }

  it('answers a 429 with retry-after: 3600 with a 503 at once, not after an hour', async () => {
    respond(() => new HttpResponse(null, { status: 429, headers: { 'retry-after': '3600' } }));
    const res = await post();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ type: '/problems/upstream-unavailable', title: 'Upstream unavailable', status: 503, detail: expect.stringMatching(/rate limiting requests \(HTTP 429\) and asked to wait 3600 s/) });
    expect(res.elapsedMs).toBeLessThan(BOUND_MS);
  });

  it('answers an upstream that never answers with a 503 within LLM_TIMEOUT_MS × the factor, retries included', async () => {
    respond(async () => {
      await delay(20_000);
      return HttpResponse.json(completion(answer([])));
    });
    const res = await post();
    expect(res.status).toBe(503);
    expect(res.json.detail).toBe('The language model did not answer in time; try again, or raise LLM_TIMEOUT_MS.');
    expect(res.elapsedMs).toBeLessThan(BOUND_MS);
  });

  it('answers an HTML page instead of a completion with a 502', async () => {
    respond(() => new HttpResponse('<html><h1>Gateway</h1></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const res = await post();
    expect(res.status).toBe(502);
    expect(res.json).toMatchObject({ type: '/problems/upstream-failed', detail: 'The language model service answered with "text/html" instead of JSON (HTTP 200).' });
  });

  it('answers a NUL inside an assumption with a 502 naming it (after one repair round), never a 500 or a database error', async () => {
    respond(() => HttpResponse.json(completion(answer(['Read Germany as country = DE.\u0000']))));
    const res = await post();
    expect(res.status).toBe(502);
    expect(res.json.errors).toEqual([{ path: 'assumptions.0', message: 'contains a NUL character (\\u0000); remove it' }]);
  });

  it('answers 30,000 assumptions (30 MB) with a 502, reading no more than the cap', async () => {
    const huge = answer(Array.from({ length: 30_000 }, (_, i) => `Assumption ${i}: ${'z'.repeat(990)}`));
    respond(() => HttpResponse.json(completion(huge)));
    const res = await post();
    expect(res.status).toBe(502);
    expect(res.json.detail).toBe('The language model’s answer is larger than 256 KiB; it was not used.');
  });

  it('does not echo an upstream error body (internal paths, keys) to the client', async () => {
    respond(() => HttpResponse.json({ error: { message: 'Incorrect API key provided: sk-live-4f2a. See /opt/gateway/keys.yaml' } }, { status: 401 }));
    const res = await post();
    expect(res.status).toBe(502);
    expect(res.json.detail).toBe('The language model service rejected the request (HTTP 401); check OPENAI_API_KEY, OPENAI_BASE_URL and LLM_MODEL.');
    expect(res.text).not.toMatch(/sk-live|\/opt\/gateway/);
  });

  it('stored no draft for any of them', async () => {
    expect(await api.database.db.select().from(drafts)).toEqual([]);
  });
});
