// The grammar as JSON Schema: what the LLM is constrained by (OpenAI Structured Outputs, strict mode).
import { z } from 'zod';
import { GroupSchema } from './grammar.js';

/** What a provider must answer: a rule tree, the assumptions it made, or a refusal. */
export const GenerationSchema = z
  .strictObject({
    refusal: z
      .string()
      .nullable()
      .meta({ description: 'Why the text cannot be turned into an audience of this tenant; null when it can.' }),
    assumptions: z.array(z.string()).meta({ description: 'Each interpretation a reviewer should check, in plain English.' }),
    rules: GroupSchema.nullable().meta({ description: 'The audience as a rule tree; null when refused.' }),
  })
  .meta({ title: 'SegmentGeneration' });

export type Generation = z.infer<typeof GenerationSchema>;

/** Keywords strict mode accepts; everything else zod may emit is dropped. */
const KEPT = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'enum', 'const', '$ref', '$defs',
  'description', 'title', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'pattern', 'format', 'minItems', 'maxItems',
]);

function sanitize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(sanitize);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT.has(key)) continue;
    if (key === 'properties' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, sanitize(v)]));
    } else {
      out[key] = sanitize(value);
    }
  }
  // Safe-integer bounds zod adds to every int say nothing and only cost tokens.
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  return out;
}

/** The JSON Schema of a generation, ready for `response_format: { type: 'json_schema', strict: true }`. */
export function generationJsonSchema(): Record<string, unknown> {
  const raw = z.toJSONSchema(GenerationSchema, { target: 'draft-2020-12', io: 'output', cycles: 'ref', reused: 'inline' });
  return sanitize(raw) as Record<string, unknown>;
}
