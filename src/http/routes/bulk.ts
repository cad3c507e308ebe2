// A segment's members in bulk: static members from a CSV file, and actions on every member (tags,
// owner, hand-off to automations) as the segment page offers them.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../lib/errors.js';
import { applyToMembers, tagPatch } from '../../segments/bulk-actions.js';
import { importMembersCsv } from '../../segments/csv-members.js';
import { handOff } from '../../segments/handoff.js';
import type { Services } from '../../services.js';
import { allow, type AppEnv } from '../auth.js';
import { BulkActionResult, CsvImportQuery, CsvImportReport, HandoffAction, HandoffHeaders, HandoffResult, OwnerAction, TagsAction } from '../bulk-schemas.js';
import { body, json, problems, security, validationHook } from '../openapi.js';
import { IdParam } from '../schemas.js';

export function bulkRoutes(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/segments/{id}/members/import',
      summary: 'Add static members from a CSV file (matched by id or email; all or nothing)',
      description:
        'The body is `text/csv` with a header row holding an `id` (or `contact_id`) or an `email` column; other columns are ignored. ' +
        'At most 10,000 rows. Rows that match no contact are reported by row number; a malformed file changes nothing.',
      security,
      request: { params: IdParam, query: CsvImportQuery, body: { content: { 'text/csv': { schema: z.string().openapi({ example: 'email\nanna@example.com\n' }) } }, required: true } },
      responses: { 200: json(CsvImportReport, 'What was added, and the rows that matched no contact'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'members', 'change static segment members');
      const type = c.req.header('content-type') ?? '';
      if (!/^text\/csv\b/i.test(type)) {
        throw new AppError('unsupported_media_type', `Send the file as text/csv (got ${type ? `"${type}"` : 'no content type'}).`);
      }
      const match = c.req.valid('query').match;
      return c.json(await importMembersCsv(services, principal.orgId, c.req.valid('param').id, c.req.raw.body, { match }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/segments/{id}/actions/tags',
      summary: 'Add and/or remove tags on every member',
      description: 'Members are read once, then written in transactions of 500; the segment joins and leaves the new tags cause are events.',
      security,
      request: { params: IdParam, ...body(TagsAction) },
      responses: { 200: json(BulkActionResult, 'How many contacts were updated, and the membership changes'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'contacts', 'tag contacts');
      const { add, remove } = c.req.valid('json');
      return c.json(await applyToMembers(services, principal.orgId, c.req.valid('param').id, tagPatch(add, remove)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/segments/{id}/actions/owner',
      summary: 'Set (or clear) the owner of every member',
      security,
      request: { params: IdParam, ...body(OwnerAction) },
      responses: { 200: json(BulkActionResult, 'How many contacts were updated, and the membership changes'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'contacts', 'assign contact owners');
      return c.json(await applyToMembers(services, principal.orgId, c.req.valid('param').id, { ownerId: c.req.valid('json').ownerId } as never), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/segments/{id}/actions/handoff',
      summary: 'Hand off every member to automations: signed segment.handoff webhook events, a page of member ids each',
      description:
        'The members are read once (a dynamic segment is recomputed first), inside the one transaction that writes every page as a `segment.handoff` event ' +
        'and a delivery per page for each enabled webhook subscribed to `segment.handoff` (and to this segment, if it filters by segment): all or nothing. ' +
        'An empty segment is one page with no ids. Archived segments are refused (409). With an `Idempotency-Key` header a retry hands off once. See docs/events.md.',
      security,
      request: { params: IdParam, headers: HandoffHeaders, ...body(HandoffAction) },
      responses: { 200: json(HandoffResult, 'The hand-off: its id, how many members and pages, how many endpoints receive it'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'handoff', 'hand off segment members to automations');
      const key = c.req.valid('header')['idempotency-key'];
      return c.json(await handOff(services, principal.orgId, c.req.valid('param').id, { ...c.req.valid('json'), idempotencyKey: key }), 200);
    },
  );

  return app;
}
