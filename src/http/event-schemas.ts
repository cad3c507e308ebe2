// Membership events, webhook endpoints and their deliveries: request and response shapes.
import { z } from '@hono/zod-openapi';
import { DELIVERY_STATUSES, SEGMENT_EVENT_CAUSES, SEGMENT_EVENT_TYPES } from '../db/schema.js';
import { OBJECT_TYPES } from '../rules/crm.js';

const EventType = z.enum(SEGMENT_EVENT_TYPES);
const SegmentRefShape = z.object({ id: z.string(), slug: z.string() });

export const SegmentEvent = z
  .object({
    id: z.string().openapi({ description: 'Stable across retries and redeliveries: de-duplicate on it.', example: 'evt_0f8c2e4b9a7d4c1e8f3a2b6c5d4e3f21' }),
    type: EventType,
    occurredAt: z.string(),
    tenant: z.string(),
    segment: SegmentRefShape,
    objectType: z.enum(OBJECT_TYPES).openapi({ description: 'What the segment\'s members are: contacts, companies or deals.' }),
    member: z.object({ id: z.string() }).openapi({ description: 'The contact, company or deal (per objectType) that joined or left.' }),
    contact: z.object({ id: z.string() }).optional().openapi({ description: 'Events of contact segments: the contact (the same id as member).' }),
    cause: z.enum(SEGMENT_EVENT_CAUSES),
  })
  .openapi('SegmentEvent', { description: 'A contact, company or deal joined or left a segment. Also the body of every webhook request.' });

export const EventsPage = z
  .object({ events: z.array(SegmentEvent), nextCursor: z.string().nullable(), hasMore: z.boolean() })
  .openapi('EventsPage');

export const EventsQuery = z.object({
  segmentId: z.string().max(100).optional(),
  contactId: z.string().max(100).optional().openapi({ description: 'Only events of this contact in contact segments.' }),
  memberId: z.string().max(100).optional().openapi({ description: 'Only events of this member (a contact, company or deal id).' }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

const WebhookFields = {
  url: z.string().min(1).max(2048).openapi({ example: 'https://hooks.example.com/segments', description: 'https://, or http:// to a loopback address (127.0.0.1, ::1, localhost) for development.' }),
  description: z.string().trim().max(500).nullable(),
  events: z.array(EventType).min(1).max(2),
  segmentIds: z.array(z.string().min(1).max(100)).min(1).max(100).nullable(),
  enabled: z.boolean(),
  secret: z.string().max(200).openapi({ description: 'HMAC-SHA256 key, 16–200 characters; generated (whsec_…) when left out.' }),
};

export const CreateWebhookRequest = z
  .strictObject({
    url: WebhookFields.url,
    secret: WebhookFields.secret.optional(),
    description: WebhookFields.description.optional(),
    events: WebhookFields.events.optional().openapi({ description: 'Default: both.' }),
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
    event: z.object({ id: z.string(), type: EventType, segmentId: z.string(), contactId: z.string(), cause: z.enum(SEGMENT_EVENT_CAUSES), occurredAt: z.string() }),
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
