// Builders for the raw rule nodes the parser emits (the grammar's shapes, canonical operators).
import type { Condition, CountBound, Group, Node, RelationCondition, Value, WhereGroup } from '../../rules/grammar.js';
import type { RelationName } from '../../rules/catalog.js';

export function cond(field: string, operator: Condition['operator'], value: Value = null): Condition {
  return { type: 'condition', field, operator, value };
}

/** A group; a child group of the same operator (not negated) is spliced in, so "both both …" never reaches the explanation. */
export function group(op: 'and' | 'or', children: Node[], negate = false): Group {
  const flat = children.flatMap((c) => (c.type === 'group' && c.op === op && !c.negate ? c.children : [c]));
  return { type: 'group', op, negate, children: flat as Node[] };
}

/** One node for a list: the node itself when alone, else an AND group. */
export function all(children: Node[]): Node {
  return children.length === 1 ? children[0]! : group('and', children);
}

export function relation(name: RelationName, has: boolean, where: Condition[], count: CountBound | null = null): RelationCondition {
  const w: WhereGroup | null = where.length ? { type: 'group', op: 'and', negate: false, children: where } : null;
  return { type: 'relation', relation: name, has, where: w, count };
}

export function negate(node: Node): Node {
  return group('and', [node], true);
}

/** eq for one value, in for several. */
export function oneOrIn(field: string, values: (string | number)[], negated = false): Condition {
  if (values.length === 1) return cond(field, negated ? 'neq' : 'eq', values[0]!);
  return cond(field, negated ? 'not_in' : 'in', values);
}
