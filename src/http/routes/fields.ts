// The tenant's own field definitions: listed for every role, changed by admins (policy "fields").
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { createField, deleteField, getField, listFields, updateField } from '../../fields/fields.js';
import type { Services } from '../../services.js';
import { allow, type AppEnv } from '../auth.js';
import { CreateFieldRequest, FieldDefinition, FieldKeyParam, FieldList, FieldObjectQuery, UpdateFieldRequest } from '../field-schemas.js';
import { body, json, problems, security, validationHook } from '../openapi.js';

export function fieldRoutes(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/fields',
      summary: 'Define a field of the tenant’s own (a property of its contacts)',
      description: 'Segments can use it at once as `properties.<key>`: validation, the compiler, the built-in parser, the LLM prompt and the editor all follow the catalog.',
      security,
      request: body(CreateFieldRequest),
      responses: { 201: json(FieldDefinition, 'The definition'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'fields', 'manage field definitions');
      return c.json(await createField(services, principal.orgId, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/fields', summary: 'List the tenant’s own fields, oldest first', security, responses: { 200: json(FieldList, 'The definitions'), ...problems() } }),
    async (c) => c.json({ fields: await listFields(services, c.get('principal').orgId) }, 200),
  );

  app.openapi(
    createRoute({ method: 'get', path: '/fields/{key}', summary: 'Read one field definition', security, request: { params: FieldKeyParam, query: FieldObjectQuery }, responses: { 200: json(FieldDefinition, 'The definition'), ...problems() } }),
    async (c) => c.json(await getField(services, c.get('principal').orgId, c.req.valid('query').object ?? 'contacts', c.req.valid('param').key), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/fields/{key}',
      summary: 'Change a field definition (label, type, values, synonyms, description)',
      description: 'Changing the type, or removing allowed values, while segments use them is refused with 409 listing those segments.',
      security,
      request: { params: FieldKeyParam, query: FieldObjectQuery, ...body(UpdateFieldRequest) },
      responses: { 200: json(FieldDefinition, 'The definition'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'fields', 'manage field definitions');
      return c.json(await updateField(services, principal.orgId, c.req.valid('query').object ?? 'contacts', c.req.valid('param').key, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/fields/{key}',
      summary: 'Delete a field definition (the stored property values stay on the records)',
      description: 'Refused with 409 listing the segments that use the field.',
      security,
      request: { params: FieldKeyParam, query: FieldObjectQuery },
      responses: { 204: { description: 'Deleted' }, ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'fields', 'manage field definitions');
      await deleteField(services, principal.orgId, c.req.valid('query').object ?? 'contacts', c.req.valid('param').key);
      return c.body(null, 204);
    },
  );

  return app;
}
