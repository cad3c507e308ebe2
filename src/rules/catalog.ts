// The catalog: the one declarative description of what a segment can talk about. The grammar's
// enums, the prompt's field list, validation messages, SQL column paths, the built-in parser's
// vocabulary and the editor's field picker all come from here. Adding a field is one entry.
import { ACTIVITY_DIRECTIONS, ACTIVITY_TYPES, DEAL_STAGES, EMAIL_EVENT_TYPES, EMAIL_STATUSES, LIFECYCLE_STAGES, OBJECT_TYPES, TABLES } from './crm.js';

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

export const RELATION_NAMES = ['deals', 'activities', 'email_events', 'fit_scores', 'contacts', 'company', 'contact'] as const;
export type RelationName = (typeof RELATION_NAMES)[number];

export interface RelationDef {
  name: RelationName;
  label: string;
  /** Singular noun for explanations: "a deal", "an activity". */
  noun: string;
  table: string;
  /** How a related row belongs to the row it is read from: `related.<column> = owner.<ownerColumn>`. */
  join: { column: string; ownerColumn: string };
  /**
   * When the related rows are an object type of their own (a company's contacts, a deal's company),
   * `where` is read at that type's root: its fields, its relations, its node kinds. Otherwise `where`
   * holds conditions on `fields` only.
   */
  target?: ObjectType;
  fields: readonly FieldDef[];
  synonyms: readonly string[];
}

const col = (name: string): Column => ({ kind: 'column', name });
const staticValues = (values: readonly string[]): ValueSource => ({ kind: 'static', values });

/** The fields every tenant has; a tenant's own definitions are added by buildCatalog. */
export const BUILTIN_CONTACT_FIELDS: readonly ContactFieldDef[] = [
  { scope: 'contact', key: 'email', label: 'Email', type: 'text', column: col('email'), nullable: false, synonyms: ['email address', 'e-mail', 'e-mail address', 'mail address', 'mailing address', 'address', 'addresses'] },
  { scope: 'contact', key: 'first_name', label: 'First name', type: 'text', column: col('first_name'), nullable: true, synonyms: ['firstname', 'given name'] },
  { scope: 'contact', key: 'last_name', label: 'Last name', type: 'text', column: col('last_name'), nullable: true, synonyms: ['lastname', 'surname', 'family name'] },
  { scope: 'contact', key: 'phone', label: 'Phone', type: 'text', column: col('phone'), nullable: true, synonyms: ['phone number', 'telephone', 'mobile', 'mobile number', 'cell', 'cell phone', 'cell number', 'telephone number'] },
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
    synonyms: ['locale', 'spoken language', 'preferred language', 'primary language', 'lang'],
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
      clients: 'customer',
      client: 'customer',
      leads: 'lead',
      opportunities: 'opportunity',
      churn: 'churned',
      // Customers no longer: "former customers", "ex-customers", "lost customers" (a customer we lost).
      'former customers': 'churned', 'former customer': 'churned', 'former clients': 'churned', 'ex customers': 'churned', 'ex customer': 'churned',
      'ex clients': 'churned', 'lost customers': 'churned', 'lost customer': 'churned', 'lost clients': 'churned',
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
    valueSynonyms: { unsubscribe: 'unsubscribed', bounce: 'bounced', bouncing: 'bounced', bounces: 'bounced', 'hard bounced': 'bounced', 'hard bounce': 'bounced', 'hard bouncing': 'bounced', opted_out: 'unsubscribed', 'suppression list': 'suppressed', suppression: 'suppressed', 'opted out': 'unsubscribed', 'opted in': 'subscribed', 'opt in': 'subscribed', inscribed: 'subscribed',
      // "subscribed to our emails", "on the mailing list": the list is the email subscription itself.
      ...Object.fromEntries(['subscribed', 'inscribed', 'unsubscribed'].flatMap((status) => ['to our emails', 'to our mailing list', 'to the mailing list', 'to our newsletter emails', 'to emails', 'to our email list', 'to the email list', 'to marketing emails', 'to our marketing emails', 'from our emails', 'from our mailing list', 'from the mailing list', 'from emails', 'from marketing emails'].map((to) => [`${status} ${to}`, status === 'inscribed' ? 'subscribed' : status]))),
      'email subscription': 'subscribed', 'an email subscription': 'subscribed', 'on the mailing list': 'subscribed', 'on our mailing list': 'subscribed', 'on our email list': 'subscribed', 'off the mailing list': 'unsubscribed' },
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
    synonyms: ['employees', 'employee count', 'company size', 'headcount', 'size', 'staff', 'people on staff', 'workforce'],
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
    synonyms: ['revenue', 'annual revenue', 'arr', 'turnover', 'making', 'makes', 'revenues', 'bringing in', 'brings in', 'turning over', 'turns over', 'turned over'],
  },
];

export const RELATIONS: readonly RelationDef[] = [
  {
    name: 'deals',
    label: 'Deals',
    noun: 'deal',
    table: TABLES.deals,
    join: { column: 'contact_id', ownerColumn: 'id' },
    synonyms: ['deal', 'opportunity', 'opportunities', 'pipeline'],
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
    join: { column: 'contact_id', ownerColumn: 'id' },
    synonyms: ['activity', 'touchpoints', 'touchpoint', 'touch', 'touches', 'interactions', 'interaction', 'engagements'],
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
    join: { column: 'contact_id', ownerColumn: 'id' },
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
    join: { column: 'contact_id', ownerColumn: 'id' },
    synonyms: ['fit_score', 'fit', 'fits', 'scores', 'product fit', 'product fits', 'product fit score', 'product fit scores'],
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

// ---- object types ------------------------------------------------------------------------------

export { OBJECT_TYPES };
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** A company's own fields: the contact's `company.*` fields, read at the company itself. */
export const BUILTIN_COMPANY_FIELDS: readonly FieldDef[] = BUILTIN_CONTACT_FIELDS.filter((f) => f.scope === 'company').map(({ scope: _scope, ...f }) => ({
  ...f,
  key: f.key.replace(/^company\./, ''),
  label: f.label.replace(/^Company (\w)/, (_m, c: string) => c.toUpperCase()),
  synonyms: [...new Set([f.key, ...f.synonyms.filter((s) => s !== 'company')])],
}));

const DEAL_RELATION = RELATIONS.find((r) => r.name === 'deals')!;
/** A deal's own fields: the same as a contact's deals relation reads. */
export const BUILTIN_DEAL_FIELDS: readonly FieldDef[] = DEAL_RELATION.fields;

const CONTACT_NOUNS = { label: 'Contacts', noun: 'contact', synonyms: ['contact', 'people', 'persons', 'leads'] };
const COMPANY_NOUNS = { label: 'Companies', noun: 'company', synonyms: ['company', 'accounts', 'account', 'organizations', 'organisations', 'organization', 'businesses'] };

/**
 * One object type as a catalog sees it. Its names, table and relations are the same for every
 * tenant; its `fields` are the built-in ones plus, in a tenant's catalog, that tenant's definitions
 * on this object. A relation whose `target` is an object type reads its `where` at that type's root
 * (so through `Catalog.rootField`, tenant fields included), never through the relation's `fields`.
 */
export interface ObjectDef {
  type: ObjectType;
  /** "Contacts", "Companies", "Deals": how an explanation starts. */
  label: string;
  /** Singular noun: "contact", "company", "deal". */
  noun: string;
  /** Words that name this object type in a description ("accounts", "opportunities"). */
  synonyms: readonly string[];
  table: string;
  fields: readonly FieldDef[];
  relations: readonly RelationDef[];
  /** Whether email engagement over campaigns applies (only contacts receive campaigns). */
  engagement: boolean;
}

/** The object types with their built-in fields: what BUILTIN_CATALOG.object(type) answers. */
export const BUILTIN_OBJECTS: Readonly<Record<ObjectType, ObjectDef>> = {
  contacts: { type: 'contacts', ...CONTACT_NOUNS, table: TABLES.contacts, fields: BUILTIN_CONTACT_FIELDS, relations: RELATIONS, engagement: true },
  companies: {
    type: 'companies',
    ...COMPANY_NOUNS,
    table: TABLES.companies,
    fields: BUILTIN_COMPANY_FIELDS,
    engagement: false,
    relations: [
      { name: 'contacts', ...CONTACT_NOUNS, table: TABLES.contacts, join: { column: 'company_id', ownerColumn: 'id' }, target: 'contacts', fields: BUILTIN_CONTACT_FIELDS },
      { ...DEAL_RELATION, join: { column: 'company_id', ownerColumn: 'id' } },
    ],
  },
  deals: {
    type: 'deals',
    label: 'Deals',
    noun: 'deal',
    // Not "opportunities": that is a contact's lifecycle stage ("opportunities with a call logged").
    synonyms: ['deal'],
    table: TABLES.deals,
    fields: BUILTIN_DEAL_FIELDS,
    engagement: false,
    relations: [
      { name: 'contact', label: 'Contact', noun: 'contact', synonyms: ['contacts', 'person'], table: TABLES.contacts, join: { column: 'id', ownerColumn: 'contact_id' }, target: 'contacts', fields: BUILTIN_CONTACT_FIELDS },
      { name: 'company', label: 'Company', noun: 'company', synonyms: COMPANY_NOUNS.synonyms, table: TABLES.companies, join: { column: 'id', ownerColumn: 'company_id' }, target: 'companies', fields: BUILTIN_COMPANY_FIELDS },
    ],
  },
};

// ---- the catalog a request sees ----------------------------------------------------------------

/**
 * What one tenant's segments can talk about: per object type, the built-in fields and relations
 * plus that tenant's own field definitions on that object. Built once per loaded tenant
 * (src/tenants/catalog.ts) and passed to the rule engine with the tenant's values; nothing reads a
 * global field list.
 */
export interface Catalog {
  /** Built-in contact and company fields, then the tenant's own contact fields in definition order. */
  readonly contactFields: readonly ContactFieldDef[];
  /** The relations read from a contact. */
  readonly relations: readonly RelationDef[];
  /** The tenant's own definitions, as loaded. */
  readonly definitions: readonly FieldDefinition[];
  /** An object type: its fields (built-in + the tenant's on it) and relations. */
  object(type: ObjectType): ObjectDef;
  /** A field of an object type's root by key (`contacts`: contactField). */
  rootField(type: ObjectType, key: string): FieldDef | undefined;
  contactField(key: string): ContactFieldDef | undefined;
  /** A relation by name, as read from a contact (the default) or from another object type's root. */
  relation(name: string, from?: ObjectType): RelationDef | undefined;
  relationField(rel: RelationDef, key: string): FieldDef | undefined;
}

/** A catalog of the built-in fields plus `definitions` (which must have distinct object/key pairs). */
export function buildCatalog(definitions: readonly FieldDefinition[]): Catalog {
  const ownOn = (type: ObjectType) => definitions.filter((d) => (d.object as ObjectType) === type).map(definitionField);
  const contactFields: readonly ContactFieldDef[] = [...BUILTIN_CONTACT_FIELDS, ...ownOn('contacts')];
  const objects = Object.fromEntries(
    OBJECT_TYPES.map((type) => {
      const builtin = BUILTIN_OBJECTS[type];
      const fields: readonly FieldDef[] = type === 'contacts' ? contactFields : [...builtin.fields, ...ownOn(type).map(({ scope: _scope, ...f }) => f)];
      return [type, { ...builtin, fields }];
    }),
  ) as Record<ObjectType, ObjectDef>;
  const byKey = new Map(contactFields.map((f) => [f.key, f]));
  const fieldsByType = new Map(OBJECT_TYPES.map((type) => [type, new Map(objects[type].fields.map((f) => [f.key, f]))]));
  return {
    contactFields,
    relations: RELATIONS,
    definitions,
    object: (type) => objects[type],
    rootField: (type, key) => fieldsByType.get(type)?.get(key),
    contactField: (key) => byKey.get(key),
    relation: (name, from = 'contacts') => objects[from].relations.find((r) => r.name === name),
    relationField: (rel, key) => rel.fields.find((f) => f.key === key),
  };
}

/** The catalog of a tenant that has defined no fields of its own. */
export const BUILTIN_CATALOG: Catalog = buildCatalog([]);

/**
 * A relation by name; relations (names, tables, joins, their own fields) are the same for every
 * tenant. A relation with a `target` reads its `where` at that object's root: use the tenant's
 * Catalog.rootField for those fields.
 */
export function relation(name: string, from: ObjectType = 'contacts'): RelationDef | undefined {
  return BUILTIN_CATALOG.relation(name, from);
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

