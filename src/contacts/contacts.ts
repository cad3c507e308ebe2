// Contact writes: create, update (partial), delete, bulk upsert, and the related rows the grammar
// reads (deals, activities, email events). Every write is one transaction that also re-evaluates the
// written contacts against the tenant's dynamic segments (one statement per batch) and records the
// joins and leaves as events — so automation hears about a contact entering a segment the moment
// the write that caused it commits, and never about a write that rolled back.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.js';
import { type FactsPart, refreshFacts } from '../db/facts.js';
import { inOrder } from '../db/pipeline.js';
import { addValueCounts } from '../db/value-counts.js';
import { withStatementTimeout } from '../db/timeout.js';
import { activities, campaigns, companies, contacts, deals, emailEvents, segmentMembers, segments, users } from '../db/schema.js';
import { companiesOf, dynamicSegments, leaveAll, reevaluateContacts, reevaluateObjects } from '../events/evaluate.js';
import type { Change } from '../events/outbox.js';
import { AppError, type ProblemDetail } from '../lib/errors.js';
import type { Catalog } from '../rules/catalog.js';
import { checkPropertyValue, type ProposedField, proposeFields } from '../rules/properties.js';
import type { Services } from '../services.js';
import { statusAfterEvent } from '../rules/crm.js';
import type { ActivityInput, BulkContactInput, ContactPatch, CreateContactInput, DealInput, EmailEventInput } from './schema.js';

type ContactRow = typeof contacts.$inferSelect;

// The response shape is declared once, by the HTTP schema (src/http/schemas.ts), which the route's
// typed c.json checks this against; the type here is what the mapping below builds.
export type ContactView = ReturnType<typeof toView>;

export { toView as toContactView };

/** What a write did to the contact's segment memberships. */
export interface MembershipDiff {
  joined: { id: string; slug: string }[];
  left: { id: string; slug: string }[];
}

export interface ContactWriteResult {
  contact: ContactView;
  membership: MembershipDiff;
  /** Properties written that the tenant has not defined, with a proposed definition (not applied). */
  proposedFields: ProposedField[];
}

/**
 * The written properties the tenant has defined must fit their field (values then take the stored
 * spelling: a select's defined case, dates in ISO-8601 UTC); every misfit is reported with its path.
 */
function checkProperties(catalog: Catalog, items: WriteItem[]): void {
  const defs = new Map(catalog.definitions.filter((d) => d.object === 'contacts').map((d) => [d.key, d]));
  const errors: ProblemDetail[] = [];
  for (const item of items) {
    const props = (item.patch as ContactPatch).properties;
    if (!props) continue;
    for (const [key, value] of Object.entries(props)) {
      const d = defs.get(key);
      if (!d) continue;
      const checked = checkPropertyValue(d, value);
      if (checked.ok) (props as Record<string, unknown>)[key] = checked.value;
      else errors.push({ path: `${item.path}.properties.${key}`, message: checked.message });
    }
  }
  if (errors.length) throw new AppError('validation_failed', 'Some properties do not fit the tenant’s field definitions (GET /v1/fields); nothing was changed.', errors);
}

function toView(row: ContactRow) {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    country: row.country,
    language: row.language,
    lifecycleStage: row.lifecycleStage,
    emailStatus: row.emailStatus,
    companyId: row.companyId,
    ownerId: row.ownerId,
    tags: row.tags,
    properties: row.properties,
    createdAt: row.createdAt.toISOString(),
  };
}

function diffOf(changes: Change[], contactId?: string): MembershipDiff {
  const mine = contactId ? changes.filter((c) => c.contactId === contactId) : changes;
  const pick = (type: Change['type']) =>
    mine
      .filter((c) => c.type === type)
      .map((c) => ({ id: c.segmentId, slug: c.segmentSlug }))
      .sort((a, b) => (a.slug < b.slug ? -1 : 1));
  return { joined: pick('segment.joined'), left: pick('segment.left') };
}

/** A write that runs out of time is rolled back whole: nothing was changed. */
const writeTimeout = (services: Services) => ({ timeoutMs: services.statementTimeoutMs, advice: 'Nothing was changed; try again in a moment.' });

const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

export async function findContact(db: Executor, orgId: string, id: string): Promise<ContactRow> {
  const [row] = await db.select().from(contacts).where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
  if (!row) throw new AppError('not_found', `No contact "${id}" in this tenant.`);
  return row;
}

export async function getContact(services: Services, orgId: string, id: string): Promise<ContactView & { segments: { id: string; slug: string; title: string }[] }> {
  const db = services.database.db;
  const row = await findContact(db, orgId, id);
  const member = await db
    .select({ id: segments.id, slug: segments.slug, title: segments.title })
    .from(segmentMembers)
    .innerJoin(segments, and(eq(segments.orgId, segmentMembers.orgId), eq(segments.id, segmentMembers.segmentId)))
    .where(and(eq(segmentMembers.orgId, orgId), eq(segmentMembers.contactId, id)))
    .orderBy(asc(segments.title));
  return { ...toView(row), segments: member };
}

// ---- the one write path -----------------------------------------------------------------------------

type Mode = 'create' | 'update' | 'upsert';

interface WriteItem {
  id: string;
  patch: ContactPatch | CreateContactInput | BulkContactInput;
  /** Where this item's fields are in the request, for error paths ("body", "body.contacts.3"). */
  path: string;
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

/** Applies a patch to the current row (or to defaults for a new contact). */
function merge(orgId: string, current: ContactRow | undefined, item: WriteItem, now: Date, tenantTags: readonly string[]): ContactRow {
  const p = item.patch as ContactPatch & { id?: string };
  const base: ContactRow = current ?? {
    orgId,
    id: item.id,
    companyId: null,
    firstName: null,
    lastName: null,
    email: p.email!,
    phone: null,
    country: null,
    language: null,
    lifecycleStage: 'lead',
    ownerId: null,
    tags: [],
    properties: {},
    emailStatus: 'subscribed',
    createdAt: now,
  };
  const row: ContactRow = { ...base };
  for (const key of ['email', 'firstName', 'lastName', 'phone', 'country', 'language', 'lifecycleStage', 'emailStatus', 'companyId', 'ownerId', 'createdAt'] as const) {
    if (p[key] !== undefined) (row as Record<string, unknown>)[key] = p[key];
  }
  // One spelling per tag and tenant: a tag written in another case is the tenant's existing tag.
  const canonical = (t: string) => tenantTags.find((x) => x === t) ?? tenantTags.find((x) => x.toLowerCase() === t.toLowerCase()) ?? t;
  let tags = p.tags !== undefined ? p.tags.map(canonical) : [...base.tags];
  if (p.addTags) tags = [...tags, ...p.addTags.map(canonical)];
  if (p.removeTags) {
    const gone = new Set(p.removeTags.map((t) => t.toLowerCase()));
    tags = tags.filter((t) => !gone.has(t.toLowerCase()));
  }
  row.tags = uniq(tags);
  if (p.properties) {
    const props: Record<string, unknown> = { ...base.properties };
    for (const [k, v] of Object.entries(p.properties)) {
      if (v === null || v === undefined) delete props[k];
      else props[k] = v;
    }
    row.properties = props;
  }
  return row;
}

/** A contact's columns other than its key, by property name, with their SQL names. */
const COMPARED_COLUMNS = Object.entries(getTableColumns(contacts))
  .filter(([key]) => key !== 'orgId' && key !== 'id')
  .map(([key, column]) => ({ key: key as keyof ContactRow, name: column.name }));

/** A column's value in comparable form (dates by time, arrays and objects by their JSON). */
const comparable = (v: unknown): unknown => (v instanceof Date ? v.getTime() : typeof v === 'object' && v !== null ? JSON.stringify(v) : v);

/**
 * The columns a write changed across its rows (undefined when a row is new: everything changed).
 * A reordered tag list or property object counts as changed: never too few, at worst one segment
 * more re-evaluated.
 */
export function changedColumnsOf(rows: readonly { before?: ContactRow | undefined; after: ContactRow }[]): Set<string> | undefined {
  const changed = new Set<string>();
  for (const { before, after } of rows) {
    if (!before) return undefined;
    for (const { key, name } of COMPARED_COLUMNS) if (comparable(before[key]) !== comparable(after[key])) changed.add(name);
  }
  return changed;
}

/** Company and owner ids must be the tenant's own; every bad one is reported with its path. */
async function checkReferences(tx: Tx, orgId: string, rows: { path: string; companyId?: string | null | undefined; ownerId?: string | null | undefined }[]): Promise<void> {
  const companyIds = uniq(rows.flatMap((r) => (r.companyId ? [r.companyId] : [])));
  const ownerIds = uniq(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])));
  const [knownCompanies, knownOwners] = await Promise.all([
    companyIds.length ? tx.select({ id: companies.id }).from(companies).where(and(eq(companies.orgId, orgId), inArray(companies.id, companyIds))) : [],
    ownerIds.length ? tx.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), inArray(users.id, ownerIds))) : [],
  ]);
  const okCompany = new Set(knownCompanies.map((c) => c.id));
  const okOwner = new Set(knownOwners.map((u) => u.id));
  const errors: ProblemDetail[] = [];
  for (const r of rows) {
    if (r.companyId && !okCompany.has(r.companyId)) errors.push({ path: `${r.path}.companyId`, message: `no company "${r.companyId}" in this tenant` });
    if (r.ownerId && !okOwner.has(r.ownerId)) errors.push({ path: `${r.path}.ownerId`, message: `no user "${r.ownerId}" in this tenant` });
  }
  if (errors.length) throw new AppError('validation_failed', 'Some references are not records of this tenant; nothing was changed.', errors);
}

/**
 * Validates everything first (all or nothing), then writes every row in one statement and
 * re-evaluates them in one more. Rows are locked in id order, so concurrent batches cannot deadlock.
 */
async function writeContacts(services: Services, orgId: string, items: WriteItem[], mode: Mode): Promise<{ rows: ContactRow[]; created: string[]; changes: Change[]; proposedFields: ProposedField[] }> {
  const tenant = await services.tenants.get(orgId);
  checkProperties(tenant.catalog, items);
  const proposedFields = proposeFields(tenant.catalog, items.map((i) => (i.patch as ContactPatch).properties));
  const result = await withStatementTimeout(services.database.db, writeTimeout(services), async (tx) => {
    const ids = items.map((i) => i.id);
    // The contacts and the tenant's dynamic segments (for the re-evaluation below) in one round trip.
    const [existing, segments] = await inOrder(
      tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, ids)))
        .orderBy(asc(contacts.id))
        .for('no key update'), // not FOR UPDATE: a concurrent refresh inserting members of these contacts takes KEY SHARE on them
      dynamicSegments(tx, orgId),
    );
    const byId = new Map(existing.map((r) => [r.id, r]));
    const errors: ProblemDetail[] = [];
    for (const item of items) {
      const found = byId.has(item.id);
      if (mode === 'create' && found) throw new AppError('conflict', `A contact "${item.id}" already exists in this tenant; update it with PATCH /v1/contacts/${item.id}.`);
      if (mode === 'update' && !found) throw new AppError('not_found', `No contact "${item.id}" in this tenant.`);
      if (!found && (item.patch as ContactPatch).email === undefined) {
        errors.push({ path: `${item.path}.email`, message: `required to create contact "${item.id}", which does not exist yet` });
      }
    }
    if (errors.length) throw new AppError('validation_failed', 'Some contacts cannot be written; nothing was changed.', errors);
    await checkReferences(tx, orgId, items.map((i) => ({ path: i.path, companyId: (i.patch as ContactPatch).companyId, ownerId: (i.patch as ContactPatch).ownerId })));

    const now = services.now();
    const rows = items.map((i) => merge(orgId, byId.get(i.id), i, now, tenant.tags)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const excluded = (column: string) => sql.raw(`excluded.${column}`);
    const insert = tx.insert(contacts).values(rows);
    const written =
      mode === 'create'
        ? await insert.onConflictDoNothing().returning()
        : await insert
            .onConflictDoUpdate({
              target: [contacts.orgId, contacts.id],
              set: {
                companyId: excluded('company_id'),
                firstName: excluded('first_name'),
                lastName: excluded('last_name'),
                email: excluded('email'),
                phone: excluded('phone'),
                country: excluded('country'),
                language: excluded('language'),
                lifecycleStage: excluded('lifecycle_stage'),
                ownerId: excluded('owner_id'),
                tags: excluded('tags'),
                properties: excluded('properties'),
                emailStatus: excluded('email_status'),
                createdAt: excluded('created_at'),
              },
            })
            .returning();
    // A concurrent create of the same id won the race.
    if (written.length < rows.length) throw new AppError('conflict', `A contact "${items[0]!.id}" already exists in this tenant.`);
    // New contacts get their (empty) facts row; contact fields themselves are not facts.
    await refreshFacts(tx, orgId, ids.filter((id) => !byId.has(id)));
    // The companies the contacts belonged to before: a contact that moved away may move them too.
    const companiesBefore = existing.flatMap((r) => (r.companyId ? [r.companyId] : []));
    const changedColumns = changedColumnsOf(written.map((after) => ({ before: byId.get(after.id), after })));
    const changes = await reevaluateContacts(services, tx, orgId, ids, 'write', { companiesBefore, segments, ...(changedColumns ? { changedColumns } : {}) });
    // Last: the tenant's value counts (the rows it changes stay locked until commit).
    await addValueCounts(tx, orgId, written.map((after) => ({ before: byId.get(after.id), after })));
    return { rows: written, created: ids.filter((id) => !byId.has(id)), changes };
  });
  // New tags become usable in rules at once.
  if (result.rows.some((r) => r.tags.some((t) => !tenant.tags.includes(t)))) services.tenants.invalidate(orgId);
  return { ...result, proposedFields };
}

export async function createContact(services: Services, orgId: string, input: CreateContactInput): Promise<ContactWriteResult> {
  const id = input.id ?? newId('ct');
  const { rows, changes, proposedFields } = await writeContacts(services, orgId, [{ id, patch: input, path: 'body' }], 'create');
  return { contact: toView(rows[0]!), membership: diffOf(changes, id), proposedFields };
}

export async function updateContact(services: Services, orgId: string, id: string, patch: ContactPatch): Promise<ContactWriteResult> {
  const { rows, changes, proposedFields } = await writeContacts(services, orgId, [{ id, patch, path: 'body' }], 'update');
  return { contact: toView(rows[0]!), membership: diffOf(changes, id), proposedFields };
}

export interface BulkResult {
  created: string[];
  updated: string[];
  membership: { joined: number; left: number };
  proposedFields: ProposedField[];
}

export async function bulkUpsertContacts(services: Services, orgId: string, items: BulkContactInput[]): Promise<BulkResult> {
  const { created, changes, proposedFields } = await writeContacts(
    services,
    orgId,
    items.map((c, i) => ({ id: c.id, patch: c, path: `body.contacts.${i}` })),
    'upsert',
  );
  const fresh = new Set(created);
  return {
    created,
    updated: items.map((i) => i.id).filter((id) => !fresh.has(id)),
    membership: { joined: changes.filter((c) => c.type === 'segment.joined').length, left: changes.filter((c) => c.type === 'segment.left').length },
    proposedFields,
  };
}

/**
 * The same patch for many existing contacts (a segment's bulk action): one transaction, one
 * re-evaluation, every membership change an event. A contact that no longer exists is a 404.
 */
export async function updateContacts(services: Services, orgId: string, ids: string[], patch: ContactPatch): Promise<{ updated: number; joined: number; left: number }> {
  const { rows, changes } = await writeContacts(services, orgId, ids.map((id) => ({ id, patch, path: 'body' })), 'update');
  return { updated: rows.length, joined: changes.filter((c) => c.type === 'segment.joined').length, left: changes.filter((c) => c.type === 'segment.left').length };
}

/** Deletes a contact (and its deals, activities, email events); every membership it had becomes a `segment.left`. */
export async function deleteContact(services: Services, orgId: string, id: string): Promise<{ id: string; membership: MembershipDiff }> {
  const changes = await withStatementTimeout(services.database.db, writeTimeout(services), async (tx) => {
    await findContact(tx, orgId, id);
    const companies = await companiesOf(tx, orgId, [id]);
    const left = await leaveAll(services, tx, orgId, [id]);
    const [gone] = await tx.delete(contacts).where(and(eq(contacts.orgId, orgId), eq(contacts.id, id))).returning();
    // Its companies lost a contact (and maybe deals): segments of companies may move.
    await reevaluateObjects(services, tx, orgId, 'companies', companies, 'write');
    await addValueCounts(tx, orgId, [{ before: gone }]);
    return left;
  });
  return { id, membership: diffOf(changes, id) };
}

// ---- related rows -------------------------------------------------------------------------------------

export interface RelatedWriteResult {
  id: string;
  membership: MembershipDiff;
}

/** Inserts one related row for a contact and re-evaluates the contact, in one transaction. */
async function writeRelated(
  services: Services,
  orgId: string,
  contactId: string,
  kind: string,
  insert: (tx: Tx, contact: ContactRow) => Promise<string | undefined>,
  /** The facts the related row feeds: only those are refreshed. */
  facts: FactsPart,
): Promise<RelatedWriteResult> {
  const { id, changes } = await withStatementTimeout(services.database.db, writeTimeout(services), async (tx) => {
    const contact = await findContact(tx, orgId, contactId);
    const inserted = await insert(tx, contact);
    if (!inserted) throw new AppError('conflict', `A ${kind} with this id already exists in this tenant.`);
    await refreshFacts(tx, orgId, [contactId], facts); // before re-evaluation, which may read them
    return { id: inserted, changes: await reevaluateContacts(services, tx, orgId, [contactId], 'write') };
  });
  return { id, membership: diffOf(changes, contactId) };
}

export async function addDeal(services: Services, orgId: string, contactId: string, input: DealInput): Promise<RelatedWriteResult> {
  return writeRelated(services, orgId, contactId, 'deal', async (tx, contact) => {
    await checkReferences(tx, orgId, [{ path: 'body', companyId: input.companyId, ownerId: input.ownerId }]);
    const [row] = await tx
      .insert(deals)
      .values({
        orgId,
        id: input.id ?? newId('deal'),
        contactId,
        companyId: input.companyId === undefined ? contact.companyId : input.companyId,
        name: input.name,
        stage: input.stage,
        amount: input.amount ?? null,
        ownerId: input.ownerId ?? null,
        createdAt: input.createdAt ?? services.now(),
        closedAt: input.closedAt ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: deals.id });
    return row?.id;
  }, 'other');
}

export async function addActivity(services: Services, orgId: string, contactId: string, input: ActivityInput): Promise<RelatedWriteResult> {
  return writeRelated(services, orgId, contactId, 'activity', async (tx) => {
    const [row] = await tx
      .insert(activities)
      .values({ orgId, id: input.id ?? newId('act'), contactId, type: input.type, direction: input.direction, occurredAt: input.occurredAt ?? services.now() })
      .onConflictDoNothing()
      .returning({ id: activities.id });
    return row?.id;
  }, 'activities');
}

export async function addEmailEvent(services: Services, orgId: string, contactId: string, input: EmailEventInput): Promise<RelatedWriteResult> {
  return writeRelated(services, orgId, contactId, 'email event', async (tx, contact) => {
    const [campaign] = await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, input.campaignId)));
    if (!campaign) {
      throw new AppError('validation_failed', 'The campaign is not one of this tenant’s.', [{ path: 'body.campaignId', message: `no campaign "${input.campaignId}" in this tenant` }]);
    }
    const [row] = await tx
      .insert(emailEvents)
      .values({ orgId, id: input.id ?? newId('ev'), contactId, campaignId: input.campaignId, type: input.type, occurredAt: input.occurredAt ?? services.now() })
      .onConflictDoNothing()
      .returning({ id: emailEvents.id });
    // An unsubscribe or bounce changes the contact's email status in this transaction (rules/crm.ts:
    // the latest fact wins), so the Suppressed system segment and every rule on email_status agree
    // with the events before the contact is re-evaluated.
    const status = statusAfterEvent(contact.emailStatus, input.type);
    if (row && status !== contact.emailStatus) {
      await tx.update(contacts).set({ emailStatus: status }).where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)));
    }
    return row?.id;
  }, 'other');
}
