// The catalog: the one declarative description of what a segment can talk about. The grammar's
// enums, the prompt's field list, validation messages, SQL column paths, the built-in parser's
// vocabulary and the editor's field picker all come from here. Adding a field is one entry.
import { ACTIVITY_DIRECTIONS, ACTIVITY_TYPES, DEAL_STAGES, EMAIL_EVENT_TYPES, EMAIL_STATUSES, LIFECYCLE_STAGES, TABLES } from './crm.js';

import type { FieldType } from './operators.js';

export type { FieldType };

/** Where the allowed values of an enum/reference field come from. */
export type ValueSource =
  | { kind: 'static'; values: readonly string[] }
  | { kind: 'countries' }
  | { kind: 'languages' }
  | { kind: 'tenant'; lookup: TenantLookup };

/** Values that are whatever the tenant's own rows hold. */
export type TenantLookup = 'industries' | 'tags' | 'products';

/**
 * What a reference field's value points at. Code that must treat ids specially (resolving names to
 * ids, explaining ids as names, moving definitions between tenants) chooses by this role, never by
 * a field's key.
 */
export type Reference = 'users' | 'campaigns';

/** A column, as an SQL expression over the alias of the table it lives in. Constants we wrote. */
export type Column =
  | { kind: 'column'; name: string }
  /**
   * A tenant-defined property in `contacts.properties`, read as its type: the key is a bound
   * parameter in SQL (never spliced), and a stored value of the wrong shape reads as missing.
   */
  | { kind: 'property'; property: string; read: PropertyRead };

/** How a property's stored JSON value is read: see src/sql/compile.ts (propertySql) for the exact rules. */
export type PropertyRead = 'text' | 'number' | 'boolean' | 'date' | 'text_array';

export interface FieldDef {
  /** Stable key used in rule trees, e.g. `company.industry`. */
  key: string;
  label: string;
  type: FieldType;
  column: Column;
  /** Whether the value can be missing (matters for !=, not_in, is_null). */
  nullable: boolean;
  values?: ValueSource;
  /** For reference fields: the kind of row the value is the id of. */
  references?: Reference;
  /** Other words people and models use for this field; resolved to `key` during validation. */
  synonyms: readonly string[];
  /** For enum values: words that mean a value (`sql` → `sales_qualified`). */
  valueSynonyms?: Readonly<Record<string, string>>;
  /** What the value means, for the prompt and the editor (units, format). */
  hint?: string;
  /** Set on a tenant's own field: the definition it was built from. */
  definition?: FieldDefinition;
}

export type Scope = 'contact' | 'company';

export interface ContactFieldDef extends FieldDef {
  scope: Scope;
}

export type RelationName = 'deals' | 'activities' | 'email_events' | 'fit_scores';

export interface RelationDef {
  name: RelationName;
  label: string;
  /** Singular noun for explanations: "a deal", "an activity". */
  noun: string;
  table: string;
  fields: readonly FieldDef[];
  synonyms: readonly string[];
}

const col = (name: string): Column => ({ kind: 'column', name });
const staticValues = (values: readonly string[]): ValueSource => ({ kind: 'static', values });

/** The fields every tenant has; a tenant's own definitions are added by buildCatalog. */
export const BUILTIN_CONTACT_FIELDS: readonly ContactFieldDef[] = [
  { scope: 'contact', key: 'email', label: 'Email', type: 'text', column: col('email'), nullable: false, synonyms: ['email address', 'e-mail'] },
  { scope: 'contact', key: 'first_name', label: 'First name', type: 'text', column: col('first_name'), nullable: true, synonyms: ['firstname', 'given name'] },
  { scope: 'contact', key: 'last_name', label: 'Last name', type: 'text', column: col('last_name'), nullable: true, synonyms: ['lastname', 'surname', 'family name'] },
  { scope: 'contact', key: 'phone', label: 'Phone', type: 'text', column: col('phone'), nullable: true, synonyms: ['phone number', 'telephone', 'mobile'] },
  {
    scope: 'contact',
    key: 'country',
    label: 'Country',
    type: 'enum',
    column: col('country'),
    nullable: true,
    values: { kind: 'countries' },
    synonyms: ['contact country', 'location'],
    hint: 'ISO 3166-1 alpha-2 code, e.g. DE',
  },
  {
    scope: 'contact',
    key: 'language',
    label: 'Language',
    type: 'enum',
    column: col('language'),
    nullable: true,
    values: { kind: 'languages' },
    synonyms: ['locale', 'spoken language'],
    hint: 'ISO 639-1 code, e.g. de',
  },
  {
    scope: 'contact',
    key: 'lifecycle_stage',
    label: 'Lifecycle stage',
    type: 'enum',
    column: col('lifecycle_stage'),
    nullable: false,
    values: staticValues(LIFECYCLE_STAGES),
    synonyms: ['lifecycle', 'stage', 'lifecyclestage', 'status'],
    valueSynonyms: {
      mql: 'marketing_qualified',
      'marketing qualified lead': 'marketing_qualified',
      'marketing qualified': 'marketing_qualified',
      sql: 'sales_qualified',
      'sales qualified lead': 'sales_qualified',
      'sales qualified': 'sales_qualified',
      customers: 'customer',
      leads: 'lead',
      opportunities: 'opportunity',
      churn: 'churned',
    },
  },
  {
    scope: 'contact',
    key: 'email_status',
    label: 'Email status',
    type: 'enum',
    column: col('email_status'),
    nullable: false,
    values: staticValues(EMAIL_STATUSES),
    synonyms: ['subscription status', 'email subscription'],
    valueSynonyms: { unsubscribe: 'unsubscribed', bounce: 'bounced', opted_out: 'unsubscribed' },
  },
  {
    scope: 'contact',
    key: 'owner',
    label: 'Owner',
    type: 'reference',
    column: col('owner_id'),
    nullable: true,
    references: 'users',
    synonyms: ['owner_id', 'contact owner', 'account owner', 'sales rep', 'rep'],
    hint: 'a user of the tenant, by id',
  },
  {
    scope: 'contact',
    key: 'tags',
    label: 'Tags',
    type: 'tags',
    column: col('tags'),
    nullable: false,
    values: { kind: 'tenant', lookup: 'tags' },
    synonyms: ['tag', 'label', 'labels'],
  },
  { scope: 'contact', key: 'created_at', label: 'Creation date', type: 'date', column: col('created_at'), nullable: false, synonyms: ['created', 'creation date', 'signup date', 'createdate'] },
  { scope: 'company', key: 'company.name', label: 'Company name', type: 'text', column: col('name'), nullable: true, synonyms: ['company', 'account name', 'organization'] },
  { scope: 'company', key: 'company.domain', label: 'Company domain', type: 'text', column: col('domain'), nullable: true, synonyms: ['domain', 'website'] },
  {
    scope: 'company',
    key: 'company.industry',
    label: 'Company industry',
    type: 'enum',
    column: col('industry'),
    nullable: true,
    values: { kind: 'tenant', lookup: 'industries' },
    synonyms: ['industry', 'vertical', 'sector'],
  },
  {
    scope: 'company',
    key: 'company.employee_count',
    label: 'Company size (employees)',
    type: 'number',
    column: col('employee_count'),
    nullable: true,
    synonyms: ['employees', 'employee count', 'company size', 'headcount', 'size'],
  },
  {
    scope: 'company',
    key: 'company.country',
    label: 'Company country',
    type: 'enum',
    column: col('country'),
    nullable: true,
    values: { kind: 'countries' },
    synonyms: ['hq country', 'company location'],
    hint: 'ISO 3166-1 alpha-2 code',
  },
  {
    scope: 'company',
    key: 'company.annual_revenue',
    label: 'Company annual revenue (USD)',
    type: 'number',
    column: col('annual_revenue'),
    nullable: true,
    synonyms: ['revenue', 'annual revenue', 'arr', 'turnover'],
  },
];

export const RELATIONS: readonly RelationDef[] = [
  {
    name: 'deals',
    label: 'Deals',
    noun: 'deal',
    table: TABLES.deals,
    synonyms: ['deal', 'opportunities', 'pipeline'],
    fields: [
      { key: 'name', label: 'Deal name', type: 'text', column: col('name'), nullable: false, synonyms: [] },
      {
        key: 'stage',
        label: 'Deal stage',
        type: 'enum',
        column: col('stage'),
        nullable: false,
        values: staticValues(DEAL_STAGES),
        synonyms: ['deal stage', 'dealstage'],
        valueSynonyms: { won: 'closed_won', lost: 'closed_lost', 'closed won': 'closed_won', 'closed lost': 'closed_lost' },
      },
      { key: 'amount', label: 'Deal amount (USD)', type: 'number', column: col('amount'), nullable: true, synonyms: ['value', 'deal value', 'size', 'worth'] },
      { key: 'created_at', label: 'Deal creation date', type: 'date', column: col('created_at'), nullable: false, synonyms: ['created', 'createdate'] },
      { key: 'closed_at', label: 'Deal close date', type: 'date', column: col('closed_at'), nullable: true, synonyms: ['closed', 'close date', 'closedate'] },
      {
        key: 'owner',
        label: 'Deal owner',
        type: 'reference',
        column: col('owner_id'),
        nullable: true,
        references: 'users',
        synonyms: ['owner_id', 'deal owner'],
      },
    ],
  },
  {
    name: 'activities',
    label: 'Activities',
    noun: 'activity',
    table: TABLES.activities,
    synonyms: ['activity', 'touchpoints', 'interactions', 'engagements'],
    fields: [
      { key: 'type', label: 'Activity type', type: 'enum', column: col('type'), nullable: false, values: staticValues(ACTIVITY_TYPES), synonyms: ['activity type', 'kind'] },
      {
        key: 'direction',
        label: 'Direction',
        type: 'enum',
        column: col('direction'),
        nullable: false,
        values: staticValues(ACTIVITY_DIRECTIONS),
        synonyms: [],
      },
      { key: 'occurred_at', label: 'Activity date', type: 'date', column: col('occurred_at'), nullable: false, synonyms: ['date', 'timestamp', 'when'] },
    ],
  },
  {
    name: 'email_events',
    label: 'Email events',
    noun: 'email event',
    table: TABLES.emailEvents,
    synonyms: ['email_event', 'emails', 'email engagement', 'campaign events'],
    fields: [
      {
        key: 'campaign',
        label: 'Campaign',
        type: 'reference',
        column: col('campaign_id'),
        nullable: false,
        references: 'campaigns',
        synonyms: ['campaign_id', 'campaign name'],
      },
      { key: 'type', label: 'Event type', type: 'enum', column: col('type'), nullable: false, values: staticValues(EMAIL_EVENT_TYPES), synonyms: ['event', 'event type'] },
      { key: 'occurred_at', label: 'Email event date', type: 'date', column: col('occurred_at'), nullable: false, synonyms: ['date', 'when'] },
    ],
  },
  {
    name: 'fit_scores',
    label: 'Fit scores',
    noun: 'fit score',
    table: TABLES.fitScores,
    synonyms: ['fit_score', 'fit', 'scores'],
    fields: [
      { key: 'product', label: 'Product', type: 'enum', column: col('product'), nullable: false, values: { kind: 'tenant', lookup: 'products' }, synonyms: [] },
      { key: 'score', label: 'Score', type: 'number', column: col('score'), nullable: false, synonyms: ['fit', 'fit score'], hint: '0–100' },
    ],
  },
];

// ---- a tenant's own fields ---------------------------------------------------------------------

/** The types a tenant may give its own fields. */
export const DEFINITION_TYPES = ['text', 'number', 'boolean', 'date', 'single_select', 'multi_select'] as const;
export type DefinitionType = (typeof DEFINITION_TYPES)[number];

/** The object types a field can be defined on. */
export const DEFINITION_OBJECTS = ['contacts'] as const;
export type DefinitionObject = (typeof DEFINITION_OBJECTS)[number];

/**
 * A tenant's definition of one of its own fields: what `properties.<key>` of its records holds.
 * Loaded from the field_definitions table (src/tenants/catalog.ts); plain data, so the rule engine
 * stays free of the database.
 */
export interface FieldDefinition {
  object: DefinitionObject;
  /** The property key in the record's properties; the rule key is `properties.<key>`. */
  key: string;
  label: string;
  type: DefinitionType;
  /** Allowed values of a single- or multi-select; null for the other types. */
  values: readonly string[] | null;
  synonyms: readonly string[];
  description: string | null;
}

/** The rule key a tenant field is known by in rule trees: `properties.<key>`. */
export const propertyFieldKey = (key: string): string => `properties.${key}`;

/** Property keys: what a contact's property (and so a definition) may be called; EzFlow's `customProperties.<key>` too. */
export const PROPERTY_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const ENGINE_TYPE: Record<DefinitionType, { type: FieldType; read: PropertyRead }> = {
  text: { type: 'text', read: 'text' },
  number: { type: 'number', read: 'number' },
  boolean: { type: 'boolean', read: 'boolean' },
  date: { type: 'date', read: 'date' },
  single_select: { type: 'enum', read: 'text' },
  multi_select: { type: 'tags', read: 'text_array' },
};

/** The catalog entry of a tenant field. */
export function definitionField(d: FieldDefinition): ContactFieldDef {
  const { type, read } = ENGINE_TYPE[d.type];
  return {
    scope: 'contact',
    key: propertyFieldKey(d.key),
    label: d.label,
    type,
    column: { kind: 'property', property: d.key, read },
    nullable: true,
    ...(d.values ? { values: staticValues(d.values) } : {}),
    synonyms: [...new Set([d.key, `customProperties.${d.key}`, ...d.synonyms])],
    ...(d.description ? { hint: d.description } : {}),
    definition: d,
  };
}

// ---- the catalog a request sees ----------------------------------------------------------------

/**
 * What one tenant's segments can talk about: the built-in fields and relations plus that tenant's
 * own field definitions. Built once per loaded tenant (src/tenants/catalog.ts) and passed to the
 * rule engine with the tenant's values; nothing reads a global field list.
 */
export interface Catalog {
  /** Built-in contact and company fields, then the tenant's own fields in definition order. */
  readonly contactFields: readonly ContactFieldDef[];
  readonly relations: readonly RelationDef[];
  /** The tenant's own definitions, as loaded. */
  readonly definitions: readonly FieldDefinition[];
  contactField(key: string): ContactFieldDef | undefined;
  relation(name: string): RelationDef | undefined;
  relationField(rel: RelationDef, key: string): FieldDef | undefined;
}

/** A catalog of the built-in fields plus `definitions` (which must have distinct object/key pairs). */
export function buildCatalog(definitions: readonly FieldDefinition[]): Catalog {
  const own = definitions.filter((d) => d.object === 'contacts').map(definitionField);
  const contactFields = [...BUILTIN_CONTACT_FIELDS, ...own];
  const byKey = new Map(contactFields.map((f) => [f.key, f]));
  return {
    contactFields,
    relations: RELATIONS,
    definitions,
    contactField: (key) => byKey.get(key),
    relation: (name) => relationByName.get(name as RelationName),
    relationField: (rel, key) => rel.fields.find((f) => f.key === key),
  };
}

/** The catalog of a tenant that has defined no fields of its own. */
export const BUILTIN_CATALOG: Catalog = buildCatalog([]);

const relationByName = new Map(RELATIONS.map((r) => [r.name, r]));

/** A relation by name; relations are the same for every tenant. */
export function relation(name: string): RelationDef | undefined {
  return relationByName.get(name as RelationName);
}

export function relationField(rel: RelationDef, key: string): FieldDef | undefined {
  return rel.fields.find((f) => f.key === key);
}

/** Finds a field by its key or one of its synonyms (case- and separator-insensitive). */
export function resolveFieldName<F extends FieldDef>(fields: readonly F[], name: string): F | undefined {
  const wanted = squash(name);
  return (
    fields.find((f) => squash(f.key) === wanted) ??
    fields.find((f) => squash(f.label) === wanted || f.synonyms.some((s) => squash(s) === wanted))
  );
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_\-.]+/g, '');
}
