// fast-check generators of random, VALID rule trees over one tenant of the fixture, for differential
// and normalization properties. Values come from the tenant's real rows (tags, owners, campaigns,
// real emails, real amounts and dates…) so that conditions are selective but rarely empty, plus some
// that never occur (countries nobody is in, text nobody has). The trees are deliberately NOT
// canonical: operator aliases, nested same-op groups, negated one-child groups, one-value lists,
// duplicate children, weeks / years, engagement shorthands and mixed-case text all appear.
//
// Also here: the few records and dynamic segments the tests add to the fixture, so that NULLs,
// LIKE wildcards in stored text, non-numeric JSON and segments-in-segments exist in the data.
import fc from 'fast-check';
import type { Fixture } from '../../src/fixture/format.js';
import { slugify } from '../../src/lib/slug.js';
import { type FieldDef, type ObjectType, type RelationDef } from '../../src/rules/catalog.js';
import { readProperty } from './reference.js';
import { EMAIL_EVENT_TYPES } from '../../src/rules/crm.js';
import { type CanonicalOperator, COUNT_OPERATORS, OPERATOR_ALIASES, OPERATORS_BY_TYPE } from '../../src/rules/operators.js';
import {
  LIMITS,
  type Condition,
  type CountBound,
  type Engagement,
  type Group,
  MATCH_MODES,
  type Node,
  type RelationCondition,
  type RelativeDate,
  type RuleTree,
  type SegmentMembership,
  type Value,
  type WhereGroup,
  type WhereNode,
} from '../../src/rules/grammar.js';
import { prepareRules } from '../../src/rules/prepare.js';
import type { TenantValues } from '../../src/rules/tenant.js';
import { enumValues } from '../../src/rules/values.js';
import type { OrgData } from './reference.js';

export interface ArbitrarySource {
  tenant: TenantValues;
  /** The tenant's rows, to draw realistic values from. */
  org: OrgData;
  asOf: Date;
}

export interface TreeOptions {
  /** Levels of groups, the root included. */
  maxDepth?: number;
  /** Trees with more nodes are discarded (validation allows 200). */
  maxNodes?: number;
  /** What the trees select; default contacts. */
  objectType?: ObjectType;
}

/** Random valid rule trees (validation input: aliases and synonyms allowed, not normalized). */
export function ruleTreeArbitrary(src: ArbitrarySource, options: TreeOptions = {}): fc.Arbitrary<RuleTree> {
  const maxDepth = options.maxDepth ?? 4;
  const maxNodes = options.maxNodes ?? 120;
  const values = new ValuePools(src);
  const leaf = leafAt(options.objectType ?? 'contacts', values, src.tenant);
  const groups = new Map<number, fc.Arbitrary<Group>>();
  const nodes = new Map<number, fc.Arbitrary<Node>>();
  const node = (depth: number): fc.Arbitrary<Node> => {
    if (depth > maxDepth) return leaf;
    let n = nodes.get(depth);
    if (!n) {
      // NOT(x) written as a one-child negated group, so NOT(NOT(x)) around any node is common.
      const negated = fc
        .tuple(fc.constantFrom('and' as const, 'or' as const), node(depth + 1))
        .map(([op, child]): Group => ({ type: 'group', op, negate: true, children: [child] }));
      n = fc.oneof({ arbitrary: leaf, weight: 6 }, { arbitrary: group(depth), weight: 2 }, { arbitrary: negated, weight: 1 });
      nodes.set(depth, n);
    }
    return n;
  };
  const group = (depth: number): fc.Arbitrary<Group> => {
    let g = groups.get(depth);
    if (!g) {
      g = groupArbitrary(node(depth + 1), depth === 1 ? 4 : 3) as fc.Arbitrary<Group>;
      groups.set(depth, g);
    }
    return g;
  };
  return group(1).filter((t) => countNodes(t) <= maxNodes && depthOf(t, 1) <= LIMITS.maxDepth);
}

/** Depth as validation counts it: a group's children one level down, a relation's where one more. */
function depthOf(node: Node, depth: number): number {
  if (node.type === 'group') return Math.max(depth, ...node.children.map((c) => depthOf(c, depth + 1)));
  if (node.type === 'relation' && node.where) return Math.max(depth, depthOf(node.where, depth + 1));
  return depth;
}

/** The leaves of a tree at an object type: its conditions, relations (in both directions), engagement and segments. */
function leafAt(type: ObjectType, values: ValuePools, tenant: TenantValues): fc.Arbitrary<Node> {
  const segments = segmentArbitrary(tenant, type);
  const withSegments = (...options: fc.WeightedArbitrary<Node>[]) => fc.oneof(...options, ...(segments ? [{ arbitrary: segments as fc.Arbitrary<Node>, weight: 2 }] : []));
  switch (type) {
    case 'contacts':
      return withSegments(
        { arbitrary: contactConditionArbitrary(values), weight: 10 },
        { arbitrary: relationArbitrary(values), weight: 5 },
        { arbitrary: engagementArbitrary(tenant), weight: 2 },
      );
    case 'companies': {
      const own = fc.constantFrom(...values.catalog.object('companies').fields).chain((def) => conditionArbitrary(def, values, `company.${def.key}`));
      const deal = fc.constantFrom(...values.catalog.object('deals').fields).chain((def) => conditionArbitrary(def, values, `deals.${def.key}`));
      return withSegments(
        { arbitrary: own, weight: 8 },
        { arbitrary: objectRelation('contacts', shallowTree(leafAt('contacts', values, tenant)), COUNT_RANGE.contacts), weight: 4 },
        { arbitrary: objectRelation('deals', shallowTree(deal), COUNT_RANGE.deals), weight: 3 },
      );
    }
    case 'deals': {
      const own = fc.constantFrom(...values.catalog.object('deals').fields).chain((def) => conditionArbitrary(def, values, `deals.${def.key}`));
      const company = fc.constantFrom(...values.catalog.object('companies').fields).chain((def) => conditionArbitrary(def, values, `company.${def.key}`));
      return withSegments(
        { arbitrary: own, weight: 8 },
        { arbitrary: objectRelation('contact', shallowTree(leafAt('contacts', values, tenant)), 1), weight: 3 },
        { arbitrary: objectRelation('company', shallowTree(fc.oneof({ arbitrary: company, weight: 4 }, { arbitrary: objectRelation('contacts', shallowTree(contactConditionArbitrary(values)), 3), weight: 1 })), 1), weight: 3 },
      );
    }
  }
}

/** A group of one or two levels over `leaf`, for a relation's where. */
function shallowTree(leaf: fc.Arbitrary<Node>): fc.Arbitrary<Group> {
  const inner = groupArbitrary(leaf, 3) as fc.Arbitrary<Group>;
  return groupArbitrary(fc.oneof({ arbitrary: leaf, weight: 3 }, { arbitrary: inner as fc.Arbitrary<Node>, weight: 1 }), 3) as fc.Arbitrary<Group>;
}

function objectRelation(name: RelationDef['name'], where: fc.Arbitrary<Group>, maxCount: number): fc.Arbitrary<RelationCondition> {
  const count: fc.Arbitrary<CountBound> = fc.record({
    operator: fc.constantFrom(...COUNT_OPERATORS),
    value: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: maxCount })),
  });
  return fc.record({
    type: fc.constant('relation' as const),
    relation: fc.constant(name),
    has: fc.boolean(),
    where: fc.option(where, { nil: null, freq: 5 }),
    count: fc.option(count, { nil: null, freq: 2 }),
  });
}

export function countNodes(node: Node | WhereNode): number {
  switch (node.type) {
    case 'group':
      return 1 + (node.children as Node[]).reduce((n, c) => n + countNodes(c), 0);
    case 'relation':
      return 1 + (node.where ? countNodes(node.where) : 0);
    default:
      return 1;
  }
}

/** A group of 1..max children; sometimes negated, sometimes with a duplicated child. */
function groupArbitrary<N>(child: fc.Arbitrary<N>, max: number): fc.Arbitrary<{ type: 'group'; op: 'and' | 'or'; negate: boolean; children: N[] }> {
  return fc
    .record({
      op: fc.constantFrom('and' as const, 'or' as const),
      negate: fc.constantFrom(false, false, true),
      children: fc.array(child, { minLength: 1, maxLength: max }),
      duplicate: fc.constantFrom(false, false, false, false, true),
    })
    .map(({ op, negate, children, duplicate }) => ({
      type: 'group' as const,
      op,
      negate,
      children: duplicate ? [...children, children[0]!] : children,
    }));
}

// ---- conditions -------------------------------------------------------------------------------

/** Fields with many missing values are drawn more often: that is where two-valued logic bites. */
const NULL_HEAVY = new Set([
  'phone',
  'owner',
  'properties.nps',
  'first_name',
  'country',
  'company.name',
  'company.domain',
  'company.industry',
  'company.employee_count',
  'company.country',
  'company.annual_revenue',
]);

function contactConditionArbitrary(values: ValuePools): fc.Arbitrary<Condition> {
  const fields = values.catalog.contactFields.flatMap((f) => (NULL_HEAVY.has(f.key) ? [f, f] : [f]));
  return fc.constantFrom(...fields).chain((def) => conditionArbitrary(def, values, def.key));
}

const ALIASES_OF = new Map<CanonicalOperator, string[]>();
for (const [alias, op] of Object.entries(OPERATOR_ALIASES)) {
  ALIASES_OF.set(op, [...(ALIASES_OF.get(op) ?? []), alias]);
}

/** A condition on `def` with any operator its type allows, spelled canonically or as an alias. */
function conditionArbitrary(def: FieldDef, values: ValuePools, scope: string): fc.Arbitrary<Condition> {
  const operators = OPERATORS_BY_TYPE[def.type];
  return fc.constantFrom(...operators).chain((op) => {
    const aliases = ALIASES_OF.get(op) ?? [];
    const spelling = aliases.length ? fc.oneof({ arbitrary: fc.constant(op as string), weight: 4 }, { arbitrary: fc.constantFrom(...aliases), weight: 1 }) : fc.constant(op as string);
    return fc.tuple(spelling, values.forOperator(def, op, scope)).map(
      ([operator, value]) => ({ type: 'condition', field: def.key, operator, value }) as Condition,
    );
  });
}

// ---- relations, engagement, segments ----------------------------------------------------------

/** Typical row counts per contact, so count bounds land on both sides. */
const COUNT_RANGE: Record<RelationDef['name'], number> = { deals: 3, activities: 9, email_events: 16, fit_scores: 3, contacts: 4, contact: 1, company: 1 };

function relationArbitrary(values: ValuePools): fc.Arbitrary<RelationCondition> {
  return fc.constantFrom(...values.catalog.relations).chain((rel) => {
    const condition = fc.constantFrom(...rel.fields).chain((def) => conditionArbitrary(def, values, `${rel.name}.${def.key}`));
    const inner = groupArbitrary<WhereNode>(condition, 3) as fc.Arbitrary<WhereGroup>;
    const where = groupArbitrary<WhereNode>(fc.oneof({ arbitrary: condition, weight: 3 }, { arbitrary: inner, weight: 1 }), 3) as fc.Arbitrary<WhereGroup>;
    const count: fc.Arbitrary<CountBound> = fc.record({
      operator: fc.constantFrom(...COUNT_OPERATORS),
      value: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: COUNT_RANGE[rel.name] })),
    });
    return fc.record({
      type: fc.constant('relation' as const),
      relation: fc.constant(rel.name),
      has: fc.boolean(),
      where: fc.option(where, { nil: null, freq: 4 }),
      count: fc.option(count, { nil: null, freq: 2 }),
    });
  });
}

function engagementArbitrary(tenant: TenantValues): fc.Arbitrary<Engagement> {
  const campaignRef = fc.oneof(
    { arbitrary: fc.constantFrom(...tenant.campaigns.map((c) => c.id)), weight: 4 },
    { arbitrary: fc.constantFrom(...tenant.campaigns.map((c) => c.name)), weight: 1 },
  );
  return fc.record({
    type: fc.constant('engagement' as const),
    event: fc.constantFrom(...EMAIL_EVENT_TYPES, 'delivered', 'opened', 'opened', 'clicked'),
    match: fc.constantFrom(...MATCH_MODES),
    campaigns: fc.oneof(
      fc.record({ last: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(12, 50)), ids: fc.constant(null) }),
      fc.record({ last: fc.constant(null), ids: fc.array(campaignRef, { minLength: 1, maxLength: 4 }) }),
      fc.constant({ last: null, ids: null }),
    ),
  });
}

function segmentArbitrary(tenant: TenantValues, type: ObjectType = 'contacts'): fc.Arbitrary<SegmentMembership> | undefined {
  const refs = tenant.segments.filter((s) => (s.objectType ?? 'contacts') === type).flatMap((s) => [s.id, s.id, s.id, s.slug, s.title]);
  if (refs.length === 0) return undefined;
  return fc.record({
    type: fc.constant('segment' as const),
    operator: fc.constantFrom('in' as const, 'not_in' as const),
    segment: fc.constantFrom(...refs),
    when: fc.oneof(
      { arbitrary: fc.constant(null), weight: 3 },
      { arbitrary: fc.constant({ event: 'member' as const, since: null }), weight: 2 },
      {
        arbitrary: fc.record({
          event: fc.constantFrom('joined' as const, 'left' as const),
          since: fc.oneof(
            fc.constant(null),
            fc.record({ amount: fc.integer({ min: 1, max: 400 }), unit: fc.constantFrom('days' as const, 'weeks' as const, 'months' as const) }),
            fc.constantFrom('2025-06-01', '2026-01-01', '2026-05-15T12:00:00Z', '2026-10-01'),
          ),
        }),
        weight: 3,
      },
    ),
  });
}

/**
 * A membership record for org_acme's history conditions ("was ever in", "joined", "left"): for the
 * first 120 contacts and the given segments, some joined, some left (baseline members who left),
 * some joined and left again, some never moved — spread over 600 days before the clock.
 */
export function membershipHistory(contactIds: string[], segmentIds: string[], asOf: Date) {
  const day = 86_400_000;
  const at = (days: number) => new Date(asOf.getTime() - days * day + 3_600_000 * (days % 24));
  const out: { orgId: string; segmentId: string; contactId: string; type: 'segment.joined' | 'segment.left'; occurredAt: Date }[] = [];
  segmentIds.forEach((segmentId, s) => {
    contactIds.slice(0, 120).forEach((contactId, i) => {
      const k = (i + s) % 4;
      const push = (type: 'segment.joined' | 'segment.left', days: number) => out.push({ orgId: 'org_acme', segmentId, contactId, type, occurredAt: at(days) });
      if (k === 0) push('segment.joined', (i * 3) % 600);
      if (k === 1) push('segment.left', (i * 2) % 600);
      if (k === 2) {
        push('segment.joined', (i * 5) % 600);
        push('segment.left', ((i * 5) % 600) / 2);
      }
    });
  });
  return out;
}

// ---- values -----------------------------------------------------------------------------------

const DAY = 86_400_000;

/** Realistic values per field, drawn from the tenant's rows. */
class ValuePools {
  private readonly texts = new Map<string, string[]>();
  private readonly numbers = new Map<string, number[]>();
  private readonly dates = new Map<string, Date[]>();

  readonly catalog: ArbitrarySource['tenant']['catalog'];

  constructor(private readonly src: ArbitrarySource) {
    this.catalog = src.tenant.catalog;
    const { org } = src;
    const contacts = org.contacts;
    const companies = [...org.companies.values()];
    const deals = [...org.deals.values()].flat();
    const activities = [...org.activities.values()].flat();
    const events = [...org.emailEvents.values()].flat();
    const scores = [...org.fitScores.values()].flat();
    const present = <T>(xs: (T | null | undefined)[]) => xs.filter((x): x is T => x !== null && x !== undefined);
    this.texts.set('email', contacts.map((c) => c.email));
    this.texts.set('first_name', present(contacts.map((c) => c.firstName)));
    this.texts.set('last_name', present(contacts.map((c) => c.lastName)));
    this.texts.set('phone', present(contacts.map((c) => c.phone)));
    this.texts.set('company.name', companies.map((c) => c.name));
    this.texts.set('company.domain', present(companies.map((c) => c.domain)));
    this.texts.set('deals.name', deals.map((d) => d.name));
    this.numbers.set('company.employee_count', present(companies.map((c) => c.employeeCount)));
    this.numbers.set('company.annual_revenue', present(companies.map((c) => c.annualRevenue)));
    this.numbers.set('deals.amount', present(deals.map((d) => d.amount)));
    this.numbers.set('fit_scores.score', scores.map((s) => s.score));
    this.dates.set('created_at', contacts.map((c) => c.createdAt));
    this.dates.set('deals.created_at', deals.map((d) => d.createdAt));
    this.dates.set('deals.closed_at', present(deals.map((d) => d.closedAt)));
    this.dates.set('activities.occurred_at', activities.map((a) => a.occurredAt));
    this.dates.set('email_events.occurred_at', events.map((e) => e.occurredAt));
    // The tenant's own fields: what its contacts hold, as the field's type reads it.
    for (const f of this.catalog.contactFields) {
      if (f.column.kind !== 'property') continue;
      const { property, read } = f.column;
      const held = contacts.map((c) => readProperty(read, c.customProperties[property]));
      if (read === 'text') this.texts.set(f.key, [...present(held as (string | null)[]), 'sample']);
      if (read === 'number') this.numbers.set(f.key, [...present(held as (number | null)[]), 0, 1, 5, 7, 8, 9, 10]);
      if (read === 'date') this.dates.set(f.key, [...present(held as (Date | null)[]), new Date('2025-06-01T00:00:00Z')]);
    }
    for (const [key, list] of [...this.texts, ...this.numbers, ...this.dates]) {
      if (list.length === 0) throw new Error(`no sample values for ${key}`);
    }
  }

  forOperator(def: FieldDef, op: CanonicalOperator, scope: string): fc.Arbitrary<Value> {
    switch (op) {
      case 'is_null':
      case 'is_not_null':
        return fc.constant(null);
      case 'in':
      case 'not_in':
        // Lists and pairs never hold booleans (yes/no fields take eq / neq only).
        return fc.array(this.single(def, scope) as fc.Arbitrary<string | number>, { minLength: 1, maxLength: 4 });
      case 'between':
        return fc
          .tuple(this.single(def, scope) as fc.Arbitrary<string | number>, this.single(def, scope) as fc.Arbitrary<string | number>)
          .map(([a, b]) => (this.before(def, b, a) ? [b, a] : [a, b]));
      case 'within_last':
      case 'more_than_ago':
        return relativeDateArbitrary() as fc.Arbitrary<Value>;
      case 'contains':
      case 'not_contains':
      case 'starts_with':
      case 'ends_with':
        return this.fragment(scope, op);
      default:
        return this.single(def, scope);
    }
  }

  private before(def: FieldDef, a: string | number | boolean, b: string | number | boolean): boolean {
    return def.type === 'date' ? Date.parse(String(a)) < Date.parse(String(b)) : a < b;
  }

  /** One value of the field's type. */
  private single(def: FieldDef, scope: string): fc.Arbitrary<string | number | boolean> {
    switch (def.type) {
      case 'boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom('yes', 'no', 'true', 'false'));
      case 'text':
        return this.text(scope);
      case 'number':
        return this.number(scope);
      case 'date':
        return this.date(scope);
      case 'tags':
        return def.values?.kind === 'static' ? fc.constantFrom(...def.values.values) : fc.constantFrom(...this.src.tenant.tags);
      case 'enum':
      case 'reference':
        return this.enumValue(def);
    }
  }

  private enumValue(def: FieldDef): fc.Arbitrary<string> {
    const { tenant } = this.src;
    if (def.values?.kind === 'countries') return fc.constantFrom(...tenant.countries, 'SE', 'CH', 'ZA');
    if (def.values?.kind === 'languages') return fc.constantFrom(...tenant.languages, 'sv', 'zh');
    if (def.references === 'users') {
      // Ids mostly; a name or an email now and then (validation resolves them to the id).
      return fc.oneof(
        { arbitrary: fc.constantFrom(...tenant.owners.map((o) => o.id)), weight: 4 },
        { arbitrary: fc.constantFrom(...tenant.owners.flatMap((o) => [o.name, o.email])), weight: 1 },
      );
    }
    const allowed = enumValues(def, tenant);
    if (allowed.length === 0) throw new Error(`no values for ${def.key}`);
    const synonyms = Object.keys(def.valueSynonyms ?? {});
    return synonyms.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...allowed), weight: 5 }, { arbitrary: fc.constantFrom(...synonyms), weight: 1 })
      : fc.constantFrom(...allowed);
  }

  private pool<T>(map: Map<string, T[]>, scope: string): T[] {
    const list = map.get(scope);
    if (!list) throw new Error(`no sample pool for ${scope}`);
    return list;
  }

  /** A whole stored value in random case, or a value nobody has. */
  private text(scope: string): fc.Arbitrary<string> {
    return fc.oneof(
      { arbitrary: fc.tuple(fc.constantFrom(...this.pool(this.texts, scope)), fc.nat()).map(([s, mask]) => mixCase(s, mask)), weight: 4 },
      { arbitrary: fc.constantFrom('nobody@nowhere.example', 'Zed', '', 'A_B%', '100%'), weight: 1 },
    );
  }

  /** A substring of a stored value (a prefix or suffix for starts_with / ends_with), with traps. */
  private fragment(scope: string, op: CanonicalOperator): fc.Arbitrary<string> {
    const real = fc
      .record({
        s: fc.constantFrom(...this.pool(this.texts, scope)),
        start: fc.nat(),
        length: fc.integer({ min: 1, max: 8 }),
        mask: fc.nat(),
        trap: fc.constantFrom('none', 'none', 'none', '_', '%', '\\'),
        at: fc.nat(),
      })
      .map(({ s, start, length, mask, trap, at }) => {
        const len = Math.min(length, s.length);
        const from = op === 'starts_with' ? 0 : op === 'ends_with' ? s.length - len : start % (s.length - len + 1);
        let piece = s.slice(from, from + len);
        // A wildcard in place of a real character: it would match if LIKE patterns were not escaped.
        if (trap !== 'none' && piece.length > 0) {
          const i = at % piece.length;
          piece = piece.slice(0, i) + trap + piece.slice(i + 1);
        }
        return mixCase(piece, mask);
      });
    return fc.oneof(
      { arbitrary: real, weight: 6 },
      { arbitrary: fc.constantFrom('A_B%', '%', '_', '\\', '100%', 'a\\b', '%@%', '_x', 'EDGE', 'c\\d', ''), weight: 1 },
    );
  }

  /** A stored number, nudged now and then (fractions included), or an edge of the range. */
  private number(scope: string): fc.Arbitrary<number> {
    if (scope === 'properties.nps') return fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(-1, 7.5, 11));
    const pool = this.pool(this.numbers, scope);
    return fc.oneof(
      { arbitrary: fc.constantFrom(...pool), weight: 4 },
      { arbitrary: fc.tuple(fc.constantFrom(...pool), fc.constantFrom(-1, 1, 0.5, -0.25)).map(([n, d]) => n + d), weight: 2 },
      { arbitrary: fc.constantFrom(0, 1, 1234.5, 100), weight: 1 },
    );
  }

  /** A stored instant exactly (inclusive bounds), a day near one, or a day near the clock. */
  private date(scope: string): fc.Arbitrary<string> {
    const pool = this.pool(this.dates, scope);
    const asOf = this.src.asOf.getTime();
    return fc.oneof(
      { arbitrary: fc.constantFrom(...pool).map((d) => d.toISOString()), weight: 2 },
      {
        arbitrary: fc.tuple(fc.constantFrom(...pool), fc.integer({ min: -20, max: 20 })).map(([d, days]) => isoDay(d.getTime() + days * DAY)),
        weight: 3,
      },
      { arbitrary: fc.integer({ min: -400, max: 3 }).map((days) => isoDay(asOf + days * DAY)), weight: 1 },
      { arbitrary: fc.constantFrom(this.src.asOf.toISOString(), '2026-10-31T23:59:59Z', '2026-11-01 00:00'), weight: 1 },
    );
  }
}

function relativeDateArbitrary(): fc.Arbitrary<RelativeDate> {
  return fc.oneof(
    fc.record({ amount: fc.oneof(fc.integer({ min: 0, max: 800 }), fc.constantFrom(0, 1, 7, 30, 90, 365)), unit: fc.constant('days' as const) }),
    fc.record({ amount: fc.integer({ min: 0, max: 110 }), unit: fc.constant('weeks' as const) }),
    fc.record({ amount: fc.integer({ min: 0, max: 30 }), unit: fc.constant('months' as const) }),
    fc.record({ amount: fc.integer({ min: 0, max: 3 }), unit: fc.constant('years' as const) }),
  );
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Upper-cases the characters whose bit is set in `mask` (bit i for character i mod 30). */
function mixCase(s: string, mask: number): string {
  return [...s].map((ch, i) => ((mask >> i % 30) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

// ---- fixture additions ------------------------------------------------------------------------

type Rows = Pick<Fixture, 'companies' | 'contacts' | 'deals' | 'activities' | 'emailEvents' | 'fitScores' | 'segments' | 'fields'>;

const at = (iso: string) => new Date(iso);

/**
 * A few org_acme records the fixture lacks: NULL names, countries, languages and company fields, a
 * deal without amount, a fractional amount, nps stored as a string and as a fraction, LIKE wildcards
 * and backslashes and mixed case in stored text, rows exactly at the clock and just after it; and
 * org_acme's own fields of every type beyond the fixture's (date, yes/no, multi-select, text), with
 * values stored in shapes their type does not read ("12abc" in a number, 2025-02-30 in a date, a
 * string in a multi-select, a number in a text field), which must read as missing, never fail.
 */
export const EDGE_RECORDS: Omit<Rows, 'segments'> & { segmentMembers: { segmentId: string; contactId: string }[] } = {
  fields: [
    { orgId: 'org_acme', object: 'contacts', key: 'vip_since', label: 'VIP since', type: 'date', values: null, synonyms: ['vip date'], description: null },
    { orgId: 'org_acme', object: 'contacts', key: 'interests', label: 'Interests', type: 'multi_select', values: ['ai', 'crm', 'security'], synonyms: ['topics'], description: null },
    { orgId: 'org_acme', object: 'contacts', key: 'newsletter', label: 'Newsletter opt-in', type: 'boolean', values: null, synonyms: [], description: null },
    { orgId: 'org_acme', object: 'contacts', key: 'nickname', label: 'Nickname', type: 'text', values: null, synonyms: [], description: null },
  ],
  companies: [
    { id: 'cmp_edge_1', orgId: 'org_acme', name: 'Edge_Case 100% Co\\', domain: null, industry: null, employeeCount: null, country: null, annualRevenue: null },
  ],
  contacts: [
    {
      id: 'ct_edge_1',
      orgId: 'org_acme',
      companyId: 'cmp_edge_1',
      firstName: 'Percent%',
      lastName: 'Under_Score',
      email: 'A_B%C\\D@Edge.Example',
      phone: null,
      country: null,
      language: null,
      lifecycleStage: 'lead',
      ownerId: null,
      tags: [],
      customProperties: { nps: '7', plan: 'pro', vip_since: '2025-02-30', interests: ['ai', 'crm'], newsletter: true, nickname: 'Ed_ge%' },
      emailStatus: 'subscribed',
      createdAt: at('2026-11-01T00:00:00Z'),
    },
    {
      id: 'ct_edge_2',
      orgId: 'org_acme',
      companyId: null,
      firstName: null,
      lastName: null,
      email: 'a.b.c.d@edge.example',
      phone: '+1 555_0100',
      country: 'DE',
      language: null,
      lifecycleStage: 'customer',
      ownerId: 'usr_00003',
      tags: ['vip', 'partner'],
      customProperties: { nps: 7.5, source: null, vip_since: '2025-03-01T10:00:00+02:00', interests: 'ai', newsletter: 'yes', nickname: 42 },
      emailStatus: 'bounced',
      createdAt: at('2026-10-31T23:59:59.999Z'),
    },
    {
      id: 'ct_edge_3',
      orgId: 'org_acme',
      companyId: 'cmp_00005',
      firstName: 'MiXeD',
      lastName: "O'Brien\\",
      email: 'back\\slash_x@EDGE.example',
      phone: null,
      country: null,
      language: 'de',
      lifecycleStage: 'churned',
      ownerId: null,
      tags: ['trial'],
      customProperties: { nps: '12abc', plan: ['pro'], vip_since: '2024-12-31', interests: ['security', 5] as unknown as string[] /* a number in the list, as a raw write could store */, newsletter: false, nickname: 'MiXeD' },
      emailStatus: 'unsubscribed',
      createdAt: at('2026-11-01T00:00:00.001Z'),
    },
    {
      // Subscribed without an address: reachable by status, not by email (the reach's noEmail class).
      id: 'ct_edge_4',
      orgId: 'org_acme',
      companyId: null,
      firstName: 'No',
      lastName: 'Address',
      email: '',
      phone: null,
      country: 'DE',
      language: 'en',
      lifecycleStage: 'lead',
      ownerId: null,
      tags: ['vip'],
      customProperties: {},
      emailStatus: 'subscribed',
      createdAt: at('2026-10-31T12:00:00Z'),
    },
  ],
  deals: [
    { id: 'deal_edge_1', orgId: 'org_acme', contactId: 'ct_edge_1', companyId: 'cmp_edge_1', name: 'Deal_50%', stage: 'negotiation', amount: null, ownerId: null, createdAt: at('2026-10-01T00:00:00Z'), closedAt: null },
    { id: 'deal_edge_2', orgId: 'org_acme', contactId: 'ct_edge_1', companyId: null, name: 'DEAL 1.5', stage: 'closed_won', amount: 1234.5, ownerId: 'usr_00001', createdAt: at('2026-11-01T00:00:00Z'), closedAt: at('2026-11-01T00:00:00Z') },
  ],
  activities: [{ id: 'act_edge_1', orgId: 'org_acme', contactId: 'ct_edge_2', type: 'meeting', direction: 'inbound', occurredAt: at('2026-11-01T00:00:00Z') }],
  emailEvents: [
    { id: 'ev_edge_1', orgId: 'org_acme', contactId: 'ct_edge_2', campaignId: 'cpg_00256', type: 'clicked', occurredAt: at('2026-10-07T00:00:00Z') },
    { id: 'ev_edge_2', orgId: 'org_acme', contactId: 'ct_edge_2', campaignId: 'cpg_00256', type: 'opened', occurredAt: at('2026-10-06T12:00:00Z') },
  ],
  fitScores: [
    { orgId: 'org_acme', contactId: 'ct_edge_1', product: 'crm', score: 100 },
    { orgId: 'org_acme', contactId: 'ct_edge_3', product: 'analytics', score: 0 },
  ],
  segmentMembers: [{ segmentId: 'seg_27682', contactId: 'ct_edge_1' }],
};

/** The fixture's rows plus EDGE_RECORDS (static memberships included). */
export function withEdgeRecords(f: Rows): Rows {
  const e = EDGE_RECORDS;
  return {
    fields: [...f.fields, ...e.fields],
    companies: [...f.companies, ...e.companies],
    contacts: [...f.contacts, ...e.contacts],
    deals: [...f.deals, ...e.deals],
    activities: [...f.activities, ...e.activities],
    emailEvents: [...f.emailEvents, ...e.emailEvents],
    fitScores: [...f.fitScores, ...e.fitScores],
    segments: f.segments.map((s) => ({
      ...s,
      memberIds: [...s.memberIds, ...e.segmentMembers.filter((m) => m.segmentId === s.id).map((m) => m.contactId)],
    })),
  };
}

/**
 * Dynamic org_acme segments (one refers to another and to a static one; one of companies refers to a
 * segment of contacts through its contacts, one of deals to its company), in dependency order.
 */
export const DYNAMIC_SEGMENTS: { id: string; title: string; rules: unknown; objectType?: ObjectType }[] = [
  {
    id: 'seg_dyn_promoters',
    title: 'Promoters',
    rules: {
      type: 'group',
      op: 'and',
      negate: false,
      children: [
        { type: 'condition', field: 'properties.nps', operator: 'gte', value: 9 },
        { type: 'condition', field: 'lifecycle_stage', operator: 'in', value: ['customer', 'opportunity'] },
      ],
    },
  },
  {
    id: 'seg_dyn_nested',
    title: 'Q1 batch or winners, minus promoters',
    rules: {
      type: 'group',
      op: 'and',
      negate: false,
      children: [
        {
          type: 'group',
          op: 'or',
          negate: false,
          children: [
            { type: 'segment', operator: 'in', segment: 'seg_27682' },
            { type: 'relation', relation: 'deals', has: true, where: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'stage', operator: 'eq', value: 'closed_won' }] }, count: null },
          ],
        },
        { type: 'segment', operator: 'not_in', segment: 'seg_dyn_promoters' },
      ],
    },
  },
  {
    id: 'seg_dyn_engaged',
    title: 'Recently engaged outside software',
    rules: {
      type: 'group',
      op: 'and',
      negate: false,
      children: [
        { type: 'engagement', event: 'opened', match: 'any', campaigns: { last: 3, ids: null } },
        { type: 'condition', field: 'company.industry', operator: 'neq', value: 'Software' },
      ],
    },
  },
  {
    id: 'seg_dyn_promoter_accounts',
    title: 'Accounts with a promoter',
    objectType: 'companies',
    rules: {
      type: 'group',
      op: 'or',
      negate: false,
      children: [
        { type: 'condition', field: 'employee_count', operator: 'gte', value: 500 },
        {
          type: 'relation',
          relation: 'contacts',
          has: true,
          where: { type: 'group', op: 'and', negate: false, children: [{ type: 'segment', operator: 'in', segment: 'seg_dyn_promoters' }] },
          count: null,
        },
      ],
    },
  },
  {
    id: 'seg_dyn_open_deals_of_accounts',
    title: 'Open deals of promoter accounts',
    objectType: 'deals',
    rules: {
      type: 'group',
      op: 'and',
      negate: false,
      children: [
        { type: 'condition', field: 'stage', operator: 'not_in', value: ['closed_won', 'closed_lost'] },
        {
          type: 'relation',
          relation: 'company',
          has: true,
          where: { type: 'group', op: 'and', negate: false, children: [{ type: 'segment', operator: 'in', segment: 'seg_dyn_promoter_accounts' }] },
          count: null,
        },
      ],
    },
  },
];

/** The tenant with DYNAMIC_SEGMENTS added, their rules validated and normalized as stored. */
export function withDynamicSegments(tenant: TenantValues): TenantValues {
  let out = tenant;
  for (const s of DYNAMIC_SEGMENTS) {
    const objectType = s.objectType ?? 'contacts';
    const prepared = prepareRules(s.rules, { tenant: out, objectType });
    if (!prepared.ok) throw new Error(`dynamic segment ${s.id} is invalid: ${JSON.stringify(prepared.errors)}`);
    out = {
      ...out,
      segments: [...out.segments, { id: s.id, slug: slugify(s.title), title: s.title, type: 'dynamic', objectType, status: 'active', rules: prepared.tree }],
    };
  }
  return out;
}
