// The facts path: relation and engagement conditions answered from the contact facts (one row per
// contact: contact_facts, drizzle/0006_contact_facts.sql, and its activity part in
// contact_activity_facts, drizzle/0013_activity_facts.sql) instead of aggregating the raw tables, for
// the shapes the facts answer exactly. Anything else returns null and the compiler reads the raw tables.
//
// Shapes answered (every other where-clause falls back):
//   activities    count or existence; where = AND of at most one activity type (eq / in of one)
//                 and any date bounds on occurred_at (within_last, more_than_ago, gt…, between, eq).
//   deals         count or existence with only date bounds on created_at; or count/existence by a
//                 stage set (eq, in, neq, not_in); or existence by a stage set and one amount bound.
//   email_events  existence with type eq T and optionally campaign eq / in.
//   fit_scores    existence with product eq P and score comparisons.
//   engagement    any / all / none of a campaign set: array overlap / containment (GIN-indexed).
//
// Activities in a window, from the oldest-first time arrays of contact_activity_facts: width_bucket(t,
// arr) is the number of elements ≤ t (a binary search; the arrays hold no NULLs), so the count in
// [lo, hi] is width_bucket(hi) − width_bucket(lo − 1 µs), exact because timestamptz counts whole
// microseconds. No per-row CASE and no unnest, whatever the clock.
//
// "At least k in [lo, hi]" of deals from deal_created_at, sorted newest first: when the newest
// element meets the upper bounds, every element does, and the elements meeting the lower bounds are
// a prefix, so the count is ≥ k exactly when element k meets them. Only contacts with rows past the
// upper bound (a clock in the middle of the data) take the exact slow path of counting the elements.
//
// A contact without a facts row reads as one without related rows, so the predicate is written as
// EXISTS of a holding row when "no rows" does not satisfy the condition, and as NOT EXISTS of a
// failing row when it does.
import { type SQL, sql } from 'drizzle-orm';
import { ACTIVITY_TYPES, DEAL_STAGES, EMAIL_EVENT_TYPES } from '../rules/crm.js';
import { relativeBoundary } from '../rules/clock.js';
import type { Condition, CountBound, Engagement, RelationCondition, RelativeDate, Value, WhereGroup } from '../rules/grammar.js';
import { countForm } from '../rules/operators.js';

export const FACTS_TABLE = 'contact_facts';
export const ACTIVITY_FACTS_TABLE = 'contact_activity_facts';

export interface FactsContext {
  orgId: string;
  asOf: Date;
}

/** A condition as the facts answer it: a predicate over one facts row, and what no row means. */
export interface FactsAnswer {
  /** Never NULL: true when the contact's facts row satisfies the condition. */
  holds: (f: string) => SQL;
  /** Whether a contact with no related rows at all satisfies it. */
  holdsForNone: boolean;
  /** The facts table whose row `holds` reads (FACTS_TABLE or ACTIVITY_FACTS_TABLE). */
  table: string;
}

/**
 * The facts predicate over the root contact `c`, and, when no rows do not satisfy it (so it holds
 * exactly for contacts with a holding facts row), the ids of those contacts as a select: the compiler
 * merges an OR of several such sets into one (src/sql/compile.ts, `IdSet`).
 */
export interface FactsPredicate {
  sql: SQL;
  ids: SQL | null;
}

function wrap(answer: FactsAnswer, ctx: FactsContext, alias: string): FactsPredicate {
  const f = sql.raw(alias);
  const table = sql.raw(answer.table);
  const from = sql`select 1 from ${table} ${f} where ${f}.org_id = ${ctx.orgId} and ${f}.contact_id = c.id`;
  return answer.holdsForNone
    ? { sql: sql`(not exists (${from} and not ${answer.holds(alias)}))`, ids: null }
    : {
        sql: sql`(exists (${from} and ${answer.holds(alias)}))`,
        ids: sql`select ${f}.contact_id from ${table} ${f} where ${f}.org_id = ${ctx.orgId} and ${answer.holds(alias)}`,
      };
}

/** A relation condition as the facts answer it, or null when its shape is not answered exactly. */
export function relationFactsAnswer(r: RelationCondition, ctx: FactsContext): FactsAnswer | null {
  const conditions = flatConditions(r.where);
  if (!conditions) return null;
  const counted = counting(r.relation, conditions, ctx);
  if (!counted) return null;
  if (r.count && !counted.countable) return null;
  const form = r.count ? countForm(r.count.operator) : null;
  const bound: CountBound = r.count ?? { operator: 'gte', value: 1 };
  const holds = (f: string) => countHolds(counted.atLeast, f, bound);
  const noneHolds = form ? form.holds(0, bound.value) : false;
  const table = counted.table ?? FACTS_TABLE;
  return r.has ? { holds, holdsForNone: noneHolds, table } : { holds: (f) => sql`(not ${holds(f)})`, holdsForNone: !noneHolds, table };
}

/** Engagement over `ids` as the facts answer it, or null. */
export function engagementFactsAnswer(e: Engagement, ids: readonly string[]): FactsAnswer | null {
  if (ids.length === 0 || new Set(ids).size !== ids.length) return null;
  const column = campaignColumn(e.event);
  if (!column) return null;
  const list = textArray(ids);
  const holds = (f: string) => {
    const arr = sql.raw(`${f}.${column}`);
    return e.match === 'all' ? sql`(${arr} @> ${list})` : e.match === 'any' ? sql`(${arr} && ${list})` : sql`(not (${arr} && ${list}))`;
  };
  return { holds, holdsForNone: e.match === 'none', table: FACTS_TABLE };
}

/** The facts predicate for a relation condition, or null when its shape is not answered exactly. */
export function relationFromFacts(r: RelationCondition, ctx: FactsContext, alias: string): FactsPredicate | null {
  const answer = relationFactsAnswer(r, ctx);
  return answer ? wrap(answer, ctx, alias) : null;
}

/** Engagement over `ids` (already resolved from "the last N" or the named set). */
export function engagementFromFacts(e: Engagement, ids: readonly string[], ctx: FactsContext, alias: string): FactsPredicate | null {
  const answer = engagementFactsAnswer(e, ids);
  return answer ? wrap(answer, ctx, alias) : null;
}

// ---- shapes -------------------------------------------------------------------------------------

/** The where-clause as a flat AND of conditions, or null when it is anything else. */
function flatConditions(where: WhereGroup | null): Condition[] | null {
  if (!where) return [];
  if (where.negate) return null;
  if (where.children.length > 1 && where.op !== 'and') return null;
  const out: Condition[] = [];
  for (const child of where.children) {
    if (child.type !== 'condition') return null;
    out.push(child);
  }
  return out;
}

/** "At least k matching rows", as a never-NULL predicate over the facts row `f`. */
type AtLeast = (f: string, k: number) => SQL;

/** How the facts count a relation's matching rows, and in which table (FACTS_TABLE when not said). */
interface Counted {
  atLeast: AtLeast;
  countable: boolean;
  table?: string;
}

function counting(relation: RelationCondition['relation'], conditions: Condition[], ctx: FactsContext): Counted | null {
  switch (relation) {
    case 'activities':
      return activities(conditions, ctx);
    case 'deals':
      return deals(conditions, ctx);
    case 'email_events':
      return emailEvents(conditions);
    case 'fit_scores':
      return fitScores(conditions);
    default:
      // Relations between object types (a company's contacts, a deal's company) have no facts.
      return null;
  }
}

function activities(conditions: Condition[], ctx: FactsContext): Counted | null {
  let column = 'activity_at';
  const dates: Condition[] = [];
  for (const c of conditions) {
    if (c.field === 'type') {
      const type = single(c);
      if (type === null || column !== 'activity_at' || !(ACTIVITY_TYPES as readonly string[]).includes(type)) return null;
      column = `${type}_activity_at`;
    } else if (c.field === 'occurred_at') dates.push(c);
    else return null;
  }
  const window = dateWindow(dates, ctx);
  return window ? { atLeast: ascendingTimeline(column, window), countable: true, table: ACTIVITY_FACTS_TABLE } : null;
}

function deals(conditions: Condition[], ctx: FactsContext): Counted | null {
  if (conditions.every((c) => c.field === 'created_at')) {
    const window = dateWindow(conditions, ctx);
    return window ? { atLeast: timeline('deal_created_at', window), countable: true } : null;
  }
  let stages: Set<string> = new Set(DEAL_STAGES);
  const amounts: Condition[] = [];
  for (const c of conditions) {
    if (c.field === 'stage') {
      const set = stageSet(c);
      if (!set) return null;
      stages = new Set([...stages].filter((s) => set.has(s)));
    } else if (c.field === 'amount') amounts.push(c);
    else return null;
  }
  const slots = [...stages].map((s) => DEAL_STAGES.indexOf(s as (typeof DEAL_STAGES)[number]) + 1).sort((a, b) => a - b);
  if (amounts.length === 0) {
    return {
      countable: true,
      atLeast: (f, k) => (k <= 0 ? sql`true` : slots.length === 0 ? sql`false` : sql`((${sql.raw(slots.map((i) => `${f}.deal_count[${i}]`).join(' + '))}) >= ${k}::int)`),
    };
  }
  if (amounts.length > 1) return null;
  const a = amounts[0]!;
  const n = typeof a.value === 'number' ? a.value : null;
  if (n === null || !Number.isFinite(n)) return null;
  const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[a.operator as string];
  if (!op) return null;
  const column = op.startsWith('>') ? 'deal_max_amount' : 'deal_min_amount';
  const pick = op.startsWith('>') ? 'greatest' : 'least';
  return {
    countable: false,
    atLeast: (f, k) =>
      k <= 0
        ? sql`true`
        : slots.length === 0
          ? sql`false`
          : sql`coalesce(${sql.raw(`${pick}(${slots.map((i) => `${f}.${column}[${i}]`).join(', ')})`)} ${sql.raw(op)} ${String(n)}::numeric, false)`,
  };
}

function emailEvents(conditions: Condition[]): Counted | null {
  let column: string | null = null;
  let ids: string[] | null = null;
  for (const c of conditions) {
    if (c.field === 'type' && column === null) {
      const type = single(c);
      column = type === null ? null : campaignColumn(type);
      if (!column) return null;
    } else if (c.field === 'campaign' && ids === null && (c.operator === 'eq' || c.operator === 'in')) {
      const values = Array.isArray(c.value) ? c.value : [c.value];
      if (values.length === 0 || values.some((v) => typeof v !== 'string')) return null;
      ids = values as string[];
    } else return null;
  }
  if (!column) return null;
  const col = column;
  const list = ids;
  return {
    countable: false,
    atLeast: (f, k) => (k <= 0 ? sql`true` : list ? sql`(${sql.raw(`${f}.${col}`)} && ${textArray(list)})` : sql`(cardinality(${sql.raw(`${f}.${col}`)}) > 0)`),
  };
}

function fitScores(conditions: Condition[]): Counted | null {
  const products = conditions.filter((c) => c.field === 'product');
  if (products.length !== 1) return null;
  const product = single(products[0]!);
  if (product === null) return null;
  const scores = conditions.filter((c) => c.field !== 'product');
  const compare: ((e: SQL) => SQL)[] = [];
  for (const c of scores) {
    if (c.field !== 'score') return null;
    const cmp = numberCompare(c);
    if (!cmp) return null;
    compare.push(cmp);
  }
  return {
    countable: false,
    atLeast: (f, k) => {
      if (k <= 0) return sql`true`;
      const score = sql`(${sql.raw(f)}.fit_scores ->> ${product})::numeric`;
      const has = sql`(${sql.raw(f)}.fit_scores ? ${product})`;
      return compare.length === 0 ? has : sql`coalesce(${sql.join([has, ...compare.map((c) => c(score))], sql.raw(' and '))}, false)`;
    },
  };
}

function numberCompare(c: Condition): ((e: SQL) => SQL) | null {
  const num = (v: Value) => (typeof v === 'number' && Number.isFinite(v) ? sql`${String(v)}::numeric` : null);
  const ops: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
  const op = ops[c.operator as string];
  if (op) {
    const v = num(c.value);
    return v ? (e) => sql`(${e} ${sql.raw(op)} ${v})` : null;
  }
  if (c.operator === 'between' && Array.isArray(c.value) && c.value.length === 2) {
    const lo = num(c.value[0]!);
    const hi = num(c.value[1]!);
    return lo && hi ? (e) => sql`(${e} between ${lo} and ${hi})` : null;
  }
  return null;
}

// ---- time windows ---------------------------------------------------------------------------------

/** A time bound: the instant, the instant just before it (1 µs earlier), and whether it is excluded. */
interface Bound {
  at: SQL;
  before: SQL;
  strict: boolean;
}

interface Window {
  lower: Bound[];
  upper: Bound[];
}

/** Date conditions as lower and upper bounds, or null when one is not a bound. */
function dateWindow(conditions: Condition[], ctx: FactsContext): Window | null {
  const w: Window = { lower: [], upper: [] };
  // A Date has whole milliseconds, so the instant 1 µs before it is the millisecond before plus 999 µs.
  const at = (d: Date, strict = false): Bound => ({
    at: sql`${d.toISOString()}::timestamptz`,
    before: sql`${new Date(d.getTime() - 1).toISOString().replace(/Z$/, '999Z')}::timestamptz`,
    strict,
  });
  const date = (v: Value, strict = false): Bound | null =>
    typeof v === 'string' ? { at: sql`${v}::timestamptz`, before: sql`(${v}::timestamptz - interval '1 microsecond')`, strict } : null;
  for (const c of conditions) {
    switch (c.operator) {
      case 'within_last': {
        w.lower.push(at(relativeBoundary(ctx.asOf, c.value as RelativeDate)));
        w.upper.push(at(ctx.asOf));
        break;
      }
      case 'more_than_ago': {
        w.upper.push(at(relativeBoundary(ctx.asOf, c.value as RelativeDate), true));
        break;
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
      case 'eq': {
        const v = date(c.value, c.operator === 'gt' || c.operator === 'lt');
        if (!v) return null;
        if (c.operator === 'gt' || c.operator === 'gte' || c.operator === 'eq') w.lower.push(v);
        if (c.operator === 'lt' || c.operator === 'lte' || c.operator === 'eq') w.upper.push(v);
        break;
      }
      case 'between': {
        const [lo, hi] = Array.isArray(c.value) ? c.value : [];
        const l = lo === undefined ? null : date(lo);
        const h = hi === undefined ? null : date(hi);
        if (!l || !h) return null;
        w.lower.push(l);
        w.upper.push(h);
        break;
      }
      case 'is_not_null':
        break; // the column is never null
      default:
        return null;
    }
  }
  return w;
}

/** At least k elements of the oldest-first time array `column` inside the window (see the top of the file). */
function ascendingTimeline(column: string, w: Window): AtLeast {
  return (f, k) => {
    if (k <= 0) return sql`true`;
    const arr = sql.raw(`${f}.${column}`);
    const upTo = (t: SQL) => sql`width_bucket(${t}, ${arr})`;
    // Elements at or before the upper bounds, less those before the lower bounds.
    const kept = w.upper.map((b) => upTo(b.strict ? b.before : b.at));
    const dropped = w.lower.map((b) => upTo(b.strict ? b.at : b.before));
    const atMost = kept.length === 0 ? sql`cardinality(${arr})` : kept.length === 1 ? kept[0]! : sql`least(${sql.join(kept, sql.raw(', '))})`;
    if (dropped.length === 0) return sql`(${atMost} >= ${k}::int)`;
    const below = dropped.length === 1 ? dropped[0]! : sql`greatest(${sql.join(dropped, sql.raw(', '))})`;
    return sql`(${atMost} - ${below} >= ${k}::int)`;
  };
}

/** A bound as a predicate over one instant. */
function within(b: Bound, side: 'lower' | 'upper', x: SQL): SQL {
  return sql`${x} ${sql.raw(side === 'lower' ? (b.strict ? '>' : '>=') : b.strict ? '<' : '<=')} ${b.at}`;
}

/** At least k elements of the newest-first time array `column` inside the window. */
function timeline(column: string, w: Window): AtLeast {
  return (f, k) => {
    if (k <= 0) return sql`true`;
    const arr = sql.raw(`${f}.${column}`);
    const lower = w.lower.map((b) => (x: SQL) => within(b, 'lower', x));
    const upper = w.upper.map((b) => (x: SQL) => within(b, 'upper', x));
    const all = (preds: ((x: SQL) => SQL)[], x: SQL) => sql.join(preds.map((p) => p(x)), sql.raw(' and '));
    const fast = lower.length === 0 ? sql`(cardinality(${arr}) >= ${k}::int)` : sql`coalesce(${all(lower, sql`${arr}[${k}::int]`)}, false)`;
    if (upper.length === 0) return fast;
    const t = sql.raw(`${f}t.x`);
    const both = [...lower, ...upper];
    return sql`(case when ${arr}[1] is null then false when ${all(upper, sql`${arr}[1]`)} then ${fast}
      else (select count(*) from unnest(${arr}) ${sql.raw(`${f}t`)}(x) where ${all(both, t)}) >= ${k}::int end)`;
  };
}

function countHolds(atLeast: AtLeast, f: string, bound: CountBound): SQL {
  const k = bound.value;
  switch (bound.operator) {
    case 'gte':
      return atLeast(f, k);
    case 'gt':
      return atLeast(f, k + 1);
    case 'lt':
      return sql`(not ${atLeast(f, k)})`;
    case 'lte':
      return sql`(not ${atLeast(f, k + 1)})`;
    case 'eq':
      return sql`(${atLeast(f, k)} and not ${atLeast(f, k + 1)})`;
    default:
      // A count operator the facts do not know: never reached for the forms countForm lists.
      throw new Error(`count operator ${bound.operator as string} has no facts form`);
  }
}

// ---- values ----------------------------------------------------------------------------------------

/** The one value of an eq (or an in of one), or null. */
function single(c: Condition): string | null {
  if (c.operator === 'eq' && typeof c.value === 'string') return c.value;
  if (c.operator === 'in' && Array.isArray(c.value) && c.value.length === 1 && typeof c.value[0] === 'string') return c.value[0];
  return null;
}

function stageSet(c: Condition): Set<string> | null {
  const values = Array.isArray(c.value) ? c.value : [c.value];
  if (values.some((v) => typeof v !== 'string')) return null;
  const named = new Set(values as string[]);
  switch (c.operator) {
    case 'eq':
    case 'in':
      return named;
    case 'neq':
    case 'not_in':
      return new Set(DEAL_STAGES.filter((s) => !named.has(s)));
    default:
      return null;
  }
}

function campaignColumn(event: string): string | null {
  return (EMAIL_EVENT_TYPES as readonly string[]).includes(event) ? `${event}_campaigns` : null;
}

function textArray(items: readonly string[]): SQL {
  return sql`array[${sql.join(
    items.map((item) => sql`${item}::text`),
    sql.raw(', '),
  )}]`;
}
