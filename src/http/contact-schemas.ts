// Response shapes of contact writes. Contact request bodies live with the contacts module
// (src/contacts/schema.ts).
import { z } from '@hono/zod-openapi';
import { DEFINITION_TYPES } from '../rules/catalog.js';
import { EMAIL_STATUSES, LIFECYCLE_STAGES } from '../rules/crm.js';
import { AsOfSchema, RulesFormat } from './schemas.js';

const SegmentRefShape = z.object({ id: z.string(), slug: z.string() });

export const Contact = z
  .object({
    id: z.string(),
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    phone: z.string().nullable(),
    country: z.string().nullable(),
    language: z.string().nullable(),
    lifecycleStage: z.enum(LIFECYCLE_STAGES),
    emailStatus: z.enum(EMAIL_STATUSES),
    companyId: z.string().nullable(),
    ownerId: z.string().nullable(),
    tags: z.array(z.string()),
    properties: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi('Contact');

export const ContactWithSegments = Contact.extend({
  segments: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string() })).openapi({ description: 'Segments the contact is a member of, as last materialized.' }),
}).openapi('ContactWithSegments');

export const MembershipDiff = z
  .object({ joined: z.array(SegmentRefShape), left: z.array(SegmentRefShape) })
  .openapi('MembershipDiff', { description: 'Dynamic (and, on delete, static) segments the write made the contact join or leave; each is also an event.' });

export const ProposedField = z
  .object({
    key: z.string(),
    type: z.enum(DEFINITION_TYPES),
    values: z.array(z.string()).nullable(),
    records: z.number().int().openapi({ description: 'How many written records hold the property.' }),
    because: z.string().openapi({ description: 'What the values looked like.', example: '120 texts with only 4 distinct values' }),
  })
  .openapi('ProposedField', { description: 'A property the tenant has not defined, with an inferred definition: not applied; define it with POST /v1/fields to segment on it.' });

const proposedFields = z.array(ProposedField).openapi({ description: 'Properties written that the tenant has not defined, each with a proposed definition (never applied by the write).' });

export const ContactWriteResult = z.object({ contact: Contact, membership: MembershipDiff, proposedFields }).openapi('ContactWriteResult');

export const ContactDeleteResult = z.object({ id: z.string(), membership: MembershipDiff }).openapi('ContactDeleteResult');

export const BulkContactsResult = z
  .object({
    created: z.array(z.string()),
    updated: z.array(z.string()),
    membership: z.object({ joined: z.number().int(), left: z.number().int() }),
    proposedFields,
  })
  .openapi('BulkContactsResult');

export const RelatedWriteResult = z.object({ id: z.string(), membership: MembershipDiff }).openapi('RelatedWriteResult');

// ---- the contact book: list and search -------------------------------------------------------------

const searchFields = {
  q: z.string().trim().max(200).optional().openapi({ description: 'An email prefix ("anna@", "anna.k") or name word prefixes ("ann kow" finds Anna Kowalski); case-insensitive.' }),
  format: RulesFormat.optional(),
  asOf: AsOfSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(['created_at', 'email', 'last_name']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
};

export const ContactListQuery = z.object({
  ...searchFields,
  rules: z
    .string()
    .max(100_000)
    .optional()
    .openapi({ description: 'A rule tree as JSON (in the `format` given), e.g. {"type":"group","op":"and","negate":false,"children":[…]}; only matching contacts are listed. Long trees: POST /v1/contacts/search.' }),
});

export const ContactSearchRequest = z
  .object({
    ...searchFields,
    limit: z.number().int().min(1).max(500).default(50),
    rules: z.unknown().optional().openapi({ description: 'A rule tree (or EzFlow criteria / react-querybuilder JSON, per `format`): only matching contacts are listed.' }),
  })
  .openapi('ContactSearchRequest');

export const ContactPage = z
  .object({
    contacts: z.array(Contact),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` (with the same q, rules and sort) for the next page; null on the last.' }),
    explanation: z.string().nullable().openapi({ description: 'The filter in plain English, when rules were given.' }),
  })
  .openapi('ContactPage');
