// A segment's analysis and history: how segments overlap, how a segment's size moved, the versions
// of its definition (and restoring one), and who an edit would add or remove before it is saved.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { previewEdit } from '../../segments/edit-preview.js';
import { refreshAfterDefinitionChange } from '../../segments/materialize.js';
import { overlap } from '../../segments/overlap.js';
import { sizeHistory } from '../../segments/size-history.js';
import { findSegment } from '../../segments/store.js';
import { listVersions, restoreVersion } from '../../segments/versions.js';
import type { Services } from '../../services.js';
import { allow, type AppEnv } from '../auth.js';
import { OverlapRequest, OverlapResponse, PreviewEditRequest, PreviewEditResponse, SegmentVersions, SizeHistory, SizeHistoryQuery, VersionParams } from '../history-schemas.js';
import { body, json, problems, security, validationHook } from '../openapi.js';
import { IdParam, Segment } from '../schemas.js';
import { rulesIn } from '../rules-format.js';

export function segmentHistoryRoutes(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/segments/overlap',
      summary: 'Exact sizes of every region of the Venn diagram of 2–5 segments or rule trees',
      description: 'One statement over the tenant’s contacts (a bitmask per contact, grouped), under the statement timeout. Segments by id are "in that segment"; rule trees are validated like a preview.',
      security,
      request: body(OverlapRequest),
      responses: { 200: json(OverlapResponse, 'Sizes of the sets and of every region'), ...problems() },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const sets = input.segments.map((s) => (s.id !== undefined ? { id: s.id } : { rules: rulesIn(s.format, s.rules) }));
      const result = await services.longReads.run(c.get('principal').orgId, c.req.raw.signal, (read) => overlap(services, read, sets, input.asOf));
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/segments/{id}/preview-edit',
      summary: 'Who would join and who would leave if a dynamic segment’s rules were edited (changes nothing)',
      description: 'Validated like PATCH would validate the rules; nothing is saved, refreshed or recorded.',
      security,
      request: { params: IdParam, ...body(PreviewEditRequest) },
      responses: { 200: json(PreviewEditResponse, 'Counts before and after, and who joins and leaves (first 10 of each)'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'draft', 'preview rule edits');
      const input = c.req.valid('json');
      const id = c.req.valid('param').id;
      const result = await services.longReads.run(principal.orgId, c.req.raw.signal, (read) => previewEdit(services, read, id, rulesIn(input.format, input.rules), input.asOf));
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/segments/{id}/versions',
      summary: 'The definition history: every change of title, type or rules, who made it, and its diff',
      security,
      request: { params: IdParam },
      responses: { 200: json(SegmentVersions, 'Versions oldest first, and the draft the segment came from'), ...problems() },
    }),
    async (c) => c.json(await listVersions(services, c.get('principal').orgId, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/segments/{id}/versions/{number}/restore',
      summary: 'Restore an old version’s title and rules (recorded as a new version)',
      security,
      request: { params: VersionParams },
      responses: { 200: json(Segment, 'The segment as restored'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'restore segment versions');
      const { id, number } = c.req.valid('param');
      const before = await findSegment(services.database.db, principal.orgId, id);
      const restored = await restoreVersion(services, principal.orgId, id, number, principal);
      // Restored rules move members like any rule edit (definition_change events), dependents included.
      if (restored.version !== before.version) await refreshAfterDefinitionChange(services, principal.orgId, [id]);
      return c.json(restored, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/segments/{id}/size-history',
      summary: 'The segment’s size per day, with joins and leaves, from the membership events',
      security,
      request: { params: IdParam, query: SizeHistoryQuery },
      responses: { 200: json(SizeHistory, 'One point per UTC day, from the segment’s creation at the earliest'), ...problems() },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const id = c.req.valid('param').id;
      const result = await services.longReads.run(c.get('principal').orgId, c.req.raw.signal, (read) =>
        sizeHistory(services, read, id, { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }),
      );
      return c.json(result, 200);
    },
  );

  return app;
}
