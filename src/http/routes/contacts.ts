// The contact book (list and search) and contact writes. Each write re-evaluates the written contacts against the tenant's dynamic segments in
// the same transaction; the answer says which segments the contact joined or left.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ContactSearch, searchContacts } from '../../contacts/search.js';
import { AppError } from '../../lib/errors.js';
import { rulesIn, type RulesFormatName } from '../rules-format.js';
import {
  addActivity,
  addDeal,
  addEmailEvent,
  bulkUpsertContacts,
  createContact,
  deleteContact,
  getContact,
  updateContact,
} from '../../contacts/contacts.js';
import {
  BulkContactsRequest,
  CreateActivityRequest,
  CreateContactRequest,
  CreateDealRequest,
  CreateEmailEventRequest,
  UpdateContactRequest,
} from '../../contacts/schema.js';
import type { Services } from '../../services.js';
import { allow, type AppEnv } from '../auth.js';
import { BulkContactsResult, ContactDeleteResult, ContactListQuery, ContactPage, ContactSearchRequest, ContactWithSegments, ContactWriteResult, RelatedWriteResult } from '../contact-schemas.js';
import { body, json, problems, security, validationHook } from '../openapi.js';
import { IdParam } from '../schemas.js';

export function contactRoutes(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);

  app.openapi(
    createRoute({ method: 'post', path: '/contacts', summary: 'Create a contact', security, request: body(CreateContactRequest), responses: { 201: json(ContactWriteResult, 'The contact and the segments it joined'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'contacts', 'write contacts');
      return c.json(await createContact(services, principal.orgId, c.req.valid('json')), 201);
    },
  );

  const list = (c: Context<AppEnv>, input: Omit<ContactSearch, 'rules' | 'rulesPath'> & { format?: RulesFormatName | undefined }, rules: unknown, rulesPath: string) =>
    services.longReads.run(c.get('principal').orgId, c.req.raw.signal, (read) =>
      searchContacts(services, read, { ...input, rules: rulesIn(input.format, rules, rulesPath), rulesPath }),
    );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/contacts',
      summary: 'List and search contacts (name, email prefix), filtered by a rule tree, keyset-paginated',
      security,
      request: { query: ContactListQuery },
      responses: { 200: json(ContactPage, 'A page of contacts; follow nextCursor'), ...problems() },
    }),
    async (c) => {
      const { rules, ...q } = c.req.valid('query');
      let tree: unknown;
      if (rules !== undefined) {
        try {
          tree = JSON.parse(rules);
        } catch {
          throw new AppError('validation_failed', 'The rules parameter is not JSON.', [{ path: 'query.rules', message: 'expected a rule tree as JSON (URL-encoded); long trees can be sent to POST /v1/contacts/search' }]);
        }
      }
      return c.json(await list(c, q, tree, 'query.rules'), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/contacts/search',
      summary: 'Search contacts with the filter in the body (same as GET /v1/contacts)',
      security,
      request: body(ContactSearchRequest),
      responses: { 200: json(ContactPage, 'A page of contacts; follow nextCursor'), ...problems() },
    }),
    async (c) => {
      const { rules, ...q } = c.req.valid('json');
      return c.json(await list(c, q, rules, 'body.rules'), 200);
    },
  );

  // Before /contacts/{id}, so "bulk" is not taken for an id.
  app.openapi(
    createRoute({
      method: 'post',
      path: '/contacts/bulk',
      summary: `Create or update up to 1,000 contacts (all or nothing)`,
      description: 'Matched by id: new ids are created (email required), existing ones updated with the fields given. Every item is validated before anything is written.',
      security,
      request: body(BulkContactsRequest),
      responses: { 200: json(BulkContactsResult, 'Created and updated ids, and how many segment joins and leaves the batch caused'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'contacts', 'write contacts');
      return c.json(await bulkUpsertContacts(services, principal.orgId, c.req.valid('json').contacts), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/contacts/{id}', summary: 'Read a contact and its segment memberships', security, request: { params: IdParam }, responses: { 200: json(ContactWithSegments, 'The contact'), ...problems() } }),
    async (c) => c.json(await getContact(services, c.get('principal').orgId, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/contacts/{id}',
      summary: 'Update a contact (partial)',
      description: 'Fields given are set (null clears); `tags` replaces, `addTags`/`removeTags` edit; `properties` are merged (null removes one).',
      security,
      request: { params: IdParam, ...body(UpdateContactRequest) },
      responses: { 200: json(ContactWriteResult, 'The contact and the segments it joined or left'), ...problems() },
    }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'contacts', 'write contacts');
      return c.json(await updateContact(services, principal.orgId, c.req.valid('param').id, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/contacts/{id}', summary: 'Delete a contact and its deals, activities and email events', security, request: { params: IdParam }, responses: { 200: json(ContactDeleteResult, 'The segments it left (each a segment.left event)'), ...problems() } }),
    async (c) => {
      const principal = c.get('principal');
      allow(principal, services.policy, 'contacts', 'delete contacts');
      return c.json(await deleteContact(services, principal.orgId, c.req.valid('param').id), 200);
    },
  );

  for (const [path, summary, schema, run] of [
    ['/contacts/{id}/deals', 'Add a deal to a contact', CreateDealRequest, addDeal],
    ['/contacts/{id}/activities', 'Add an activity to a contact', CreateActivityRequest, addActivity],
    ['/contacts/{id}/email-events', 'Add an email event (delivered, opened, clicked, …) to a contact', CreateEmailEventRequest, addEmailEvent],
  ] as const) {
    app.openapi(
      createRoute({ method: 'post', path, summary, security, request: { params: IdParam, ...body(schema) }, responses: { 201: json(RelatedWriteResult, 'The new row’s id and the segments the contact joined or left'), ...problems() } }),
      async (c) => {
        const principal = c.get('principal');
        allow(principal, services.policy, 'contacts', 'write contacts');
        return c.json(await (run as (s: Services, o: string, id: string, i: unknown) => Promise<unknown>)(services, principal.orgId, c.req.valid('param').id, c.req.valid('json')), 201) as never;
      },
    );
  }

  return app;
}
