// A canonical tree as one plain-English sentence a marketer can check against what they meant.
import { type FieldDef, type ObjectType, type RelationDef } from './catalog.js';
import type { Condition, Engagement, Group, Node, RelationCondition, RuleTree, SegmentMembership, Value, WhereGroup } from './grammar.js';
import type { TenantValues } from './tenant.js';
import { type CanonicalOperator, countForm, operatorSpec, type Said } from './operators.js';
import { countryName, languageName, referenceName } from './values.js';

type Names = Pick<TenantValues, 'catalog' | 'owners' | 'campaigns' | 'segments'>;

/** "Contacts whose …", "Companies that have …": a tree of `objectType` (default contacts). */
export function explain(tree: RuleTree, tenant: Names, objectType: ObjectType = 'contacts'): string {
  const e = new Explainer(tenant);
  return `${tenant.catalog.object(objectType).label} ${e.group(tree, { root: objectType, rel: undefined }, true)}.`;
}

/** Where a node is read: an object type's root (reached through `rel` or not), or a leaf relation's rows. */
type Scope = { root: ObjectType; rel: RelationDef | undefined } | { root: undefined; rel: RelationDef };

/** "neither A nor B"; "who neither opened X nor clicked Y" when each part is a "who" clause. */
function neither(parts: string[]): string {
  if (parts.every((p) => p.startsWith('who ') && !p.includes(' and who ') && !p.includes(' or who '))) return `who neither ${parts.map((p) => p.slice(4)).join(' nor ')}`;
  return `neither ${parts.join(' nor ')}`;
}

class Explainer {
  constructor(private readonly names: Names) {}

  group(g: Group | WhereGroup, scope: Scope, top = false): string {
    const parts = (g.children as Node[]).map((c) => this.node(c, scope));
    // "either A or B, and C": a comma closes a nested alternative before the last part, so it does not read as "either A or (B and C)".
    const first = g.children[0] as Node;
    const nested = parts.length === 2 && first.type === 'group' && !first.negate && first.children.length > 1;
    const joined = nested ? `${parts[0]}, ${g.op} ${parts[1]}` : joinList(parts, g.op);
    const body = top || parts.length === 1 ? joined : g.op === 'or' ? `either ${joined}` : `both ${joined}`;
    if (!g.negate) return body;
    // NOT (A or B): "neither A nor B".
    const only = g.children.length === 1 ? (g.children[0] as Node) : undefined;
    if (only?.type === 'group' && only.op === 'or' && !only.negate && only.children.length > 1) {
      return neither((only.children as Node[]).map((c) => this.node(c, scope)));
    }
    if (g.op === 'or' && parts.length > 1) return neither(parts);
    return parts.length === 1 ? negated(body) : `that do not match (${joined})`;
  }

  private node(n: Node, scope: Scope): string {
    switch (n.type) {
      case 'group':
        return this.group(n, scope);
      case 'condition':
        return this.condition(n, scope);
      case 'relation':
        return this.relation(n, scope.root ?? 'contacts');
      case 'engagement':
        return this.engagement(n);
      case 'segment':
        return this.segment(n, scope);
    }
  }

  private condition(c: Condition, scope: Scope): string {
    const rel = scope.root ? undefined : scope.rel;
    const field = scope.root ? this.names.catalog.rootField(scope.root, c.field) : scope.rel.fields.find((f) => f.key === c.field);
    if (!field) return `${c.field} ${c.operator} ${JSON.stringify(c.value)}`;
    const spec = operatorSpec(c.operator as CanonicalOperator);
    const said = this.said(c, field);
    // The contact's tags read as "tagged"; a tenant's multi-select as "whose interests include …".
    if (field.type === 'tags' && spec.saysTags && !field.definition) return spec.saysTags(said);
    if (field.references && !rel && spec.value === 'none') {
      return `${who(scope)} have ${c.operator === 'is_null' ? 'no' : 'an'} ${field.label.toLowerCase()}`;
    }
    const noun = rel?.noun ?? (scope.root && scope.root !== 'contacts' ? this.names.catalog.object(scope.root).noun : undefined);
    const label = noun ? field.label.toLowerCase().replace(new RegExp(`^${noun} `), '') : field.label.toLowerCase();
    return `whose ${label} ${(spec.saysFor?.[field.type] ?? spec.says)(said)}`;
  }

  /** The condition's value(s), rendered for whichever way its operator says them. */
  private said(c: Condition, field: FieldDef): Said {
    const v = (x: Value) => this.value(field, x);
    const items = (Array.isArray(c.value) ? c.value : [c.value as string]).map((x) => (field.type === 'tags' ? quote(x) : v(x)));
    const [low, high] = Array.isArray(c.value) ? c.value : [c.value, c.value];
    return {
      one: field.type === 'tags' ? quote(c.value) : v(c.value),
      anyOf: joinList(items, 'or'),
      allOf: joinList(items, 'and'),
      low: v(low ?? null),
      high: v(high ?? null),
      span: c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value) ? span(c.value) : '',
      nullable: field.nullable,
    };
  }

  private value(field: FieldDef, x: Value): string {
    if (typeof x === 'number') return x.toLocaleString('en-US');
    if (typeof x !== 'string') return JSON.stringify(x);
    if (field.type === 'date') return x.endsWith('T00:00:00.000Z') ? x.slice(0, 10) : x;
    if (field.values?.kind === 'countries') return countryName(x);
    if (field.values?.kind === 'languages') return languageName(x);
    if (field.references === 'users') return referenceName(field.references, x, this.names) ?? x;
    if (field.references) return quote(referenceName(field.references, x, this.names) ?? x);
    if (field.type === 'enum') return x.replace(/_/g, ' ');
    return quote(x);
  }

  private campaign(id: string): string {
    return this.names.campaigns.find((c) => c.id === id)?.name ?? id;
  }

  private relation(r: RelationCondition, from: ObjectType): string {
    const rel = this.names.catalog.relation(r.relation, from)!;
    const engaged = r.relation === 'email_events' && r.count === null ? this.emailShorthand(r) : undefined;
    if (engaged) return engaged;
    const inner: Scope = rel.target ? { root: rel.target, rel } : { root: undefined, rel };
    const where = r.where ? ` ${this.group(r.where, inner, true)}` : '';
    const subject = who({ root: from, rel: undefined });
    if (r.count) {
      const bound = countForm(r.count.operator).label;
      const noun = r.count.value === 1 ? rel.noun : plural(rel.noun);
      const phrase = `${bound} ${r.count.value} ${noun}${where}`;
      return r.has ? `${subject} have ${phrase}` : `${subject} do not have ${phrase}`;
    }
    return r.has ? `${subject} have ${article(rel.noun)}${where}` : `${subject} have no ${rel.noun}${where}`;
  }

  /** "who opened “Spring Sale”", "who never clicked any campaign": email events said as a marketer would. */
  private emailShorthand(r: RelationCondition): string | undefined {
    const conds = (r.where?.children ?? []) as Node[];
    if (r.where?.negate || r.where?.op !== 'and') return undefined;
    const type = conds.find((c): c is Condition => c.type === 'condition' && c.field === 'type' && c.operator === 'eq');
    const campaign = conds.find((c): c is Condition => c.type === 'condition' && c.field === 'campaign' && (c.operator === 'eq' || c.operator === 'in'));
    if (!type || conds.length !== (campaign ? 2 : 1)) return undefined;
    const verb = EVENT_VERBS[type.value as keyof typeof EVENT_VERBS];
    if (!campaign) return r.has ? `who ${verb.past} any campaign` : `who never ${verb.base} any campaign`;
    const names = joinList((Array.isArray(campaign.value) ? campaign.value : [campaign.value as string]).map((id) => quote(this.campaign(String(id)))), 'or');
    return r.has ? `who ${verb.past} ${names}` : `who did not ${verb.base} ${names}`;
  }

  private engagement(e: Engagement): string {
    const verb = EVENT_VERBS[e.event];
    const set =
      e.campaigns.last !== null
        ? e.campaigns.last === 1
          ? 'the last campaign'
          : `the last ${e.campaigns.last} campaigns`
        : e.campaigns.ids
          ? joinList(e.campaigns.ids.map((id) => quote(this.campaign(id))), 'and')
          : 'every campaign';
    if (e.campaigns.last === null && !e.campaigns.ids) {
      return e.match === 'all' ? `who ${verb.past} every campaign` : e.match === 'none' ? `who ${verb.past} no campaign` : `who ${verb.past} any campaign`;
    }
    const one = e.campaigns.last === 1 || (e.campaigns.last === null && e.campaigns.ids?.length === 1);
    if (one && e.match !== 'none') return `who ${verb.past} ${set}`;
    switch (e.match) {
      case 'all':
        return `who ${verb.past} each of ${set}`;
      case 'any':
        return `who ${verb.past} at least one of ${set}`;
      case 'none':
        return `who ${verb.past} none of ${set}`;
    }
  }

  private segment(s: SegmentMembership, scope: Scope): string {
    const title = this.names.segments.find((x) => x.id === s.segment)?.title ?? s.segment;
    const seg = `the segment ${quote(title)}`;
    const yes = s.operator === 'in';
    const w = who(scope);
    if (!s.when) return `${w} are ${yes ? '' : 'not '}in ${seg}`;
    if (s.when.event === 'member') return `${w} were ${yes ? 'ever' : 'never'} in ${seg}`;
    const since = s.when.since;
    const when =
      since === null
        ? ''
        : typeof since === 'string'
          ? ` since ${since.endsWith('T00:00:00.000Z') ? since.slice(0, 10) : since}`
          : ` in the last ${span(since)}`;
    const verb = s.when.event === 'joined' ? (yes ? 'joined' : 'did not join') : yes ? 'left' : 'did not leave';
    return `${w} ${since === null && yes ? `have ${s.when.event === 'joined' ? 'joined' : 'left'}` : verb} ${seg}${when}`;
  }
}

const EVENT_VERBS = {
  delivered: { past: 'received', base: 'receive' },
  opened: { past: 'opened', base: 'open' },
  clicked: { past: 'clicked', base: 'click' },
  unsubscribed: { past: 'unsubscribed from', base: 'unsubscribe from' },
  bounced: { past: 'bounced on', base: 'bounce on' },
} as const;

/** Contacts are "who", companies and deals "that"; a leaf relation's rows are whatever the relation says. */
function who(scope: Scope): string {
  return scope.root === undefined || scope.root === 'contacts' ? 'who' : 'that';
}

function quote(x: Value): string {
  return `“${String(x)}”`;
}

function span(x: Value): string {
  const { amount, unit } = x as { amount: number; unit: string };
  return `${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`;
}

const BASE_VERBS: Record<string, string> = { opened: 'open', clicked: 'click', received: 'receive', bounced: 'bounce', unsubscribed: 'unsubscribe' };

/** One clause said negatively: "who are not tagged …", "who do not have …", "whose country is not …". */
function negated(body: string): string {
  if (body.startsWith('who are ')) return `who are not ${body.slice(8)}`;
  if (body.startsWith('who were ever ')) return `who were never ${body.slice(14)}`;
  if (body.startsWith('who were ')) return `who were not ${body.slice(9)}`;
  if (body.startsWith('who have left ')) return `who have not left ${body.slice(14)}`;
  if (body.startsWith('who joined ')) return `who did not join ${body.slice(11)}`;
  if (body.startsWith('who have at least one ')) return `who have no ${body.slice(22)}`;
  if (body.startsWith('who have ')) return `who do not have ${body.slice(9)}`;
  const verb = /^who (opened|clicked|received|bounced|unsubscribed) /.exec(body);
  // "who clicked at least one of A and B" → "who clicked none of A and B" (not "did not click at least one").
  if (verb && body.startsWith('at least one of ', verb[0].length)) return `who ${verb[1]} none of ${body.slice(verb[0].length + 16)}`;
  if (verb) return `who did not ${BASE_VERBS[verb[1]!]} ${body.slice(verb[0].length)}`;
  // "whose country is Germany or France" → "whose country is neither Germany nor France".
  const pair = /^whose ([^,]+?) is ([^,]+?) or ([^,]+)$/.exec(body);
  if (pair && !pair[2]!.includes(' and ') && !pair[3]!.includes(' or ')) return `whose ${pair[1]} is neither ${pair[2]} nor ${pair[3]}`;
  const whose = /^whose ([^,]+?) is (?!not )/.exec(body);
  if (whose && !body.includes(' or ') && !body.includes(' and ')) return `whose ${whose[1]} is not ${body.slice(whose[0].length)}`;
  return `not ${body}`;
}

function joinList(parts: string[], word: string): string {
  if (parts.length <= 1) return parts.join('');
  if (parts.length === 2) return `${parts[0]} ${word} ${parts[1]}`;
  return `${parts.slice(0, -1).join(', ')}, ${word} ${parts[parts.length - 1]}`;
}

function plural(noun: string): string {
  return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
