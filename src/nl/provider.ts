// What every natural-language provider (an OpenAI-compatible LLM, or the built-in parser) takes
// and returns. Providers return a raw tree; the caller runs it through prepareRules like any other.
import type { Node } from '../rules/grammar.js';
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

/**
 * A real second reading of an assumption: the node the provider wrote (`reading`) and the one it
 * would have written the other way (`alternative`), e.g. the contact's country vs the company's.
 */
export interface AlternativeReading {
  /** The assumption's text, as listed in `assumptions`. */
  assumption: string;
  /** The other reading in a few words: "the company's country". */
  says: string;
  reading: Node;
  alternative: Node;
}

export type Generation =
  | (Common & {
      kind: 'rules';
      rules: unknown;
      assumptions: string[];
      /** Assumptions with a real alternative reading (the built-in parser says them; optional for others). */
      alternatives?: AlternativeReading[];
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
