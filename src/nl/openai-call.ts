// One Chat Completions call to an OpenAI-compatible server, bounded: our own retries under one
// deadline, a capped answer, and errors that never carry the upstream's body.
//
// Why not the SDK's retries: openai v6 sleeps for whatever Retry-After says (3600 s included) and its
// sleep ignores the abort signal, so a rate-limited upstream could hold a request for an hour. The
// SDK runs with maxRetries 0; this loop retries 408/409/429/5xx and connection failures, honours
// Retry-After only when the wait ends before the deadline, and otherwise fails at once.
//
// Why not the SDK's parsing: a 200 answer with `content-type: text/html` comes back from the SDK as a
// string, and any answer is read whole. Here the raw answer is read up to MAX_ANSWER_BYTES, must be
// JSON of a chat completion's shape, and anything else is a clear upstream error.
import OpenAI from 'openai';
import { z } from 'zod';
import { GenerationError } from './errors.js';
import { sleep } from '../lib/sleep.js';

/** The largest HTTP answer read from the model service (a good answer is a few KB). */
export const MAX_ANSWER_BYTES = 256 * 1024;

const CompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullable().optional(),
});

export type Completion = z.infer<typeof CompletionSchema>;

export interface CallBudget {
  /** Absolute time (ms since the epoch) by which the whole generation must end. */
  deadline: number;
  /** At most this long per attempt (LLM_TIMEOUT_MS). */
  attemptMs: number;
  maxRetries: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

type Attempt = (signal: AbortSignal, timeoutMs: number) => Promise<Response>;

/** Runs `attempt` (one SDK request returning the raw Response) with retries inside the budget. */
export async function boundedCompletion(attempt: Attempt, budget: CallBudget): Promise<Completion> {
  const pause = budget.sleep ?? sleep;
  for (let retry = 0; ; retry += 1) {
    const remaining = budget.deadline - Date.now();
    if (remaining <= 0) throw timedOut();
    const timeoutMs = Math.min(budget.attemptMs, remaining);
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const response = await attempt(timeout, timeoutMs);
      return await readCompletion(response, timeout);
    } catch (err) {
      const failure = classify(err, timeout.aborted);
      if (!failure.retry || retry >= budget.maxRetries) throw failure.error;
      const wait = retryDelayMs(err, retry);
      if (Date.now() + wait >= budget.deadline) throw failure.tooLong?.(wait) ?? failure.error;
      await pause(wait, AbortSignal.timeout(Math.max(0, budget.deadline - Date.now())));
    }
  }
}

async function readCompletion(response: Response, signal: AbortSignal): Promise<Completion> {
  const type = response.headers.get('content-type') ?? '';
  if (!/\bjson\b/i.test(type)) {
    void response.body?.cancel().catch(() => {}); // not awaited: some servers (and msw) never settle a cancel
    throw new GenerationError('upstream', `The language model service answered with ${type ? `"${type.split(';')[0]}"` : 'no content type'} instead of JSON (HTTP ${response.status}).`);
  }
  const text = await readCapped(response, MAX_ANSWER_BYTES, signal);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new GenerationError('upstream', 'The language model service answered with invalid JSON.');
  }
  const parsed = CompletionSchema.safeParse(json);
  if (!parsed.success) throw new GenerationError('upstream', 'The language model service’s answer is not a chat completion (no choices with a message).');
  return parsed.data;
}

class AnswerTooLarge extends Error {}

async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const abort = () => void reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', abort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => {});
        throw new AnswerTooLarge();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof AnswerTooLarge) {
      throw new GenerationError('upstream', `The language model’s answer is larger than ${MAX_ANSWER_BYTES / 1024} KiB; it was not used.`);
    }
    throw err;
  } finally {
    signal.removeEventListener('abort', abort);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface Failure {
  retry: boolean;
  error: GenerationError;
  /** The error when the server asked for a wait longer than the time left. */
  tooLong?: (waitMs: number) => GenerationError;
}

function timedOut(): GenerationError {
  return new GenerationError('timeout', 'The language model did not answer in time; try again, or raise LLM_TIMEOUT_MS.');
}

/** What a failed attempt means for the caller. Messages name the status, never the upstream's body. */
function classify(err: unknown, attemptTimedOut: boolean): Failure {
  if (err instanceof GenerationError) return { retry: false, error: err };
  if (attemptTimedOut || err instanceof OpenAI.APIConnectionTimeoutError) return { retry: true, error: timedOut() };
  if (err instanceof OpenAI.APIError && err.status !== undefined) {
    const status = err.status;
    const header = err.headers?.get('x-should-retry');
    const retry = header === 'true' || (header !== 'false' && (status === 408 || status === 409 || status === 429 || status >= 500));
    if (status === 429) {
      const error = new GenerationError('unavailable', 'The language model service is rate limiting requests (HTTP 429); try again later.');
      const tooLong = (ms: number) =>
        new GenerationError('unavailable', `The language model service is rate limiting requests (HTTP 429) and asked to wait ${Math.ceil(ms / 1000)} s, longer than this request may take; try again later.`);
      return { retry, error, tooLong };
    }
    if (retry) return { retry, error: new GenerationError('unavailable', `The language model service is unavailable (HTTP ${status}); try again later.`) };
    return { retry, error: new GenerationError('upstream', `The language model service rejected the request (HTTP ${status}); check OPENAI_API_KEY, OPENAI_BASE_URL and LLM_MODEL.`) };
  }
  if (err instanceof OpenAI.APIConnectionError) return { retry: true, error: new GenerationError('unavailable', 'The language model service could not be reached; try again later.') };
  if (err instanceof OpenAI.APIUserAbortError) return { retry: false, error: timedOut() };
  return { retry: false, error: new GenerationError('upstream', 'The language model service failed unexpectedly.') };
}

/** Retry-After (ms or seconds or an HTTP date) when the server gives one, else 0.5 s · 2^retry up to 8 s, with jitter. */
function retryDelayMs(err: unknown, retry: number): number {
  const headers = err instanceof OpenAI.APIError ? err.headers : undefined;
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers?.get('retry-after');
  if (after) {
    const seconds = Number.parseFloat(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  return Math.min(500 * 2 ** retry, 8_000) * (1 - Math.random() * 0.25);
}


/**
 * The SDK's fetch, with every non-2xx answer's body dropped before the SDK sees it: an error body
 * may carry the provider's internal paths or keys, and it is never shown, logged or buffered.
 */
export function withoutErrorBodies(inner?: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await (inner ?? globalThis.fetch)(input, init);
    if (res.ok) return res;
    void res.body?.cancel().catch(() => {});
    return new Response(null, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
