// Response shapes of contact writes. Contact request bodies live with the contacts module
// (src/contacts/schema.ts).
import { z } from '@hono/zod-openapi';
import { EMAIL_STATUSES, LIFECYCLE_STAGES } from '../rules/crm.js';

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

export const ContactWriteResult = z.object({ contact: Contact, membership: MembershipDiff }).openapi('ContactWriteResult');

export const ContactDeleteResult = z.object({ id: z.string(), membership: MembershipDiff }).openapi('ContactDeleteResult');

export const BulkContactsResult = z
  .object({
    created: z.array(z.string()),
    updated: z.array(z.string()),
    membership: z.object({ joined: z.number().int(), left: z.number().int() }),
  })
  .openapi('BulkContactsResult');

export const RelatedWriteResult = z.object({ id: z.string(), membership: MembershipDiff }).openapi('RelatedWriteResult');
