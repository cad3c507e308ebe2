// Segments: definitions, members, reads for automation and the UI, exports and imports.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { LongRead } from '../../db/long-reads.js';
import { exportDefinitions, importDefinitions } from '../../segments/exchange.js';
import { csvExport } from '../../segments/export.js';
import { freeze } from '../../segments/freeze.js';
import { recompute, refreshAfterDefinitionChange } from '../../segments/materialize.js';
import { countMany, listMembers, memberIds } from '../../segments/member-reads.js';
import { explainMembership } from '../../segments/insight.js';
import { addMembers, removeMembers } from '../../segments/static-members.js';
import {
  createSegment,
  deleteSegment,
  duplicateSegment,
  findSegment,
  listSegments,
  referencedBy,
  setArchived,
  toView,
  updateSegment,
  upsertManyByName,
} from '../../segments/store.js';
import type { Services } from '../../services.js';
import { rulesIn, rulesOut } from '../rules-format.js';
import { allow, type AppEnv } from '../auth.js';
import { body, json, problems, security, validationHook } from '../openapi.js';
import {
  AsOfSchema,
  CountsRequest,
  ContactExplanation,
  CountsResponse,
  ExplainParams,
  CreateSegmentRequest,
  ExportedSegment,
  FreezeRequest,
  IdParam,
  IdsPage,
  IdsQuery,
  ImportResult,
  MembersPage,
  MembersQuery,
  MembersRequest,
  MembershipChange,
  RecomputeResponse,
  SeedExportQuery,
  SeedSegment,
  Segment,
  SegmentReadQuery,
  SegmentList,
  StatusQuery,
  UpdateSegmentRequest,
  UpsertByNameRequest,
  UsedBy,
} from '../schemas.js';

export function segmentRoutes(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);
  /** Runs a long read in one of the tenant's slots (429 when none is free), cancelled if the client leaves. */
  const longRead = <T>(c: Context<AppEnv>, fn: (read: LongRead) => Promise<T>): Promise<T> =>
    services.longReads.run(c.get('principal').orgId, c.req.raw.signal, fn);

  app.openapi(
    createRoute({ method: 'get', path: '/segments', summary: 'List segments', security, request: { query: StatusQuery }, responses: { 200: json(SegmentList, 'Segments by title'), ...problems() } }),
    async (c) => c.json({ segments: await listSegments(services, c.get('principal').orgId, c.req.valid('query').status) }, 200),
  );

  app.openapi(
    createRoute({ method: 'post', path: '/segments', summary: 'Create a segment', security, request: body(CreateSegmentRequest), responses: { 201: json(Segment, 'The segment'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'create segments');
      const { format, type, ...input } = c.req.valid('json');
      // No type given: rules make it dynamic, no rules make it static (documented on the schema).
      const inferred = type ?? (input.rules == null ? 'static' : 'dynamic');
      return c.json(await createSegment(services, principal.orgId, { ...input, type: inferred, rules: rulesIn(format, input.rules), by: principal }), 201);
    },
  );

  // Static paths before /segments/{id} so they are not taken for ids.
  app.openapi(
    createRoute({ method: 'post', path: '/segments/counts', summary: 'Member counts for many segments in one call', security, request: body(CountsRequest), responses: { 200: json(CountsResponse, 'Counts by segment id; unknown ids listed'), ...problems() } }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await longRead(c, (read) => countMany(services, read, input.ids, input.asOf, { fresh: input.fresh })), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/segments/upsert-by-name', summary: 'Create static segments by name unless they exist (idempotent)', security, request: body(UpsertByNameRequest), responses: { 200: json(SegmentList, 'One segment per name, in request order'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'create segments');
      return c.json({ segments: await upsertManyByName(services, principal.orgId, c.req.valid('json').names) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/segments/export', summary: 'Export segment definitions: dynamic and static, archived included (Seeds exchange format)', security, request: { query: SeedExportQuery }, responses: { 200: json(z.array(SeedSegment), 'Definitions: static ones first, then dynamic ones after the segments they refer to'), ...problems() } }),
    async (c) => c.json(await exportDefinitions(services, c.get('principal').orgId, { members: c.req.valid('query').members }), 200),
  );

  app.openapi(
    createRoute({ method: 'post', path: '/segments/import', summary: 'Import segment definitions (all or nothing; matched by slug; unchanged items are left alone)', security, request: body(z.array(SeedSegment)), responses: { 200: json(ImportResult, 'Created, updated and unchanged segment ids, and static members that matched no contact'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'import segment definitions');
      const result = await importDefinitions(services, principal.orgId, await c.req.json(), principal);
      // New ones get their baseline, changed ones diff old vs new members (definition_change events).
      await refreshAfterDefinitionChange(services, principal.orgId, [...result.created, ...result.updated]);
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/segments/{id}',
      summary: 'Read a segment (rules optionally written as EzFlow criteria or react-querybuilder JSON)',
      security,
      request: { params: IdParam, query: SegmentReadQuery },
      responses: { 200: json(z.union([Segment, ExportedSegment]), 'The segment'), ...problems() },
    }),
    async (c) => {
      const { orgId } = c.get('principal');
      const view = await toView(services, await findSegment(services.database.db, orgId, c.req.valid('param').id));
      const format = c.req.valid('query').format;
      if (format === undefined || format === 'segment-builder') return c.json(view, 200);
      return c.json({ ...view, format, rules: view.rules === null ? null : rulesOut(format, view.rules) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'patch', path: '/segments/{id}', summary: 'Update title, slug, description or rules', security, request: { params: IdParam, ...body(UpdateSegmentRequest) }, responses: { 200: json(Segment, 'The segment'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'edit segment definitions');
      const id = c.req.valid('param').id;
      const before = await findSegment(services.database.db, principal.orgId, id);
      const { format, ...patch } = c.req.valid('json');
      const updated = await updateSegment(services, principal.orgId, id, { ...patch, rules: rulesIn(format, patch.rules) }, { by: principal });
      // A rule change diffs old vs new members now (definition_change events), dependents included.
      if (updated.version !== before.version) await refreshAfterDefinitionChange(services, principal.orgId, [id]);
      return c.json(updated, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/segments/{id}/explain/{contactId}',
      summary: 'Is this contact in the segment, and which conditions hold or fail for it?',
      description: 'A dynamic segment is evaluated from its rules at `asOf` (default now): every node true or false, with the values that decided it. A static segment answers from its member list.',
      security,
      request: { params: ExplainParams, query: z.object({ asOf: AsOfSchema.optional() }) },
      responses: { 200: json(ContactExplanation, 'Membership and, for dynamic segments, every node for this contact'), ...problems() },
    }),
    async (c) => {
      const { id, contactId } = c.req.valid('param');
      return c.json(await explainMembership(services, c.get('principal').orgId, id, contactId, c.req.valid('query').asOf), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/segments/{id}/used-by', summary: 'What refers to this segment: other segments’ rules, webhook subscriptions', security, request: { params: IdParam }, responses: { 200: json(UsedBy, 'Referring segments and webhooks; a segment with any cannot be deleted or archived'), ...problems() } }),
    async (c) => {
      const { orgId } = c.get('principal');
      const id = c.req.valid('param').id;
      await findSegment(services.database.db, orgId, id);
      return c.json(await referencedBy(services.database.db, orgId, id), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/segments/{id}', summary: 'Delete a segment', security, request: { params: IdParam }, responses: { 204: { description: 'Deleted' }, ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'delete segments');
      await deleteSegment(services, principal.orgId, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  for (const [path, summary, archived] of [
    ['/segments/{id}/archive', 'Archive a segment', true],
    ['/segments/{id}/unarchive', 'Unarchive a segment', false],
  ] as const) {
    app.openapi(
      createRoute({ method: 'post', path, summary, security, request: { params: IdParam }, responses: { 200: json(Segment, 'The segment'), ...problems() } }),
      async (c) => {
        const principal = c.get('principal');
        allow(principal, services.policy, 'define', 'archive segments');
        return c.json(await setArchived(services, principal.orgId, c.req.valid('param').id, archived), 200);
      },
    );
  }

  app.openapi(
    createRoute({ method: 'post', path: '/segments/{id}/duplicate', summary: 'Duplicate a segment (static members included)', security, request: { params: IdParam }, responses: { 201: json(Segment, 'The copy'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'duplicate segments');
      return c.json(await duplicateSegment(services, principal.orgId, c.req.valid('param').id, principal), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/segments/{id}/freeze', summary: 'Snapshot the current members into a new static segment', security, request: { params: IdParam, ...body(FreezeRequest) }, responses: { 201: json(Segment, 'The static snapshot'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'freeze segments');
      const input = c.req.valid('json');
      const id = c.req.valid('param').id;
      return c.json(await longRead(c, (read) => freeze(services, read, id, { ...(input.title ? { title: input.title } : {}), ...(input.asOf ? { asOf: input.asOf } : {}), by: principal })), 201);
    },
  );

  for (const [method, verb, run] of [
    ['post', 'Add', addMembers],
    ['delete', 'Remove', removeMembers],
  ] as const) {
    app.openapi(
      createRoute({
        method,
        path: '/segments/{id}/members',
        summary: `${verb} members of a static segment in bulk`,
        security,
        request: { params: IdParam, ...body(MembersRequest) },
        responses: { 200: json(MembershipChange, 'What changed, what did not, and ids that are not contacts of this tenant'), ...problems() },
      }),
      async (c) => {
        const principal = c.get('principal');
        allow(principal, services.policy, 'members', 'change static segment members');
        return c.json(await run(services, principal.orgId, c.req.valid('param').id, c.req.valid('json').contactIds), 200);
      },
    );
  }

  app.openapi(
    createRoute({ method: 'get', path: '/segments/{id}/members', summary: 'Members for display, keyset-paginated', security, request: { params: IdParam, query: MembersQuery }, responses: { 200: json(MembersPage, 'A page of members'), ...problems() } }),
    async (c) => {
      const q = c.req.valid('query');
      const id = c.req.valid('param').id;
      return c.json(
        await longRead(c, (read) => listMembers(services, read, id, {
          limit: q.limit,
          ...(q.sort ? { sort: q.sort } : {}),
          order: q.order,
          ...(q.cursor ? { cursor: q.cursor } : {}),
          ...(q.asOf ? { asOf: q.asOf } : {}),
          ...(q.q ? { q: q.q } : {}),
        })),
        200,
      );
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/segments/{id}/ids', summary: 'All member ids for automation, cursor-paginated by id', security, request: { params: IdParam, query: IdsQuery }, responses: { 200: json(IdsPage, 'A page of ids; follow nextCursor'), ...problems() } }),
    async (c) => {
      const q = c.req.valid('query');
      const id = c.req.valid('param').id;
      return c.json(
        await longRead(c, (read) => memberIds(services, read, id, { limit: q.limit, ...(q.cursor !== undefined ? { cursor: q.cursor } : {}), ...(q.asOf ? { asOf: q.asOf } : {}) })),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/segments/{id}/export.csv',
      summary: 'Members as CSV, streamed',
      security,
      request: { params: IdParam, query: z.object({ asOf: AsOfSchema.optional() }) },
      responses: { 200: { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } }, ...problems() },
    }),
    async (c) => {
      const { orgId } = c.get('principal');
      const id = c.req.valid('param').id;
      const segment = await findSegment(services.database.db, orgId, id);
      // The slot is held until the stream ends or its client goes away (csvExport releases it).
      const read = services.longReads.acquire(orgId, c.req.raw.signal);
      const stream = await csvExport(services, read, id, c.req.valid('query').asOf).catch((err: unknown) => {
        read.release();
        throw err;
      });
      return new Response(stream, {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${segment.slug}.csv"` },
      }) as never;
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/segments/{id}/recompute', summary: 'Recompute a dynamic segment’s members now', security, request: { params: IdParam }, responses: { 200: json(RecomputeResponse, 'The fresh count'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'members', 'recompute segments');
      const id = c.req.valid('param').id;
      return c.json(await longRead(c, (read) => recompute(services, read, id)), 200);
    },
  );

  return app;
}
