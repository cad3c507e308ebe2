// The OpenAI-compatible provider: Chat Completions with Structured Outputs (strict JSON Schema from
// the grammar). Works with OpenAI, Azure OpenAI, and local servers that speak the same API (Ollama,
// vLLM, llama.cpp server) by base URL. Calls, retries and limits are in openai-call.ts.
//
// Time: each call gets at most LLM_TIMEOUT_MS, and the whole generation — retries, Retry-After waits
// and the repair round included — ends within LLM_TIMEOUT_MS × GENERATION_TIME_FACTOR.
//
// The model's output goes through the same validation as everything else; when it fails, exactly one
// repair round sends the errors back, and a second failure is a clear error carrying the messages.
// Beyond the grammar, the answer is capped (ANSWER_LIMITS) and may hold no NUL character: both are
// validation errors like any other, so the model is asked once to fix them, then the request fails.
import OpenAI from 'openai';
import { z } from 'zod';
import { GenerationSchema, generationJsonSchema } from '../rules/json-schema.js';
import { type PreparedRules, prepareRules } from '../rules/prepare.js';
import type { Issue } from '../rules/validate.js';
import { GenerationError } from './errors.js';
import { boundedCompletion, type CallBudget, withoutErrorBodies } from './openai-call.js';
import { buildMessages, type ChatMessage, PROMPT_VERSION } from './prompt.js';
import type { GenerateRequest, Generation, Provider, Usage } from './provider.js';

export interface OpenAIProviderOptions {
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  promptVersion?: string;
  /** For tests: the SDK's fetch. */
  fetch?: typeof fetch;
}

const SCHEMA_NAME = 'segment_generation';

/** The whole generation ends within LLM_TIMEOUT_MS × this: two full calls (the answer and one repair). */
export const GENERATION_TIME_FACTOR = 2;

/** What a model's answer may hold; past these it is invalid output (one repair, then a 502). */
export const ANSWER_LIMITS = { assumptions: 20, assumptionLength: 500, refusalLength: 1_000 } as const;

export class OpenAIProvider implements Provider {
  readonly name = 'openai';
  readonly model: string;
  private readonly client: OpenAI;
  private readonly promptVersion: string;
  private readonly schema = generationJsonSchema();
  private readonly timeoutMs: number;
  private readonly maxRetries: number;

  constructor(options: OpenAIProviderOptions) {
    this.model = options.model;
    this.promptVersion = options.promptVersion ?? PROMPT_VERSION;
    this.timeoutMs = options.timeoutMs;
    this.maxRetries = options.maxRetries;
    this.client = new OpenAI({
      // Local OpenAI-compatible servers ignore the key, but the SDK insists on one.
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: 0, // retries are ours, under one deadline (openai-call.ts)
      defaultHeaders: { 'x-prompt-version': this.promptVersion },
      fetch: withoutErrorBodies(options.fetch),
      // Not OPENAI_LOG: at debug level the SDK logs whole requests (prompts with tenant values).
      logLevel: 'warn',
    });
  }

  async generate(request: GenerateRequest): Promise<Generation> {
    const messages = buildMessages(request.description, request.tenant, request.asOf, this.promptVersion, request.objectType);
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const common = () => ({ provider: this.name, model: this.model, promptVersion: this.promptVersion, usage });
    const budget: CallBudget = { deadline: Date.now() + this.timeoutMs * GENERATION_TIME_FACTOR, attemptMs: this.timeoutMs, maxRetries: this.maxRetries };

    let repairs = 0;
    for (;;) {
      const content = await this.complete(messages, usage, budget);
      const checked = this.check(content, request);
      if (checked.ok) {
        const answer = checked.answer;
        if (answer.refusal !== null || answer.rules === null) {
          return { ...common(), repairs, kind: 'refusal', reason: answer.refusal ?? 'The model returned no rules.' };
        }
        return { ...common(), repairs, kind: 'rules', rules: answer.rules, assumptions: answer.assumptions, unrecognized: [], ...(checked.prepared ? { prepared: checked.prepared } : {}) };
      }
      if (repairs === 1) {
        throw new GenerationError('invalid_output', 'The model’s rule tree was still invalid after one repair round.', checked.issues);
      }
      repairs += 1;
      messages.push({ role: 'assistant', content }, { role: 'user', content: repairMessage(checked.issues) });
    }
  }

  private async complete(messages: ChatMessage[], usage: Usage, budget: CallBudget): Promise<string> {
    const completion = await boundedCompletion(
      (signal, timeout) =>
        this.client.chat.completions
          .create(
            {
              model: this.model,
              messages,
              temperature: 0,
              response_format: { type: 'json_schema', json_schema: { name: SCHEMA_NAME, strict: true, schema: this.schema } },
            },
            { signal, timeout, maxRetries: 0 },
          )
          .asResponse(),
      budget,
    );
    usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
    usage.completionTokens += completion.usage?.completion_tokens ?? 0;
    const choice = completion.choices[0]!;
    if (choice.message.refusal) throw new GenerationError('model_refusal', `The model refused: ${clip(choice.message.refusal, ANSWER_LIMITS.refusalLength)}`);
    if (choice.finish_reason === 'length') {
      throw new GenerationError('truncated', 'The model’s answer was cut off at its length limit; shorten the description or raise the model’s output limit.');
    }
    if (choice.finish_reason === 'content_filter') {
      throw new GenerationError('content_filter', 'The model’s content filter stopped the answer; rephrase the description.');
    }
    return choice.message.content ?? '';
  }

  private check(content: string, request: GenerateRequest): { ok: true; answer: Answer; prepared?: PreparedRules } | { ok: false; issues: Issue[] } {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      return { ok: false, issues: [{ path: '$', message: 'the answer is not valid JSON; answer with one JSON object matching the schema' }] };
    }
    const nul = nulPaths(json);
    if (nul.length) return { ok: false, issues: nul.map((path) => ({ path, message: 'contains a NUL character (\\u0000); remove it' })) };
    // The envelope is checked here; the tree by prepareRules, whose messages are the useful ones.
    const envelope = EnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return { ok: false, issues: envelope.error.issues.map((i) => ({ path: i.path.join('.') || '$', message: i.message })) };
    }
    const answer = envelope.data;
    if (answer.refusal !== null || answer.rules === null) return { ok: true, answer };
    const prepared = prepareRules(answer.rules, { tenant: request.tenant, objectType: request.objectType ?? 'contacts' });
    return prepared.ok ? { ok: true, answer, prepared } : { ok: false, issues: prepared.errors };
  }
}

const EnvelopeSchema = GenerationSchema.extend({
  rules: z.unknown(),
  assumptions: z
    .array(z.string().max(ANSWER_LIMITS.assumptionLength, `at most ${ANSWER_LIMITS.assumptionLength} characters per assumption`))
    .max(ANSWER_LIMITS.assumptions, `at most ${ANSWER_LIMITS.assumptions} assumptions; keep the ones a reviewer must check`),
  refusal: z.string().max(ANSWER_LIMITS.refusalLength, `at most ${ANSWER_LIMITS.refusalLength} characters`).nullable(),
});
type Answer = z.infer<typeof EnvelopeSchema>;

function repairMessage(issues: Issue[]): string {
  const lines = issues.map((i) => `- ${i.path}: ${i.message}`);
  return `Your answer is not a valid segment for this tenant:\n${lines.join('\n')}\nAnswer again with the whole corrected JSON object.`;
}

/** Paths of every string (or key) holding U+0000, which PostgreSQL cannot store in text or jsonb. */
function nulPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || '$'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, `${path}${path ? '.' : ''}${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [...(k.includes('\u0000') ? [path || '$'] : []), ...nulPaths(v, path ? `${path}.${k}` : k)]);
  }
  return [];
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
