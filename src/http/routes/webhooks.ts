// Webhook endpoints (admin), their deliveries, and the membership event log.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { listEvents } from '../../events/events.js';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from '../../events/webhooks.js';
import type { Services } from '../../services.js';
import { allow, type AppEnv } from '../auth.js';
import {
  CreatedWebhook,
  CreateWebhookRequest,
  DeliveriesPage,
  DeliveriesQuery,
  Delivery,
  EventsPage,
  EventsQuery,
  UpdateWebhookRequest,
  Webhook,
  WebhookList,
} from '../event-schemas.js';
import { body, json, problems, security, validationHook } from '../openapi.js';
import { IdParam } from '../schemas.js';

export function webhookRoutes(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/webhooks',
      summary: 'Register a webhook endpoint for segment.joined / segment.left (default) and segment.handoff events',
      description: 'The answer carries the signing secret, this once.',
      security,
      request: body(CreateWebhookRequest),
      responses: { 201: json(CreatedWebhook, 'The endpoint, with its secret'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'webhooks', 'manage webhooks');
      return c.json(await createWebhook(services, principal.orgId, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/webhooks', summary: 'List webhook endpoints', security, responses: { 200: json(WebhookList, 'Endpoints, oldest first (secrets are never shown again)'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'webhooks', 'manage webhooks');
      return c.json({ webhooks: await listWebhooks(services, principal.orgId) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/webhooks/deliveries/{id}/redeliver', summary: 'Send a delivery again (same event id), now, with a fresh retry window', security, request: { params: IdParam }, responses: { 202: json(Delivery, 'Queued'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'webhooks', 'manage webhooks');
      return c.json(await redeliver(services, principal.orgId, c.req.valid('param').id), 202);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/webhooks/{id}', summary: 'Read a webhook endpoint', security, request: { params: IdParam }, responses: { 200: json(Webhook, 'The endpoint'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'webhooks', 'manage webhooks');
      return c.json(await getWebhook(services, principal.orgId, c.req.valid('param').id), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'patch', path: '/webhooks/{id}', summary: 'Change a webhook endpoint (URL, filter, secret, enabled)', security, request: { params: IdParam, ...body(UpdateWebhookRequest) }, responses: { 200: json(Webhook, 'The endpoint'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'webhooks', 'manage webhooks');
      return c.json(await updateWebhook(services, principal.orgId, c.req.valid('param').id, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/webhooks/{id}', summary: 'Delete a webhook endpoint and its deliveries', security, request: { params: IdParam }, responses: { 204: { description: 'Deleted' }, ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'webhooks', 'manage webhooks');
      await deleteWebhook(services, principal.orgId, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/webhooks/{id}/deliveries', summary: 'Deliveries of an endpoint, newest first: status, attempts, last error', security, request: { params: IdParam, query: DeliveriesQuery }, responses: { 200: json(DeliveriesPage, 'A page of deliveries'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'webhooks', 'manage webhooks');
      const q = c.req.valid('query');
      return c.json(await listDeliveries(services, principal.orgId, c.req.valid('param').id, q), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/events',
      summary: 'The event log, oldest first: membership events (segment.joined / segment.left) by default, hand-off pages with type=segment.handoff',
      security,
      request: { query: EventsQuery },
      responses: { 200: json(EventsPage, 'A page of events; continue with nextCursor'), ...problems() },
    }),
    async (c) => {
      const { type, ...query } = c.req.valid('query');
      return c.json(await listEvents(services, c.get('principal').orgId, { ...query, types: type }), 200);
    },
  );

  return app;
}
