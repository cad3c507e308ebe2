// Description → canonical rule tree, explanation and assumptions, with whichever provider is configured.
import { explain } from '../rules/explain.js';
import type { RuleTree } from '../rules/grammar.js';
import { prepareRules } from '../rules/prepare.js';
import { GenerationError } from './errors.js';
import type { AlternativeReading, GenerateRequest, Provider, Span, Usage } from './provider.js';

export const MAX_DESCRIPTION_LENGTH = 2_000;

interface Meta {
  provider: string;
  model: string;
  promptVersion: string;
  usage?: Usage;
  repairs: number;
  latencyMs: number;
}

export type Generated =
  | (Meta & { kind: 'rules'; rules: RuleTree; explanation: string; assumptions: string[]; alternatives: AlternativeReading[]; unrecognized: Span[] })
  | (Meta & { kind: 'refusal'; reason: string });

export async function generateRules(provider: Provider, request: GenerateRequest): Promise<Generated> {
  const description = request.description.trim();
  if (description.length === 0) throw new GenerationError('invalid_description', 'The description is empty; describe the audience, e.g. "customers in Germany tagged vip".');
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new GenerationError('invalid_description', `The description is ${description.length} characters long; at most ${MAX_DESCRIPTION_LENGTH} are allowed.`);
  }
  const started = performance.now();
  const out = await provider.generate({ ...request, description });
  const meta: Meta = {
    provider: out.provider,
    model: out.model,
    promptVersion: out.promptVersion,
    ...(out.usage ? { usage: out.usage } : {}),
    repairs: out.repairs ?? 0,
    latencyMs: Math.round((performance.now() - started) * 100) / 100,
  };
  if (out.kind === 'refusal') return { ...meta, kind: 'refusal', reason: out.reason };
  // Validated once per request: a provider that had to check the tree (to repair it) hands it over.
  const objectType = request.objectType ?? 'contacts';
  const prepared = out.prepared ?? prepareRules(out.rules, { tenant: request.tenant, objectType });
  if (!prepared.ok) throw new GenerationError('invalid_output', `The ${out.provider} provider produced an invalid rule tree.`, prepared.errors);
  return {
    ...meta,
    kind: 'rules',
    rules: prepared.tree,
    explanation: explain(prepared.tree, request.tenant, objectType),
    assumptions: [...out.assumptions, ...prepared.warnings.map((w) => w.message.replace(/^./, (c) => c.toUpperCase()) + '.')],
    alternatives: out.alternatives ?? [],
    unrecognized: out.unrecognized,
  };
}
