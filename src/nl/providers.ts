// Which provider turns descriptions into rules: the configured OpenAI-compatible model, or the
// built-in offline parser when none is configured.
import type { Config } from '../config.js';
import { BuiltinProvider } from './builtin/provider.js';
import { OpenAIProvider } from './openai.js';
import type { Provider } from './provider.js';

export function createProvider(config: Config): Provider {
  const useOpenAI = config.LLM_PROVIDER ? config.LLM_PROVIDER === 'openai' : Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
  if (!useOpenAI) return new BuiltinProvider();
  return new OpenAIProvider({
    ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    model: config.LLM_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
  });
}
