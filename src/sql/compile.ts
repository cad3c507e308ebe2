// The compiler: a canonical rule tree → one SQL predicate over its object type's root row (`contacts c`,
// `companies k`, `deals d`: src/sql/roots.ts), built from drizzle `sql`
// fragments. Values are always bound parameters; identifiers come only from the catalog (constants
// we wrote); LIKE patterns are escaped; relations compile to
// EXISTS / NOT EXISTS subqueries that carry the tenant id; relative dates use the explicit clock.
// A contact's company fields are EXISTS over the contact's company too, so a contact query is always
// over `contacts c`. Relations join their rows to the row they are read from in both directions
// (company → contacts, deals; deal → contact, company), per the catalog's `join`.
//
// Semantics (two-valued; tested against an in-memory reference evaluator):
//   - A condition on a missing value (NULL, or no company) is false for positive operators
//     (eq, in, contains, starts_with, ends_with, gt…, between, within_last, more_than_ago) and true
//     for the negative ones (neq, not_in, not_contains): "not in Germany" includes contacts whose
//     country is unknown. So NOT(eq) and neq select exactly the same contacts.
//   - Text comparisons are case-insensitive. `tags` eq/in/neq/not_in mean has / has any of / lacks /
//     has none of; is_null means "has no tags".
//   - A negated group is NOT COALESCE(inner, false): positive operators may yield NULL inside, which
//     counts as false before negation, never as unknown.
import { type SQL, sql } from 'drizzle-orm';
import { type Column, type FieldDef, type ObjectType } from '../rules/catalog.js';
import { TABLES } from '../rules/crm.js';
import { type CanonicalOperator, countForm, inverseOperator, OPERATOR_SPECS } from '../rules/operators.js';
import { lastCampaigns, relativeBoundary } from '../rules/clock.js';
import { engagementFromFacts, relationFromFacts } from './facts.js';
import type { Condition, Engagement, Group, Node, RelationCondition, RelativeDate, RuleTree, SegmentMembership, Value, WhereGroup } from '../rules/grammar.js';
import type { TenantValues } from '../rules/tenant.js';
import { ROOTS } from './roots.js';

export interface CompileContext {
  orgId: string;
  /** The evaluation clock; relative dates and "the last N campaigns" are measured from it. */
  asOf: Date;
  /** The catalog (fields and relations), campaigns (for "last N") and segments (static membership, dynamic rules to inline). */
  tenant: Pick<TenantValues, 'catalog' | 'campaigns' | 'segments'>;
  /** What the tree selects; default contacts. */
  objectType?: ObjectType;
  /**
   * Which relation and engagement conditions the contact facts answer (src/sql/facts.ts), of the
   * shapes they answer exactly. true (the default): the ones that pay off — a count bound ("at least
   * 3 activities in 90 days") and "each of" campaigns, which the raw tables answer by aggregating
   * every related row. A plain "has (no) X" or "any / none of" stays a probe of the related table's
   * (org, contact, …) index, which reads fewer pages than the contact's whole facts row (at 100k
   * contacts: NOT EXISTS deal 2.1x, fit score 4.2x, a five-branch OR of relations 2.1x slower from
   * the facts; `npm run bench:preview`). 'all': every exact shape (tests of the facts themselves).
   * false: the raw tables always. Only the root contact (`contacts c`) reads its facts; contacts
   * reached through a relation (a company's contacts, a deal's contact) read the raw tables.
   */
  facts?: boolean | 'all';
  /**
   * For a predicate read over a few hundred rows only (the preview's walk over the newest contacts,
   * src/sql/preview.ts): every relation a probe per row — an OR's semi-joins stay separate EXISTS
   * instead of one `id in (A union B …)`, and a count bound or "each of" campaigns is a correlated
   * count instead of one aggregate over the tenant's related rows. Default false. The same rows
   * match either way.
   */
  perRow?: boolean;
}

export class CompileError extends Error {
  override name = 'CompileError';
}

export interface CompiledPredicate {
  /** A predicate over the object type's root row (`contacts c` by default; src/sql/roots.ts). */
  where: SQL;
  /**
   * When the whole tree is one id set over contacts (a relation, engagement or static segment, or
   * an OR of them): a select of the matching contacts' ids, each once. They are the tenant's own
   * contacts by the foreign keys of every table they come from (`(org_id, contact_id)` references
   * contacts), so the preview counts them without reading contacts (src/sql/preview.ts).
   */
  ids?: SQL;
}

const MAX_SEGMENT_NESTING = 8;

export function compilePredicate(tree: RuleTree, ctx: CompileContext): CompiledPredicate {
  const state: State = { ctx, aliases: 0, segmentDepth: 0 };
  const type = ctx.objectType ?? 'contacts';
  const alias = ROOTS[type].alias;
  const compiled = compileParts(tree, state, rootScope(state, type, alias));
  const set = type === 'contacts' && compiled.ids?.key === `${alias}.id` ? compiled.ids : undefined;
  const ids = set && (set.distinct ? set.select : sql`select distinct s.id from (${set.select}) s(id)`);
  return ids ? { where: compiled.sql, ids } : { where: compiled.sql };
}

interface State {
  ctx: CompileContext;
  aliases: number;
  segmentDepth: number;
}

/**
 * Where a node is read: an object type's row under `alias` (its fields, relations, node kinds), or a
 * leaf relation's row (conditions on its fields only; `root` undefined).
 */
interface Scope {
  root: ObjectType | undefined;
  alias: string;
  field: (key: string) => FieldDef | undefined;
}

function rootScope(state: State, type: ObjectType, alias: string): Scope {
  const catalog = state.ctx.tenant.catalog;
  return { root: type, alias, field: (key) => catalog.rootField(type, key) };
}

/**
 * Whether the contact facts answer a node read at `scope`: only at the root contact `c`, and with
 * the default policy only where they pay off (`paysOff`: a count bound, "each of" campaigns).
 */
function factsApply(state: State, scope: Scope, node: RelationCondition | Engagement): boolean {
  return scope.root === 'contacts' && scope.alias === ROOTS.contacts.alias && readsFacts(node, state.ctx);
}

/**
 * Whether a relation or engagement of the root contact is answered from the contact facts (where
 * they answer its shape exactly): see CompileContext.facts. The funnel counts ask the same.
 */
export function readsFacts(node: RelationCondition | Engagement, ctx: CompileContext): boolean {
  const facts = ctx.facts ?? true;
  if (facts === 'all') return true;
  return facts && (node.type === 'relation' ? node.count !== null : node.match === 'all');
}

function rootOf(scope: Scope, what: string): ObjectType {
  if (!scope.root) throw new CompileError(`${what} inside a relation to rows that are not an object type`);
  return scope.root;
}

/** A catalog column as an SQL expression over a table alias. */
export function columnSql(alias: string, column: Column): SQL {
  switch (column.kind) {
    case 'column':
      return sql.raw(`${alias}."${column.name}"`);
    case 'property':
      // The key is a bound parameter; prop_* (migration 0007) read a wrongly shaped value as NULL.
      return sql`${sql.raw(`prop_${column.read}(${alias}.properties`)}, ${column.property}::text)`;
  }
}

/**
 * A node that holds exactly when the row's `key` column is one of the ids `select` returns (a
 * positive relation, engagement or static segment: a semi-join). The ids are never NULL.
 */
interface IdSet {
  key: string;
  select: SQL;
  /** Whether the select returns each id once (a facts row, a group, a union, a member row). */
  distinct: boolean;
}

/** A compiled node, with its id set when it is one. */
interface Compiled {
  sql: SQL;
  ids?: IdSet | undefined;
}

function compileNode(node: Node, state: State, scope: Scope): SQL {
  return compileParts(node, state, scope).sql;
}

function compileParts(node: Node, state: State, scope: Scope): Compiled {
  switch (node.type) {
    case 'group':
      return groupParts(node, state, scope);
    case 'condition':
      return { sql: compileCondition(node, state, scope) };
    case 'relation':
      return compileRelation(node, state, scope);
    case 'engagement':
      return compileEngagement(node, state, scope);
    case 'segment':
      return compileSegment(node, state, scope);
  }
}

/**
 * AND and OR of the children. In an OR, the semi-joins on one key (two or more relations,
 * engagements, static segments of the same row) become one `key in (A union B …)`: a single
 * hashed probe per row instead of one per branch, which is what a per-row OR of EXISTS costs
 * (five relations at 1M contacts: 5M probes). Same rows: the key is in the union exactly when some
 * branch's EXISTS holds, and no branch yields NULL ids. UNION, not UNION ALL: when the OR is the
 * whole predicate PostgreSQL turns the IN into a semi-join, and it estimates a UNION's rows from its
 * branches but a de-duplicated UNION ALL at 200 rows, which made it probe the contacts' key once per
 * id (358k probes at 1M) instead of hashing the ids.
 */
function compileGroup(group: Group | WhereGroup, state: State, scope: Scope): SQL {
  return groupParts(group, state, scope).sql;
}

/**
 * A group, with its id set when it is one: a group of one child (not negated) is its child, and an
 * OR whose branches are all id sets on one key is their union.
 */
function groupParts(group: Group | WhereGroup, state: State, scope: Scope): Compiled {
  if (group.children.length === 0) throw new CompileError('empty group');
  const compiled = (group.children as Node[]).map((c) => compileParts(c, state, scope));
  const merged = group.op === 'or' && !state.ctx.perRow ? mergeIdSets(compiled) : { parts: compiled.map((c) => c.sql) };
  const parts = merged.parts;
  const joined = parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql.raw(group.op === 'and' ? ' and ' : ' or '))})`;
  if (group.negate) return { sql: sql`(not coalesce(${joined}, false))` };
  const ids = compiled.length === 1 ? compiled[0]!.ids : merged.all;
  return { sql: joined, ids };
}

/**
 * The branches of an OR, with the id sets of each key that has two or more merged in place of the
 * first; `all` when every branch was merged into one union.
 */
function mergeIdSets(compiled: Compiled[]): { parts: SQL[]; all?: IdSet } {
  const byKey = new Map<string, SQL[]>();
  for (const c of compiled) if (c.ids) byKey.set(c.ids.key, [...(byKey.get(c.ids.key) ?? []), c.ids.select]);
  const parts: SQL[] = [];
  let all: IdSet | undefined;
  for (const c of compiled) {
    const selects = c.ids ? byKey.get(c.ids.key)! : [];
    if (selects.length < 2) parts.push(c.sql);
    else if (selects[0] === c.ids!.select) {
      const union = sql.join(selects, sql.raw(' union '));
      parts.push(sql`(${sql.raw(c.ids!.key)} in (${union}))`);
      if (selects.length === compiled.length) all = { key: c.ids!.key, select: union, distinct: true };
    }
  }
  return all ? { parts, all } : { parts };
}

// ---- conditions -------------------------------------------------------------------------------

type Compile = (e: SQL, value: Value, def: FieldDef, state: State) => SQL;

const OPERATORS = {
  eq: (e, v, def) => (def.type === 'tags' ? sql`(${e} @> array[${v}::text])` : sql`(${cmp(e, def)} = ${param(v, def)})`),
  neq: (e, v, def) =>
    def.type === 'tags' ? sql`(not (${e} @> array[${v}::text]))` : orMissing(e, def, sql`${cmp(e, def)} <> ${param(v, def)}`),
  in: (e, v, def) => (def.type === 'tags' ? sql`(${e} && ${textArray(v)})` : sql`(${cmp(e, def)} in ${list(v, def)})`),
  not_in: (e, v, def) =>
    def.type === 'tags' ? sql`(not (${e} && ${textArray(v)}))` : orMissing(e, def, sql`${cmp(e, def)} not in ${list(v, def)}`),
  contains: (e, v) => sql`(lower(${e}) like ${`%${escapeLike(v)}%`})`,
  not_contains: (e, v, def) => orMissing(e, def, sql`lower(${e}) not like ${`%${escapeLike(v)}%`}`),
  starts_with: (e, v) => sql`(lower(${e}) like ${`${escapeLike(v)}%`})`,
  ends_with: (e, v) => sql`(lower(${e}) like ${`%${escapeLike(v)}`})`,
  gt: (e, v, def) => sql`(${e} > ${param(v, def)})`,
  gte: (e, v, def) => sql`(${e} >= ${param(v, def)})`,
  lt: (e, v, def) => sql`(${e} < ${param(v, def)})`,
  lte: (e, v, def) => sql`(${e} <= ${param(v, def)})`,
  between: (e, v, def) => {
    const [lo, hi] = v as [string | number, string | number];
    return sql`(${e} between ${param(lo, def)} and ${param(hi, def)})`;
  },
  is_null: (e, _v, def) => (def.type === 'tags' ? sql`(cardinality(${e}) = 0)` : sql`(${e} is null)`),
  is_not_null: (e, _v, def) => (def.type === 'tags' ? sql`(cardinality(${e}) > 0)` : sql`(${e} is not null)`),
  within_last: (e, v, _def, state) =>
    sql`(${e} >= ${relativeBoundary(state.ctx.asOf, v as RelativeDate).toISOString()}::timestamptz and ${e} <= ${state.ctx.asOf.toISOString()}::timestamptz)`,
  more_than_ago: (e, v, _def, state) => sql`(${e} < ${relativeBoundary(state.ctx.asOf, v as RelativeDate).toISOString()}::timestamptz)`,
} satisfies Record<CanonicalOperator, Compile>;

function compileCondition(c: Condition, state: State, scope: Scope): SQL {
  const company = scope.root === 'contacts' ? state.ctx.tenant.catalog.contactField(c.field) : undefined;
  if (company?.scope === 'company') return compileCompanyCondition(c, company, state, scope.alias);
  const def = scope.field(c.field);
  if (!def) throw new CompileError(`unknown field ${c.field}`);
  const expr = columnSql(scope.alias, def.column);
  const contained = def.column.kind === 'property' ? containment(c, def, def.column.property, scope.alias) : undefined;
  if (contained) return contained;
  const compile: Compile | undefined = OPERATORS[c.operator as CanonicalOperator];
  if (!compile) throw new CompileError(`operator ${c.operator} is not canonical; normalize the tree first`);
  return compile(expr, c.value, def, state);
}

/**
 * Equality on a select or yes/no property as JSON containment, which the GIN jsonb_path_ops index
 * on properties serves (`prop_text(properties, 'plan') = 'pro'` would read every contact of the
 * tenant). Exactly the contacts the prop_* reading selects: containment of a string (or boolean)
 * holds only where the stored value is that string (boolean); of a one-element list only where the
 * stored value is a list holding it. Negative forms are NOT of the positive one: a missing or
 * wrongly shaped value is "not equal".
 */
function containment(c: Condition, def: FieldDef, property: string, alias: string): SQL | undefined {
  const select = def.type === 'enum' || def.type === 'tags' || def.type === 'boolean';
  if (!select) return undefined;
  const positive = { eq: 'eq', in: 'in', neq: 'eq', not_in: 'in' }[c.operator as string];
  if (!positive) return undefined;
  const values = Array.isArray(c.value) ? c.value : [c.value];
  const contains = values.map((v) => sql`${sql.raw(alias)}.properties @> ${JSON.stringify({ [property]: def.type === 'tags' ? [v] : v })}::jsonb`);
  const any = contains.length === 1 ? contains[0]! : sql`(${sql.join(contains, sql.raw(' or '))})`;
  return positive === c.operator ? sql`(${any})` : sql`(not ${any})`;
}

/**
 * A company field as an EXISTS over the contact's company rather than a join: the planner hashes
 * the (small) companies side even under OR, where a join made it walk 1M contacts in company order.
 * A missing company reads as a missing value: positive operators need an existing company whose
 * value matches; negative ones hold unless one exists whose value matches the positive counterpart.
 */
function compileCompanyCondition(c: Condition, def: FieldDef, state: State, contact: string): SQL {
  const name = `${nextAlias(state)}co`;
  const alias = sql.raw(name);
  // A negative operator (one that holds for a missing value) is NOT of its positive inverse.
  const op = c.operator as CanonicalOperator;
  const negative = OPERATOR_SPECS[op].matchesMissing ? inverseOperator(op) : null;
  const predicate = OPERATORS[negative ?? op](columnSql(name, def.column), c.value, def, state);
  const company = sql`select 1 from ${sql.raw(TABLES.companies)} ${alias} where ${alias}.org_id = ${state.ctx.orgId} and ${alias}.id = ${sql.raw(contact)}.company_id and ${predicate}`;
  return sql`(${sql.raw(negative ? 'not exists' : 'exists')} (${company}))`;
}

/** Text compares case-insensitively; everything else as stored. */
function cmp(e: SQL, def: FieldDef): SQL {
  return def.type === 'text' ? sql`lower(${e})` : e;
}

function orMissing(e: SQL, def: FieldDef, predicate: SQL): SQL {
  return def.nullable ? sql`(${e} is null or ${predicate})` : sql`(${predicate})`;
}

function param(v: Value, def: FieldDef): SQL {
  if (def.type === 'date') return sql`${String(v)}::timestamptz`;
  if (def.type === 'number') {
    const n = Number(v);
    // Whole numbers in int4 range take the column's type (so integer indexes apply); anything else
    // (fractions, huge values) compares as numeric rather than failing the column type's range.
    return Number.isInteger(n) && Math.abs(n) <= 2_147_483_647 ? sql`${n}` : sql`${String(n)}::numeric`;
  }
  if (def.type === 'text') return sql`${String(v).toLowerCase()}`;
  return sql`${v}`;
}

function list(v: Value, def: FieldDef): SQL {
  const items = Array.isArray(v) ? v : [v as string | number];
  return sql`(${sql.join(
    items.map((item) => param(item, def)),
    sql.raw(', '),
  )})`;
}

function textArray(v: Value): SQL {
  const items = Array.isArray(v) ? v : [v as string];
  return sql`array[${sql.join(
    items.map((item) => sql`${String(item)}::text`),
    sql.raw(', '),
  )}]`;
}

/** Escapes LIKE wildcards so user text matches literally (the default escape character is \). */
export function escapeLike(v: Value): string {
  return String(v).toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

// ---- relations, engagement, segments ----------------------------------------------------------

function nextAlias(state: State): string {
  state.aliases += 1;
  return `r${state.aliases}`;
}

function compileRelation(r: RelationCondition, state: State, owner: Scope): Compiled {
  const from = rootOf(owner, `relation ${r.relation}`);
  const rel = state.ctx.tenant.catalog.relation(r.relation, from);
  if (!rel) throw new CompileError(`unknown relation ${r.relation} of ${from}`);
  const alias = nextAlias(state);
  const fromFacts = factsApply(state, owner, r) ? relationFromFacts(r, state.ctx, `${alias}f`) : null;
  if (fromFacts) return { sql: fromFacts.sql, ids: fromFacts.ids ? { key: `${owner.alias}.id`, select: fromFacts.ids, distinct: true } : undefined };
  const scope: Scope = rel.target
    ? rootScope(state, rel.target, alias)
    : { root: undefined, alias, field: (key) => rel.fields.find((f) => f.key === key) };
  const a = sql.raw(alias);
  const table = sql.raw(`${rel.table} ${alias}`);
  // The related row belongs to the owner row: related.<column> = owner.<ownerColumn> (constants of the catalog).
  const column = sql.raw(`${alias}.${rel.join.column}`);
  const ownerColumn = sql.raw(`${owner.alias}.${rel.join.ownerColumn}`);
  const where = r.where ? sql` and ${compileGroup(r.where, state, scope)}` : sql``;
  // Id sets only on the owner's own id (never NULL); a deal's company or contact may be missing.
  const byId = rel.join.ownerColumn === 'id';
  const key = `${owner.alias}.id`;
  if (r.count) {
    // Set-based, not one correlated count per owner row: aggregate the tenant's matching rows once
    // per owner, then semi-join (or anti-join) the owners to that. A bound that 0 satisfies ("fewer
    // than 3") must also match owners with no rows at all, so it is written as NOT EXISTS of the
    // owners whose count violates it.
    const form = countForm(r.count.operator);
    const op = sql.raw(form.sql);
    if (state.ctx.perRow) {
      const counted = sql`((select count(*) from ${table} where ${a}.org_id = ${state.ctx.orgId} and ${column} = ${ownerColumn}${where}) ${op} ${r.count.value})`;
      return { sql: r.has ? counted : sql`(not ${counted})` };
    }
    const zeroSatisfies = form.holds(0, r.count.value);
    const bound = sql`count(*) ${op} ${r.count.value}`;
    const g = `${alias}g`;
    const grouped = sql`select ${column} from ${table} where ${a}.org_id = ${state.ctx.orgId}${where} group by ${column} having ${zeroSatisfies ? sql`not (${bound})` : bound}`;
    const holds = sql`(${sql.raw(zeroSatisfies ? 'not exists' : 'exists')} (select 1 from (${grouped}) ${sql.raw(g)} where ${sql.raw(`${g}.${rel.join.column}`)} = ${ownerColumn}))`;
    if (!r.has) return { sql: sql`(not ${holds})` };
    const ids = zeroSatisfies || !byId ? undefined : { key, select: sql`select ${column} from ${table} where ${a}.org_id = ${state.ctx.orgId} and ${column} is not null${where} group by ${column} having ${bound}`, distinct: true };
    return { sql: holds, ids };
  }
  const holds = sql`(${sql.raw(r.has ? 'exists' : 'not exists')} (select 1 from ${table} where ${a}.org_id = ${state.ctx.orgId} and ${column} = ${ownerColumn}${where}))`;
  if (!r.has || !byId) return { sql: holds };
  return { sql: holds, ids: { key, select: sql`select ${column} from ${table} where ${a}.org_id = ${state.ctx.orgId} and ${column} is not null${where}`, distinct: false } };
}

/** The campaigns an engagement looks at: the last N sent before the clock, the named ones, or all. */
export function engagementCampaignIds(e: Engagement, ctx: CompileContext): string[] {
  return e.campaigns.last !== null
    ? lastCampaigns(ctx.tenant.campaigns, ctx.asOf, e.campaigns.last).map((c) => c.id)
    : (e.campaigns.ids ?? ctx.tenant.campaigns.map((c) => c.id));
}

function compileEngagement(e: Engagement, state: State, scope: Scope): Compiled {
  if (scope.root !== 'contacts') throw new CompileError('email engagement applies to contacts only');
  const contact = sql.raw(`${scope.alias}.id`);
  const ids = engagementCampaignIds(e, state.ctx);
  if (ids.length === 0) return { sql: sql.raw(e.match === 'any' ? '(false)' : '(true)') }; // none/all of nothing hold vacuously
  const alias = nextAlias(state);
  const fromFacts = factsApply(state, scope, e) ? engagementFromFacts(e, ids, state.ctx, `${alias}f`) : null;
  if (fromFacts) return { sql: fromFacts.sql, ids: fromFacts.ids ? { key: `${scope.alias}.id`, select: fromFacts.ids, distinct: true } : undefined };
  const key = `${scope.alias}.id`;
  const a = sql.raw(alias);
  const events = sql`${sql.raw(TABLES.emailEvents)} ${a} where ${a}.org_id = ${state.ctx.orgId} and ${a}.type = ${e.event} and ${a}.campaign_id in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql.raw(', '),
  )})`;
  switch (e.match) {
    case 'any':
      return { sql: sql`(exists (select 1 from ${events} and ${a}.contact_id = ${contact}))`, ids: { key, select: sql`select ${a}.contact_id from ${events}`, distinct: false } };
    case 'none':
      return { sql: sql`(not exists (select 1 from ${events} and ${a}.contact_id = ${contact}))` };
    case 'all': {
      if (state.ctx.perRow) return { sql: sql`((select count(distinct ${a}.campaign_id) from ${events} and ${a}.contact_id = ${contact}) = ${ids.length})` };
      // Contacts with the event for every campaign of the set, aggregated once (see compileRelation).
      const g = sql.raw(`${alias}g`);
      const grouped = sql`select ${a}.contact_id from ${events} group by ${a}.contact_id having count(distinct ${a}.campaign_id) = ${ids.length}`;
      return { sql: sql`(exists (select 1 from (${grouped}) ${g} where ${g}.contact_id = ${contact}))`, ids: { key, select: grouped, distinct: true } };
    }
  }
}

function compileSegment(s: SegmentMembership, state: State, scope: Scope): Compiled {
  const root = rootOf(scope, 'a segment reference');
  const target = state.ctx.tenant.segments.find((seg) => seg.id === s.segment);
  if (!target) throw new CompileError(`segment ${s.segment} does not exist in this tenant`);
  if ((target.objectType ?? 'contacts') !== root) throw new CompileError(`segment ${s.segment} is a segment of ${target.objectType ?? 'contacts'}, not of ${root}`);
  let member: SQL;
  let ids: IdSet | undefined;
  if (target.type === 'dynamic') {
    if (state.segmentDepth >= MAX_SEGMENT_NESTING) throw new CompileError('segments refer to each other too deeply (or in a cycle)');
    state.segmentDepth += 1;
    member = compileNode(target.rules as RuleTree, state, rootScope(state, root, scope.alias));
    state.segmentDepth -= 1;
  } else {
    const alias = sql.raw(nextAlias(state));
    const members = ROOTS[root].members;
    member = sql`(exists (select 1 from ${sql.raw(members.table)} ${alias} where ${alias}.org_id = ${state.ctx.orgId} and ${alias}.segment_id = ${target.id} and ${alias}.${sql.raw(members.column)} = ${sql.raw(scope.alias)}.id))`;
    ids = { key: `${scope.alias}.id`, select: sql`select ${alias}.${sql.raw(members.column)} from ${sql.raw(members.table)} ${alias} where ${alias}.org_id = ${state.ctx.orgId} and ${alias}.segment_id = ${target.id}`, distinct: true };
  }
  if (s.when) {
    member = compileMembershipHistory(s, target.id, member, state, scope);
    ids = undefined;
  }
  return s.operator === 'in' ? { sql: member, ids } : { sql: sql`(not coalesce(${member}, false))` };
}

/**
 * Membership over time, from the record up to the clock: the recorded members (the object type's
 * member table, added_at = when each last became a member, the segment's creation for its first
 * members) and the segment.joined / segment.left events (whose contact_id is the member's id, for
 * every object type). "Was ever in" also holds for anyone in the segment now, so it is never
 * narrower than "in"; "never in" is its negation, not "not in".
 */
function compileMembershipHistory(s: SegmentMembership, segmentId: string, member: SQL, state: State, scope: Scope): SQL {
  const when = s.when!;
  const members = ROOTS[rootOf(scope, 'a segment reference')].members;
  const id = sql.raw(`${scope.alias}.id`);
  const asOf = sql`${state.ctx.asOf.toISOString()}::timestamptz`;
  const since = when.since === null ? null : typeof when.since === 'string' ? when.since : relativeBoundary(state.ctx.asOf, when.since).toISOString();
  const window = (col: SQL) => (since === null ? sql`${col} <= ${asOf}` : sql`${col} >= ${since}::timestamptz and ${col} <= ${asOf}`);
  const m = sql.raw(nextAlias(state));
  const e = sql.raw(nextAlias(state));
  const recorded = sql`exists (select 1 from ${sql.raw(members.table)} ${m} where ${m}.org_id = ${state.ctx.orgId} and ${m}.segment_id = ${segmentId} and ${m}.${sql.raw(members.column)} = ${id} and ${window(sql`${m}.added_at`)})`;
  const events = (type: string | null) =>
    sql`exists (select 1 from segment_events ${e} where ${e}.org_id = ${state.ctx.orgId} and ${e}.segment_id = ${segmentId} and ${e}.contact_id = ${id}${type ? sql` and ${e}.type = ${type}::segment_event_type` : sql``} and ${window(sql`${e}.occurred_at`)})`;
  switch (when.event) {
    case 'member':
      return sql`(coalesce(${member}, false) or ${recorded} or ${events(null)})`;
    case 'joined':
      return sql`(${events('segment.joined')} or ${recorded})`;
    case 'left':
      return sql`(${events('segment.left')})`;
  }
}

// ---- one node at a time: per-node counts (sql/funnel.ts) and explanations (sql/why.ts) ----------

export interface NodeCompiler {
  /** A node's predicate over `contacts c`, exactly as it compiles inside its tree. */
  node(node: Node): SQL;
  /** A relation's `where` as a predicate over one row of its table under `alias` (true when it has none). */
  relationRow(r: RelationCondition, alias: string): SQL;
}

/** Compiles nodes of a contact tree one by one with one shared state, so aliases stay unique across all of them. */
export function nodeCompiler(ctx: CompileContext): NodeCompiler {
  const state: State = { ctx, aliases: 0, segmentDepth: 0 };
  return {
    node: (node) => compileNode(node, state, rootScope(state, 'contacts', ROOTS.contacts.alias)),
    relationRow: (r, alias) => {
      const rel = state.ctx.tenant.catalog.relation(r.relation);
      if (!rel) throw new CompileError(`unknown relation ${r.relation}`);
      if (!r.where) return sql`true`;
      const scope: Scope = rel.target ? rootScope(state, rel.target, alias) : { root: undefined, alias, field: (key) => rel.fields.find((f) => f.key === key) };
      return compileGroup(r.where, state, scope);
    },
  };
}

/** The full membership query: ids of the tenant's rows of the tree's object type (contacts by default) that match. */
export function membersQuery(tree: RuleTree, ctx: CompileContext): SQL {
  const { where } = compilePredicate(tree, ctx);
  const root = ROOTS[ctx.objectType ?? 'contacts'];
  const a = sql.raw(root.alias);
  return sql`select ${a}.id from ${sql.raw(root.table)} ${a} where ${a}.org_id = ${ctx.orgId} and ${where}`;
}
