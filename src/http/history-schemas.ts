// Request and response shapes of a segment's analysis and history: overlap of segments, size over
// time, definition versions and the preview of an edit (routes in routes/segment-history.ts).
import { z } from '@hono/zod-openapi';
import { SEGMENT_VERSION_CHANGES, USER_ROLES } from '../db/schema.js';
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

const DefinitionChange = z
  .object({
    kind: z.enum(['added', 'removed', 'changed']),
    path: z.string().openapi({ description: 'Where: "title", "type", or a path in the rules (in the newer tree for added/changed, the older for removed).' }),
    before: z.unknown().openapi({ description: 'The old value or rule node; null for an addition.' }),
    after: z.unknown().openapi({ description: 'The new value or rule node; null for a removal.' }),
    beforeText: z.string().nullable(),
    afterText: z.string().nullable(),
  })
  .openapi('DefinitionChange');

export const SegmentVersion = z
  .object({
    number: z.number().int(),
    change: z.enum(SEGMENT_VERSION_CHANGES),
    restoredFrom: z.number().int().nullable(),
    title: z.string(),
    type: z.enum(['static', 'dynamic']),
    rules: nullableRules('The canonical rules of this version; null for a static segment.'),
    explanation: z.string().nullable(),
    changedBy: z.object({ keyId: z.string(), role: z.enum(USER_ROLES) }).nullable().openapi({ description: 'The API key that made the change; null for the service’s own changes.' }),
    changedAt: z.string(),
    changes: z.array(DefinitionChange).openapi({ description: 'The structural diff against the version before (empty for the first).' }),
    current: z.boolean(),
  })
  .openapi('SegmentVersion');

export const SegmentVersions = z
  .object({
    segmentId: z.string(),
    versions: z.array(SegmentVersion).openapi({ description: 'Oldest first.' }),
    draft: z
      .object({ id: z.string(), description: z.string(), stale: z.boolean(), createdAt: z.string() })
      .nullable()
      .openapi({ description: 'The draft the segment was approved from; `stale` once the rules are no longer the draft’s, so its description no longer says what the segment is.' }),
  })
  .openapi('SegmentVersions');

export const VersionParams = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }),
  number: z.coerce.number().int().min(1).max(1_000_000).openapi({ param: { name: 'number', in: 'path' } }),
});

export const SizeHistoryQuery = z.object({
  from: AsOfSchema.optional().openapi({ description: 'First day (UTC); default 29 days before `to`. The series never starts before the segment was created.' }),
  to: AsOfSchema.optional().openapi({ description: 'Last day (UTC); default today.' }),
});

export const SizeHistory = z
  .object({
    segmentId: z.string(),
    from: z.string(),
    to: z.string(),
    points: z.array(
      z.object({
        date: z.string().openapi({ description: 'A UTC day, YYYY-MM-DD.' }),
        size: z.number().int().openapi({ description: 'Recorded members at the end of the day.' }),
        joined: z.number().int(),
        left: z.number().int(),
      }),
    ),
  })
  .openapi('SizeHistory');
