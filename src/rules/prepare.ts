// The one path every rule tree takes, whoever wrote it (LLM, built-in parser, reviewer, import):
// grammar + catalog + tenant validation, then normalization to the canonical form.
import { normalize } from './normalize.js';
import { type ValidationContext, type ValidationResult, validateRules } from './validate.js';

/** A tree that passed: canonical, with the warnings validation had. */
export type PreparedRules = Extract<ValidationResult, { ok: true }>;

export function prepareRules(input: unknown, ctx: ValidationContext, root = 'rules'): ValidationResult {
  const checked = validateRules(input, ctx, root);
  return checked.ok ? { ...checked, tree: normalize(checked.tree, ctx.tenant.catalog, ctx.objectType) } : checked;
}
