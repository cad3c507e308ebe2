// Request and response shapes of the HTTP API, in zod: they validate requests and generate the
// OpenAPI 3.1 document. Rule trees are described by the grammar's own JSON Schema (registered as
// components from src/rules/json-schema.ts), and validated by prepareRules for precise errors.
import { z } from '@hono/zod-openapi';
import { DATE_RANGE_TEXT, dateOutOfRange } from '../rules/clock.js';
import { generationJsonSchema } from '../rules/json-schema.js';
import { RULES_FORMATS } from './rules-format.js';
import { OBJECT_TYPES } from '../rules/crm.js';

export const RULE_SCHEMA_COMPONENTS: Record<string, unknown> = (() => {
  const defs = (generationJsonSchema().$defs ?? {}) as Record<string, unknown>;
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(rewrite)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', '#/components/schemas/') : rewrite(x)]),
          )
        : v;
  const out = rewrite(defs) as Record<string, { required?: string[] }>;
  // The LLM must always say `when` (strict mode: every property required, null for none); canonical
  // trees leave it out when null, and requests may too.
  const membership = out.SegmentMembership;
  if (membership?.required) membership.required = membership.required.filter((k) => k !== 'when');
  return out;
})();

export const rulesRef = (description: string) => z.unknown().openapi({ $ref: '#/components/schemas/Group', description } as never);
export const nullableRules = (description: string) =>
  z.unknown().openapi({ anyOf: [{ $ref: '#/components/schemas/Group' }, { type: 'null' }], description } as never);

export const AsOfSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s))
  .superRefine((d, ctx) => {
    const why = dateOutOfRange(d);
    if (why) ctx.addIssue({ code: 'custom', message: `the clock ${why}` });
  })
  .openapi({ type: 'string', description: `Evaluation clock (ISO-8601, UTC), ${DATE_RANGE_TEXT}; defaults to now.`, example: '2026-11-01T00:00:00Z' });

export const IdParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });

export const Issue = z.object({ path: z.string(), message: z.string() }).openapi('Issue');

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(Issue).optional(),
    requestId: z.string().optional().openapi({ description: 'The request’s id (also the X-Request-Id header); quote it when reporting a problem.' }),
  })
  .openapi('Problem');

export const Span = z.object({ text: z.string(), start: z.number().int(), end: z.number().int() }).openapi('Span');

export const OpenSpan = z
  .object({
    text: z.string(),
    start: z.number().int().openapi({ description: 'Offset of the first character in the description.' }),
    end: z.number().int().openapi({ description: 'Offset just past the last character.' }),
    message: z.string().openapi({ description: 'What is open about it, for the reviewer.' }),
  })
  .openapi('OpenSpan', { description: 'A part of the description the rules do not account for; it blocks approval until acknowledged or the rules are edited.' });

export const SpanRef = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).openapi('SpanRef');

const count = z.number().int();

export const Reach = z
  .object({
    emailable: count.openapi({ description: 'Subscribed, with an email address: can be emailed.' }),
    unsubscribed: count,
    bounced: count,
    suppressed: count,
    noEmail: count.openapi({ description: 'Subscribed but without an email address.' }),
  })
  .openapi('Reach', { description: 'How many of the counted contacts can be emailed ("N of M"), and why the others cannot (their email status).' });

export const Tally = z.object({ count, reach: Reach }).openapi('Tally');

export const FunnelNode = z
  .object({
    path: z.string().openapi({ description: 'The node in the canonical tree, as validation errors and the builder name it: "rules", "rules.children[1]", "rules.children[1].children[0]".', example: 'rules.children[1]' }),
    type: z.enum(['group', 'condition', 'relation', 'engagement', 'segment']),
    alone: Tally.openapi({ description: 'Contacts matching this node alone (a negated group: after its NOT).' }),
    running: z.union([Tally, z.null()]),
    unique: z.union([Tally, z.null()]),
  })
  .openapi('FunnelNode', {
    description:
      'One node’s exact counts. `running` (children of AND groups): contacts matching this child and every child before it, in the tree’s order ' +
      '(inside the group’s NOT, if any; the last child’s is the group’s count before negation), else null. `unique` (children of OR groups): ' +
      'contacts matching this branch and no other branch of the group, else null.',
  });

const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]).openapi('FieldValue');
const whyBase = { path: z.string(), matches: z.boolean() };
export const NodeWhy = z
  .discriminatedUnion('type', [
    z.object({ ...whyBase, type: z.literal('group') }),
    z.object({ ...whyBase, type: z.literal('condition'), field: z.string(), actual: FieldValue.openapi({ description: 'The contact’s (or its company’s) value of the field; dates in ISO-8601 UTC.' }) }),
    z.object({
      ...whyBase,
      type: z.literal('relation'),
      relation: z.string(),
      matching: count.openapi({ description: 'How many of the contact’s related rows match the relation’s conditions (e.g. activities in the window).' }),
      rows: z.array(z.object({ matches: z.boolean(), fields: z.record(z.string(), FieldValue) })).openapi({ description: 'Up to 5 of the contact’s related rows, matching ones first, newest first (e.g. the deal’s name, amount, stage).' }),
    }),
    z.object({
      ...whyBase,
      type: z.literal('engagement'),
      event: z.string(),
      hits: count.openapi({ description: 'Campaigns of the set that had the event.' }),
      of: count.openapi({ description: 'Campaigns in the set.' }),
      campaigns: z.array(z.object({ id: z.string(), name: z.string(), at: z.string().nullable() })).openapi({ description: 'The campaigns of the set (up to 20; more: those with the event) and when the event first happened, null for never.' }),
    }),
    z.object({ ...whyBase, type: z.literal('segment'), segment: z.string(), title: z.string(), member: z.boolean() }),
  ])
  .openapi('NodeWhy', { description: 'One node for one contact: whether it holds and, for conditions, the values that decided it.' });
export const ObjectType = z
  .enum(OBJECT_TYPES)
  .openapi('ObjectType', { description: 'What a segment selects: contacts (the default), companies or deals. The rules are read at that object.' });

export const PreviewContact = z
  .object({ id: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable(), email: z.string(), company: z.string().nullable() })
  .openapi('PreviewContact');

export const PreviewRow = PreviewContact.extend({
  why: z.array(NodeWhy).openapi({ description: 'Every node of the canonical tree for this contact, root first (pre-order, as in `funnel` of POST /v1/preview/funnel): which conditions made it match, with their values.' }),
}).openapi('PreviewRow');

export const PreviewCompany = z
  .object({ id: z.string(), name: z.string(), domain: z.string().nullable(), industry: z.string().nullable(), country: z.string().nullable(), employeeCount: z.number().nullable() })
  .openapi('PreviewCompany');

export const PreviewDeal = z
  .object({
    id: z.string(),
    name: z.string(),
    stage: z.string(),
    amount: z.number().nullable(),
    company: z.string().nullable().openapi({ description: 'The deal’s company name.' }),
    contact: z.string().nullable().openapi({ description: 'The deal’s contact’s email.' }),
  })
  .openapi('PreviewDeal');

export const Preview = z
  .object({
    objectType: ObjectType,
    count,
    reach: z.union([Reach, z.null()]).openapi({ description: 'Contacts only (who can be emailed); null for segments of companies and deals.' }),
    sample: z
      .array(z.union([PreviewRow, PreviewCompany, PreviewDeal]))
      .openapi({ description: 'The first 10 matching rows with the columns of the object type: contacts newest first (with why), companies by name, deals newest first.' }),
    asOf: z.string(),
  })
  .openapi('Preview', { description: 'The exact count with its reachability and the newest 10 matches, each with why it matches. Per-node funnel counts are POST /v1/preview/funnel.' });

export const Funnel = z
  .object({
    count,
    reach: Reach,
    funnel: z.array(FunnelNode).openapi({ description: 'Every node of the canonical tree, root first (pre-order), with exact counts.' }),
    asOf: z.string(),
  })
  .openapi('Funnel');

export const CreateDraftRequest = z
  .object({
    description: z.string().min(1).max(2000).openapi({ example: 'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days' }),
    asOf: AsOfSchema.optional(),
    objectType: ObjectType.optional().openapi({
      description: 'What the segment selects; when left out, the description’s leading noun decides ("companies …", "accounts …", "deals …"), else contacts.',
    }),
  })
  .openapi('CreateDraftRequest');

export const Alternative = z
  .object({
    index: z.number().int().openapi({ description: 'POST /v1/drafts/{id}/alternatives/{index}/apply switches the rules to it.' }),
    assumption: z.string().openapi({ description: 'The assumption it is the other reading of (one of `assumptions`).' }),
    says: z.string().openapi({ description: 'The other reading, in a few words.', example: 'the company’s country' }),
    applied: z.boolean().openapi({ description: 'Whether the rules use the other reading now; applying again switches back.' }),
    path: z.string().openapi({ description: 'The node of the current rules it replaces.', example: 'rules.children[0]' }),
    rules: rulesRef('The canonical rules after switching.'),
    count: z.number().int().openapi({ description: 'Exact number of contacts the rules after switching select.' }),
    reach: Reach,
  })
  .openapi('Alternative', { description: 'An assumption with a real alternative reading, with that reading’s exact count.' });

export const Draft = z
  .object({
    id: z.string(),
    description: z.string(),
    objectType: ObjectType,
    rules: rulesRef('Canonical rule tree.'),
    explanation: z.string(),
    assumptions: z.array(z.string()),
    alternatives: z.array(Alternative).openapi({
      description: 'Assumptions whose other reading is real (contact vs company country, each vs any of the last N campaigns, customers by stage vs by won deal), found in the current rules; empty without a preview.',
    }),
    unrecognized: z.array(Span),
    openSpans: z.array(OpenSpan).openapi({
      description:
        'The spans that still block approval: every unrecognized span, until the reviewer edits the rules (PUT) or acknowledges it in the approve request. Empty when the draft can be approved as it is.',
    }),
    secondReading: z
      .object({
        provider: z.string(),
        model: z.string(),
        rules: rulesRef('The built-in parser’s canonical tree.'),
        explanation: z.string(),
        assumptions: z.array(z.string()),
        count: z.number().int().openapi({ description: 'Contacts the built-in reading selects.' }),
        providerCount: z.number().int().openapi({ description: 'Contacts the provider’s reading (rules) selects.' }),
        differingContacts: z.number().int().openapi({ description: 'Contacts in exactly one of the two audiences.' }),
        onlyInProvider: z.array(z.string()).openapi({ description: 'Top-level conditions only the provider’s reading has, in plain English.' }),
        onlyInSecond: z.array(z.string()).openapi({ description: 'Top-level conditions only the built-in reading has, in plain English.' }),
      })
      .nullable()
      .openapi({
        description:
          'When the provider is an LLM and the built-in parser understood the whole description on its own but selects other contacts: its reading, both counts and what differs, so the reviewer decides. Null when they agree, when the built-in parser did not understand all of it, or once the rules were edited.',
      }),
    warnings: z.array(Issue),
    preview: Preview.nullable().openapi({ description: 'Null when the preview failed (previewError says why); the draft itself is intact.' }),
    previewError: z
      .object({ code: z.enum(['query_timeout', 'busy']), detail: z.string() })
      .nullable()
      .openapi({ description: 'Why the preview is missing: the query timed out, or the records were busy. Narrow the rules with PUT, or read again.' }),
    provider: z.string(),
    model: z.string(),
    promptVersion: z.string(),
    asOf: z.string().nullable(),
    edited: z.boolean(),
    approvedSegmentId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Draft');

export const AlternativeParams = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }),
  index: z.coerce.number().int().min(0).max(1000).openapi({ param: { name: 'index', in: 'path' }, type: 'integer' }),
});

export const RulesRequest = z.object({ rules: rulesRef('A rule tree; validated and normalized.') }).openapi('RulesRequest');

/** How `rules` is written: this service's grammar (default), EzFlow criteria or react-querybuilder JSON. */
export const RulesFormat = z
  .enum(RULES_FORMATS)
  .default('segment-builder')
  .openapi({
    description:
      'How `rules` is written: this service’s rule tree (default); EzFlow criteria ({operator: "AND", conditions: [{type: "PROPERTY", propertyName, operator, value}]}); ' +
      'or react-querybuilder JSON ({combinator, not, rules: [{field, operator, value}]}). Converted on the way in, then validated like any tree.',
  });

export const PreviewRequest = z
  .object({
    rules: rulesRef('A rule tree (or EzFlow criteria / react-querybuilder JSON, per `format`); validated and normalized.'),
    format: RulesFormat.optional(),
    asOf: AsOfSchema.optional(),
    objectType: ObjectType.optional().openapi({ description: 'What the rules select; default contacts.' }),
  })
  .openapi('PreviewRequest');

export const PreviewResponse = z
  .object({ rules: rulesRef('The canonical tree that was previewed.'), explanation: z.string(), warnings: z.array(Issue), ...Preview.shape })
  .openapi('PreviewResponse');

export const FunnelResponse = z
  .object({ rules: rulesRef('The canonical tree that was counted; `funnel` paths name its nodes.'), ...Funnel.shape })
  .openapi('FunnelResponse');

export const ExplainParams = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }),
  contactId: z.string().min(1).max(100).openapi({ param: { name: 'contactId', in: 'path' } }),
});

export const ContactExplanation = z
  .object({
    segmentId: z.string(),
    contactId: z.string(),
    member: z.boolean().openapi({ description: 'Whether the contact is in the segment: by its rules at asOf (dynamic), by its member list (static).' }),
    rules: nullableRules('The segment’s canonical rules; null for static segments.'),
    nodes: z.array(NodeWhy).nullable().openapi({ description: 'Every node of the rules for this contact, root first, true or false with its values: a non-member’s failing conditions are the leaves with matches false. Null for static segments.' }),
    asOf: z.string(),
  })
  .openapi('ContactExplanation');

const Title = z.string().trim().min(1).max(200);
const Slug = z.string().min(1).max(80).openapi({ example: 'vip-germany' });
const Description = z.string().max(2000).nullable();

export const ApproveRequest = z
  .object({
    title: Title,
    slug: Slug.optional(),
    description: z.string().max(2000).optional(),
    acknowledge: z.array(SpanRef).max(200).optional().openapi({
      description:
        'The open spans (by start and end, as in the draft\'s openSpans) the reviewer has read and accepts the rules without. A draft with an open span that is not acknowledged is answered 409 with the spans.',
    }),
  })
  .openapi('ApproveRequest');

export const Segment = z
  .object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    type: z.enum(['static', 'dynamic']),
    objectType: ObjectType,
    status: z.enum(['active', 'archived']),
    rules: nullableRules('Canonical rule tree (dynamic segments); null for static ones.'),
    explanation: z.string().nullable(),
    version: z.number().int(),
    system: z.boolean().openapi({ description: 'Maintained by the service (e.g. "Suppressed contacts"): cannot be edited, archived or deleted.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Segment');

/** A segment read with `?format=ezflow|react-querybuilder`: `rules` written in that format. */
export const ExportedSegment = z.object({
  ...Segment.shape,
  format: z.enum(['ezflow', 'react-querybuilder']),
  rules: z.unknown().openapi({ description: 'The canonical tree written as EzFlow criteria or react-querybuilder JSON; null for static segments.' }),
}).openapi('ExportedSegment');

export const SegmentList = z.object({ segments: z.array(Segment) }).openapi('SegmentList');

export const CreateSegmentRequest = z
  .object({
    title: Title,
    slug: Slug.optional(),
    description: Description.optional(),
    type: z
      .enum(['static', 'dynamic'])
      .optional()
      .openapi({ description: 'Default: "dynamic" when `rules` are given, "static" when they are not.' }),
    objectType: ObjectType.optional().openapi({ description: 'What the members are; default contacts. Fixed for the segment’s life.' }),
    rules: rulesRef('Required for dynamic segments (in the `format` given).').optional(),
    format: RulesFormat.optional(),
  })
  .openapi('CreateSegmentRequest');

export const UpdateSegmentRequest = z
  .object({ title: Title.optional(), slug: Slug.optional(), description: Description.optional(), rules: rulesRef('Dynamic segments only (in the `format` given).').optional(), format: RulesFormat.optional() })
  .openapi('UpdateSegmentRequest');

export const MembersRequest = z
  .object({
    contactIds: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(10_000)
      .openapi({ description: 'Ids of the segment’s object type: contact ids, or company / deal ids for segments of companies / deals.' }),
  })
  .openapi('MembersRequest');

export const MembershipChange = z
  .object({
    changed: z.array(z.string()).openapi({ description: 'Ids added (or removed) by this call.' }),
    unchanged: z.array(z.string()).openapi({ description: 'Ids that already were (or were not) members.' }),
    unknown: z.array(z.string()).openapi({ description: 'Ids that are not records (contacts, companies or deals, per the segment) of this tenant; nothing was done with them.' }),
  })
  .openapi('MembershipChange');

export const FreezeRequest = z.object({ title: Title.optional(), asOf: AsOfSchema.optional() }).openapi('FreezeRequest');

export const UpsertByNameRequest = z.object({ names: z.array(Title).min(1).max(100) }).openapi('UpsertByNameRequest');

export const IdsQuery = z.object({
  asOf: AsOfSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});

export const IdsPage = z.object({ ids: z.array(z.string()), nextCursor: z.string().nullable() }).openapi('IdsPage');

export const MembersQuery = z.object({
  asOf: AsOfSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  sort: z
    .enum(['created_at', 'email', 'last_name', 'name', 'employee_count', 'amount'])
    .optional()
    .openapi({ description: 'contacts: created_at (default), email, last_name; companies: name (default), employee_count; deals: created_at (default), name, amount.' }),
  order: z.enum(['asc', 'desc']).default('desc'),
  q: z.string().trim().max(200).optional().openapi({ description: 'Only members whose email starts with it, or whose first or last names start with its words ("ann kow"); case-insensitive.' }),
});

const joinedAt = z.string().nullable().openapi({ description: 'When the row last became a member (its latest join, or the segment’s creation for its first members); null when it is not a recorded member, e.g. a dynamic segment read at an asOf.' });

export const Member = z
  .object({ id: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable(), email: z.string(), company: z.string().nullable(), createdAt: z.string(), joinedAt })
  .openapi('Member');

export const MembersPage = z
  .object({
    objectType: ObjectType,
    members: z.array(z.union([Member, PreviewCompany.extend({ joinedAt }), PreviewDeal.extend({ createdAt: z.string(), joinedAt })])).openapi({ description: 'Rows with the columns of the segment’s object type.' }),
    nextCursor: z.string().nullable(),
    matching: z.number().int().nullable().openapi({ description: 'With `q`: how many members match it in all (for "N of M" paging); null without `q`.' }),
  })
  .openapi('MembersPage');

export const CountsRequest = z
  .object({
    ids: z.array(z.string().min(1).max(100)).min(1).max(200),
    asOf: AsOfSchema.optional(),
    fresh: z
      .boolean()
      .default(false)
      .openapi({ description: 'true: recompute every dynamic segment now instead of serving members computed in the last SEGMENT_CACHE_TTL_MS (default 60 s). Static segments are always exact.' }),
  })
  .openapi('CountsRequest');

export const CountsResponse = z
  .object({ counts: z.record(z.string(), z.number().int()), unknown: z.array(z.string()) })
  .openapi('CountsResponse');

export const RecomputeResponse = z.object({ count: z.number().int(), computedAt: z.string() }).openapi('RecomputeResponse');

export const SeedSegment = z
  .object({
    object_type: z.literal('segments'),
    data: z.object({
      title: z.string(),
      slug: z.string().optional(),
      description: z.string().nullable().optional(),
      object_type: ObjectType.optional().openapi({ description: 'What the segment targets; default "contacts".' }),
      type: z.enum(['static', 'dynamic']).optional().openapi({ description: 'Default: dynamic when there is a query, static when there is none.' }),
      status: z.enum(['active', 'archived']).optional().openapi({ description: 'Default "active".' }),
      query: rulesRef('Dynamic segments: the rule tree; segments by slug, owners by email, campaigns by name.').optional(),
      members: z
        .object({ by: z.enum(['id', 'email']), values: z.array(z.string()) })
        .optional()
        .openapi({ description: 'Static segments: the members by contact id or email; on import they replace the segment’s members.' }),
    }),
  })
  .openapi('SeedSegment');

export const SeedExportQuery = z.object({
  members: z
    .enum(['none', 'id', 'email'])
    .default('none')
    .openapi({ description: 'Static segments’ members: left out (default), by contact id (same environment) or by email (another environment).' }),
});

export const ImportResult = z
  .object({
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()).openapi({ description: 'Identical to what the tenant has: nothing written, no version bumped.' }),
    unmatchedMembers: z.array(z.object({ segment: z.string(), value: z.string() })).openapi({ description: 'Static members of the file that match no contact here; the others were imported.' }),
  })
  .openapi('ImportResult');

export const SegmentReadQuery = z.object({
  format: RulesFormat.optional().openapi({
    description: 'Write `rules` in this format: the default tree, "ezflow" or "react-querybuilder". A tree that does not fit the format is a 422 listing each part that cannot be expressed.',
  }),
});

export const StatusQuery = z.object({ status: z.enum(['active', 'archived']).optional() });

export const UsedBy = z
  .object({
    segments: z.array(z.object({ id: z.string(), title: z.string() })).openapi({ description: 'Segments whose rules refer to this one.' }),
    webhooks: z.array(z.object({ id: z.string(), url: z.string(), description: z.string().nullable() })).openapi({ description: 'Webhooks whose event filter names this segment.' }),
  })
  .openapi('UsedBy');
