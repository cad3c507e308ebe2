// Validation against the catalog and the tenant. Input is anything (an LLM's JSON, a reviewer's
// edit); output is a resolved tree (canonical field keys, operators and values; names resolved to
// ids) or a list of errors, each with a path and, where one exists, a suggestion. Fail closed:
// nothing unknown is ever dropped silently.
import type { z } from 'zod';
import { type Catalog, type FieldDef, type ObjectType, type RelationDef, resolveFieldName } from './catalog.js';
import {
  ConditionSchema,
  EngagementSchema,
  GroupHeadSchema,
  LIMITS,
  MAX_SPAN_DAYS,
  type Node,
  RelationHeadSchema,
  type RelativeDate,
  type RuleTree,
  SegmentSchema,
  type Value,
  type WhereGroup,
  type WhereNode,
  type Condition,
  type Group,
} from './grammar.js';
import { dateOutOfRange } from './clock.js';
import { type CanonicalOperator, canonicalOperator, OPERATOR_SPECS, OPERATORS_BY_TYPE } from './operators.js';
import type { TenantValues } from './tenant.js';
import { resolveCampaign, resolveEnum, resolveReference, resolveSegment, resolveTag, suggest, type Resolved } from './values.js';

export interface Issue {
  path: string;
  message: string;
}

export interface ValidationContext {
  tenant: TenantValues;
  /** What the tree selects; default contacts. */
  objectType?: ObjectType;
  /** The segment being edited, if any: referring to it (directly or through others) is a cycle. */
  selfSegmentId?: string;
}

export type ValidationResult =
  | { ok: true; tree: RuleTree; warnings: Issue[] }
  | { ok: false; errors: Issue[]; warnings: Issue[] };

const NODE_TYPES = ['group', 'condition', 'relation', 'engagement', 'segment'] as const;

export function validateRules(input: unknown, ctx: ValidationContext, root = 'rules'): ValidationResult {
  const checker = new Checker(ctx);
  const tree = checker.group(input, root, 1, rootScope(ctx.objectType ?? 'contacts'));
  if (checker.errors.length > 0 || !tree) return { ok: false, errors: checker.errors, warnings: checker.warnings };
  return { ok: true, tree, warnings: checker.warnings };
}

/**
 * Where a node is read: at an object type's root (its fields, relations and node kinds), or inside a
 * relation to rows that are not an object type of their own (conditions on their fields only).
 */
type Scope = { root: ObjectType; rel: RelationDef | undefined } | { root: undefined; rel: RelationDef };

function rootScope(type: ObjectType, rel?: RelationDef): Scope {
  return { root: type, rel };
}

function scopeFields(catalog: Catalog, scope: Scope): readonly FieldDef[] {
  return scope.root ? catalog.object(scope.root).fields : scope.rel.fields;
}

class Checker {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  private nodes = 0;
  private tooMany = false;

  constructor(private readonly ctx: ValidationContext) {}

  private error(path: string, message: string): undefined {
    if (this.errors.length < 50) this.errors.push({ path, message });
    return undefined;
  }

  private shape<T>(schema: z.ZodType<T>, input: unknown, path: string): T | undefined {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      this.error(joinPath(path, issue.path), issue.message);
    }
    return undefined;
  }

  private count(path: string, depth: number): boolean {
    this.nodes += 1;
    if (this.nodes > LIMITS.maxNodes) {
      if (!this.tooMany) this.error(path, `the rule tree has more than ${LIMITS.maxNodes} nodes; split it into smaller segments`);
      this.tooMany = true;
      return false;
    }
    if (depth > LIMITS.maxDepth) {
      this.error(path, `groups are nested more than ${LIMITS.maxDepth} levels deep; flatten the tree`);
      return false;
    }
    return true;
  }

  /** A group of nodes at an object type's root, or of a relation's conditions. */
  group(input: unknown, path: string, depth: number, scope: Scope): Group | undefined {
    if (!isObject(input) || input.type !== 'group') {
      return this.error(path, `expected a group {"type": "group", "op": "and" | "or", "negate": false, "children": [...]}`);
    }
    if (!this.count(path, depth)) return undefined;
    const head = this.shape(GroupHeadSchema, input, path);
    if (!head) return undefined;
    const children = head.children.map((child, i) => this.node(child, `${path}.children[${i}]`, depth + 1, scope));
    if (children.some((c) => c === undefined)) return undefined;
    return { type: 'group', op: head.op, negate: head.negate, children: children as Node[] };
  }

  private node(input: unknown, path: string, depth: number, scope: Scope): Node | undefined {
    if (!isObject(input)) return this.error(path, 'expected an object with a "type"');
    const type = input.type;
    if (type === 'group') return this.group(input, path, depth, scope);
    if (!this.count(path, depth)) return undefined;
    if (!scope.root && type !== 'condition') {
      return this.error(`${path}.type`, `inside a ${scope.rel.name} relation only conditions on ${scope.rel.label.toLowerCase()} and groups of them are allowed`);
    }
    const root = scope.root ?? 'contacts';
    switch (type) {
      case 'condition':
        return this.condition(input, path, scope);
      case 'relation':
        return this.relation(input, path, depth, root);
      case 'engagement':
        if (!this.ctx.tenant.catalog.object(root).engagement) {
          return this.error(`${path}.type`, `email engagement applies to contacts, not to ${this.ctx.tenant.catalog.object(root).label.toLowerCase()}; use a relation to their contacts, e.g. {"type": "relation", "relation": "${root === 'deals' ? 'contact' : 'contacts'}", "where": {…the engagement…}}`);
        }
        return this.engagement(input, path);
      case 'segment':
        return this.segment(input, path, root);
      default: {
        const hint = typeof type === 'string' ? suggest(type, NODE_TYPES) : undefined;
        return this.error(`${path}.type`, `unknown node type ${JSON.stringify(type)}${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${NODE_TYPES.join(', ')}`);
      }
    }
  }

  private condition(input: Record<string, unknown>, path: string, scope: Scope): Condition | undefined {
    const raw = this.shape(ConditionSchema, input, path);
    if (!raw) return undefined;
    const field = this.field(raw.field, `${path}.field`, scope);
    if (!field) return undefined;
    const operator = canonicalOperator(raw.operator);
    const allowed = OPERATORS_BY_TYPE[field.type];
    if (!allowed.includes(operator)) {
      return this.error(
        `${path}.operator`,
        `operator "${raw.operator}" does not apply to ${field.type} field ${field.key}; use one of ${allowed.join(', ')}`,
      );
    }
    const value = this.value(field, operator, raw.value, `${path}.value`);
    if (value === undefined) return undefined;
    return { type: 'condition', field: field.key, operator, value };
  }

  private field(name: string, path: string, scope: Scope): FieldDef | undefined {
    const catalog = this.ctx.tenant.catalog;
    const fields = scopeFields(catalog, scope);
    const rel = scope.rel;
    const found = resolveFieldName(fields, name);
    if (found) {
      if (found.key !== name) this.warnings.push({ path, message: `read field "${name}" as ${found.key}` });
      return found;
    }
    // A relation's field named at the root ("deals.amount", "amount"): say how to reach it.
    if (scope.root) {
      const relations = this.ctx.tenant.catalog.object(scope.root).relations;
      const [head, ...rest] = name.split('.');
      const owner = relations.find((r) => r.name === head || r.synonyms.includes(head ?? ''))
        ?? relations.find((r) => resolveFieldName(r.fields, name));
      const inner = owner && resolveFieldName(owner.fields, rest.length ? rest.join('.') : name);
      if (owner && inner) {
        return this.error(path, `${inner.key} is a field of ${owner.name}; use a relation condition {"type": "relation", "relation": "${owner.name}", ...} with it in "where"`);
      }
    }
    const keys = fields.map((f) => f.key);
    const hint = suggest(name, [...keys, ...fields.flatMap((f) => f.synonyms)]);
    const resolvedHint = hint ? (resolveFieldName(fields, hint)?.key ?? hint) : undefined;
    const where = rel ? `${rel.name} field` : scope.root === 'contacts' ? 'field' : `${this.ctx.tenant.catalog.object(scope.root!).noun} field`;
    return this.error(path, `unknown ${where} "${name}"${resolvedHint ? ` (did you mean ${resolvedHint}?)` : ''}; known: ${keys.join(', ')}`);
  }

  private value(field: FieldDef, op: CanonicalOperator, value: Value, path: string): Value | undefined {
    switch (OPERATOR_SPECS[op].value) {
      case 'none':
        if (value !== null) this.warnings.push({ path, message: `${op} takes no value; ignored ${JSON.stringify(value)}` });
        return null;
      case 'list': {
        const items = Array.isArray(value) ? value : value === null || typeof value === 'object' ? undefined : [value];
        if (!items || items.length === 0) return this.error(path, `${op} needs a non-empty list of values, e.g. ["a", "b"]`);
        const out = items.map((item, i) => this.scalar(field, item, `${path}[${i}]`));
        return out.some((v) => v === undefined) ? undefined : (out as (string | number)[]);
      }
      case 'pair': {
        if (!Array.isArray(value) || value.length !== 2) return this.error(path, `${op} needs [low, high]`);
        const lo = this.scalar(field, value[0]!, `${path}[0]`);
        const hi = this.scalar(field, value[1]!, `${path}[1]`);
        if (lo === undefined || hi === undefined || typeof lo === 'boolean' || typeof hi === 'boolean') return undefined; // pairs are numbers or dates
        if (lo > hi) return this.error(path, `${op} needs low ≤ high; got [${JSON.stringify(lo)}, ${JSON.stringify(hi)}]`);
        return [lo, hi];
      }
      case 'span':
        if (!isRelative(value)) return this.error(path, `${op} needs {"amount": 30, "unit": "days" | "weeks" | "months" | "years"}`);
        if (spanDays(value) > MAX_SPAN_DAYS) return this.error(path, `${value.amount} ${value.unit} is longer than 1,000 years; use a shorter span`);
        return { amount: value.amount, unit: value.unit };
      case 'scalar':
        if (Array.isArray(value) || (value !== null && typeof value === 'object')) {
          return this.error(path, `${op} needs a single value${Array.isArray(value) ? '; for a list use in / not_in' : ''}`);
        }
        if (value === null) return this.error(path, `${op} needs a value; to match missing values use is_null`);
        return this.scalar(field, value, path);
    }
  }

  private scalar(field: FieldDef, value: string | number | boolean, path: string): string | number | boolean | undefined {
    switch (field.type) {
      case 'boolean': {
        const b = typeof value === 'boolean' ? value : typeof value === 'string' ? YES_NO[value.trim().toLowerCase()] : undefined;
        if (b === undefined) return this.error(path, `expected true or false for ${field.key}, got ${JSON.stringify(value)}`);
        return b;
      }
      case 'text':
        if (typeof value === 'boolean') return this.error(path, `expected text for ${field.key}`);
        return String(value);
      case 'number': {
        const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/[,_\s]/g, '')) : NaN;
        if (!Number.isFinite(n) || (typeof value === 'string' && value.trim() === '')) {
          return this.error(path, `expected a number for ${field.key}, got ${JSON.stringify(value)}`);
        }
        return n;
      }
      case 'date': {
        const iso = typeof value === 'string' ? parseDate(value) : undefined;
        if (!iso) return this.error(path, `expected an ISO-8601 date for ${field.key} such as "2025-01-01", got ${JSON.stringify(value)}`);
        const why = dateOutOfRange(new Date(iso));
        return why ? this.error(path, `${JSON.stringify(value)} ${why}`) : iso;
      }
      case 'enum':
      case 'tags':
      case 'reference': {
        if (typeof value !== 'string') return this.error(path, `expected a string for ${field.key}, got ${JSON.stringify(value)}`);
        const resolved = this.resolve(field, value);
        return resolved.ok ? resolved.value : this.error(path, resolved.message);
      }
    }
  }

  private resolve(field: FieldDef, value: string): Resolved {
    const tenant = this.ctx.tenant;
    // The contact's own tags are whatever its rows hold; a multi-select lists its values.
    if (field.type === 'tags' && field.values?.kind !== 'static') return resolveTag(value, tenant);
    if (field.references) return resolveReference(field.references, value, tenant);
    return resolveEnum(field, value, tenant);
  }

  private relation(input: Record<string, unknown>, path: string, depth: number, root: ObjectType): Node | undefined {
    const catalog = this.ctx.tenant.catalog;
    const relations = catalog.object(root).relations;
    const names = relations.map((r) => r.name);
    if (typeof input.relation === 'string' && !catalog.relation(input.relation, root)) {
      const hint = suggest(input.relation, names);
      const whose = root === 'contacts' ? '' : ` of ${catalog.object(root).label.toLowerCase()}`;
      return this.error(`${path}.relation`, `unknown relation${whose} "${input.relation}"${hint ? ` (did you mean ${hint}?)` : ''}; expected one of ${names.join(', ')}`);
    }
    const head = this.shape(RelationHeadSchema, input, path);
    if (!head) return undefined;
    const rel = this.ctx.tenant.catalog.relation(head.relation, root)!;
    let where: WhereGroup | null = null;
    if (head.where !== null && head.where !== undefined) {
      const inner: Scope = rel.target ? rootScope(rel.target, rel) : { root: undefined, rel };
      const group = this.group(head.where, `${path}.where`, depth + 1, inner);
      if (!group) return undefined;
      where = group as WhereGroup;
    }
    return { type: 'relation', relation: head.relation, has: head.has, where, count: head.count };
  }

  private engagement(input: Record<string, unknown>, path: string): Node | undefined {
    const raw = this.shape(EngagementSchema, input, path);
    if (!raw) return undefined;
    const { last, ids } = raw.campaigns;
    if (last !== null && ids !== null) {
      return this.error(`${path}.campaigns`, 'give either "last" (the N most recent campaigns) or "ids", not both');
    }
    if (ids !== null && ids.length === 0) return this.error(`${path}.campaigns.ids`, 'name at least one campaign, or set ids to null for every campaign');
    let resolved: string[] | null = null;
    if (ids !== null) {
      const out = ids.map((id, i) => {
        const r = resolveCampaign(id, this.ctx.tenant);
        return r.ok ? r.value : this.error(`${path}.campaigns.ids[${i}]`, r.message);
      });
      if (out.some((v) => v === undefined)) return undefined;
      resolved = out as string[];
    }
    return { type: 'engagement', event: raw.event, match: raw.match, campaigns: { last, ids: resolved } };
  }

  private segment(input: Record<string, unknown>, path: string, root: ObjectType): Node | undefined {
    const raw = this.shape(SegmentSchema, input, path);
    if (!raw) return undefined;
    const r = resolveSegment(raw.segment, this.ctx.tenant);
    if (!r.ok) return this.error(`${path}.segment`, r.message);
    const referenced = this.ctx.tenant.segments.find((s) => s.id === r.value)!;
    const referencedType = referenced.objectType ?? 'contacts';
    if (referencedType !== root) {
      const here = this.ctx.tenant.catalog.object(root).label.toLowerCase();
      return this.error(
        `${path}.segment`,
        `"${referenced.title}" is a segment of ${this.ctx.tenant.catalog.object(referencedType).label.toLowerCase()}; here the rules select ${here}, so only a segment of ${here} can be referenced` +
          (root !== 'contacts' && referencedType === 'contacts' ? ` (to use it, wrap it in a relation to their contacts)` : ''),
      );
    }
    const cycle = this.cycleThrough(r.value);
    if (cycle) return this.error(`${path}.segment`, `segment references form a cycle: ${cycle.join(' → ')}`);
    const target = this.ctx.tenant.segments.find((s) => s.id === r.value)!;
    if (target.status === 'archived') this.warnings.push({ path: `${path}.segment`, message: `segment "${target.title}" is archived` });
    const when = raw.when ?? null;
    if (when === null) return { type: 'segment', operator: raw.operator, segment: r.value };
    let since: RelativeDate | string | null = null;
    if (when.event === 'member' && when.since !== null) {
      return this.error(`${path}.when.since`, '"member" means was ever in the segment: set since to null, or use "joined" / "left" with a since');
    }
    if (typeof when.since === 'string') {
      const iso = parseDate(when.since);
      if (!iso) return this.error(`${path}.when.since`, `expected an ISO-8601 date such as "2026-01-01" or {"amount": 30, "unit": "days"}, got ${JSON.stringify(when.since)}`);
      const why = dateOutOfRange(new Date(iso));
      if (why) return this.error(`${path}.when.since`, `${JSON.stringify(when.since)} ${why}`);
      since = iso;
    } else if (when.since !== null) {
      if (spanDays(when.since) > MAX_SPAN_DAYS) return this.error(`${path}.when.since`, `${when.since.amount} ${when.since.unit} is longer than 1,000 years; use a shorter span`);
      since = { amount: when.since.amount, unit: when.since.unit };
    }
    return { type: 'segment', operator: raw.operator, segment: r.value, when: { event: when.event, since } };
  }

  /** The chain of titles from this segment back to itself (or to any loop), if referencing `id` closes one. */
  private cycleThrough(id: string): string[] | undefined {
    const self = this.ctx.selfSegmentId;
    const byId = new Map(this.ctx.tenant.segments.map((s) => [s.id, s]));
    const title = (sid: string) => byId.get(sid)?.title ?? sid;
    const walk = (sid: string, trail: string[]): string[] | undefined => {
      if (sid === self) return [...trail, sid];
      if (trail.includes(sid)) return [...trail, sid];
      const seg = byId.get(sid);
      if (!seg || seg.type !== 'dynamic') return undefined;
      for (const ref of segmentRefs(seg.rules)) {
        const found = walk(ref, [...trail, sid]);
        if (found) return found;
      }
      return undefined;
    };
    const chain = walk(id, self ? [self] : []);
    return chain?.map((sid) => (sid === self ? 'this segment' : `"${title(sid)}"`));
  }
}

/** Segment ids referenced anywhere in a (stored, already valid) tree. */
export function segmentRefs(tree: unknown): string[] {
  const out: string[] = [];
  const visit = (n: unknown) => {
    if (!isObject(n)) return;
    if (n.type === 'segment' && typeof n.segment === 'string') out.push(n.segment);
    if (Array.isArray(n.children)) n.children.forEach(visit);
    if (n.type === 'relation') visit(n.where); // a company's contacts may be "in segment …" too
  };
  visit(tree);
  return out;
}

const YES_NO: Record<string, boolean> = { true: true, false: false, yes: true, no: false };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function spanDays(span: RelativeDate): number {
  const perUnit = { days: 1, weeks: 7, months: 30.5, years: 366 } as const;
  return span.amount * perUnit[span.unit];
}

function isRelative(v: unknown): v is RelativeDate {
  return isObject(v) && typeof v.amount === 'number' && typeof v.unit === 'string';
}

function joinPath(base: string, rest: readonly PropertyKey[]): string {
  return rest.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), base);
}

/**
 * Dates: "2025-01-01" means the start of that UTC day; a full timestamp keeps its instant.
 * Returns the canonical ISO string, or undefined when the text is not a real date.
 */
export function parseDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(m[4] ? (m[7] ? text.trim().replace(' ', 'T') : `${text.trim().replace(' ', 'T')}Z`) : `${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  if (date.getUTCFullYear() !== Number(y) && !m[7]) return undefined;
  // Reject impossible calendar dates that Date would roll over (2025-02-30 → March 2).
  if (!m[7] && (date.getUTCMonth() + 1 !== Number(mo) || date.getUTCDate() !== Number(d))) return undefined;
  return date.toISOString();
}

export type { WhereNode };
