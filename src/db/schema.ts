// The CRM data model. Every table is keyed by (org_id, id) and every reference carries org_id in a
// composite foreign key, so a row can only ever point at rows of its own tenant. The same layout is
// what Citus needs to distribute every table by org_id with co-located joins.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  ACTIVITY_DIRECTIONS,
  ACTIVITY_TYPES,
  DEAL_STAGES,
  EMAIL_EVENT_TYPES,
  EMAIL_STATUSES,
  LIFECYCLE_STAGES,
  OBJECT_TYPES,
  TABLES,
} from '../rules/crm.js';

export const USER_ROLES = ['admin', 'editor', 'viewer'] as const;
export const SEGMENT_TYPES = ['static', 'dynamic'] as const;
export const SEGMENT_STATUSES = ['active', 'archived'] as const;
export const SEGMENT_EVENT_TYPES = ['segment.joined', 'segment.left', 'segment.handoff'] as const;
/** The per-contact membership events; `segment.handoff` is a page of a segment's member ids instead. */
export const MEMBERSHIP_EVENT_TYPES = ['segment.joined', 'segment.left'] as const;
export const SEGMENT_EVENT_CAUSES = ['write', 'recompute', 'definition_change', 'manual'] as const;
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const SEGMENT_VERSION_CHANGES = ['created', 'edited', 'restored', 'imported'] as const;

export const userRole = pgEnum('user_role', USER_ROLES);
export const lifecycleStage = pgEnum('lifecycle_stage', LIFECYCLE_STAGES);
export const emailStatus = pgEnum('email_status', EMAIL_STATUSES);
export const dealStage = pgEnum('deal_stage', DEAL_STAGES);
export const activityType = pgEnum('activity_type', ACTIVITY_TYPES);
export const activityDirection = pgEnum('activity_direction', ACTIVITY_DIRECTIONS);
export const emailEventType = pgEnum('email_event_type', EMAIL_EVENT_TYPES);
export const segmentType = pgEnum('segment_type', SEGMENT_TYPES);
export const segmentStatus = pgEnum('segment_status', SEGMENT_STATUSES);
export const segmentEventType = pgEnum('segment_event_type', SEGMENT_EVENT_TYPES);
export const segmentEventCause = pgEnum('segment_event_cause', SEGMENT_EVENT_CAUSES);
export const deliveryStatus = pgEnum('delivery_status', DELIVERY_STATUSES);
export const objectType = pgEnum('object_type', OBJECT_TYPES);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const orgs = pgTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const users = pgTable(
  'users',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: userRole('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const companies = pgTable(
  TABLES.companies,
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    domain: text('domain'),
    industry: text('industry'),
    employeeCount: integer('employee_count'),
    country: text('country'),
    annualRevenue: bigint('annual_revenue', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('companies_org_industry_idx').on(t.orgId, t.industry),
    index('companies_org_country_idx').on(t.orgId, t.country),
    check('companies_country_iso2', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('companies_employee_count_nonneg', sql`${t.employeeCount} >= 0`),
  ],
);

export const contacts = pgTable(
  TABLES.contacts,
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    companyId: text('company_id'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email').notNull(),
    phone: text('phone'),
    country: text('country'),
    language: text('language'),
    lifecycleStage: lifecycleStage('lifecycle_stage').notNull(),
    ownerId: text('owner_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    emailStatus: emailStatus('email_status').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.companyId], foreignColumns: [companies.orgId, companies.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    index('contacts_org_company_idx').on(t.orgId, t.companyId),
    index('contacts_org_owner_idx').on(t.orgId, t.ownerId),
    index('contacts_org_created_idx').on(t.orgId, t.createdAt),
    index('contacts_org_country_idx').on(t.orgId, t.country),
    index('contacts_org_stage_idx').on(t.orgId, t.lifecycleStage),
    index('contacts_org_email_idx').on(t.orgId, sql`lower(${t.email})`),
    // The contacts that cannot be emailed (src/rules/reachability.ts), few: the reach of an id set is
    // read from this index alone (src/sql/preview.ts reachOfIds), never from every match's row.
    index('contacts_org_unreachable_idx')
      .on(t.orgId, t.emailStatus, t.id)
      .where(sql`${t.emailStatus} <> 'subscribed' or ${t.email} = ''`),
    // Tenant first (btree_gin, migration 0011): a tenant's "has tag vip" or "plan is pro" is one GIN
    // scan of its own entries, where a GIN over every tenant's tags had to be ANDed with a bitmap of
    // the tenant's whole id range (about half the time of those previews at 100k contacts).
    index('contacts_org_tags_gin').using('gin', t.orgId, t.tags),
    index('contacts_org_properties_gin').using('gin', t.orgId, sql`${t.properties} jsonb_path_ops`),
    check('contacts_country_iso2', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('contacts_language_iso639', sql`${t.language} ~ '^[a-z]{2}$'`),
    check('contacts_properties_object', sql`jsonb_typeof(${t.properties}) = 'object'`),
  ],
);

export const deals = pgTable(
  TABLES.deals,
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    contactId: text('contact_id').notNull(),
    companyId: text('company_id'),
    name: text('name').notNull(),
    stage: dealStage('stage').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }),
    ownerId: text('owner_id'),
    createdAt: ts('created_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.companyId], foreignColumns: [companies.orgId, companies.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    index('deals_org_contact_created_idx').on(t.orgId, t.contactId, t.createdAt),
    // Foreign-key checks when a company or a user is deleted (without them: a scan per deleted row).
    index('deals_org_company_idx').on(t.orgId, t.companyId),
    index('deals_org_owner_idx').on(t.orgId, t.ownerId),
    check('deals_amount_nonneg', sql`${t.amount} >= 0`),
  ],
);

export const activities = pgTable(
  TABLES.activities,
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    contactId: text('contact_id').notNull(),
    type: activityType('type').notNull(),
    direction: activityDirection('direction').notNull(),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    index('activities_org_contact_time_idx').on(t.orgId, t.contactId, t.occurredAt),
    // "at least 3 activities in the last 90 days" aggregates one time window of the tenant's rows.
    index('activities_org_time_contact_idx').on(t.orgId, t.occurredAt, t.contactId),
    // The same for one activity type ("a meeting in the last 30 days"): without the type in the key,
    // the window's rows of every type were read from the heap to test it (616k buffers at 1M contacts).
    index('activities_org_type_time_contact_idx').on(t.orgId, t.type, t.occurredAt, t.contactId),
  ],
);

export const campaigns = pgTable(
  'campaigns',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('campaigns_org_sent_idx').on(t.orgId, t.sentAt)],
);

export const emailEvents = pgTable(
  TABLES.emailEvents,
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    contactId: text('contact_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    type: emailEventType('type').notNull(),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete('cascade'),
    index('email_events_org_contact_campaign_idx').on(t.orgId, t.contactId, t.campaignId, t.type),
    index('email_events_org_campaign_type_idx').on(t.orgId, t.campaignId, t.type, t.contactId),
  ],
);

export const fitScores = pgTable(
  TABLES.fitScores,
  {
    orgId: text('org_id').notNull(),
    contactId: text('contact_id').notNull(),
    product: text('product').notNull(),
    score: integer('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.contactId, t.product] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    index('fit_scores_org_product_score_idx').on(t.orgId, t.product, t.score),
    check('fit_scores_score_range', sql`${t.score} between 0 and 100`),
  ],
);

export const segments = pgTable(
  'segments',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    type: segmentType('type').notNull(),
    /** What the members are: contacts, companies or deals. Fixed for the segment's life. */
    objectType: objectType('object_type').notNull().default('contacts'),
    status: segmentStatus('status').notNull().default('active'),
    /** Canonical rule tree for dynamic segments; null for static ones. */
    rules: jsonb('rules'),
    version: integer('version').notNull().default(1),
    /** When the dynamic segment's members were last materialized into segment_members, and at which version. */
    computedAt: ts('computed_at'),
    computedVersion: integer('computed_version'),
    /** Set on segments the service maintains itself (e.g. 'suppressed'): read-only through the API. */
    systemKey: text('system_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('segments_org_slug_uq').on(t.orgId, t.slug),
    uniqueIndex('segments_org_system_key_uq').on(t.orgId, t.systemKey),
    // One row per title and tenant: what makes upsert-by-name safe under concurrent calls.
    uniqueIndex('segments_org_title_uq').on(t.orgId, sql`lower(${t.title})`),
    check('segments_rules_match_type', sql`(${t.type} = 'dynamic') = (${t.rules} is not null)`),
  ],
);

export const segmentMembers = pgTable(
  TABLES.segmentMembers,
  {
    orgId: text('org_id').notNull(),
    segmentId: text('segment_id').notNull(),
    contactId: text('contact_id').notNull(),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.segmentId, t.contactId] }),
    foreignKey({ columns: [t.orgId, t.segmentId], foreignColumns: [segments.orgId, segments.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    index('segment_members_org_contact_idx').on(t.orgId, t.contactId),
  ],
);

/**
 * The definition history: one row per change of a segment's title, type or rules (the first is its
 * creation), with who made it. Each row holds the whole definition as it became, so any version can
 * be restored and the diff between consecutive versions computed.
 */
export const segmentVersions = pgTable(
  'segment_versions',
  {
    orgId: text('org_id').notNull(),
    segmentId: text('segment_id').notNull(),
    /** 1, 2, 3… per segment. */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    type: segmentType('type').notNull(),
    rules: jsonb('rules'),
    change: text('change', { enum: SEGMENT_VERSION_CHANGES }).notNull(),
    /** For a restore: the version it brought back. */
    restoredFrom: integer('restored_from'),
    /** The API key that made the change and its role; null for the service's own changes. */
    changedByKeyId: text('changed_by_key_id'),
    changedByRole: userRole('changed_by_role'),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.segmentId, t.number] }),
    foreignKey({ columns: [t.orgId, t.segmentId], foreignColumns: [segments.orgId, segments.id] }).onDelete('cascade'),
  ],
);

/** Members of segments of companies (static, or materialized dynamic): the same shape as segment_members. */
export const companySegmentMembers = pgTable(
  TABLES.companySegmentMembers,
  {
    orgId: text('org_id').notNull(),
    segmentId: text('segment_id').notNull(),
    companyId: text('company_id').notNull(),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.segmentId, t.companyId] }),
    foreignKey({ columns: [t.orgId, t.segmentId], foreignColumns: [segments.orgId, segments.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.companyId], foreignColumns: [companies.orgId, companies.id] }).onDelete('cascade'),
    index('company_segment_members_org_company_idx').on(t.orgId, t.companyId),
  ],
);

/** Members of segments of deals. */
export const dealSegmentMembers = pgTable(
  TABLES.dealSegmentMembers,
  {
    orgId: text('org_id').notNull(),
    segmentId: text('segment_id').notNull(),
    dealId: text('deal_id').notNull(),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.segmentId, t.dealId] }),
    foreignKey({ columns: [t.orgId, t.segmentId], foreignColumns: [segments.orgId, segments.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.dealId], foreignColumns: [deals.orgId, deals.id] }).onDelete('cascade'),
    index('deal_segment_members_org_deal_idx').on(t.orgId, t.dealId),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull(),
    /** sha256 of the key; the key itself is shown once and never stored. */
    hash: text('hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('api_keys_hash_uq').on(t.hash)],
);

export const drafts = pgTable(
  'drafts',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    description: text('description').notNull(),
    /** Canonical rule tree. */
    rules: jsonb('rules').notNull(),
    explanation: text('explanation').notNull(),
    /** Each assumption's text; one with a real alternative reading is an object carrying both readings (src/drafts/alternatives.ts). */
    assumptions: jsonb('assumptions').$type<(string | { text: string; says: string; reading: unknown; alternative: unknown })[]>().notNull(),
    unrecognized: jsonb('unrecognized').$type<{ text: string; start: number; end: number }[]>().notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    promptVersion: text('prompt_version').notNull(),
    /** What the draft's rules select. */
    objectType: objectType('object_type').notNull().default('contacts'),
    /** The clock the draft was generated and previewed at; null means "now" at each preview. */
    asOf: ts('as_of'),
    /** Set when the reviewer edited the generated rules. */
    editedAt: ts('edited_at'),
    approvedSegmentId: text('approved_segment_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * The outbox of membership changes: one row per contact joining or leaving a segment, written in the
 * same transaction as the change. No foreign keys to contacts or segments: the history outlives them.
 * A `segment.handoff` row is one page of a hand-off (src/events/handoff.ts) instead: no contact, the
 * page in `payload`. The CHECK compares `type::text` because a value added to an enum cannot be
 * used in the transaction that adds it (the migrations run in one).
 */
export const segmentEvents = pgTable(
  'segment_events',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    /** Insertion order, for cursor pagination of the event log. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    type: segmentEventType('type').notNull(),
    segmentId: text('segment_id').notNull(),
    /** The segment's slug when the event happened. */
    segmentSlug: text('segment_slug').notNull(),
    /** What the member is (the segment's object type). */
    objectType: objectType('object_type').notNull().default('contacts'),
    /** The member's id: a contact id, or for segments of companies / deals the company / deal id. Null only for `segment.handoff`. */
    contactId: text('contact_id'),
    cause: segmentEventCause('cause').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    /** Only for `segment.handoff`: the page (HandoffPage, src/events/handoff.ts). */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('segment_events_org_seq_idx').on(t.orgId, t.seq),
    index('segment_events_org_segment_seq_idx').on(t.orgId, t.segmentId, t.seq),
    index('segment_events_org_contact_seq_idx').on(t.orgId, t.contactId, t.seq),
    check(
      'segment_events_handoff_shape',
      sql`(${t.type}::text = 'segment.handoff') = (${t.payload} is not null) and (${t.contactId} is null) = (${t.payload} is not null)`,
    ),
    /** A hand-off's page is written once: what makes a retried hand-off (same Idempotency-Key) a no-op. */
    uniqueIndex('segment_events_handoff_page_uq')
      .on(t.orgId, sql`(${t.payload}->>'handoffId')`, sql`((${t.payload}->>'page')::int)`)
      .where(sql`${t.payload} is not null`),
  ],
);

/** Where a tenant wants membership events POSTed, and which ones. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    url: text('url').notNull(),
    /** The HMAC key, stored as given: it must be usable to sign. Shown once, on creation. */
    secret: text('secret').notNull(),
    description: text('description'),
    eventTypes: segmentEventType('event_types').array().notNull(),
    /** Only events of these segments; null = every segment. */
    segmentIds: text('segment_ids').array(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('webhook_endpoints_segment_ids_gin').using('gin', t.segmentIds),
    check('webhook_endpoints_event_types_nonempty', sql`cardinality(${t.eventTypes}) > 0`),
  ],
);

/**
 * One row per (endpoint, event): the delivery queue. Workers claim due rows with FOR UPDATE SKIP
 * LOCKED and a lease (`locked_until`); a worker that dies leaves its rows to be claimed again.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    eventId: text('event_id').notNull(),
    status: deliveryStatus('status').notNull().default('pending'),
    /** Attempts since creation or the last redeliver. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lockedUntil: ts('locked_until'),
    lastAttemptAt: ts('last_attempt_at'),
    /** HTTP status of the last attempt; null when there was no response. */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    /** Retries stop `maxAge` after this (creation, or the last redeliver). */
    retryFrom: ts('retry_from').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.endpointId], foreignColumns: [webhookEndpoints.orgId, webhookEndpoints.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.eventId], foreignColumns: [segmentEvents.orgId, segmentEvents.id] }).onDelete('cascade'),
    uniqueIndex('webhook_deliveries_endpoint_event_uq').on(t.orgId, t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_org_endpoint_created_idx').on(t.orgId, t.endpointId, t.createdAt),
  ],
);

/**
 * Precomputed per-contact facts, 1:1 with contacts: what relation conditions need most, in a shape
 * the compiler can answer exactly without touching the raw rows (src/sql/facts.ts says which shapes).
 * Derived only: the raw tables stay the source of truth. Every write that changes a contact's
 * activities, deals, email events or fit scores refreshes the contact's row in the same transaction
 * (`segment_builder_refresh_facts`, src/contacts/facts.ts); `npm run facts:rebuild` rebuilds them all.
 * Time arrays are sorted newest first; per-stage arrays are indexed by the stage's position in
 * DEAL_STAGES (1-based).
 */
export const contactFacts = pgTable(
  'contact_facts',
  {
    orgId: text('org_id').notNull(),
    contactId: text('contact_id').notNull(),
    /** Every deal's created_at, newest first. */
    dealCreatedAt: timestamp('deal_created_at', { withTimezone: true, mode: 'string' }).array().notNull(),
    /** Per deal stage: number of deals, largest and smallest amount (null: none with an amount). */
    dealCount: integer('deal_count').array().notNull(),
    dealMaxAmount: numeric('deal_max_amount').array().notNull(),
    dealMinAmount: numeric('deal_min_amount').array().notNull(),
    /** Distinct campaign ids per email event type. */
    deliveredCampaigns: text('delivered_campaigns').array().notNull(),
    openedCampaigns: text('opened_campaigns').array().notNull(),
    clickedCampaigns: text('clicked_campaigns').array().notNull(),
    unsubscribedCampaigns: text('unsubscribed_campaigns').array().notNull(),
    bouncedCampaigns: text('bounced_campaigns').array().notNull(),
    /** { product: score }. */
    fitScores: jsonb('fit_scores').$type<Record<string, number>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.contactId] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    // Tenant-first (btree_gin, migration 0011): "opened each of the last 3" is the tenant's entries only (migration 0013).
    index('contact_facts_org_opened_gin').using('gin', t.orgId, t.openedCampaigns),
    index('contact_facts_org_clicked_gin').using('gin', t.orgId, t.clickedCampaigns),
  ],
);

/**
 * The activity part of the contact facts, in a table of its own (migration 0013): the relation
 * bounds read most ("at least 3 activities in 90 days", "no activity in 60 days") scan the whole
 * tenant's rows, and these rows are ~180 bytes where the wide facts row is ~440, so a pass reads a
 * third of the pages. Every activity's occurred_at *oldest first* (then the same per activity
 * type), so that `width_bucket(t, activity_at)` is the number of activities at or before t, by
 * binary search (src/sql/facts.ts). Maintained with contact_facts by segment_builder_refresh_facts.
 */
export const contactActivityFacts = pgTable(
  'contact_activity_facts',
  {
    orgId: text('org_id').notNull(),
    contactId: text('contact_id').notNull(),
    activityAt: timestamp('activity_at', { withTimezone: true, mode: 'string' }).array().notNull(),
    emailActivityAt: timestamp('email_activity_at', { withTimezone: true, mode: 'string' }).array().notNull(),
    callActivityAt: timestamp('call_activity_at', { withTimezone: true, mode: 'string' }).array().notNull(),
    meetingActivityAt: timestamp('meeting_activity_at', { withTimezone: true, mode: 'string' }).array().notNull(),
    noteActivityAt: timestamp('note_activity_at', { withTimezone: true, mode: 'string' }).array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.contactId] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);

/**
 * How many of a tenant's contacts carry each tag, country and language: the tenant's values
 * (src/tenants/values.ts) read these few rows instead of a distinct over every contact (1–1.5 s at
 * 1M contacts). Derived only, like the facts: every contact write adds its deltas in its own
 * transaction (src/db/value-counts.ts); the generator, fixture imports and `npm run facts:rebuild`
 * recount with `segment_builder_rebuild_value_counts`. A value is present while `contacts > 0`.
 */
export const contactValueCounts = pgTable(
  'contact_value_counts',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    /** `tag`, `country` or `language`. */
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    contacts: integer('contacts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.value] })],
);

/**
 * A tenant's own fields: what `properties.<key>` of its records holds, as the catalog shows it
 * (src/tenants/catalog.ts loads them). Reading a property never trusts the definition: the SQL
 * functions `prop_*` (migration 0007) read a stored value of the wrong shape as missing.
 */
export const fieldDefinitions = pgTable(
  'field_definitions',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    object: text('object').notNull().default('contacts'),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').notNull(),
    /** Allowed values of a single- or multi-select; null for the other types. */
    values: text('values').array(),
    synonyms: text('synonyms').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    /**
     * Range filters on a number or date field read an expression index of this tenant's rows
     * (src/tenants/field-indexes.ts); equality on selects, booleans and multi-selects needs none (the GIN
     * index on properties serves it).
     */
    indexed: boolean('indexed').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.object, t.key] }),
    check('field_definitions_indexed_types', sql`not ${t.indexed} or ${t.type} in ('number', 'date')`),
    uniqueIndex('field_definitions_org_label_uq').on(t.orgId, t.object, sql`lower(${t.label})`),
    check('field_definitions_key_format', sql`${t.key} ~ '^[A-Za-z][A-Za-z0-9_]{0,63}$'`),
    check('field_definitions_type', sql`${t.type} in ('text', 'number', 'boolean', 'date', 'single_select', 'multi_select')`),
    check(
      'field_definitions_values_for_selects',
      sql`(${t.type} in ('single_select', 'multi_select')) = (${t.values} is not null)`,
    ),
  ],
);
