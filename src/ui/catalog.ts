// What the reviewer page needs to build its editor: the catalog's fields and relations with their
// operators (labelled per field type) and the tenant's values as ready-made choices. Everything here
// is derived from src/rules/catalog.ts, src/rules/grammar.ts and the tenant — nothing is listed twice.
import type { Role } from '../auth/keys.js';
import { EMAIL_EVENT_TYPES } from '../db/schema.js';
import {
  type CanonicalOperator,
  CONTACT_FIELDS,
  type FieldDef,
  type FieldType,
  OPERATORS_BY_TYPE,
  RELATIONS,
  type RelationName,
  type Scope,
} from '../rules/catalog.js';
import { type CountOperator, MATCH_MODES, RELATIVE_UNITS } from '../rules/grammar.js';
import type { TenantValues } from '../rules/tenant.js';
import { countryName, languageName } from '../rules/values.js';

export interface UiChoice {
  value: string;
  label: string;
}

export interface UiOperator {
  value: CanonicalOperator;
  label: string;
}

export interface UiField {
  key: string;
  label: string;
  /** Contact fields only: whose property it is, for grouping the picker. */
  scope: Scope | null;
  type: FieldType;
  nullable: boolean;
  hint: string | null;
  operators: UiOperator[];
  /** Allowed values, when the field has a closed set (enum, tags, owners, campaigns…). */
  choices: UiChoice[] | null;
}

export interface UiRelation {
  name: RelationName;
  label: string;
  noun: string;
  fields: UiField[];
}

export interface UiCatalog {
  principal: { orgId: string; role: Role };
  /** Roles that may approve drafts and edit segment definitions. */
  definitionRoles: Role[];
  fields: UiField[];
  relations: UiRelation[];
  operatorsByType: Record<FieldType, CanonicalOperator[]>;
  relativeUnits: string[];
  countOperators: UiChoice[];
  matchModes: UiChoice[];
  emailEvents: string[];
  tenant: {
    tags: string[];
    industries: string[];
    products: string[];
    countries: UiChoice[];
    languages: UiChoice[];
    owners: UiChoice[];
    campaigns: (UiChoice & { sentAt: string | null })[];
    segments: { id: string; title: string; slug: string; type: 'static' | 'dynamic'; status: 'active' | 'archived' }[];
  };
}

/** How each operator reads in the editor; a new operator does not compile until it has a label. */
const OPERATOR_LABELS = {
  eq: 'is',
  neq: 'is not',
  in: 'is any of',
  not_in: 'is none of',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  ends_with: 'ends with',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  is_null: 'is empty',
  is_not_null: 'is not empty',
  within_last: 'is within the last',
  more_than_ago: 'is more than … ago',
} as const satisfies Record<CanonicalOperator, string>;

/** Where a field type reads differently ("is after" for dates, "has tag" for tags). */
const TYPE_LABELS: Partial<Record<FieldType, Partial<Record<CanonicalOperator, string>>>> = {
  date: { gt: 'is after', gte: 'is on or after', lt: 'is before', lte: 'is on or before' },
  tags: { eq: 'has tag', neq: 'lacks tag', in: 'has any of', not_in: 'has none of', is_null: 'has no tags', is_not_null: 'has some tag' },
};

// In the order the editor offers them.
const COUNT_LABELS = { gte: 'at least', gt: 'more than', eq: 'exactly', lte: 'at most', lt: 'fewer than' } as const satisfies Record<CountOperator, string>;
const MATCH_LABELS = { any: 'any of', all: 'each of', none: 'none of' } as const satisfies Record<(typeof MATCH_MODES)[number], string>;

function operators(type: FieldType): UiOperator[] {
  return OPERATORS_BY_TYPE[type].map((op) => ({ value: op, label: TYPE_LABELS[type]?.[op] ?? OPERATOR_LABELS[op] }));
}

function choices(field: FieldDef, tenant: TenantValues): UiChoice[] | null {
  const source = field.values;
  if (!source) return null;
  const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
  switch (source.kind) {
    case 'static':
      return plain(source.values);
    case 'countries':
      return countryChoices(tenant);
    case 'languages':
      return languageChoices(tenant);
    case 'tenant':
      switch (source.lookup) {
        case 'industries':
          return plain(tenant.industries);
        case 'products':
          return plain(tenant.products);
        case 'tags':
          return plain(tenant.tags);
        case 'owners':
          return ownerChoices(tenant);
        case 'campaigns':
          return campaignChoices(tenant);
      }
  }
}

// Countries and languages offered are the ones in the tenant's data; the editor keeps any other
// valid code a rule already holds, and the server validates against the full ISO lists.
const byLabel = (a: UiChoice, b: UiChoice) => a.label.localeCompare(b.label, 'en');
const countryChoices = (t: TenantValues) => t.countries.map((c) => ({ value: c, label: `${countryName(c)} (${c})` })).sort(byLabel);
const languageChoices = (t: TenantValues) => t.languages.map((l) => ({ value: l, label: `${languageName(l)} (${l})` })).sort(byLabel);
const ownerChoices = (t: TenantValues) => t.owners.map((o) => ({ value: o.id, label: `${o.name} <${o.email}>` }));
const campaignChoices = (t: TenantValues) =>
  t.campaigns.map((c) => ({ value: c.id, label: c.sentAt ? `${c.name} (sent ${c.sentAt.toISOString().slice(0, 10)})` : `${c.name} (not sent)`, sentAt: c.sentAt?.toISOString() ?? null }));

function uiField(field: FieldDef, scope: Scope | null, tenant: TenantValues): UiField {
  return {
    key: field.key,
    label: field.label,
    scope,
    type: field.type,
    nullable: field.nullable,
    hint: field.hint ?? null,
    operators: operators(field.type),
    choices: choices(field, tenant),
  };
}

export function uiCatalog(tenant: TenantValues, principal: UiCatalog['principal'], definitionRoles: readonly Role[]): UiCatalog {
  return {
    principal,
    definitionRoles: [...definitionRoles],
    fields: CONTACT_FIELDS.map((f) => uiField(f, f.scope, tenant)),
    relations: RELATIONS.map((r) => ({ name: r.name, label: r.label, noun: r.noun, fields: r.fields.map((f) => uiField(f, null, tenant)) })),
    operatorsByType: Object.fromEntries(Object.entries(OPERATORS_BY_TYPE).map(([t, ops]) => [t, [...ops]])) as UiCatalog['operatorsByType'],
    relativeUnits: [...RELATIVE_UNITS],
    countOperators: Object.entries(COUNT_LABELS).map(([value, label]) => ({ value, label })),
    matchModes: MATCH_MODES.map((m) => ({ value: m, label: MATCH_LABELS[m] })),
    emailEvents: [...EMAIL_EVENT_TYPES],
    tenant: {
      tags: tenant.tags,
      industries: tenant.industries,
      products: tenant.products,
      countries: countryChoices(tenant),
      languages: languageChoices(tenant),
      owners: ownerChoices(tenant),
      campaigns: campaignChoices(tenant),
      segments: tenant.segments.map((s) => ({ id: s.id, title: s.title, slug: s.slug, type: s.type, status: s.status })),
    },
  };
}
