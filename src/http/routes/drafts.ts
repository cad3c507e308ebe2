// Drafts and previews: describe → review → edit → preview → approve.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { applyAlternative, approveDraft, createDraft, editDraft, funnelRules, getDraft, previewRules } from '../../drafts/drafts.js';
import type { Services } from '../../services.js';
import { rulesIn } from '../rules-format.js';
import { allow, type AppEnv } from '../auth.js';
import { body, json, problems, security, validationHook } from '../openapi.js';
import { AlternativeParams, ApproveRequest, CreateDraftRequest, Draft, FunnelResponse, IdParam, PreviewRequest, PreviewResponse, RulesRequest, Segment } from '../schemas.js';

export function draftRoutes(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/drafts',
      summary: 'Generate a draft segment from a description',
      security,
      request: body(CreateDraftRequest),
      responses: { 201: json(Draft, 'The draft with rules, explanation, assumptions and a live preview (or previewError)'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'draft', 'create drafts');
      const input = c.req.valid('json');
      const draft = await createDraft(services, principal.orgId, {
        description: input.description,
        ...(input.asOf ? { asOf: input.asOf } : {}),
        ...(input.objectType ? { objectType: input.objectType } : {}),
      });
      return c.json(draft, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/drafts/{id}',
      summary: 'Read a draft (re-previewed; a failed preview is reported in previewError, not as an error)',
      security,
      request: { params: IdParam },
      responses: { 200: json(Draft, 'The draft'), ...problems() },
    }),
    async (c) => c.json(await getDraft(services, c.get('principal').orgId, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/drafts/{id}',
      summary: 'Replace a draft’s rules with the reviewer’s edit',
      description: 'Saved only when its preview succeeds: a 504 (timeout) or 503 (busy) leaves the draft unchanged.',
      security,
      request: { params: IdParam, ...body(RulesRequest) },
      responses: { 200: json(Draft, 'The edited draft, re-validated, re-normalized and re-previewed'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'draft', 'edit drafts');
      return c.json(await editDraft(services, principal.orgId, c.req.valid('param').id, c.req.valid('json').rules), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/drafts/{id}/alternatives/{index}/apply',
      summary: 'Switch the rules to an assumption’s alternative reading (or back)',
      description:
        'One of the draft’s `alternatives`: its node in the rules is replaced by the other reading, and the draft is saved as an edit (re-validated, re-previewed; a failed preview leaves it unchanged). Applying the same index again switches back. 404 when the current rules no longer contain either reading.',
      security,
      request: { params: AlternativeParams },
      responses: { 200: json(Draft, 'The draft with the switched rules, their preview and the alternatives now'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'draft', 'edit drafts');
      const { id, index } = c.req.valid('param');
      return c.json(await applyAlternative(services, principal.orgId, id, index), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/drafts/{id}/approve',
      summary: 'Approve a draft as a dynamic segment',
      security,
      request: { params: IdParam, ...body(ApproveRequest) },
      responses: { 201: json(Segment, 'The saved dynamic segment'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'define', 'approve drafts into segments');
      const input = c.req.valid('json');
      return c.json(await approveDraft(services, principal.orgId, c.req.valid('param').id, { ...input, by: principal }), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/preview',
      summary: 'Validate, normalize and preview a rule tree without saving',
      security,
      request: body(PreviewRequest),
      responses: { 200: json(PreviewResponse, 'Canonical rules, explanation, count and the first 10 contacts'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'draft', 'preview rules');
      const input = c.req.valid('json');
      const result = await previewRules(services, principal.orgId, rulesIn(input.format, input.rules), input.asOf, input.objectType, c.req.raw.signal);
      return c.json({ rules: result.rules, explanation: result.explanation, warnings: result.warnings, ...result.preview }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/preview/funnel',
      summary: 'Funnel counts of a rule tree: every node alone, AND running counts, OR unique branches, each with reachability',
      description:
        'The counts behind a preview’s rows, asked for after the preview (same body as POST /v1/preview; a draft’s: its `rules` and `preview.asOf`). ' +
        'Its own request because counting each node alone reads every contact of the tenant, where the preview reads only the matches; ' +
        'one statement under the statement timeout, in a long-read slot like a preview, cancelled when the client leaves.',
      security,
      request: body(PreviewRequest),
      responses: { 200: json(FunnelResponse, 'The canonical rules and every node’s exact counts'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'draft', 'preview rules');
      const input = c.req.valid('json');
      const result = await funnelRules(services, principal.orgId, rulesIn(input.format, input.rules), input.asOf, input.objectType, c.req.raw.signal);
      return c.json({ rules: result.rules, ...result.funnel }, 200);
    },
  );

  return app;
}
