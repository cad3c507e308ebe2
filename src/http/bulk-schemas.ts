// Shapes of the CSV member import and the bulk actions on a segment's members.
import { z } from '@hono/zod-openapi';
import { Tag } from '../contacts/schema.js';

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
