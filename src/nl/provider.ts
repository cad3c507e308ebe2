// What every natural-language provider (an OpenAI-compatible LLM, or the built-in parser) takes
// and returns. Providers return a raw tree; the caller runs it through prepareRules like any other.
import type { PreparedRules } from '../rules/prepare.js';
import type { ObjectType } from '../rules/catalog.js';
import type { TenantValues } from '../rules/tenant.js';

export interface GenerateRequest {
  description: string;
  tenant: TenantValues;
  /** What the segment selects; the rules are read at that object's root. Default contacts. */
  objectType?: ObjectType;
  /** The evaluation clock: "in the last 30 days", "this year" and "the last 3 campaigns" are relative to it. */
  asOf: Date;
}

/** A piece of the description the provider could not place, by character offsets into it. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

interface Common {
  provider: string;
  model: string;
  promptVersion: string;
  usage?: Usage;
  /** How many validation-repair rounds it took (0 or 1). */
  repairs?: number;
}

export type Generation =
  | (Common & {
      kind: 'rules';
      rules: unknown;
      assumptions: string[];
      unrecognized: Span[];
      /** The tree already through prepareRules, when the provider had to check it (to repair); not checked again. */
      prepared?: PreparedRules;
    })
  | (Common & { kind: 'refusal'; reason: string });

export interface Provider {
  readonly name: string;
  readonly model: string;
  generate(request: GenerateRequest): Promise<Generation>;
}
