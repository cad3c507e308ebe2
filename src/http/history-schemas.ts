// Request and response shapes of a segment's analysis and history: overlap of segments, size over
// time, definition versions and the preview of an edit (routes in routes/segment-history.ts).
import { z } from '@hono/zod-openapi';
import { AsOfSchema, Issue, nullableRules, PreviewContact, RulesFormat, rulesRef } from './schemas.js';

export const OverlapRequest = z
  .object({
    segments: z
      .array(
        z
          .object({
            id: z.string().min(1).max(100).optional().openapi({ description: 'A segment of this tenant: "in that segment".' }),
            rules: rulesRef('A rule tree (or EzFlow criteria with format "ezflow").').optional(),
            format: RulesFormat.optional(),
          })
          .refine((s) => (s.id === undefined) !== (s.rules === undefined), { message: 'give either "id" or "rules", not both' }),
      )
      .min(2, 'overlap needs at least 2 segments')
      .max(5, 'overlap takes at most 5 segments'),
    asOf: AsOfSchema.optional(),
  })
  .openapi('OverlapRequest');

export const OverlapResponse = z
  .object({
    sets: z.array(
      z.object({
        index: z.number().int(),
        label: z.string().openapi({ description: 'The segment’s title, or what the rule tree means.' }),
        segmentId: z.string().nullable(),
        rules: nullableRules('The canonical tree, for a set given as rules; null for a segment id.'),
        size: z.number().int(),
      }),
    ),
    regions: z
      .array(z.object({ in: z.array(z.number().int()), count: z.number().int() }))
      .openapi({ description: 'Every region of the Venn diagram: contacts in exactly the sets `in` (by index) and in none of the others.' }),
    union: z.number().int(),
    intersection: z.number().int(),
    total: z.number().int().openapi({ description: 'Contacts of the tenant, in any set or none.' }),
    asOf: z.string(),
  })
  .openapi('OverlapResponse');

export const PreviewEditRequest = z
  .object({ rules: rulesRef('The edited rule tree (or EzFlow criteria with format "ezflow"); validated like PATCH would.'), format: RulesFormat.optional(), asOf: AsOfSchema.optional() })
  .openapi('PreviewEditRequest');

const ContactsChange = z.object({ count: z.number().int(), sample: z.array(PreviewContact).openapi({ description: 'The first 10, by id.' }) });

export const PreviewEditResponse = z
  .object({
    rules: rulesRef('The canonical edited tree.'),
    explanation: z.string(),
    warnings: z.array(Issue),
    changed: z.boolean().openapi({ description: 'False when the edit means exactly the current rules.' }),
    comparedWith: z
      .enum(['recorded_members', 'current_rules'])
      .openapi({ description: 'recorded_members: the members the save diffs against (its definition_change events); current_rules: the current rules at asOf.' }),
    before: z.number().int(),
    after: z.number().int(),
    joining: ContactsChange,
    leaving: ContactsChange,
    asOf: z.string(),
  })
  .openapi('PreviewEditResponse');
