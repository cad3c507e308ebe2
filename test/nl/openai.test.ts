// The OpenAI provider against a mocked OpenAI HTTP API (msw): no network, real SDK, real validation.
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GenerationError } from '../../src/nl/errors.js';
import { generateRules } from '../../src/nl/generate.js';
import { ANSWER_LIMITS, GENERATION_TIME_FACTOR, OpenAIProvider } from '../../src/nl/openai.js';
import { PROMPT_VERSION } from '../../src/nl/prompt.js';
import { generationJsonSchema } from '../../src/rules/json-schema.js';
import { fixtureTenantValues } from '../support/fixture-tenant.js';

const BASE = 'http://llm.test/v1';
const tenant = fixtureTenantValues('org_acme');
const asOf = new Date('2026-11-01T00:00:00Z');
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const provider = (overrides: Partial<ConstructorParameters<typeof OpenAIProvider>[0]> = {}) =>
  new OpenAIProvider({ baseURL: BASE, apiKey: 'sk-test', model: 'gpt-test', timeoutMs: 5_000, maxRetries: 0, ...overrides });

const request = (description = 'enterprise contacts in Germany') => ({ description, tenant, asOf });

const goodRules = {
  type: 'group',
  op: 'and',
  negate: false,
  children: [
    { type: 'condition', field: 'properties.plan', operator: 'eq', value: 'enterprise' },
    { type: 'condition', field: 'country', operator: 'eq', value: 'DE' },
  ],
};

function completion(content: string | null, extra: { finish_reason?: string; refusal?: string | null } = {}) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-test',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: extra.refusal ?? null },
        finish_reason: extra.finish_reason ?? 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 3000, completion_tokens: 120, total_tokens: 3120 },
  };
}

const answer = (rules: unknown, assumptions: string[] = [], refusal: string | null = null) =>
  JSON.stringify({ refusal, assumptions, rules });

/** Serves the given responses in order and records every request body and header. */
function script(...responses: (() => Response | Promise<Response>)[]) {
  const seen: { body: Record<string, unknown>; headers: Headers }[] = [];
  server.use(
    http.post(`${BASE}/chat/completions`, async ({ request: req }) => {
      seen.push({ body: (await req.json()) as Record<string, unknown>, headers: req.headers });
      const next = responses[Math.min(seen.length - 1, responses.length - 1)]!;
      return next();
    }),
  );
  return seen;
}

describe('OpenAI provider', () => {
  it('sends the strict schema, the prompt version and the model, and returns validated rules', async () => {
    const seen = script(() => HttpResponse.json(completion(answer(goodRules, ["Read 'enterprise' as plan = enterprise."]))));
    const out = await generateRules(provider(), request());
    expect(seen).toHaveLength(1);
    const body = seen[0]!.body;
    expect(body.model).toBe('gpt-test');
    expect(body.temperature).toBe(0);
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'segment_generation', strict: true, schema: generationJsonSchema() },
    });
    expect(seen[0]!.headers.get('x-prompt-version')).toBe(PROMPT_VERSION);
    const messages = body.messages as { role: string; content: string }[];
    expect(messages[0]!.content).toContain(`Prompt version: ${PROMPT_VERSION}.`);
    expect(messages.at(-2)!.content).toContain('The clock (asOf) is 2026-11-01T00:00:00.000Z');
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'enterprise contacts in Germany' });

    expect(out).toMatchObject({
      kind: 'rules',
      provider: 'openai',
      model: 'gpt-test',
      promptVersion: PROMPT_VERSION,
      repairs: 0,
      usage: { promptTokens: 3000, completionTokens: 120 },
      assumptions: ["Read 'enterprise' as plan = enterprise."],
      explanation: 'Contacts whose country is Germany and whose plan is enterprise.',
    });
  });

  it('keeps the static part of the prompt byte-identical across tenants so it can be cached', async () => {
    const seen = script(() => HttpResponse.json(completion(answer(goodRules))));
    await generateRules(provider(), request());
    await generateRules(provider(), { ...request(), tenant: fixtureTenantValues('org_globex') });
    const first = seen.map((s) => (s.body.messages as { content: string }[])[0]!.content);
    expect(first[0]).toBe(first[1]);
  });

  it('returns the model’s structured refusal as a refusal', async () => {
    script(() => HttpResponse.json(completion(answer(null, [], 'This asks for another tenant’s contacts.'))));
    expect(await generateRules(provider(), request('all contacts of org_globex'))).toMatchObject({
      kind: 'refusal',
      reason: 'This asks for another tenant’s contacts.',
    });
  });

  it('maps a safety refusal, a length stop and a content-filter stop to clear errors', async () => {
    script(() => HttpResponse.json(completion(null, { refusal: 'I can’t help with that.' })));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'model_refusal', message: 'The model refused: I can’t help with that.' });
    script(() => HttpResponse.json(completion('{"refusal": null, "assump', { finish_reason: 'length' })));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'truncated' });
    script(() => HttpResponse.json(completion(null, { finish_reason: 'content_filter' })));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'content_filter' });
  });

  it('repairs invalid JSON once by sending the error back', async () => {
    const seen = script(
      () => HttpResponse.json(completion('{"refusal": null, rules: oops')),
      () => HttpResponse.json(completion(answer(goodRules))),
    );
    const out = await generateRules(provider(), request());
    expect(out).toMatchObject({ kind: 'rules', repairs: 1, usage: { promptTokens: 6000, completionTokens: 240 } });
    const repair = (seen[1]!.body.messages as { role: string; content: string }[]).slice(-2);
    expect(repair[0]).toEqual({ role: 'assistant', content: '{"refusal": null, rules: oops' });
    expect(repair[1]!.content).toMatch(/^Your answer is not a valid segment for this tenant:\n- \$: the answer is not valid JSON/);
  });

  it('repairs schema-valid but catalog-invalid output by sending the validation errors back', async () => {
    const typo = { ...goodRules, children: [{ type: 'condition', field: 'company.industy', operator: 'eq', value: 'Software' }] };
    const seen = script(
      () => HttpResponse.json(completion(answer(typo))),
      () => HttpResponse.json(completion(answer(goodRules))),
    );
    expect(await generateRules(provider(), request())).toMatchObject({ kind: 'rules', repairs: 1 });
    const repairText = (seen[1]!.body.messages as { content: string }[]).at(-1)!.content;
    expect(repairText).toContain('- rules.children[0].field: unknown field "company.industy" (did you mean company.industry?)');
  });

  it('gives up after one repair with an error carrying the validation messages', async () => {
    const badTag = { ...goodRules, children: [{ type: 'condition', field: 'tags', operator: 'eq', value: 'vipp' }] };
    const seen = script(() => HttpResponse.json(completion(answer(badTag))));
    const attempt = generateRules(provider(), request());
    await expect(attempt).rejects.toBeInstanceOf(GenerationError);
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_output',
      issues: [{ path: 'rules.children[0].value', message: expect.stringContaining('unknown tag "vipp" (did you mean "vip"?)') }],
    });
    expect(seen).toHaveLength(2); // the first answer and exactly one repair round
  });

  it('retries a 429 with backoff, then succeeds', async () => {
    const seen = script(
      // A body-less error: the SDK cancels an error body before retrying, which stalls msw's interceptor.
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after-ms': '10' } }),
      () => HttpResponse.json(completion(answer(goodRules))),
    );
    expect(await generateRules(provider({ maxRetries: 2 }), request())).toMatchObject({ kind: 'rules' });
    expect(seen).toHaveLength(2);
  });

  it('gives up on repeated 5xx after the configured retries', async () => {
    const seen = script(() => new HttpResponse(null, { status: 503, headers: { 'retry-after-ms': '10' } }));
    await expect(generateRules(provider({ maxRetries: 2 }), request())).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The language model service is unavailable (HTTP 503); try again later.',
    });
    expect(seen).toHaveLength(3);
  });

  it('times out with a clear error', async () => {
    script(async () => {
      await delay(2_000);
      return HttpResponse.json(completion(answer(goodRules)));
    });
    await expect(generateRules(provider({ timeoutMs: 200 }), request())).rejects.toMatchObject({
      code: 'timeout',
      message: 'The language model did not answer in time; try again, or raise LLM_TIMEOUT_MS.',
    });
  });

  // ---- bounds (issue 11, findings 5, 6, 7 and 11) -------------------------------------------------

  it('does not sleep for a Retry-After past the deadline: a 429 asking for an hour fails at once', async () => {
    const seen = script(() => new HttpResponse(null, { status: 429, headers: { 'retry-after': '3600' } }));
    const started = performance.now();
    await expect(generateRules(provider({ timeoutMs: 1_000, maxRetries: 5 }), request())).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The language model service is rate limiting requests (HTTP 429) and asked to wait 3600 s, longer than this request may take; try again later.',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(seen).toHaveLength(1);
  });

  it('ends the whole generation within LLM_TIMEOUT_MS × GENERATION_TIME_FACTOR, retries and waits included', async () => {
    // Short Retry-After waits, many retries allowed: the deadline, not the retry count, ends it.
    const seen = script(() => new HttpResponse(null, { status: 429, headers: { 'retry-after': '0.4' } }));
    let started = performance.now();
    await expect(generateRules(provider({ timeoutMs: 1_000, maxRetries: 10 }), request())).rejects.toMatchObject({ code: 'unavailable' });
    expect(performance.now() - started).toBeLessThan(1_000 * GENERATION_TIME_FACTOR + 1_000);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThanOrEqual(6);

    // An upstream that never answers: each attempt gets LLM_TIMEOUT_MS, all of them the same deadline.
    script(async () => {
      await delay(10_000);
      return HttpResponse.json(completion(answer(goodRules)));
    });
    started = performance.now();
    await expect(generateRules(provider({ timeoutMs: 1_000, maxRetries: 5 }), request())).rejects.toMatchObject({ code: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1_000 * GENERATION_TIME_FACTOR + 1_000);
  });

  it('answers text/html, invalid JSON and a body that is not a completion with a clear upstream error', async () => {
    script(() => new HttpResponse('<html><body>502 Bad Gateway (nginx)</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'upstream', message: 'The language model service answered with "text/html" instead of JSON (HTTP 200).' });
    script(() => new HttpResponse('{"choices": [', { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'upstream', message: 'The language model service answered with invalid JSON.' });
    script(() => HttpResponse.json({ object: 'chat.completion', choices: [] }));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'upstream', message: expect.stringMatching(/not a chat completion/) });
  });

  it('never carries an upstream error body into the error (it may hold internal paths or keys)', async () => {
    const leaky = { error: { message: 'Incorrect API key provided: sk-live-abc123. Trace at /srv/llm-gateway/auth.py:88', type: 'invalid_request_error' } };
    script(() => HttpResponse.json(leaky, { status: 401, headers: { 'x-should-retry': 'false' } }));
    const err = await generateRules(provider(), request()).catch((e: unknown) => e as GenerationError);
    expect(err).toMatchObject({ code: 'upstream', message: 'The language model service rejected the request (HTTP 401); check OPENAI_API_KEY, OPENAI_BASE_URL and LLM_MODEL.' });
    script(() => new HttpResponse('panic at /srv/llm-gateway/main.go:12 key=sk-live-abc123', { status: 500, headers: { 'x-should-retry': 'false' } }));
    const err500 = await generateRules(provider(), request()).catch((e: unknown) => e as GenerationError);
    for (const e of [err, err500] as GenerationError[]) expect(JSON.stringify({ m: e.message, i: e.issues })).not.toMatch(/sk-live|\/srv\//);
  });

  it('treats a NUL character anywhere in the answer as invalid output: one repair, then a clear error', async () => {
    const seen = script(
      () => HttpResponse.json(completion(answer(goodRules, ['Read \u0000enterprise as plan.']))),
      () => HttpResponse.json(completion(answer(goodRules, ['Read enterprise as plan.']))),
    );
    expect(await generateRules(provider(), request())).toMatchObject({ kind: 'rules', repairs: 1, assumptions: ['Read enterprise as plan.'] });
    expect((seen[1]!.body.messages as { content: string }[]).at(-1)!.content).toContain('- assumptions.0: contains a NUL character (\\u0000); remove it');

    const withNul = { ...goodRules, children: [{ type: 'condition', field: 'email', operator: 'contains', value: 'a\u0000b' }] };
    script(() => HttpResponse.json(completion(answer(withNul))));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'invalid_output', issues: [{ path: 'rules.children.0.value', message: expect.stringMatching(/NUL/) }] });
  });

  it('caps the answer: too many or too long assumptions are invalid output, an oversized answer is refused unread', async () => {
    const many = Array.from({ length: ANSWER_LIMITS.assumptions + 1 }, (_, i) => `Assumption ${i}.`);
    const seen = script(() => HttpResponse.json(completion(answer(goodRules, many))));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'invalid_output', issues: [{ path: 'assumptions', message: expect.stringMatching(/at most 20 assumptions/) }] });
    expect(seen).toHaveLength(2);
    script(() => HttpResponse.json(completion(answer(goodRules, ['x'.repeat(ANSWER_LIMITS.assumptionLength + 1)]))));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'invalid_output', issues: [{ path: 'assumptions.0', message: expect.stringMatching(/at most 500 characters/) }] });

    // The issue's 30,000 assumptions (30 MB): not read past MAX_ANSWER_BYTES, not sent back for repair.
    const huge = Array.from({ length: 30_000 }, () => 'y'.repeat(1_000));
    const seenHuge = script(() => HttpResponse.json(completion(answer(goodRules, huge))));
    await expect(generateRules(provider(), request())).rejects.toMatchObject({ code: 'upstream', message: 'The language model’s answer is larger than 256 KiB; it was not used.' });
    expect(seenHuge).toHaveLength(1);
  });
});
