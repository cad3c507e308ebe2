// The in-memory reference evaluator: the oracle the SQL compiler and the normalizer are checked
// against. It is written from the documented semantics (sql/compile.ts header, catalog field types),
// not from the SQL, and it is deliberately naive: one contact at a time, one node at a time.
//
//   - Two-valued logic. A missing value (null; no company for company.*; a tenant property absent or
//     stored in a shape its field's type does not read, see readProperty) makes positive operators
//     false and neq / not_in / not_contains / is_null true.
//   - Text compares case-insensitively; contains / starts_with / ends_with are literal substring
//     tests on lower-cased text (no wildcards).
//   - tags: eq has, in has any, neq lacks, not_in has none, is_null no tags, is_not_null some tag.
//   - Dates: within_last means boundary <= value <= asOf, more_than_ago value < boundary, between
//     is inclusive; boundary = relativeBoundary(asOf, span).
//   - Relations count the contact's rows (same org) that match `where`; engagement looks at the
//     contact's email events over a campaign set; segments are static members or stored rules.
//
// It accepts any validated tree: aliases, nested same-op groups, one-value lists, weeks / years,
// engagement shorthands, duplicates — no normalization is assumed.
import { type FieldType, type ObjectType, type PropertyRead, relation as findRelation, relationField } from '../../src/rules/catalog.js';
import { canonicalOperator, type Operator } from '../../src/rules/operators.js';
import { lastCampaigns, relativeBoundary } from '../../src/rules/clock.js';
import type { Condition, CountBound, Engagement, Node, RelationCondition, RelativeDate, SegmentMembership, Value, WhereGroup } from '../../src/rules/grammar.js';
import type { TenantValues } from '../../src/rules/tenant.js';
import type { Fixture } from '../../src/fixture/format.js';

export type FixtureContact = Fixture['contacts'][number];
export type FixtureCompany = Fixture['companies'][number];
export type FixtureDeal = Fixture['deals'][number];
export type FixtureActivity = Fixture['activities'][number];
export type FixtureEmailEvent = Fixture['emailEvents'][number];
export type FixtureFitScore = Fixture['fitScores'][number];

/** One tenant's rows, indexed for per-contact evaluation. */
export interface OrgData {
  orgId: string;
  contacts: FixtureContact[];
  companies: Map<string, FixtureCompany>;
  deals: Map<string, FixtureDeal[]>;
  activities: Map<string, FixtureActivity[]>;
  emailEvents: Map<string, FixtureEmailEvent[]>;
  fitScores: Map<string, FixtureFitScore[]>;
  /** Static segment id → member contact ids. */
  segmentMembers: Map<string, Set<string>>;
  companyList: FixtureCompany[];
  dealList: FixtureDeal[];
  contactById: Map<string, FixtureContact>;
  contactsByCompany: Map<string, FixtureContact[]>;
  dealsByCompany: Map<string, FixtureDeal[]>;
  /** Static segments of companies / deals: segment id → member ids. */
  objectMembers: Map<string, Set<string>>;
  /** The membership record, for "was ever in" / "joined" / "left": segment id → contact id → its rows. */
  history: Map<string, Map<string, MemberHistory>>;
}

export interface MemberHistory {
  /** segment_members.added_at, when the contact is a recorded member. */
  addedAt: Date | null;
  events: { type: 'segment.joined' | 'segment.left'; at: Date }[];
}

/** Rows of segment_members (with added_at) and segment_events, as the database holds them. */
export interface MembershipRecord {
  members: { orgId: string; segmentId: string; contactId: string; addedAt: Date }[];
  events: { orgId: string; segmentId: string; contactId: string; type: 'segment.joined' | 'segment.left'; occurredAt: Date }[];
}

export interface ReferenceData {
  orgs: Map<string, OrgData>;
}

type FixtureRows = Pick<Fixture, 'contacts' | 'companies' | 'deals' | 'activities' | 'emailEvents' | 'fitScores' | 'segments'>;

export function buildReferenceData(fixture: FixtureRows, record: MembershipRecord = { members: [], events: [] }): ReferenceData {
  const orgs = new Map<string, OrgData>();
  const org = (orgId: string): OrgData => {
    let found = orgs.get(orgId);
    if (!found) {
      found = {
        orgId,
        contacts: [],
        companies: new Map(),
        deals: new Map(),
        activities: new Map(),
        emailEvents: new Map(),
        fitScores: new Map(),
        segmentMembers: new Map(),
        history: new Map(),
        companyList: [],
        dealList: [],
        contactById: new Map(),
        contactsByCompany: new Map(),
        dealsByCompany: new Map(),
        objectMembers: new Map(),
      };
      orgs.set(orgId, found);
    }
    return found;
  };
  const push = <T>(map: Map<string, T[]>, key: string, row: T) => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  for (const c of fixture.contacts) {
    const o = org(c.orgId);
    o.contacts.push(c);
    o.contactById.set(c.id, c);
    if (c.companyId !== null) push(o.contactsByCompany, c.companyId, c);
  }
  for (const c of fixture.companies) {
    org(c.orgId).companies.set(c.id, c);
    org(c.orgId).companyList.push(c);
  }
  for (const d of fixture.deals) {
    push(org(d.orgId).deals, d.contactId, d);
    org(d.orgId).dealList.push(d);
    if (d.companyId !== null) push(org(d.orgId).dealsByCompany, d.companyId, d);
  }
  for (const a of fixture.activities) push(org(a.orgId).activities, a.contactId, a);
  for (const e of fixture.emailEvents) push(org(e.orgId).emailEvents, e.contactId, e);
  for (const s of fixture.fitScores) push(org(s.orgId).fitScores, s.contactId, s);
  for (const s of fixture.segments) org(s.orgId).segmentMembers.set(s.id, new Set(s.memberIds));
  const entry = (orgId: string, segmentId: string, contactId: string): MemberHistory => {
    const bySegment = org(orgId).history;
    if (!bySegment.has(segmentId)) bySegment.set(segmentId, new Map());
    const byContact = bySegment.get(segmentId)!;
    if (!byContact.has(contactId)) byContact.set(contactId, { addedAt: null, events: [] });
    return byContact.get(contactId)!;
  };
  for (const m of record.members) entry(m.orgId, m.segmentId, m.contactId).addedAt = m.addedAt;
  for (const e of record.events) entry(e.orgId, e.segmentId, e.contactId).events.push({ type: e.type, at: e.occurredAt });
  return { orgs };
}

export interface EvaluationContext {
  orgId: string;
  asOf: Date;
  tenant: Pick<TenantValues, 'catalog' | 'campaigns' | 'segments'>;
  data: ReferenceData;
}

/** Ids of the org's rows of `objectType` (contacts by default) that the tree selects. */
export function evaluate(tree: Node, ctx: EvaluationContext, objectType: ObjectType = 'contacts'): Set<string> {
  const org = ctx.data.orgs.get(ctx.orgId);
  const out = new Set<string>();
  if (!org) return out;
  const evaluator = new Evaluator(ctx, org);
  const rows: Row[] =
    objectType === 'contacts'
      ? org.contacts.map((contact) => ({ type: 'contacts', row: contact }))
      : objectType === 'companies'
        ? org.companyList.map((company) => ({ type: 'companies', row: company }))
        : org.dealList.map((deal) => ({ type: 'deals', row: deal }));
  for (const r of rows) {
    if (evaluator.node(tree, r, 0)) out.add(r.row.id);
  }
  return out;
}

/** One row of an object type, the root a node is read at. */
type Row = { type: 'contacts'; row: FixtureContact } | { type: 'companies'; row: FixtureCompany } | { type: 'deals'; row: FixtureDeal };

// ---- field values -----------------------------------------------------------------------------

/** A field's value for one row: null is "missing"; tags are always an array. */
type FieldValue = string | number | boolean | Date | string[] | null;

interface ContactRow {
  contact: FixtureContact;
  company: FixtureCompany | undefined;
}

/**
 * A tenant property as its field's type reads it; any other stored shape is missing:
 *   text (and single-select): a JSON string. number: a JSON number, or a string of digits with an
 *   optional sign and fraction (at most 15 digits each side) — "12abc", "1e3", " 4" are missing.
 *   boolean: a JSON boolean. date: a string "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDThh:mm[:ss[.ffffff]]"
 *   with an optional Z or ±hh[:]mm (none: UTC), of a real calendar day and a time 00:00–23:59:59.
 *   multi-select: the string elements of a JSON list (anything else: no values).
 */
export function readProperty(read: PropertyRead, v: unknown): FieldValue {
  switch (read) {
    case 'text':
      return typeof v === 'string' ? v : null;
    case 'number':
      if (typeof v === 'number') return v;
      return typeof v === 'string' && /^-?[0-9]{1,15}(\.[0-9]{1,15})?$/.test(v) ? Number(v) : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'date':
      return typeof v === 'string' ? readDate(v) : null;
    case 'text_array':
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }
}

export function readDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone = 'Z'] = m;
  const [Y, M, D, H, MI, S] = [y, mo, d, h, mi, sec].map(Number) as [number, number, number, number, number, number];
  const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][M - 1] ?? 0;
  const leap = (Y % 4 === 0 && Y % 100 !== 0) || Y % 400 === 0;
  if (Y < 1 || M < 1 || M > 12 || D < 1 || D > (M === 2 ? (leap ? 29 : 28) : daysInMonth) || H > 23 || MI > 59 || S > 59) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(-2));
    if (zh > 14 || zm > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  // Sub-millisecond digits are beyond a JS Date; the generators never write them.
  const date = new Date(0);
  date.setUTCFullYear(Y, M - 1, D); // not Date.UTC, which reads years 0–99 as 1900–1999
  date.setUTCHours(H, MI, S, Math.floor(Number(`0${frac || '.0'}`) * 1000));
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

const CONTACT_VALUES: Record<string, (r: ContactRow) => FieldValue> = {
  email: (r) => r.contact.email,
  first_name: (r) => r.contact.firstName,
  last_name: (r) => r.contact.lastName,
  phone: (r) => r.contact.phone,
  country: (r) => r.contact.country,
  language: (r) => r.contact.language,
  lifecycle_stage: (r) => r.contact.lifecycleStage,
  email_status: (r) => r.contact.emailStatus,
  owner: (r) => r.contact.ownerId,
  tags: (r) => r.contact.tags,
  created_at: (r) => r.contact.createdAt,
  'company.name': (r) => r.company?.name ?? null,
  'company.domain': (r) => r.company?.domain ?? null,
  'company.industry': (r) => r.company?.industry ?? null,
  'company.employee_count': (r) => r.company?.employeeCount ?? null,
  'company.country': (r) => r.company?.country ?? null,
  'company.annual_revenue': (r) => r.company?.annualRevenue ?? null,
};

type RelatedRow = FixtureDeal | FixtureActivity | FixtureEmailEvent | FixtureFitScore;

const RELATION_VALUES: Record<'deals' | 'activities' | 'email_events' | 'fit_scores', Record<string, (row: never) => FieldValue>> = {
  deals: {
    name: (d: FixtureDeal) => d.name,
    stage: (d: FixtureDeal) => d.stage,
    amount: (d: FixtureDeal) => d.amount,
    created_at: (d: FixtureDeal) => d.createdAt,
    closed_at: (d: FixtureDeal) => d.closedAt,
    owner: (d: FixtureDeal) => d.ownerId,
  },
  activities: {
    type: (a: FixtureActivity) => a.type,
    direction: (a: FixtureActivity) => a.direction,
    occurred_at: (a: FixtureActivity) => a.occurredAt,
  },
  email_events: {
    campaign: (e: FixtureEmailEvent) => e.campaignId,
    type: (e: FixtureEmailEvent) => e.type,
    occurred_at: (e: FixtureEmailEvent) => e.occurredAt,
  },
  fit_scores: {
    product: (s: FixtureFitScore) => s.product,
    score: (s: FixtureFitScore) => s.score,
  },
};

// ---- operators --------------------------------------------------------------------------------

/** Operators that hold on a missing value. */
const TRUE_WHEN_MISSING = new Set(['neq', 'not_in', 'not_contains', 'is_null']);

function lower(v: string | number | boolean): string {
  return String(v).toLowerCase();
}

// Memos for what every contact of one evaluation asks again: the tree's date literals as instants,
// relative spans as boundaries, operator aliases. They change no answer, only how often it is computed.
const instants = new Map<string, number>();
function instant(expected: string | number | boolean): number {
  const key = String(expected);
  let t = instants.get(key);
  if (t === undefined) instants.set(key, (t = Date.parse(key)));
  return t;
}

const boundaries = new WeakMap<RelativeDate, { asOf: number; boundary: number }>();
function boundary(asOf: Date, span: RelativeDate): number {
  const known = boundaries.get(span);
  if (known && known.asOf === asOf.getTime()) return known.boundary;
  const computed = relativeBoundary(asOf, span).getTime();
  boundaries.set(span, { asOf: asOf.getTime(), boundary: computed });
  return computed;
}

const canonical = new Map<string, ReturnType<typeof canonicalOperator>>();
function canonicalOp(operator: Operator): ReturnType<typeof canonicalOperator> {
  let op = canonical.get(operator);
  if (op === undefined) canonical.set(operator, (op = canonicalOperator(operator)));
  return op;
}

function same(type: FieldType, actual: string | number | boolean | Date, expected: string | number | boolean): boolean {
  switch (type) {
    case 'text':
      return lower(actual as string) === lower(expected);
    case 'number':
      return (actual as number) === Number(expected);
    case 'date':
      return (actual as Date).getTime() === instant(expected);
    default:
      return actual === expected;
  }
}

/** actual − expected as a sign, for numbers and dates. */
function order(type: FieldType, actual: string | number | boolean | Date, expected: string | number | boolean): number {
  if (type === 'date') return Math.sign((actual as Date).getTime() - instant(expected));
  if (type === 'number') return Math.sign((actual as number) - Number(expected));
  throw new Error(`ordering is not defined for ${type} fields`);
}

function asList(value: Value): (string | number)[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' || typeof value === 'number') return [value];
  throw new Error(`expected a list, got ${JSON.stringify(value)}`);
}

function scalar(value: Value): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`expected a single value, got ${JSON.stringify(value)}`);
}

export function testValue(type: FieldType, operator: Operator, value: Value, actual: FieldValue, asOf: Date): boolean {
  const op = canonicalOp(operator);
  if (type === 'tags') {
    const tags = actual as string[];
    switch (op) {
      case 'eq':
        return tags.includes(scalar(value) as string);
      case 'neq':
        return !tags.includes(scalar(value) as string);
      case 'in':
        return asList(value).some((t) => tags.includes(t as string));
      case 'not_in':
        return !asList(value).some((t) => tags.includes(t as string));
      case 'is_null':
        return tags.length === 0;
      case 'is_not_null':
        return tags.length > 0;
      default:
        throw new Error(`operator ${op} does not apply to tags`);
    }
  }
  if (actual === null) return TRUE_WHEN_MISSING.has(op);
  const v = actual as string | number | boolean | Date;
  switch (op) {
    case 'eq':
      return same(type, v, scalar(value));
    case 'neq':
      return !same(type, v, scalar(value));
    case 'in':
      return asList(value).some((x) => same(type, v, x));
    case 'not_in':
      return !asList(value).some((x) => same(type, v, x));
    case 'contains':
      return lower(v as string).includes(lower(scalar(value)));
    case 'not_contains':
      return !lower(v as string).includes(lower(scalar(value)));
    case 'starts_with':
      return lower(v as string).startsWith(lower(scalar(value)));
    case 'ends_with':
      return lower(v as string).endsWith(lower(scalar(value)));
    case 'gt':
      return order(type, v, scalar(value)) > 0;
    case 'gte':
      return order(type, v, scalar(value)) >= 0;
    case 'lt':
      return order(type, v, scalar(value)) < 0;
    case 'lte':
      return order(type, v, scalar(value)) <= 0;
    case 'between': {
      const [lo, hi] = asList(value);
      return order(type, v, lo!) >= 0 && order(type, v, hi!) <= 0;
    }
    case 'is_null':
      return false;
    case 'is_not_null':
      return true;
    case 'within_last': {
      const t = (v as Date).getTime();
      return boundary(asOf, value as RelativeDate) <= t && t <= asOf.getTime();
    }
    case 'more_than_ago':
      return (v as Date).getTime() < boundary(asOf, value as RelativeDate);
  }
}

function countHolds(n: number, bound: CountBound): boolean {
  switch (bound.operator) {
    case 'eq':
      return n === bound.value;
    case 'gt':
      return n > bound.value;
    case 'gte':
      return n >= bound.value;
    case 'lt':
      return n < bound.value;
    case 'lte':
      return n <= bound.value;
  }
}

// ---- nodes ------------------------------------------------------------------------------------

const MAX_SEGMENT_NESTING = 16;

class Evaluator {
  private readonly campaignSets = new Map<Engagement, string[]>();

  constructor(
    private readonly ctx: EvaluationContext,
    private readonly org: OrgData,
  ) {}

  node(node: Node, at: Row, segmentDepth: number): boolean {
    switch (node.type) {
      case 'group': {
        const results = node.children.map((child) => this.node(child, at, segmentDepth));
        const inner = node.op === 'and' ? results.every(Boolean) : results.some(Boolean);
        return node.negate ? !inner : inner;
      }
      case 'condition':
        return this.rootCondition(node, at);
      case 'relation':
        return this.relation(node, at, segmentDepth);
      case 'engagement':
        if (at.type !== 'contacts') throw new Error(`reference: engagement at ${at.type}`);
        return this.engagement(node, at.row);
      case 'segment':
        return this.segment(node, at, segmentDepth);
    }
  }

  private rootCondition(c: Condition, at: Row): boolean {
    if (at.type === 'contacts') return this.contactCondition(c, at.row);
    const def = this.ctx.tenant.catalog.rootField(at.type, c.field);
    if (!def) throw new Error(`reference: unknown ${at.type} field ${c.field}`);
    const actual =
      at.type === 'companies'
        ? CONTACT_VALUES[`company.${c.field}`]!({ contact: undefined as never, company: at.row })
        : (RELATION_VALUES.deals[c.field] as (d: FixtureDeal) => FieldValue)(at.row);
    return testValue(def.type, c.operator, c.value, actual, this.ctx.asOf);
  }

  private contactCondition(c: Condition, contact: FixtureContact): boolean {
    const def = this.ctx.tenant.catalog.contactField(c.field);
    const column = def?.column;
    const read = column?.kind === 'property' ? (r: ContactRow) => readProperty(column.read, r.contact.customProperties[column.property]) : CONTACT_VALUES[c.field];
    if (!def || !read) throw new Error(`reference: unknown contact field ${c.field}`);
    const company = contact.companyId === null ? undefined : this.org.companies.get(contact.companyId);
    return testValue(def.type, c.operator, c.value, read({ contact, company }), this.ctx.asOf);
  }

  private relation(r: RelationCondition, at: Row, depth: number): boolean {
    let n: number;
    if (at.type === 'contacts') {
      const rows = this.relatedRows(r.relation, at.row.id);
      n = (r.where ? rows.filter((row) => this.where(r.relation, r.where!, row)) : rows).length;
    } else {
      const related = this.objectRelated(r.relation, at);
      n = (r.where ? related.filter((x) => (x.leaf ? this.where('deals', r.where!, x.leaf) : this.node(r.where!, x.row!, depth))) : related).length;
    }
    if (r.count === null) return r.has ? n > 0 : n === 0;
    return r.has ? countHolds(n, r.count) : !countHolds(n, r.count);
  }

  /** A company's contacts (rows at contacts) and deals (leaf rows); a deal's contact and company. */
  private objectRelated(name: RelationCondition['relation'], at: Row): { row?: Row; leaf?: FixtureDeal }[] {
    if (at.type === 'companies') {
      if (name === 'contacts') return (this.org.contactsByCompany.get(at.row.id) ?? []).map((c) => ({ row: { type: 'contacts', row: c } }));
      if (name === 'deals') return (this.org.dealsByCompany.get(at.row.id) ?? []).map((d) => ({ leaf: d }));
    }
    if (at.type === 'deals') {
      if (name === 'contact') {
        const c = this.org.contactById.get(at.row.contactId);
        return c ? [{ row: { type: 'contacts', row: c } }] : [];
      }
      if (name === 'company') {
        const k = at.row.companyId === null ? undefined : this.org.companies.get(at.row.companyId);
        return k ? [{ row: { type: 'companies', row: k } }] : [];
      }
    }
    throw new Error(`reference: no relation ${name} at ${at.type}`);
  }

  private relatedRows(name: RelationCondition['relation'], contactId: string): readonly RelatedRow[] {
    switch (name) {
      case 'deals':
        return this.org.deals.get(contactId) ?? [];
      case 'activities':
        return this.org.activities.get(contactId) ?? [];
      case 'email_events':
        return this.org.emailEvents.get(contactId) ?? [];
      case 'fit_scores':
        return this.org.fitScores.get(contactId) ?? [];
      default:
        throw new Error(`reference: no relation ${name} at contacts`);
    }
  }

  private where(name: RelationCondition['relation'], node: Node, row: RelatedRow): boolean {
    if (node.type !== 'group' && node.type !== 'condition') throw new Error(`reference: ${node.type} inside ${name}`);
    if (node.type === 'group') {
      const results = node.children.map((child) => this.where(name, child, row));
      const inner = node.op === 'and' ? results.every(Boolean) : results.some(Boolean);
      return node.negate ? !inner : inner;
    }
    const rel = findRelation(name)!;
    const def = relationField(rel, node.field);
    const read = RELATION_VALUES[name as keyof typeof RELATION_VALUES]?.[node.field] as ((row: RelatedRow) => FieldValue) | undefined;
    if (!def || !read) throw new Error(`reference: unknown ${name} field ${node.field}`);
    return testValue(def.type, node.operator, node.value, read(row), this.ctx.asOf);
  }

  private campaignSet(e: Engagement): string[] {
    let ids = this.campaignSets.get(e);
    if (!ids) {
      const { last, ids: named } = e.campaigns;
      ids =
        last !== null
          ? lastCampaigns(this.ctx.tenant.campaigns, this.ctx.asOf, last).map((c) => c.id)
          : (named ?? this.ctx.tenant.campaigns.map((c) => c.id));
      ids = [...new Set(ids)];
      this.campaignSets.set(e, ids);
    }
    return ids;
  }

  private engagement(e: Engagement, contact: FixtureContact): boolean {
    const hit = new Set(
      (this.org.emailEvents.get(contact.id) ?? []).filter((ev) => ev.type === e.event).map((ev) => ev.campaignId),
    );
    const set = this.campaignSet(e);
    switch (e.match) {
      case 'any':
        return set.some((id) => hit.has(id));
      case 'none':
        return !set.some((id) => hit.has(id));
      case 'all':
        return set.every((id) => hit.has(id));
    }
  }

  private segment(s: SegmentMembership, at: Row, depth: number): boolean {
    const target = this.ctx.tenant.segments.find((seg) => seg.id === s.segment);
    if (!target) throw new Error(`reference: segment ${s.segment} is not in the tenant`);
    if ((target.objectType ?? 'contacts') !== at.type) throw new Error(`reference: a segment of ${target.objectType} at ${at.type}`);
    let member: boolean;
    if (target.type === 'dynamic') {
      if (depth >= MAX_SEGMENT_NESTING) throw new Error('reference: segments nest too deeply (cycle?)');
      member = this.node(target.rules as Node, at, depth + 1);
    } else {
      const members = at.type === 'contacts' ? this.org.segmentMembers : this.org.objectMembers;
      member = members.get(target.id)?.has(at.row.id) ?? false;
    }
    if (s.when) {
      // Read from the record up to the clock; a span or a date bounds it from below.
      const h = this.org.history.get(target.id)?.get(at.row.id) ?? { addedAt: null, events: [] };
      const asOf = this.ctx.asOf.getTime();
      const since = s.when.since;
      const from = since === null ? -Infinity : typeof since === 'string' ? Date.parse(since) : relativeBoundary(this.ctx.asOf, since).getTime();
      const inWindow = (d: Date | null) => d !== null && d.getTime() >= from && d.getTime() <= asOf;
      const event = (type?: string) => h.events.some((e) => (type === undefined || e.type === type) && inWindow(e.at));
      if (s.when.event === 'member') member = member || inWindow(h.addedAt) || event();
      else if (s.when.event === 'joined') member = event('segment.joined') || inWindow(h.addedAt);
      else member = event('segment.left');
    }
    return s.operator === 'in' ? member : !member;
  }
}
