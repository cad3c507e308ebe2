// What the reviewer page needs to build its editor: the catalog's fields and relations with their
// operators (labelled per field type) and the tenant's values as ready-made choices. Everything here
// is derived from src/rules/catalog.ts, src/rules/grammar.ts and the tenant — nothing is listed twice.
import type { Role } from '../auth/keys.js';
import { type Permission, permissionsOf, type Policy } from '../auth/policy.js';
import { EMAIL_EVENT_TYPES } from '../rules/crm.js';
import type { DefinitionType, FieldDef, FieldType, RelationName, Scope } from '../rules/catalog.js';
import { MATCH_MODES, RELATIVE_UNITS } from '../rules/grammar.js';
import { type CanonicalOperator, COUNT_OPERATORS, countForm, OPERATORS_BY_TYPE, operatorLabel, operatorSpec, type ValueShape } from '../rules/operators.js';
import type { TenantValues } from '../rules/tenant.js';
import { countryName, languageName, tenantValues } from '../rules/values.js';

export interface UiChoice {
  value: string;
  label: string;
}

export interface UiOperator {
  value: CanonicalOperator;
  label: string;
  /** The value it takes, so the editor offers the right input. */
  shape: ValueShape;
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
  /** On the tenant's own fields: the type it was defined with (`multi_select` reads as a list). */
  defined: { type: DefinitionType; description: string | null } | null;
}

export interface UiRelation {
  name: RelationName;
  label: string;
  noun: string;
  fields: UiField[];
}

export interface UiCatalog {
  principal: { orgId: string; role: Role };
  /** The policy in force (src/auth/policy.ts): which roles may do what, and what this key may. */
  policy: Policy;
  may: Record<Permission, boolean>;
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

const MATCH_LABELS = { any: 'any of', all: 'each of', none: 'none of' } as const satisfies Record<(typeof MATCH_MODES)[number], string>;

/** A multi-select is a set like tags, but of named values, not labels on the contact. */
const MULTI_SELECT_LABELS: Partial<Record<CanonicalOperator, string>> = {
  eq: 'includes',
  neq: 'does not include',
  in: 'includes any of',
  not_in: 'includes none of',
  is_null: 'is empty',
  is_not_null: 'is not empty',
};

function operators(field: FieldDef): UiOperator[] {
  const own = field.definition?.type === 'multi_select' ? MULTI_SELECT_LABELS : {};
  return OPERATORS_BY_TYPE[field.type].map((op) => ({ value: op, label: own[op] ?? operatorLabel(op, field.type), shape: operatorSpec(op).value }));
}

/** Count bounds in the order the editor offers them (most used first). */
function countOperators(): UiChoice[] {
  return [...COUNT_OPERATORS].sort((a, b) => countForm(a).offer - countForm(b).offer).map((op) => ({ value: op, label: countForm(op).label }));
}

function choices(field: FieldDef, tenant: TenantValues): UiChoice[] | null {
  if (field.references === 'users') return ownerChoices(tenant);
  if (field.references === 'campaigns') return campaignChoices(tenant);
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
      return plain(tenantValues(source.lookup, tenant));
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
    operators: operators(field),
    choices: field.type === 'boolean' ? [{ value: 'true', label: 'yes' }, { value: 'false', label: 'no' }] : choices(field, tenant),
    defined: field.definition ? { type: field.definition.type, description: field.definition.description } : null,
  };
}

export function uiCatalog(tenant: TenantValues, principal: UiCatalog['principal'], policy: Policy): UiCatalog {
  return {
    principal,
    policy,
    may: permissionsOf(policy, principal.role),
    fields: tenant.catalog.contactFields.map((f) => uiField(f, f.scope, tenant)),
    relations: tenant.catalog.relations.map((r) => ({ name: r.name, label: r.label, noun: r.noun, fields: r.fields.map((f) => uiField(f, null, tenant)) })),
    operatorsByType: Object.fromEntries(Object.entries(OPERATORS_BY_TYPE).map(([t, ops]) => [t, [...ops]])) as UiCatalog['operatorsByType'],
    relativeUnits: [...RELATIVE_UNITS],
    countOperators: countOperators(),
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
