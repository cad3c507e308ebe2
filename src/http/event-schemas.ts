// Membership events, webhook endpoints and their deliveries: request and response shapes.
import { z } from '@hono/zod-openapi';
import { DELIVERY_STATUSES, MEMBERSHIP_EVENT_TYPES, SEGMENT_EVENT_CAUSES, SEGMENT_EVENT_TYPES } from '../db/schema.js';
import { OBJECT_TYPES } from '../rules/crm.js';

const EventType = z.enum(SEGMENT_EVENT_TYPES);
const SegmentRefShape = z.object({ id: z.string(), slug: z.string() });
const envelope = {
  id: z.string().openapi({ description: 'Stable across retries and redeliveries: de-duplicate on it.', example: 'evt_0f8c2e4b9a7d4c1e8f3a2b6c5d4e3f21' }),
  occurredAt: z.string(),
  tenant: z.string(),
  segment: SegmentRefShape.openapi({ description: 'The segment, with its slug at the time of the event.' }),
  cause: z.enum(SEGMENT_EVENT_CAUSES),
};

const ObjectTypeField = z.enum(OBJECT_TYPES).openapi({ description: 'What the segment\'s members are: contacts, companies or deals.' });

export const SegmentEvent = z
  .object({
    ...envelope,
    type: z.enum(MEMBERSHIP_EVENT_TYPES),
    objectType: ObjectTypeField,
    member: z.object({ id: z.string() }).openapi({ description: 'The contact, company or deal (per objectType) that joined or left.' }),
    contact: z.object({ id: z.string() }).optional().openapi({ description: 'Events of contact segments: the contact (the same id as member).' }),
  })
  .openapi('SegmentEvent', { description: 'A contact, company or deal joined or left a segment. Also the body of a webhook request for these types.' });

export const HandoffInfo = z
  .object({
    id: z.string().openapi({ description: 'The hand-off: the same on every page, and on every retry of the request with the same Idempotency-Key.', example: 'hof_9c1d…' }),
    page: z.number().int().openapi({ description: '1-based.' }),
    pages: z.number().int().openapi({ description: 'Pages in the hand-off (1 when the segment is empty).' }),
    total: z.number().int().openapi({ description: 'Member ids in the whole hand-off.' }),
    pageSize: z.number().int(),
    reference: z.string().nullable().openapi({ description: 'The caller’s reference (e.g. a campaign id), as given.' }),
    note: z.string().nullable(),
  })
  .openapi('HandoffInfo');

export const HandoffEvent = z
  .object({
    ...envelope,
    type: z.literal('segment.handoff'),
    objectType: ObjectTypeField,
    handoff: HandoffInfo,
    memberIds: z.array(z.string()).openapi({ description: 'This page’s member ids, in id order; across the pages every member appears exactly once.' }),
  })
  .openapi('HandoffEvent', { description: 'One page of a segment’s member ids handed off to an automation (POST /v1/segments/{id}/actions/handoff). Also the body of its webhook request.' });

export const AnyEvent = z.discriminatedUnion('type', [SegmentEvent, HandoffEvent]);

export const EventsPage = z
  .object({ events: z.array(AnyEvent), nextCursor: z.string().nullable(), hasMore: z.boolean() })
  .openapi('EventsPage');

export const EventsQuery = z.object({
  segmentId: z.string().max(100).optional(),
  contactId: z.string().max(100).optional().openapi({ description: 'Only events of this contact in contact segments.' }),
  memberId: z.string().max(100).optional().openapi({ description: 'Only events of this member (a contact, company or deal id).' }),
  type: z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const types = v.split(',').map((t) => t.trim());
      const bad = types.filter((t) => !(SEGMENT_EVENT_TYPES as readonly string[]).includes(t));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `unknown event type ${bad.map((b) => `"${b}"`).join(', ')}; use ${SEGMENT_EVENT_TYPES.join(', ')} (comma-separated)` });
        return z.NEVER;
      }
      return [...new Set(types)] as (typeof SEGMENT_EVENT_TYPES)[number][];
    })
    .openapi({
      type: 'string',
      description: 'Comma-separated event types. Default `segment.joined,segment.left`: hand-off pages (`segment.handoff`) are listed only when asked for.',
      example: 'segment.handoff',
    }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

const WebhookFields = {
  url: z.string().min(1).max(2048).openapi({ example: 'https://hooks.example.com/segments', description: 'https://, or http:// to a loopback address (127.0.0.1, ::1, localhost) for development.' }),
  description: z.string().trim().max(500).nullable(),
  events: z.array(EventType).min(1).max(SEGMENT_EVENT_TYPES.length),
  segmentIds: z.array(z.string().min(1).max(100)).min(1).max(100).nullable(),
  enabled: z.boolean(),
  secret: z.string().max(200).openapi({ description: 'HMAC-SHA256 key, 16–200 characters; generated (whsec_…) when left out.' }),
};

export const CreateWebhookRequest = z
  .strictObject({
    url: WebhookFields.url,
    secret: WebhookFields.secret.optional(),
    description: WebhookFields.description.optional(),
    events: WebhookFields.events.optional().openapi({ description: 'Default: `segment.joined` and `segment.left`. Hand-offs (`segment.handoff`) only reach endpoints that list them.' }),
    segmentIds: WebhookFields.segmentIds.optional().openapi({ description: 'Only these segments’ events; null or left out = every segment.' }),
    enabled: WebhookFields.enabled.optional(),
  })
  .openapi('CreateWebhookRequest');

export const UpdateWebhookRequest = z
  .strictObject({
    url: WebhookFields.url.optional(),
    secret: WebhookFields.secret.optional().openapi({ description: 'A new secret (rotation); signing uses it from the next attempt on.' }),
    description: WebhookFields.description.optional(),
    events: WebhookFields.events.optional(),
    segmentIds: WebhookFields.segmentIds.optional(),
    enabled: WebhookFields.enabled.optional().openapi({ description: 'false pauses deliveries (they wait) and queues no new ones.' }),
  })
  .openapi('UpdateWebhookRequest');

export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(EventType),
    segmentIds: z.array(z.string()).nullable(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Webhook');

export const CreatedWebhook = Webhook.extend({
  secret: z.string().openapi({ description: 'Shown this once. Verify the Segment-Webhook-Signature header with it.' }),
}).openapi('CreatedWebhook');

export const WebhookList = z.object({ webhooks: z.array(Webhook) }).openapi('WebhookList');

export const Delivery = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    event: z.object({
      id: z.string(),
      type: EventType,
      segmentId: z.string(),
      contactId: z.string().nullable().openapi({ description: 'Null for a hand-off page.' }),
      handoff: z.object({ id: z.string(), page: z.number().int(), pages: z.number().int() }).nullable().openapi({ description: 'Which page of which hand-off; null for membership events.' }),
      cause: z.enum(SEGMENT_EVENT_CAUSES),
      occurredAt: z.string(),
    }),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Delivery');

export const DeliveriesPage = z.object({ deliveries: z.array(Delivery), nextCursor: z.string().nullable() }).openapi('DeliveriesPage');

export const DeliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
