// The one operator table. Everything the engine knows about an operator is an entry here: the field
// types it applies to, the value it takes, its exact inverse, how it reads as a bound on a count of
// related rows, its labels in the editor, how an explanation says it and the words a description
// uses for it. Normalization, validation, the compiler, explanations, the editor's catalog and the
// built-in parser all derive from this table; the compiler adds the SQL (sql/compile.ts, typed
// `satisfies Record<CanonicalOperator, …>`), so a new operator is one entry here plus its SQL.
//
// Semantics are two-valued (see sql/compile.ts): an operator that `matchesMissing` holds for a
// missing value (NULL, no company, an absent property), every other one does not. That is what makes
// `inverse` exact: NOT(eq) selects exactly what neq selects, missing values included.

/** How a field's values are typed and compared. */
export type FieldType = 'text' | 'enum' | 'number' | 'date' | 'tags' | 'reference' | 'boolean';

/** The value an operator takes: none, one, a list, a [low, high] pair or a span back from the clock. */
export type ValueShape = 'none' | 'scalar' | 'list' | 'pair' | 'span';

/** What an explanation has at hand when it says an operator: the value(s), already rendered. */
export interface Said {
  /** The value as a marketer reads it: “Germany”, 2025-01-01, 5,000. */
  one: string;
  /** A list joined with "or": “vip” or “partner”. */
  anyOf: string;
  /** A list joined with "and". */
  allOf: string;
  /** The [low, high] pair. */
  low: string;
  high: string;
  /** A relative span: "90 days". */
  span: string;
  /** The field can be missing: negative operators say that they include unknown values. */
  nullable: boolean;
}

interface CountForm {
  /** The SQL comparison of a count with the bound. */
  sql: '=' | '>' | '>=' | '<' | '<=';
  holds: (n: number, bound: number) => boolean;
  /** "at least 3 deals". */
  label: string;
  /** Position in the editor's count picker (most used first). */
  offer: number;
}

export interface OperatorSpec<Op extends string = string> {
  types: readonly FieldType[];
  value: ValueShape;
  /** True for the negative operators: they hold when the value is missing. */
  matchesMissing: boolean;
  /** Holds exactly when this one does not, missing values included. */
  inverse: Op | null;
  /** Holds exactly when this one does not for a present value (order comparisons, count bounds). */
  complement: Op | null;
  /** The operator as a bound on a number of related rows ("at least 3 activities"); null when it is not one. */
  count: CountForm | null;
  /** In the editor. */
  label: string;
  /** Where a field type reads differently ("is after" for dates, "has tag" for tags). */
  labels?: Partial<Record<FieldType, string>>;
  /** The predicate after "whose <field> …"; per type where a type reads differently. */
  says: (v: Said) => string;
  saysFor?: Partial<Record<FieldType, (v: Said) => string>>;
  /** For tags, a whole clause: "who are tagged “vip”". */
  saysTags?: (v: Said) => string;
  /** Words a description uses: `comparison` before a number, `text` between a text field and its value. */
  phrases?: { comparison?: readonly string[]; text?: readonly string[] };
}

const ALL_TYPES: readonly FieldType[] = ['text', 'enum', 'reference', 'number', 'date', 'tags', 'boolean'];
const EQUALITY: readonly FieldType[] = ['text', 'enum', 'reference', 'number', 'tags'];
/** eq / neq also compare a yes/no field (a list of booleans would be every value or one). */
const SCALAR_EQUALITY: readonly FieldType[] = [...EQUALITY, 'boolean'];
const ORDERED: readonly FieldType[] = ['number', 'date'];
const unknown = (v: Said) => (v.nullable ? ' (or is unknown)' : '');

// In the order the editor offers them for a field (so is_null / is_not_null come last).
export const OPERATOR_SPECS = {
  eq: {
    types: SCALAR_EQUALITY,
    value: 'scalar',
    matchesMissing: false,
    inverse: 'neq',
    complement: 'neq',
    count: { sql: '=', holds: (n, b) => n === b, label: 'exactly', offer: 2 },
    label: 'is',
    labels: { tags: 'has tag' },
    says: (v) => `is ${v.one}`,
    saysFor: { tags: (v) => `include ${v.one}` },
    saysTags: (v) => `who are tagged ${v.anyOf}`,
    phrases: {
      comparison: ['exactly', 'equal to', 'equals', '=', '==', 'of', 'is', ':'],
      text: ['is', 'equals', '=', ':', 'of'],
    },
  },
  neq: {
    types: SCALAR_EQUALITY,
    value: 'scalar',
    matchesMissing: true,
    inverse: 'eq',
    complement: 'eq',
    count: null,
    label: 'is not',
    labels: { tags: 'lacks tag' },
    says: (v) => `is not ${v.one}${unknown(v)}`,
    saysFor: { tags: (v) => `do not include ${v.one}` },
    saysTags: (v) => `who are not tagged ${v.one}`,
    phrases: { text: ['is not', "isn't", '!=', '<>'] },
  },
  in: {
    types: EQUALITY,
    value: 'list',
    matchesMissing: false,
    inverse: 'not_in',
    complement: 'not_in',
    count: null,
    label: 'is any of',
    labels: { tags: 'has any of' },
    says: (v) => `is ${v.anyOf}`,
    saysFor: { tags: (v) => `include any of ${v.anyOf}` },
    saysTags: (v) => `who are tagged ${v.anyOf}`,
  },
  not_in: {
    types: EQUALITY,
    value: 'list',
    matchesMissing: true,
    inverse: 'in',
    complement: 'in',
    count: null,
    label: 'is none of',
    labels: { tags: 'has none of' },
    says: (v) => `is none of ${v.allOf}${unknown(v)}`,
    saysFor: { tags: (v) => `include none of ${v.anyOf}` },
    saysTags: (v) => `who have none of the tags ${v.anyOf}`,
  },
  contains: {
    types: ['text'],
    value: 'scalar',
    matchesMissing: false,
    inverse: 'not_contains',
    complement: 'not_contains',
    count: null,
    label: 'contains',
    says: (v) => `contains ${v.one}`,
    phrases: { text: ['contains', 'containing', 'includes', 'including', 'contain', 'has'] },
  },
  not_contains: {
    types: ['text'],
    value: 'scalar',
    matchesMissing: true,
    inverse: 'contains',
    complement: 'contains',
    count: null,
    label: 'does not contain',
    says: (v) => `does not contain ${v.one}`,
    phrases: { text: ['does not contain', "doesn't contain", 'not containing'] },
  },
  starts_with: {
    types: ['text'],
    value: 'scalar',
    matchesMissing: false,
    inverse: null,
    complement: null,
    count: null,
    label: 'starts with',
    says: (v) => `starts with ${v.one}`,
    phrases: { text: ['starts with', 'starting with', 'begins with', 'beginning with', 'start with', 'begin with', 'is starting with', 'is beginning with'] },
  },
  ends_with: {
    types: ['text'],
    value: 'scalar',
    matchesMissing: false,
    inverse: null,
    complement: null,
    count: null,
    label: 'ends with',
    says: (v) => `ends with ${v.one}`,
    phrases: { text: ['ends with', 'ending with', 'ends in', 'ending in', 'end with', 'end in', 'is ending with', 'is ending in'] },
  },
  gt: {
    types: ORDERED,
    value: 'scalar',
    matchesMissing: false,
    inverse: null,
    complement: 'lte',
    count: { sql: '>', holds: (n, b) => n > b, label: 'more than', offer: 1 },
    label: 'is more than',
    labels: { date: 'is after' },
    says: (v) => `is more than ${v.one}`,
    saysFor: { date: (v) => `is after ${v.one}` },
    phrases: { comparison: ['more than', 'greater than', 'higher than', 'bigger than', 'larger than', 'over', 'above', 'exceeding', 'north of', 'superior to', 'more big than', 'more high than', 'more large than', 'beats', 'beating', 'tops', 'exceeds', 'strictly more than', 'strictly greater than', 'strictly higher than', 'strictly above', 'strictly over', 'more of', '>'] },
  },
  gte: {
    types: ORDERED,
    value: 'scalar',
    matchesMissing: false,
    inverse: null,
    complement: 'lt',
    count: { sql: '>=', holds: (n, b) => n >= b, label: 'at least', offer: 0 },
    label: 'is at least',
    labels: { date: 'is on or after' },
    says: (v) => `is at least ${v.one}`,
    saysFor: { date: (v) => `is on or after ${v.one}` },
    phrases: { comparison: ['at least', 'no less than', 'no fewer than', 'minimum of', 'min', 'superior or equal to', 'greater than or equal to', 'greater or equal to', 'more than or equal to', 'higher than or equal to', 'equal to or greater than', 'equal to or more than', 'equal or greater than', '>=', '≥'] },
  },
  lt: {
    types: ORDERED,
    value: 'scalar',
    matchesMissing: false,
    inverse: null,
    complement: 'gte',
    count: { sql: '<', holds: (n, b) => n < b, label: 'fewer than', offer: 4 },
    label: 'is less than',
    labels: { date: 'is before' },
    says: (v) => `is less than ${v.one}`,
    saysFor: { date: (v) => `is before ${v.one}` },
    phrases: { comparison: ['less than', 'fewer than', 'lower than', 'smaller than', 'under', 'below', 'south of', 'inferior to', 'more small than', 'more low than', 'strictly less than', 'strictly lower than', 'strictly below', 'strictly under', 'strictly fewer than', 'less of', '<'] },
  },
  lte: {
    types: ORDERED,
    value: 'scalar',
    matchesMissing: false,
    inverse: null,
    complement: 'gt',
    count: { sql: '<=', holds: (n, b) => n <= b, label: 'at most', offer: 3 },
    label: 'is at most',
    labels: { date: 'is on or before' },
    says: (v) => `is at most ${v.one}`,
    saysFor: { date: (v) => `is on or before ${v.one}` },
    phrases: { comparison: ['at most', 'no more than', 'up to', 'maximum of', 'max', 'inferior or equal to', 'less than or equal to', 'less or equal to', 'lower than or equal to', 'fewer than or equal to', 'equal to or less than', 'equal to or fewer than', 'equal or less than', '<=', '≤'] },
  },
  between: {
    types: ORDERED,
    value: 'pair',
    matchesMissing: false,
    inverse: null,
    complement: null,
    count: null,
    label: 'is between',
    says: (v) => `is between ${v.low} and ${v.high}`,
  },
  within_last: {
    types: ['date'],
    value: 'span',
    matchesMissing: false,
    inverse: null,
    complement: null,
    count: null,
    label: 'is within the last',
    says: (v) => `is within the last ${v.span}`,
  },
  more_than_ago: {
    types: ['date'],
    value: 'span',
    matchesMissing: false,
    inverse: null,
    complement: null,
    count: null,
    label: 'is more than … ago',
    says: (v) => `is more than ${v.span} ago`,
  },
  is_null: {
    types: ALL_TYPES,
    value: 'none',
    matchesMissing: true,
    inverse: 'is_not_null',
    complement: 'is_not_null',
    count: null,
    label: 'is empty',
    labels: { tags: 'has no tags' },
    says: () => 'is unknown',
    saysFor: { tags: () => 'are empty' },
    saysTags: () => 'who have no tags',
  },
  is_not_null: {
    types: ALL_TYPES,
    value: 'none',
    matchesMissing: false,
    inverse: 'is_null',
    complement: 'is_null',
    count: null,
    label: 'is not empty',
    labels: { tags: 'has some tag' },
    says: () => 'is known',
    saysFor: { tags: () => 'are not empty' },
    saysTags: () => 'who have at least one tag',
  },
} as const satisfies Record<string, OperatorSpec>;

export type CanonicalOperator = keyof typeof OPERATOR_SPECS;
type Spec = (typeof OPERATOR_SPECS)[CanonicalOperator];
// Every inverse and complement names an operator of the table (a typo does not compile).
const linksAreOperators: Spec['inverse' | 'complement'] extends CanonicalOperator | null ? true : never = true;
void linksAreOperators;
export const CANONICAL_OPERATORS = Object.keys(OPERATOR_SPECS) as [CanonicalOperator, ...CanonicalOperator[]];

export function operatorSpec(op: CanonicalOperator): OperatorSpec<CanonicalOperator> {
  return OPERATOR_SPECS[op] as OperatorSpec<CanonicalOperator>;
}

/** Operators that bound a count of related rows ("at least 3"): those with a count form. */
export type CountOperator = { [K in CanonicalOperator]: (typeof OPERATOR_SPECS)[K]['count'] extends null ? never : K }[CanonicalOperator];
export const COUNT_OPERATORS = CANONICAL_OPERATORS.filter((op) => OPERATOR_SPECS[op].count !== null) as [CountOperator, ...CountOperator[]];

export function countForm(op: CountOperator): CountForm {
  return OPERATOR_SPECS[op].count;
}

/** Spellings accepted on input and normalized away. */
export const OPERATOR_ALIASES = {
  '=': 'eq',
  '==': 'eq',
  equals: 'eq',
  '!=': 'neq',
  '<>': 'neq',
  not_equals: 'neq',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  before: 'lt',
  after: 'gt',
  on_or_after: 'gte',
  on_or_before: 'lte',
} as const satisfies Record<string, CanonicalOperator>;

export const OPERATORS = [...CANONICAL_OPERATORS, ...(Object.keys(OPERATOR_ALIASES) as (keyof typeof OPERATOR_ALIASES)[])] as const;
export type Operator = (typeof OPERATORS)[number];

export function canonicalOperator(op: Operator): CanonicalOperator {
  return (OPERATOR_ALIASES as Record<string, CanonicalOperator>)[op] ?? (op as CanonicalOperator);
}

/** The operators a field type takes, in the table's order. */
export const OPERATORS_BY_TYPE = Object.fromEntries(
  ALL_TYPES.map((type) => [type, CANONICAL_OPERATORS.filter((op) => operatorSpec(op).types.includes(type))]),
) as unknown as Record<FieldType, readonly CanonicalOperator[]>;

/** The editor's label of `op` on a field of `type`. */
export function operatorLabel(op: CanonicalOperator, type: FieldType): string {
  const spec = operatorSpec(op);
  return spec.labels?.[type] ?? spec.label;
}

/** The exact inverse of a condition's operator, if it has one. */
export function inverseOperator(op: CanonicalOperator): CanonicalOperator | null {
  return operatorSpec(op).inverse;
}

/** The operator of the opposite bound of a count ("at least 3" ↔ "fewer than 3"); none for eq. */
export function complementCount(op: CountOperator): CountOperator | undefined {
  const c = operatorSpec(op).complement;
  return c !== null && operatorSpec(c).count !== null ? (c as CountOperator) : undefined;
}

/** Description phrases of one kind, as word lists for the parser: [[words], operator]. */
function phrases<Op extends CanonicalOperator>(kind: 'comparison' | 'text', ops: readonly Op[]): [string[], Op][] {
  return ops.flatMap((op) => {
    return (operatorSpec(op).phrases?.[kind] ?? []).map((phrase): [string[], Op] => [phrase.split(' '), op]);
  });
}

/** "more than", "at least", "exactly" …: the comparisons a number follows. */
export const COMPARISON_PHRASES = phrases('comparison', COUNT_OPERATORS);
/** "contains", "starts with", "is not" …: between a text field and its value. */
export const TEXT_PHRASES = phrases('text', CANONICAL_OPERATORS);
