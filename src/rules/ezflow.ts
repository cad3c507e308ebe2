// Interop: EzFlow segment criteria → our grammar. EzFlow's shape is
//   { operator: "AND" | "OR", conditions: [{ type: "PROPERTY", propertyName, operator, value }] }
// with =, !=, contains, starts_with, ends_with, is_null, is_not_null, and propertyName like `email`
// or `customProperties.plan`. The result is an ordinary raw tree: it goes through the same
// validation and normalization as anything else (so unknown properties fail with suggestions).
import { z } from 'zod';
import type { Condition, Group, Node } from './grammar.js';
import type { Issue } from './validate.js';

const OPERATOR_MAP = {
  '=': 'eq',
  '!=': 'neq',
  contains: 'contains',
  starts_with: 'starts_with',
  ends_with: 'ends_with',
  is_null: 'is_null',
  is_not_null: 'is_not_null',
} as const;

const PropertyCondition = z.strictObject({
  type: z.literal('PROPERTY'),
  propertyName: z.string().min(1).max(200),
  operator: z.enum(Object.keys(OPERATOR_MAP) as [keyof typeof OPERATOR_MAP, ...(keyof typeof OPERATOR_MAP)[]]),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
});

const GroupHead = z.strictObject({
  operator: z.enum(['AND', 'OR']),
  conditions: z.array(z.unknown()).min(1, 'EzFlow criteria need at least one condition'),
});

export type EzFlowResult = { ok: true; rules: Group } | { ok: false; errors: Issue[] };

export function fromEzFlow(input: unknown, root = 'criteria'): EzFlowResult {
  const errors: Issue[] = [];
  const group = (value: unknown, path: string): Group | undefined => {
    const head = GroupHead.safeParse(value);
    if (!head.success) {
      for (const i of head.error.issues) errors.push({ path: [path, ...i.path].join('.'), message: i.message });
      return undefined;
    }
    const children = head.data.conditions.map((c, i) => node(c, `${path}.conditions[${i}]`));
    if (children.some((c) => c === undefined)) return undefined;
    return { type: 'group', op: head.data.operator === 'AND' ? 'and' : 'or', negate: false, children: children as Node[] };
  };
  const node = (value: unknown, path: string): Node | undefined => {
    if (typeof value === 'object' && value !== null && 'conditions' in value) return group(value, path);
    const parsed = PropertyCondition.safeParse(value);
    if (!parsed.success) {
      for (const i of parsed.error.issues) errors.push({ path: [path, ...i.path].join('.'), message: i.message });
      return undefined;
    }
    const { propertyName, operator, value: v } = parsed.data;
    const op = OPERATOR_MAP[operator];
    const isNullCheck = op === 'is_null' || op === 'is_not_null';
    if (!isNullCheck && (v === undefined || v === null)) {
      errors.push({ path: `${path}.value`, message: `operator ${operator} needs a value` });
      return undefined;
    }
    const condition: Condition = { type: 'condition', field: propertyName, operator: op, value: isNullCheck ? null : (v as string | number | boolean) };
    return condition;
  };
  const rules = group(input, root);
  return rules && errors.length === 0 ? { ok: true, rules } : { ok: false, errors };
}
