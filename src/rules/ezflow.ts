// Interop: EzFlow segment criteria → our grammar. EzFlow's shape is
//   { operator: "AND" | "OR", conditions: [{ type: "PROPERTY", propertyName, operator, value }] }
// with =, !=, contains, starts_with, ends_with, is_null, is_not_null, and propertyName like `email`
// or `customProperties.plan`. The result is an ordinary raw tree: it goes through the same
// validation and normalization as anything else (so unknown properties fail with suggestions).
import { z } from 'zod';
import type { Condition, Group, Node, RuleTree } from './grammar.js';
import type { CanonicalOperator } from './operators.js';
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
    // EzFlow names custom properties `customProperties.<key>`; ours are `properties.<key>`.
    const field = propertyName.startsWith('customProperties.') ? `properties.${propertyName.slice('customProperties.'.length)}` : propertyName;
    const condition: Condition = { type: 'condition', field, operator: op, value: isNullCheck ? null : (v as string | number | boolean) };
    return condition;
  };
  const rules = group(input, root);
  return rules && errors.length === 0 ? { ok: true, rules } : { ok: false, errors };
}

export interface EzFlowCondition {
  type: 'PROPERTY';
  propertyName: string;
  operator: keyof typeof OPERATOR_MAP;
  value: string | number | boolean | null;
}
export interface EzFlowGroup {
  operator: 'AND' | 'OR';
  conditions: (EzFlowCondition | EzFlowGroup)[];
}

const TO_EZFLOW = Object.fromEntries(Object.entries(OPERATOR_MAP).map(([k, v]) => [v, k])) as Partial<Record<CanonicalOperator, keyof typeof OPERATOR_MAP>>;

/**
 * A canonical tree as EzFlow criteria, or the paths of what EzFlow cannot say: it has AND/OR groups
 * of property conditions with =, !=, contains, starts_with, ends_with, is_null, is_not_null and one
 * scalar value — no NOT, no lists, no ranges or relative dates, no related rows, engagement or
 * segment membership.
 */
export function toEzFlow(tree: RuleTree, root = 'rules'): { ok: true; query: EzFlowGroup } | { ok: false; errors: Issue[] } {
  const errors: Issue[] = [];
  const group = (g: Group, path: string): EzFlowGroup => {
    if (g.negate) errors.push({ path: `${path}.negate`, message: 'EzFlow criteria have no NOT: a negated group cannot be expressed' });
    return {
      operator: g.op === 'and' ? 'AND' : 'OR',
      conditions: g.children.map((c, i) => node(c, `${path}.children[${i}]`)).filter((x): x is EzFlowCondition | EzFlowGroup => x !== undefined),
    };
  };
  const node = (n: Node, path: string): EzFlowCondition | EzFlowGroup | undefined => {
    if (n.type === 'group') return group(n, path);
    if (n.type !== 'condition') {
      errors.push({ path, message: `${n.type === 'relation' ? `"has ${n.has ? '' : 'no '}${n.relation}" conditions` : n.type === 'engagement' ? 'email engagement conditions' : 'segment membership'} cannot be expressed in EzFlow criteria (property conditions only)` });
      return undefined;
    }
    const operator = TO_EZFLOW[n.operator as CanonicalOperator];
    if (!operator) {
      errors.push({ path: `${path}.operator`, message: `operator ${n.operator} cannot be expressed in EzFlow criteria (it has ${Object.keys(OPERATOR_MAP).join(', ')})` });
      return undefined;
    }
    const v = n.value;
    if (v !== null && typeof v === 'object') {
      errors.push({ path: `${path}.value`, message: 'EzFlow criteria take one value per condition, not a list or a span' });
      return undefined;
    }
    const propertyName = n.field.startsWith('properties.') ? `customProperties.${n.field.slice('properties.'.length)}` : n.field;
    return { type: 'PROPERTY', propertyName, operator, value: v };
  };
  const query = group(tree, root);
  return errors.length === 0 ? { ok: true, query } : { ok: false, errors };
}
