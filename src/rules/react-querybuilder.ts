// Interop: react-querybuilder's JSON ↔ our grammar. react-querybuilder (the de-facto standard of
// open-source query-builder UIs) writes
//   { combinator: "and" | "or", not?: boolean, rules: [ { field, operator, value } | <group> ] }
// with its default operators (=, !=, <, >, <=, >=, contains, beginsWith, endsWith, doesNotContain,
// doesNotBeginWith, doesNotEndWith, null, notNull, in, notIn, between, notBetween). Lists and
// pairs come as arrays or as comma-separated strings (its default `listsAsArrays: false`). Our own
// operator names are accepted as custom operators (within_last with "90 days" or {amount, unit}), and
// the field `segment` with = / != is segment membership. The result of `fromReactQueryBuilder` is an
// ordinary raw tree: it takes the same validation path as any tree, so unknown fields fail with
// suggestions. `toReactQueryBuilder` exports a canonical tree, or says which nodes it cannot express.
import { z } from 'zod';
import type { Condition, Group, Node, RelativeDate, RuleTree, Value } from './grammar.js';
import { RELATIVE_UNITS } from './grammar.js';
import { CANONICAL_OPERATORS, type CanonicalOperator } from './operators.js';
import type { Issue } from './validate.js';

export interface RqbRule {
  field: string;
  operator: string;
  value: unknown;
}
export interface RqbGroup {
  combinator: 'and' | 'or';
  not?: boolean;
  rules: (RqbRule | RqbGroup)[];
}

/** react-querybuilder's operator → ours; `negate` wraps the condition in a NOT group. */
const FROM_RQB: Record<string, { op: CanonicalOperator; negate?: true }> = {
  '=': { op: 'eq' },
  '!=': { op: 'neq' },
  '<': { op: 'lt' },
  '>': { op: 'gt' },
  '<=': { op: 'lte' },
  '>=': { op: 'gte' },
  contains: { op: 'contains' },
  beginsWith: { op: 'starts_with' },
  endsWith: { op: 'ends_with' },
  doesNotContain: { op: 'not_contains' },
  doesNotBeginWith: { op: 'starts_with', negate: true },
  doesNotEndWith: { op: 'ends_with', negate: true },
  null: { op: 'is_null' },
  notNull: { op: 'is_not_null' },
  in: { op: 'in' },
  notIn: { op: 'not_in' },
  between: { op: 'between' },
  notBetween: { op: 'between', negate: true },
};

/** Ours → react-querybuilder's; our operators it has no name for are written as they are (custom operators). */
const TO_RQB = {
  eq: '=',
  neq: '!=',
  lt: '<',
  gt: '>',
  lte: '<=',
  gte: '>=',
  contains: 'contains',
  not_contains: 'doesNotContain',
  starts_with: 'beginsWith',
  ends_with: 'endsWith',
  is_null: 'null',
  is_not_null: 'notNull',
  in: 'in',
  not_in: 'notIn',
  between: 'between',
  within_last: 'within_last',
  more_than_ago: 'more_than_ago',
} as const satisfies Record<CanonicalOperator, string>;

const ACCEPTED = [...new Set([...Object.keys(FROM_RQB), ...CANONICAL_OPERATORS])];

const RuleShape = z.object({
  field: z.string().min(1).max(200),
  operator: z.string().refine((op) => ACCEPTED.includes(op), { error: (i) => `unknown operator ${JSON.stringify(i.input)}; expected one of ${ACCEPTED.join(', ')}` }),
  value: z.unknown(),
});
const GroupShape = z.object({
  combinator: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(['and', 'or'], { error: 'combinator must be "and" or "or"' })),
  not: z.boolean().optional(),
  rules: z.array(z.unknown()).min(1, 'a react-querybuilder group needs at least one rule'),
});

export type ConversionResult = { ok: true; rules: Group } | { ok: false; errors: Issue[] };

/** "a, b" → ["a", "b"]; arrays stay arrays. */
function list(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return value;
}

/** "90 days" / "90" (days) / {amount, unit} → a relative date. */
function span(value: unknown): unknown {
  if (typeof value === 'number') return { amount: value, unit: 'days' };
  if (typeof value !== 'string') return value;
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(value);
  if (!m) return value;
  const unit = (m[2] ?? '').toLowerCase();
  const known = RELATIVE_UNITS.find((u) => u === unit || u === `${unit}s`) ?? (unit === '' ? 'days' : undefined);
  return known ? ({ amount: Number(m[1]), unit: known } satisfies RelativeDate) : value;
}

export function fromReactQueryBuilder(input: unknown, root = 'query'): ConversionResult {
  const errors: Issue[] = [];
  const push = (path: string, issues: z.core.$ZodIssue[]) => {
    for (const i of issues) errors.push({ path: [path, ...i.path.map(String)].join('.'), message: i.message });
  };
  const group = (value: unknown, path: string): Group | undefined => {
    const head = GroupShape.safeParse(value);
    if (!head.success) return void push(path, head.error.issues);
    const children = head.data.rules.map((r, i) => node(r, `${path}.rules[${i}]`));
    if (children.some((c) => c === undefined)) return undefined;
    return { type: 'group', op: head.data.combinator, negate: head.data.not ?? false, children: children as Node[] };
  };
  const node = (value: unknown, path: string): Node | undefined => {
    if (typeof value === 'object' && value !== null && 'rules' in value) return group(value, path);
    const parsed = RuleShape.safeParse(value);
    if (!parsed.success) return void push(path, parsed.error.issues);
    const { field, operator, value: raw } = parsed.data;
    if (field === 'segment' && (operator === '=' || operator === '!=' || operator === 'in' || operator === 'not_in')) {
      if (typeof raw !== 'string' || raw === '') return void errors.push({ path: `${path}.value`, message: 'a segment id, slug or title' });
      return { type: 'segment', operator: operator === '=' || operator === 'in' ? 'in' : 'not_in', segment: raw };
    }
    const mapped = FROM_RQB[operator] ?? { op: operator as CanonicalOperator };
    const { op } = mapped;
    let v: unknown = raw;
    if (op === 'is_null' || op === 'is_not_null') v = null;
    else if (op === 'in' || op === 'not_in' || op === 'between') v = list(raw);
    else if (op === 'within_last' || op === 'more_than_ago') v = span(raw);
    if (v === undefined || v === '' || (v === null && op !== 'is_null' && op !== 'is_not_null')) {
      return void errors.push({ path: `${path}.value`, message: `operator ${operator} needs a value` });
    }
    const condition = { type: 'condition', field, operator: op, value: v as Value } satisfies Condition;
    return mapped.negate ? { type: 'group', op: 'and', negate: true, children: [condition] } : condition;
  };
  const rules = group(input, root);
  return rules && errors.length === 0 ? { ok: true, rules } : { ok: false, errors };
}

export type ExportResult<T> = { ok: true; query: T } | { ok: false; errors: Issue[] };

/** A canonical tree as react-querybuilder JSON; relations and email engagement have no equivalent there. */
export function toReactQueryBuilder(tree: RuleTree, root = 'rules'): ExportResult<RqbGroup> {
  const errors: Issue[] = [];
  const group = (g: Group, path: string): RqbGroup => ({
    combinator: g.op,
    ...(g.negate ? { not: true } : {}),
    rules: g.children.map((c, i) => node(c, `${path}.children[${i}]`)).filter((x): x is RqbRule | RqbGroup => x !== undefined),
  });
  const node = (n: Node, path: string): RqbRule | RqbGroup | undefined => {
    switch (n.type) {
      case 'group':
        return group(n, path);
      case 'condition':
        return { field: n.field, operator: TO_RQB[n.operator as CanonicalOperator] ?? n.operator, value: n.value };
      case 'segment':
        return { field: 'segment', operator: n.operator === 'in' ? '=' : '!=', value: n.segment };
      case 'relation':
        errors.push({ path, message: `"has ${n.has ? '' : 'no '}${n.relation}" conditions (rows related to the contact) cannot be expressed in react-querybuilder JSON` });
        return undefined;
      case 'engagement':
        errors.push({ path, message: `email engagement across campaigns ("${n.event}", ${n.match}) cannot be expressed in react-querybuilder JSON` });
        return undefined;
    }
  };
  const query = group(tree, root);
  return errors.length === 0 ? { ok: true, query } : { ok: false, errors };
}
