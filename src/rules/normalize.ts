// Normalization: a validated tree → its canonical form, in which equal meanings give byte-identical
// JSON. Groups are flattened, children sorted and de-duplicated, negations pushed into operators
// where an exact inverse exists (double negation disappears), one-value lists become eq/neq, text
// values are lower-cased (text comparisons are case-insensitive), relative spans use days or months,
// and email-engagement shorthands become the relation they mean.
//
// Every rule here preserves meaning under the engine's two-valued semantics (see sql/compile.ts):
// a condition on a missing value is false for positive operators and true for neq / not_in /
// not_contains / is_null, so NOT(eq) is exactly neq. `fast-check` tests prove it on random trees.
import { type Catalog, type FieldDef, type ObjectType, relation as findRelation } from './catalog.js';
import {
  MAX_COUNT,
  type Condition,
  type CountBound,
  type Engagement,
  type Group,
  type Node,
  type RelationCondition,
  type RuleTree,
  type SegmentMembership,
  type Value,
  type WhereGroup,
} from './grammar.js';
import { complementCount, inverseOperator, type CanonicalOperator } from './operators.js';

/**
 * Canonical form of a validated tree of `objectType` (default contacts), under the tenant's catalog
 * (a field's type decides how its values are written). Idempotent: normalize(normalize(t)) equals
 * normalize(t).
 */
export function normalize(tree: RuleTree, catalog: Catalog, objectType: ObjectType = 'contacts'): RuleTree {
  const node = normalizeNode(tree, rootScope(catalog, objectType));
  return node.type === 'group' ? node : group('and', false, [node]);
}

/** Where a node is read: its fields, and the object type whose relations apply (none inside a leaf relation). */
interface Scope {
  fields: (key: string) => FieldDef | undefined;
  root: ObjectType | undefined;
  catalog: Catalog;
}

function rootScope(catalog: Catalog, type: ObjectType): Scope {
  return { fields: (key) => catalog.rootField(type, key), root: type, catalog };
}

function normalizeNode(node: Node, scope: Scope): Node {
  switch (node.type) {
    case 'group':
      return normalizeGroup(node, scope);
    case 'condition':
      return normalizeCondition(node, scope.fields);
    case 'relation':
      return normalizeRelation(node, scope.root ?? 'contacts', scope.catalog);
    case 'engagement':
      return normalizeEngagement(node, scope.catalog);
    case 'segment':
      return segment(node.operator, node.segment, node.when);
  }
}

function normalizeGroup(input: Group, scope: Scope): Node {
  let children: Node[] = [];
  for (const child of input.children.map((c) => normalizeNode(c, scope))) {
    // (a AND (b AND c)) → (a AND b AND c); the same for OR.
    if (child.type === 'group' && !child.negate && child.op === input.op) children.push(...child.children);
    else children.push(child);
  }
  children = sortUnique(children);
  if (children.length === 1) {
    const only = children[0]!;
    return input.negate ? negate(only) : only;
  }
  return group(input.op, input.negate, children);
}

/** NOT node, pushed into the node where an exact inverse exists. */
function negate(node: Node): Node {
  switch (node.type) {
    case 'group':
      // NOT (NOT x) is x: a negated one-child group only exists because x has no exact inverse.
      if (node.negate && node.children.length === 1) return node.children[0]!;
      return group(node.op, !node.negate, node.children);
    case 'condition': {
      const inverse = inverseOperator(node.operator as CanonicalOperator);
      return inverse ? condition(node.field, inverse, node.value) : group('and', true, [node]);
    }
    case 'relation': {
      if (node.count === null) return relation(node.relation, !node.has, node.where, null);
      const inverse = invertCount(node.count);
      return inverse ? relation(node.relation, true, node.where, inverse) : relation(node.relation, !node.has, node.where, node.count);
    }
    case 'segment':
      return segment(node.operator === 'in' ? 'not_in' : 'in', node.segment, node.when);
    case 'engagement':
      if (node.match === 'any') return { ...node, match: 'none' };
      if (node.match === 'none') return { ...node, match: 'any' };
      return group('and', true, [node]);
  }
}

function normalizeCondition(c: Condition, fields: Scope['fields']): Node {
  const field = fields(c.field);
  let operator = c.operator;
  let value: Value = c.value;
  if (Array.isArray(value) && (operator === 'in' || operator === 'not_in')) {
    const list = sortValues(value.map((v) => textCase(field, v)));
    if (list.length === 1) {
      operator = operator === 'in' ? 'eq' : 'neq';
      value = list[0]!;
    } else {
      value = list;
    }
  } else if (Array.isArray(value)) {
    value = value.map((v) => textCase(field, v));
  } else if (typeof value === 'string' || typeof value === 'number') {
    value = textCase(field, value);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    value = relativeSpan(value.amount, value.unit);
  }
  return condition(c.field, operator, value);
}

function textCase(field: FieldDef | undefined, v: string | number): string | number {
  return field?.type === 'text' && typeof v === 'string' ? v.toLowerCase() : v;
}

function relativeSpan(amount: number, unit: string): { amount: number; unit: 'days' | 'months' } {
  if (unit === 'weeks') return { amount: amount * 7, unit: 'days' };
  if (unit === 'years') return { amount: amount * 12, unit: 'months' };
  return { amount, unit: unit as 'days' | 'months' };
}

function normalizeRelation(r: RelationCondition, from: ObjectType, catalog: Catalog): Node {
  const rel = catalog.relation(r.relation, from)!;
  const scope: Scope = rel.target ? rootScope(catalog, rel.target) : { fields: (key) => rel.fields.find((f) => f.key === key), root: undefined, catalog };
  let where: WhereGroup | null = null;
  if (r.where) {
    const inner = normalizeNode(r.where, scope);
    where = (inner.type === 'group' ? inner : group('and', false, [inner])) as WhereGroup;
  }
  // Meaning: (positive ? P : NOT P), P = "has rows" when count is null, else "count satisfies the bound".
  let positive = r.has;
  let count = r.count;
  const inverse = count && !positive ? invertCount(count) : undefined;
  if (inverse) {
    positive = true;
    count = inverse;
  }
  let exists = true;
  if (count) {
    const { operator, value } = count;
    // "at least one" is plain existence; "fewer than one" is plain non-existence.
    if ((operator === 'gte' && value === 1) || (operator === 'gt' && value === 0)) count = null;
    else if ((operator === 'lt' && value === 1) || (operator === 'lte' && value === 0) || (operator === 'eq' && value === 0)) {
      count = null;
      exists = false;
    } else if (operator === 'gt' && value < MAX_COUNT) count = { operator: 'gte', value: value + 1 };
    else if (operator === 'lte' && value < MAX_COUNT) count = { operator: 'lt', value: value + 1 };
  }
  const has = count ? positive : positive === exists;
  return relation(r.relation, has, where, count);
}

/** The bound that holds exactly when `c` does not; none for `eq` (≠ n is two ranges). */
function invertCount(c: CountBound): CountBound | undefined {
  const inverse = complementCount(c.operator);
  return inverse ? { operator: inverse, value: c.value } : undefined;
}

function normalizeEngagement(e: Engagement, catalog: Catalog): Node {
  const ids = e.campaigns.ids === null ? null : [...new Set(e.campaigns.ids)].sort();
  let match = e.match;
  if (ids && ids.length === 1 && match === 'all') match = 'any';
  // Any / none over named campaigns (or over every campaign) is plain (non-)existence of the event.
  if (e.campaigns.last === null && (match === 'any' || match === 'none')) {
    const type = condition('type', 'eq', e.event);
    const conditions: Node[] = ids ? [condition('campaign', ids.length === 1 ? 'eq' : 'in', ids.length === 1 ? ids[0]! : ids), type] : [type];
    const where = normalizeNode(group('and', false, conditions), { fields: (key) => findRelation('email_events')!.fields.find((f) => f.key === key), root: undefined, catalog });
    return relation('email_events', match === 'any', (where.type === 'group' ? where : group('and', false, [where])) as WhereGroup, null);
  }
  return { type: 'engagement', event: e.event, match, campaigns: { last: e.campaigns.last, ids } };
}

// Constructors with a fixed key order, so JSON.stringify of equal trees is byte-identical.
function group(op: 'and' | 'or', negate: boolean, children: Node[]): Group {
  return { type: 'group', op, negate, children };
}
function condition(field: string, operator: Condition['operator'], value: Value): Condition {
  return { type: 'condition', field, operator, value };
}
function relation(name: RelationCondition['relation'], has: boolean, where: WhereGroup | null, count: CountBound | null): RelationCondition {
  return { type: 'relation', relation: name, has, where, count: count ? { operator: count.operator, value: count.value } : null };
}
function segment(operator: SegmentMembership['operator'], id: string, when?: SegmentMembership['when']): SegmentMembership {
  if (!when) return { type: 'segment', operator, segment: id };
  const since = when.since !== null && typeof when.since === 'object' ? relativeSpan(when.since.amount, when.since.unit) : when.since;
  return { type: 'segment', operator, segment: id, when: { event: when.event, since } };
}

function sortValues(values: (string | number)[]): (string | number)[] {
  const unique = [...new Set(values)];
  return unique.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

function sortUnique(nodes: Node[]): Node[] {
  const keyed = new Map<string, Node>();
  for (const n of nodes) keyed.set(JSON.stringify(n), n);
  return [...keyed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, n]) => n);
}

/** Canonical JSON of a tree (normalize first); equal meanings give equal strings. */
export function canonicalJson(tree: RuleTree, catalog: Catalog): string {
  return JSON.stringify(normalize(tree, catalog));
}
