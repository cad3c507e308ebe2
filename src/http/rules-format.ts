// Rules arrive in one of the formats of `RulesFormat`; everything past the edge speaks the
// service's own grammar. EzFlow criteria are converted here (src/rules/ezflow.ts) and then take the
// same validation path as any tree, so their errors carry paths too.
import { AppError } from '../lib/errors.js';
import { fromEzFlow } from '../rules/ezflow.js';

export function rulesIn(format: 'segment-builder' | 'ezflow' | undefined, rules: unknown): unknown {
  if (format !== 'ezflow' || rules === undefined) return rules;
  const converted = fromEzFlow(rules, 'body.rules');
  if (!converted.ok) throw new AppError('validation_failed', 'The EzFlow criteria could not be converted.', converted.errors);
  return converted.rules;
}
