// The mocked OpenAI API's answer shape (msw mocks only the LLM's HTTP boundary): one chat completion
// whose message content is `content`, as the SDK parses it.
import { HttpResponse } from 'msw';

export function completion(content: string | null, extra: { finish_reason?: string; refusal?: string | null } = {}) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-test',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: extra.refusal ?? null }, finish_reason: extra.finish_reason ?? 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

/** A 200 answer whose content is `answer` as JSON (the model's structured output). */
export function reply(answer: object) {
  return HttpResponse.json(completion(JSON.stringify(answer)));
}
