// Shapes of the CSV member import and the bulk actions on a segment's members (tags, owner, hand-off).
import { z } from '@hono/zod-openapi';
import { Tag } from '../contacts/schema.js';
import { HANDOFF_MIN_PAGE_SIZE, HANDOFF_PAGE_SIZE } from '../events/handoff.js';

export const CsvImportQuery = z.object({
  match: z
    .enum(['id', 'email'])
    .optional()
    .openapi({ description: 'Match rows by the `id` (or `contact_id`) column or by `email` (case-insensitive). Default: id when the file has an id column, else email.' }),
});

export const CsvImportReport = z
  .object({
    matchedBy: z.enum(['id', 'email']),
    rows: z.number().int().openapi({ description: 'Data rows read (the header not counted).' }),
    added: z.number().int().openapi({ description: 'Contacts added to the segment by this call.' }),
    alreadyMembers: z.number().int(),
    unmatched: z.object({
      count: z.number().int(),
      rows: z
        .array(z.object({ row: z.number().int(), value: z.string(), reason: z.string() }))
        .openapi({ description: 'The first 100 rows that matched no contact; `row` counts data rows from 1 after the header.' }),
    }),
  })
  .openapi('CsvImportReport');

export const TagsAction = z
  .object({
    add: z.array(Tag).max(100).default([]),
    remove: z.array(Tag).max(100).default([]),
  })
  .openapi('TagsAction');

export const OwnerAction = z
  .object({ ownerId: z.string().min(1).max(100).nullable().openapi({ description: 'A user of this tenant, or null to clear the owner.' }) })
  .openapi('OwnerAction');

export const BulkActionResult = z
  .object({
    members: z.number().int().openapi({ description: 'Members when the action started: the snapshot it worked through.' }),
    batches: z.number().int().openapi({ description: 'Transactions of up to 500 contacts each.' }),
    updated: z.number().int(),
    membership: z.object({ joined: z.number().int(), left: z.number().int() }).openapi({ description: 'Segment joins and leaves the writes caused (each an event).' }),
  })
  .openapi('BulkActionResult');

export const HandoffAction = z
  .strictObject({
    reference: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: 'Your reference for the receiver (e.g. the campaign to start), carried on every page. Not a de-duplication key: use the Idempotency-Key header for that.', example: 'campaign:winter-kickoff' }),
    note: z.string().trim().max(1_000).nullable().optional().openapi({ description: 'Free text for the receiver, carried on every page.' }),
    pageSize: z
      .number()
      .int()
      .min(HANDOFF_MIN_PAGE_SIZE)
      .max(HANDOFF_PAGE_SIZE)
      .optional()
      .openapi({ description: `Member ids per event, ${HANDOFF_MIN_PAGE_SIZE}–${HANDOFF_PAGE_SIZE}; default ${HANDOFF_PAGE_SIZE}.` }),
  })
  .openapi('HandoffAction');

export const HandoffHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional()
    .openapi({ description: 'Makes the call safe to retry: the same key on the same segment hands off once; a retry answers the first hand-off (`replayed: true`) and writes nothing.', example: 'b1946ac9-2d71-4c4b-9a0a-61e0c1a1f6b2' }),
});

export const HandoffResult = z
  .object({
    handoffId: z.string().openapi({ description: 'On every page as `handoff.id`.' }),
    segment: z.object({ id: z.string(), slug: z.string() }),
    total: z.number().int().openapi({ description: 'Members handed off: the snapshot taken once, inside the transaction that wrote the pages.' }),
    pages: z.number().int().openapi({ description: 'Events written: ceil(total / pageSize), and 1 (with no ids) for an empty segment.' }),
    pageSize: z.number().int(),
    reference: z.string().nullable(),
    note: z.string().nullable(),
    occurredAt: z.string(),
    webhooks: z.number().int().openapi({ description: 'Endpoints subscribed to segment.handoff (for this segment) that receive every page. 0: the pages are in the event log only.' }),
    replayed: z.boolean().openapi({ description: 'True when an earlier request with the same Idempotency-Key did the hand-off; nothing was written this time.' }),
  })
  .openapi('HandoffResult');
