// What an LLM case costs: list prices in USD per 1M tokens (input, output), without cached-input or
// batch discounts. Prices change; `--price-in` / `--price-out` override them, and a model that is not
// listed (a local model, a new snapshot) has no cost rather than a guessed one.
import type { Usage } from '../src/nl/provider.js';

export interface Price {
  /** USD per 1M prompt tokens. */
  input: number;
  /** USD per 1M completion tokens. */
  output: number;
}

/** OpenAI list prices (USD / 1M tokens) at the time of writing. */
export const PRICES: Readonly<Record<string, Price>> = {
  'gpt-4.1': { input: 2.0, output: 8.0 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10.0 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'o3': { input: 2.0, output: 8.0 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'gpt-5': { input: 1.25, output: 10.0 },
  'gpt-5-mini': { input: 0.25, output: 2.0 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
};

/** The price of a model: an override, the listed model, or its dated snapshot (`gpt-4.1-mini-2025-04-14`). */
export function priceOf(model: string, override?: Partial<Price>): Price | null {
  const listed = PRICES[model] ?? PRICES[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')] ?? null;
  if (override?.input !== undefined && override.output !== undefined) return { input: override.input, output: override.output };
  if (!listed) return null;
  return { input: override?.input ?? listed.input, output: override?.output ?? listed.output };
}

export function costOf(usage: Usage | undefined, price: Price | null): number | null {
  if (!usage || !price) return null;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}
