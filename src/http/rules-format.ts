// Rules arrive in one of the formats of `RulesFormat`; everything past the edge speaks the
// service's own grammar. EzFlow criteria (src/rules/ezflow.ts) and react-querybuilder JSON
// (src/rules/react-querybuilder.ts) are converted here and then take the same validation path as any
// tree, so their errors carry paths too. On the way out, a segment's canonical tree is exported to
// either where it fits; where it does not, a 422 lists every node that cannot be expressed.
import { AppError } from '../lib/errors.js';
import { fromEzFlow, toEzFlow } from '../rules/ezflow.js';
import type { RuleTree } from '../rules/grammar.js';
import { fromReactQueryBuilder, toReactQueryBuilder } from '../rules/react-querybuilder.js';

export const RULES_FORMATS = ['segment-builder', 'ezflow', 'react-querybuilder'] as const;
export type RulesFormatName = (typeof RULES_FORMATS)[number];

const LABEL = { ezflow: 'EzFlow criteria', 'react-querybuilder': 'react-querybuilder query' } as const;

export function rulesIn(format: RulesFormatName | undefined, rules: unknown, root = 'body.rules'): unknown {
  if (format === undefined || format === 'segment-builder' || rules === undefined || rules === null) return rules;
  const converted = format === 'ezflow' ? fromEzFlow(rules, root) : fromReactQueryBuilder(rules, root);
  if (!converted.ok) throw new AppError('validation_failed', `The ${LABEL[format]} could not be converted.`, converted.errors);
  return converted.rules;
}

export function rulesOut(format: RulesFormatName, tree: RuleTree): unknown {
  if (format === 'segment-builder') return tree;
  const exported = format === 'ezflow' ? toEzFlow(tree) : toReactQueryBuilder(tree);
  if (!exported.ok) {
    throw new AppError('not_expressible', `This segment's rules cannot be written as a ${LABEL[format]}: ${exported.errors.length} part${exported.errors.length === 1 ? '' : 's'} have no equivalent there (listed in errors). Read it in the default format instead.`, exported.errors);
  }
  return exported.query;
}
