// The rule grammar, defined once in zod 4. Its TypeScript types, the API's request validation and
// the JSON Schema the LLM is constrained by (Structured Outputs, strict mode) all come from here.
// Field names and tenant values (tags, campaigns, owners…) are plain strings in the grammar: they are
// checked against the catalog and the tenant afterwards, which keeps the schema small and stable.
import { z } from 'zod';
import { EMAIL_EVENT_TYPES } from './crm.js';
import { RELATION_NAMES, type RelationName } from './catalog.js';
import { CANONICAL_OPERATORS, COUNT_OPERATORS, type CountOperator, OPERATORS, type Operator } from './operators.js';

/** Limits against abuse; each is checked with its own clear error. */
export const LIMITS = {
  maxDepth: 8,
  maxNodes: 200,
  maxListLength: 500,
  maxStringLength: 200,
  maxChildren: 50,
} as const;

export const RELATIVE_UNITS = ['days', 'weeks', 'months', 'years'] as const;
export type RelativeUnit = (typeof RELATIVE_UNITS)[number];

/** Largest count bound and relative span (in days) a rule may use: far past any real data. */
export const MAX_COUNT = 1_000_000;
export const MAX_SPAN_DAYS = 366_000; // 1,000 years


export const MATCH_MODES = ['any', 'all', 'none'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export type Scalar = string | number | boolean;
export interface RelativeDate {
  amount: number;
  unit: RelativeUnit;
}
export type Value = Scalar | (string | number)[] | RelativeDate | null;

export interface Condition {
  type: 'condition';
  field: string;
  operator: Operator;
  value: Value;
}

export interface Group {
  type: 'group';
  op: 'and' | 'or';
  negate: boolean;
  children: Node[];
}

/**
 * A group inside a relation, read at the related rows: conditions on their fields and, when the
 * related rows are an object type of their own (a company's contacts, a deal's company), any node
 * that applies at that type's root. The validator says which; the shape is the one Group.
 */
export type WhereGroup = Group;
export type WhereNode = Node;

export interface CountBound {
  operator: CountOperator;
  value: number;
}

/** "has (no) <related rows> where …", optionally with a count bound on the matching rows. */
export interface RelationCondition {
  type: 'relation';
  relation: RelationName;
  has: boolean;
  where: WhereGroup | null;
  count: CountBound | null;
}

/** Email engagement over a set of campaigns: any / all / none of them had the event. */
export interface Engagement {
  type: 'engagement';
  event: (typeof EMAIL_EVENT_TYPES)[number];
  match: MatchMode;
  /** `last`: the N most recent campaigns sent before the clock; `ids`: named campaigns; both null: every campaign. */
  campaigns: { last: number | null; ids: string[] | null };
}

export const MEMBERSHIP_EVENTS = ['member', 'joined', 'left'] as const;

/**
 * Membership over time, read from the membership record (segment_members and the segment.joined /
 * segment.left events) up to the clock: `member` = was ever in the segment (since must be null);
 * `joined` / `left` = joined / left it since `since` (a span back from the clock, or a date; null =
 * ever). Joining includes becoming a member when the segment was created.
 */
export interface MembershipWhen {
  event: (typeof MEMBERSHIP_EVENTS)[number];
  since: RelativeDate | string | null;
}

export interface SegmentMembership {
  type: 'segment';
  /** With `when`: not_in negates the history condition ("never in", "did not join …"). */
  operator: 'in' | 'not_in';
  segment: string;
  /** Absent (canonical) or null: current membership. */
  when?: MembershipWhen | null;
}

export type Node = Group | Condition | RelationCondition | Engagement | SegmentMembership;

const text = z.string().max(LIMITS.maxStringLength);
const RelativeDateSchema = z
  .strictObject({
    amount: z.number().int().min(0).max(MAX_SPAN_DAYS),
    unit: z.enum(RELATIVE_UNITS),
  })
  .meta({ id: 'RelativeDate', description: 'A span of time counted back from the evaluation clock (asOf).' });

const ValueSchema = z
  .union([text, z.number(), z.boolean(), z.array(z.union([text, z.number()])).max(LIMITS.maxListLength), RelativeDateSchema, z.null()], {
    error: (issue) =>
      issue.input === undefined
        ? 'missing value; use null for is_null / is_not_null'
        : 'expected a string, number, boolean, list, {"amount", "unit"} or null',
  })
  .meta({
    description:
      'string/number/boolean for eq, neq, gt…, contains…; an array for in, not_in and between ([low, high]); ' +
      'a RelativeDate for within_last and more_than_ago; null for is_null and is_not_null. ' +
      'Dates are ISO-8601 strings ("2025-01-01" or "2025-01-01T00:00:00Z").',
  });

export const ConditionSchema = z
  .strictObject({
    type: z.literal('condition'),
    field: text.meta({ description: 'A catalog field key, e.g. "company.industry" (inside a relation: the related field, e.g. "stage").' }),
    operator: z.enum(OPERATORS, {
      error: (issue) =>
        issue.input === undefined
          ? 'missing operator'
          : `unknown operator ${JSON.stringify(issue.input)}; expected one of ${CANONICAL_OPERATORS.join(', ')}`,
    }),
    value: ValueSchema,
  })
  .meta({ id: 'Condition' }) as z.ZodType<Condition>;

/** A group's own fields; its children are checked one by one by the validator. */
export const GroupHeadSchema = z.strictObject({
  type: z.literal('group'),
  op: z.enum(['and', 'or']),
  negate: z.boolean().meta({ description: 'true means NOT (the whole group).' }),
  children: z.array(z.unknown()).min(1, 'a group needs at least one condition').max(LIMITS.maxChildren),
});

const CountSchema = z
  .strictObject({ operator: z.enum(COUNT_OPERATORS), value: z.number().int().min(0).max(MAX_COUNT) })
  .meta({ id: 'CountBound', description: 'Bound on how many related rows match, e.g. {gte, 3} for "at least 3".' });

/** A relation condition's own fields; `where` is checked by the validator. */
export const RelationHeadSchema = z.strictObject({
  type: z.literal('relation'),
  relation: z.enum(RELATION_NAMES),
  has: z.boolean().meta({ description: 'false means "has no such rows" (NOT EXISTS).' }),
  where: z.unknown(),
  count: CountSchema.nullable(),
});

export const RelationSchema = RelationHeadSchema.extend({
  get where() {
    return GroupSchema.nullable().meta({
      description:
        'Conditions on the related rows: their fields (deals: "stage", "amount"…); for a company\'s contacts or a deal\'s contact or company, anything that applies to that object.',
    });
  },
}).meta({
  id: 'Relation',
}) as z.ZodType<RelationCondition>;

export const EngagementSchema = z
  .strictObject({
    type: z.literal('engagement'),
    event: z.enum(EMAIL_EVENT_TYPES),
    match: z.enum(MATCH_MODES),
    campaigns: z.strictObject({
      last: z.number().int().min(1).max(1000).nullable().meta({ description: 'The N most recent campaigns sent before the clock.' }),
      ids: z.array(text).max(LIMITS.maxListLength).nullable().meta({ description: 'Campaign ids or exact names.' }),
    }),
  })
  .meta({ id: 'Engagement', description: 'Email engagement across campaigns: any, all or none of them had the event.' }) as z.ZodType<Engagement>;

export const SegmentSchema = z
  .strictObject({
    type: z.literal('segment'),
    operator: z.enum(['in', 'not_in']),
    segment: text.meta({ description: 'Segment id, slug or title.' }),
    when: z
      .strictObject({
        event: z.enum(MEMBERSHIP_EVENTS).meta({ description: '"member": was ever in the segment (since null); "joined" / "left": joined or left it since `since`.' }),
        since: z
          .union([RelativeDateSchema, text])
          .nullable()
          .meta({ description: 'A span back from the clock ({"amount": 30, "unit": "days"}), an ISO date ("2026-01-01"), or null for ever.' }),
      })
      .nullable()
      .default(null)
      .meta({ description: 'null: is (not) in the segment now. Otherwise membership over time: "was ever in" (member), "joined in the last 30 days", "left since 2026-01-01"; with not_in: never in / did not join / did not leave.' }),
  })
  .meta({ id: 'SegmentMembership' }) as z.ZodType<SegmentMembership>;

export const GroupSchema: z.ZodType<Group> = GroupHeadSchema
  .extend({
    get children() {
      return z.array(NodeSchema).min(1).max(LIMITS.maxChildren);
    },
  })
  .meta({ id: 'Group' });

export const NodeSchema: z.ZodType<Node> = z
  .union([GroupSchema, ConditionSchema, RelationSchema, EngagementSchema, SegmentSchema])
  .meta({ id: 'Node' });

/** A rule tree: its root is always a group. */
export const RuleTreeSchema = GroupSchema;
export type RuleTree = Group;
