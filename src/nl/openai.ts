// The OpenAI-compatible provider: Chat Completions with Structured Outputs (strict JSON Schema from
// the grammar). Works with OpenAI, Azure OpenAI, and local servers that speak the same API (Ollama,
// vLLM, llama.cpp server) by base URL. The SDK retries 429/5xx with exponential backoff.
//
// The model's output goes through the same validation as everything else; when it fails, exactly one
// repair round sends the errors back, and a second failure is a clear error carrying the messages.
import OpenAI from 'openai';
import { z } from 'zod';
import { GenerationSchema, generationJsonSchema } from '../rules/json-schema.js';
import { prepareRules } from '../rules/prepare.js';
import type { Issue } from '../rules/validate.js';
import { GenerationError } from './errors.js';
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

export class OpenAIProvider implements Provider {
  readonly name = 'openai';
  readonly model: string;
  private readonly client: OpenAI;
  private readonly promptVersion: string;
  private readonly schema = generationJsonSchema();

  constructor(options: OpenAIProviderOptions) {
    this.model = options.model;
    this.promptVersion = options.promptVersion ?? PROMPT_VERSION;
    this.client = new OpenAI({
      // Local OpenAI-compatible servers ignore the key, but the SDK insists on one.
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      defaultHeaders: { 'x-prompt-version': this.promptVersion },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async generate(request: GenerateRequest): Promise<Generation> {
    const messages = buildMessages(request.description, request.tenant, request.asOf, this.promptVersion);
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const common = () => ({ provider: this.name, model: this.model, promptVersion: this.promptVersion, usage });

    let repairs = 0;
    for (;;) {
      const content = await this.complete(messages, usage);
      const checked = this.check(content, request);
      if (checked.ok) {
        const answer = checked.answer;
        if (answer.refusal !== null || answer.rules === null) {
          return { ...common(), repairs, kind: 'refusal', reason: answer.refusal ?? 'The model returned no rules.' };
        }
        return { ...common(), repairs, kind: 'rules', rules: answer.rules, assumptions: answer.assumptions, unrecognized: [] };
      }
      if (repairs === 1) {
        throw new GenerationError('invalid_output', 'The model’s rule tree was still invalid after one repair round.', checked.issues);
      }
      repairs += 1;
      messages.push({ role: 'assistant', content }, { role: 'user', content: repairMessage(checked.issues) });
    }
  }

  private async complete(messages: ChatMessage[], usage: Usage): Promise<string> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create({
        model: this.model,
        messages,
        temperature: 0,
        response_format: { type: 'json_schema', json_schema: { name: SCHEMA_NAME, strict: true, schema: this.schema } },
      });
    } catch (err) {
      throw upstreamError(err);
    }
    usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
    usage.completionTokens += completion.usage?.completion_tokens ?? 0;
    const choice = completion.choices[0];
    if (!choice) throw new GenerationError('upstream', 'The model returned no choices.');
    if (choice.message.refusal) throw new GenerationError('model_refusal', `The model refused: ${choice.message.refusal}`);
    if (choice.finish_reason === 'length') {
      throw new GenerationError('truncated', 'The model’s answer was cut off at its length limit; shorten the description or raise the model’s output limit.');
    }
    if (choice.finish_reason === 'content_filter') {
      throw new GenerationError('content_filter', 'The model’s content filter stopped the answer; rephrase the description.');
    }
    return choice.message.content ?? '';
  }

  private check(content: string, request: GenerateRequest): { ok: true; answer: Answer } | { ok: false; issues: Issue[] } {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      return { ok: false, issues: [{ path: '$', message: 'the answer is not valid JSON; answer with one JSON object matching the schema' }] };
    }
    // The envelope is checked here; the tree by prepareRules, whose messages are the useful ones.
    const envelope = EnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return { ok: false, issues: envelope.error.issues.map((i) => ({ path: i.path.join('.') || '$', message: i.message })) };
    }
    const answer = envelope.data;
    if (answer.refusal !== null || answer.rules === null) return { ok: true, answer };
    const prepared = prepareRules(answer.rules, { tenant: request.tenant });
    return prepared.ok ? { ok: true, answer } : { ok: false, issues: prepared.errors };
  }
}

const EnvelopeSchema = GenerationSchema.extend({ rules: z.unknown() });
type Answer = z.infer<typeof EnvelopeSchema>;

function repairMessage(issues: Issue[]): string {
  const lines = issues.map((i) => `- ${i.path}: ${i.message}`);
  return `Your answer is not a valid segment for this tenant:\n${lines.join('\n')}\nAnswer again with the whole corrected JSON object.`;
}

function upstreamError(err: unknown): GenerationError {
  if (err instanceof OpenAI.APIConnectionTimeoutError) {
    return new GenerationError('timeout', 'The language model did not answer in time; try again, or raise LLM_TIMEOUT_MS.');
  }
  if (err instanceof OpenAI.APIError) {
    const status = err.status ? ` (HTTP ${err.status})` : '';
    const retried = err.status === 429 || (err.status ?? 0) >= 500 ? ' after retries' : '';
    return new GenerationError('upstream', `The language model service failed${status}${retried}: ${err.message}`);
  }
  return new GenerationError('upstream', `The language model service could not be reached: ${(err as Error).message}`);
}
