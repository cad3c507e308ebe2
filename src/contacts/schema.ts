// What a contact write may say, in zod: the request validation and the OpenAPI document both come
// from here. Enums come from the database schema. Custom properties are scalars or lists of strings
// (a multi-select); whether they fit the tenant's own field definitions is checked against its
// catalog when written (src/contacts/properties.ts), not here, because the schema is the same for
// every tenant.
import { z } from '@hono/zod-openapi';
import { ACTIVITY_DIRECTIONS, ACTIVITY_TYPES, DEAL_STAGES, EMAIL_EVENT_TYPES, EMAIL_STATUSES, LIFECYCLE_STAGES } from '../rules/crm.js';
import { PROPERTY_KEY } from '../rules/catalog.js';
import { DATE_RANGE_TEXT, dateOutOfRange } from '../rules/clock.js';
import { countryCode, isReservedName, languageCode, RESERVED_NAMES } from '../rules/values.js';

export const MAX_BULK_CONTACTS = 1_000;

const Id = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'use 1–100 letters, digits, "_", ".", ":" or "-"')
  .openapi({ example: 'ct_00257' });

const Instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .superRefine((d, ctx) => {
    const why = dateOutOfRange(d);
    if (why) ctx.addIssue({ code: 'custom', message: `the time ${why}` });
  })
  .openapi({ type: 'string', format: 'date-time', description: `ISO-8601, ${DATE_RANGE_TEXT}.`, example: '2026-10-01T09:30:00Z' });

const Country = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const code = countryCode(s);
    if (!code) ctx.addIssue({ code: 'custom', message: `unknown country "${s}"; use an ISO 3166-1 alpha-2 code such as "DE"` });
    return code ?? s;
  })
  .openapi({ type: 'string', description: 'ISO 3166-1 alpha-2 code (names and alpha-3 codes are converted).', example: 'DE' });

const Language = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const code = languageCode(s);
    if (!code) ctx.addIssue({ code: 'custom', message: `unknown language "${s}"; use an ISO 639-1 code such as "de"` });
    return code ?? s;
  })
  .openapi({ type: 'string', description: 'ISO 639-1 code (English names are converted).', example: 'de' });

const Text = (max: number) => z.string().trim().max(max);

export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((t) => !isReservedName(t), { message: `reserved names (${RESERVED_NAMES.join(', ')}) cannot be tags` });
const Tags = z.array(Tag).max(100);

const PropertyValue = z.union([z.string().max(1_000), z.number(), z.boolean(), z.array(z.string().max(200)).max(100), z.null()]);

export const Properties = z
  .record(z.string(), PropertyValue)
  .superRefine(
    (props, ctx) => {
      const keys = Object.keys(props ?? {});
      if (keys.length > 100) ctx.addIssue({ code: 'custom', message: `at most 100 properties (got ${keys.length})` });
      for (const key of keys) {
        if (isReservedName(key)) ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is a reserved name and cannot be a property (reserved: ${RESERVED_NAMES.join(', ')})` });
        else if (!PROPERTY_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'property names start with a letter and use letters, digits and "_" (at most 64)' });
      }
    },
    // Check the names even when a value failed too: every problem in one answer.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .openapi('ContactProperties', { description: 'Custom properties. On update they are merged; null removes a property.' });

const fields = {
  email: z.email().max(320),
  firstName: Text(200).nullable(),
  lastName: Text(200).nullable(),
  phone: Text(50).nullable(),
  country: Country.nullable(),
  language: Language.nullable(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  emailStatus: z.enum(EMAIL_STATUSES),
  companyId: Id.nullable(),
  ownerId: Id.nullable(),
  tags: Tags,
  properties: Properties,
  createdAt: Instant,
};

const patchOps = {
  addTags: Tags.optional().openapi({ description: 'Tags to add (after `tags`, if both are given).' }),
  removeTags: Tags.optional().openapi({ description: 'Tags to remove.' }),
};

export const CreateContactRequest = z
  .strictObject({
    id: Id.optional().openapi({ description: 'Your id for the contact; generated when left out.' }),
    email: fields.email,
    firstName: fields.firstName.optional(),
    lastName: fields.lastName.optional(),
    phone: fields.phone.optional(),
    country: fields.country.optional(),
    language: fields.language.optional(),
    lifecycleStage: fields.lifecycleStage.default('lead'),
    emailStatus: fields.emailStatus.default('subscribed'),
    companyId: fields.companyId.optional(),
    ownerId: fields.ownerId.optional(),
    tags: fields.tags.default([]),
    properties: fields.properties.optional(),
    createdAt: fields.createdAt.optional().openapi({ description: 'Defaults to now.' }),
  })
  .openapi('CreateContactRequest');

const patchShape = {
  email: fields.email.optional(),
  firstName: fields.firstName.optional(),
  lastName: fields.lastName.optional(),
  phone: fields.phone.optional(),
  country: fields.country.optional(),
  language: fields.language.optional(),
  lifecycleStage: fields.lifecycleStage.optional(),
  emailStatus: fields.emailStatus.optional(),
  companyId: fields.companyId.optional(),
  ownerId: fields.ownerId.optional(),
  tags: fields.tags.optional().openapi({ description: 'Replaces the tags.' }),
  ...patchOps,
  properties: fields.properties.optional(),
  createdAt: fields.createdAt.optional(),
};

export const UpdateContactRequest = z
  .strictObject(patchShape)
  .refine((p) => Object.keys(p).length > 0, 'nothing to change: send at least one field')
  .openapi('UpdateContactRequest');

export const BulkContact = z
  .strictObject({ id: Id, ...patchShape })
  .openapi('BulkContact', { description: 'Created when the id is new (then `email` is required), else updated with the fields given.' });

export const BulkContactsRequest = z
  .strictObject({ contacts: z.array(BulkContact).min(1).max(MAX_BULK_CONTACTS) })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.contacts.forEach((c, i) => {
      const first = seen.get(c.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['contacts', i, 'id'], message: `"${c.id}" appears twice (also at contacts.${first})` });
      else seen.set(c.id, i);
    });
  })
  .openapi('BulkContactsRequest');

export type CreateContactInput = z.infer<typeof CreateContactRequest>;
export type ContactPatch = z.infer<typeof UpdateContactRequest>;
export type BulkContactInput = z.infer<typeof BulkContact>;

// ---- related rows the grammar reads ----------------------------------------------------------------

export const CreateDealRequest = z
  .strictObject({
    id: Id.optional(),
    name: Text(200).min(1),
    stage: z.enum(DEAL_STAGES),
    amount: z.number().min(0).max(1e12).nullable().optional(),
    companyId: Id.nullable().optional().openapi({ description: 'Defaults to the contact’s company.' }),
    ownerId: Id.nullable().optional(),
    createdAt: Instant.optional(),
    closedAt: Instant.nullable().optional(),
  })
  .openapi('CreateDealRequest');

export const CreateActivityRequest = z
  .strictObject({ id: Id.optional(), type: z.enum(ACTIVITY_TYPES), direction: z.enum(ACTIVITY_DIRECTIONS), occurredAt: Instant.optional() })
  .openapi('CreateActivityRequest');

export const CreateEmailEventRequest = z
  .strictObject({ id: Id.optional(), campaignId: Id, type: z.enum(EMAIL_EVENT_TYPES), occurredAt: Instant.optional() })
  .openapi('CreateEmailEventRequest');

export type DealInput = z.infer<typeof CreateDealRequest>;
export type ActivityInput = z.infer<typeof CreateActivityRequest>;
export type EmailEventInput = z.infer<typeof CreateEmailEventRequest>;
