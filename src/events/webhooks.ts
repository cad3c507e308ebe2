// Webhook endpoints (where a tenant wants events POSTed, which ones) and their deliveries (inspect,
// redeliver). URLs are checked here against the network policy (egress.ts), and again at every delivery.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { decodeCursor, encodeCursor } from '../db/cursor.js';
import { MEMBERSHIP_EVENT_TYPES, segmentEvents, segments, webhookDeliveries, webhookEndpoints } from '../db/schema.js';
import { AppError, type ProblemDetail } from '../lib/errors.js';
import type { Services } from '../services.js';
import { EgressRefused, type EgressPolicy, permittedAddresses } from '../net/egress.js';
import type { EventCause, EventType } from './outbox.js';
import type { HandoffPage } from './handoff.js';
import { newWebhookSecret } from './signature.js';

const MAX_URL_LENGTH = 2048;
/**
 * An endpoint registered without `events` gets the membership events only: hand-offs are opt-in, so
 * an endpoint written for joined / left (which reads `contact.id`) never receives a page of ids.
 */
const DEFAULT_EVENT_TYPES: readonly EventType[] = MEMBERSHIP_EVENT_TYPES;

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

// The response shape is declared once, by the HTTP schema (src/http/schemas.ts), which the route's
// typed c.json checks this against; the type here is what the mapping below builds.
export type WebhookView = ReturnType<typeof toView>;

export interface WebhookInput {
  url: string;
  secret?: string | undefined;
  description?: string | null | undefined;
  events?: EventType[] | undefined;
  segmentIds?: string[] | null | undefined;
  enabled?: boolean | undefined;
}

export type WebhookPatch = Partial<WebhookInput>;

function toView(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: [...row.eventTypes].sort() as EventType[],
    segmentIds: row.segmentIds,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Accepts https URLs (http only to private addresses where WEBHOOK_ALLOW_PRIVATE allows them) whose
 * host resolves, now, only to addresses the network policy allows (egress.ts); the worker checks
 * again on every delivery, since a name can point elsewhere later. A name that does not resolve yet
 * is accepted: its deliveries fail until it does. No credentials in the URL (use the signature), no
 * fragment, at most 2,048 characters.
 */
export async function checkWebhookUrl(raw: string, policy: EgressPolicy, path = 'body.url'): Promise<string> {
  const fail = (message: string): never => {
    throw new AppError('validation_failed', 'The webhook URL is not allowed.', [{ path, message }]);
  };
  if (raw.length > MAX_URL_LENGTH) fail(`at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('not a URL; expected e.g. "https://hooks.example.com/segments"');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`use https:// (got ${url.protocol}//)`);
  if (url.username || url.password) fail('remove the credentials from the URL; requests are authenticated by their signature');
  if (url.hash) fail('remove the #fragment; it is never sent');
  try {
    await permittedAddresses(url, policy);
  } catch (err) {
    if (!(err instanceof EgressRefused)) throw err;
    if (err.code !== 'unresolved' || url.protocol === 'http:') fail(err.code === 'unresolved' ? `use https://; ${err.message}` : err.message);
  }
  return url.toString();
}

function checkSecret(secret: string | undefined): string {
  if (secret === undefined) return newWebhookSecret();
  if (secret.length < 16 || secret.length > 200 || /\s/.test(secret)) {
    throw new AppError('validation_failed', 'The secret is not valid.', [{ path: 'body.secret', message: 'use 16–200 characters without spaces, or leave it out to get a generated one' }]);
  }
  return secret;
}

async function checkSegmentIds(db: Db, orgId: string, ids: string[] | null | undefined): Promise<string[] | null> {
  if (ids == null) return null;
  const unique = [...new Set(ids)];
  const found = unique.length
    ? await db.select({ id: segments.id }).from(segments).where(and(eq(segments.orgId, orgId), inArray(segments.id, unique)))
    : [];
  const known = new Set(found.map((f) => f.id));
  const errors: ProblemDetail[] = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `body.segmentIds.${i}`, message: `no segment "${id}" in this tenant` }]));
  if (errors.length) throw new AppError('validation_failed', 'The event filter names unknown segments.', errors);
  return unique.sort();
}

export async function findWebhook(db: Db, orgId: string, id: string): Promise<EndpointRow> {
  const [row] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)));
  if (!row) throw new AppError('not_found', `No webhook "${id}" in this tenant.`);
  return row;
}

/** Creates an endpoint; the secret is in the answer this once and never again. */
export async function createWebhook(services: Services, orgId: string, input: WebhookInput): Promise<WebhookView & { secret: string }> {
  const db = services.database.db;
  const url = await checkWebhookUrl(input.url, services.webhookPolicy);
  const secret = checkSecret(input.secret);
  const segmentIds = await checkSegmentIds(db, orgId, input.segmentIds);
  const now = services.now();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      orgId,
      id: `wh_${randomBytes(8).toString('hex')}`,
      url,
      secret,
      description: input.description ?? null,
      eventTypes: [...new Set(input.events ?? DEFAULT_EVENT_TYPES)],
      segmentIds,
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { ...toView(row!), secret };
}

export async function listWebhooks(services: Services, orgId: string): Promise<WebhookView[]> {
  const rows = await services.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return rows.map(toView);
}

export async function getWebhook(services: Services, orgId: string, id: string): Promise<WebhookView> {
  return toView(await findWebhook(services.database.db, orgId, id));
}

export async function updateWebhook(services: Services, orgId: string, id: string, patch: WebhookPatch): Promise<WebhookView> {
  const db = services.database.db;
  await findWebhook(db, orgId, id);
  const changes: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: services.now() };
  if (patch.url !== undefined) changes.url = await checkWebhookUrl(patch.url, services.webhookPolicy);
  if (patch.secret !== undefined) changes.secret = checkSecret(patch.secret);
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.events !== undefined) changes.eventTypes = [...new Set(patch.events)];
  if (patch.segmentIds !== undefined) changes.segmentIds = await checkSegmentIds(db, orgId, patch.segmentIds);
  if (patch.enabled !== undefined) changes.enabled = patch.enabled;
  const [row] = await db
    .update(webhookEndpoints)
    .set(changes)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)))
    .returning();
  return toView(row!);
}

/** Deletes an endpoint and its delivery history (queued deliveries are dropped). */
export async function deleteWebhook(services: Services, orgId: string, id: string): Promise<void> {
  const db = services.database.db;
  await findWebhook(db, orgId, id);
  await db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)));
}

// ---- deliveries ---------------------------------------------------------------------------------

export type DeliveryView = ReturnType<typeof deliveryView>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function deliveryView(d: DeliveryRow, e: typeof segmentEvents.$inferSelect) {
  return {
    id: d.id,
    webhookId: d.endpointId,
    event: {
      id: e.id,
      type: e.type,
      segmentId: e.segmentId,
      contactId: e.contactId,
      handoff: handoffOf(e),
      cause: e.cause,
      occurredAt: e.occurredAt.toISOString(),
    },
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
  };
}

/** Which page of which hand-off a delivery carries; null for membership events. */
function handoffOf(e: typeof segmentEvents.$inferSelect): { id: string; page: number; pages: number } | null {
  if (e.payload === null) return null;
  const p = e.payload as unknown as HandoffPage;
  return { id: p.handoffId, page: p.page, pages: p.pages };
}

export interface DeliveriesPage {
  deliveries: DeliveryView[];
  nextCursor: string | null;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listDeliveries(
  services: Services,
  orgId: string,
  webhookId: string,
  opts: { status?: DeliveryRow['status'] | undefined; cursor?: string | undefined; limit: number },
): Promise<DeliveriesPage> {
  const db = services.database.db;
  await findWebhook(db, orgId, webhookId);
  let after = sql`true`;
  if (opts.cursor) {
    const [at, id] = decodeCursor(opts.cursor, { parts: 2, dates: [0] });
    after = sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${at}::timestamptz, ${id})`;
  }
  const rows = await db
    .select({ d: webhookDeliveries, e: segmentEvents })
    .from(webhookDeliveries)
    .innerJoin(segmentEvents, and(eq(segmentEvents.orgId, webhookDeliveries.orgId), eq(segmentEvents.id, webhookDeliveries.eventId)))
    .where(
      and(
        eq(webhookDeliveries.orgId, orgId),
        eq(webhookDeliveries.endpointId, webhookId),
        opts.status ? eq(webhookDeliveries.status, opts.status) : undefined,
        after,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    deliveries: page.map((r) => deliveryView(r.d, r.e)),
    nextCursor: rows.length > opts.limit && last ? encodeCursor([last.d.createdAt.toISOString(), last.d.id]) : null,
  };
}

/**
 * Queues a delivery again, now, with a fresh retry window: for a failed one after the receiver is
 * fixed, or a delivered one the receiver lost. The event id is the same, so receivers de-duplicate.
 */
export async function redeliver(services: Services, orgId: string, deliveryId: string): Promise<DeliveryView> {
  const db = services.database.db;
  const now = services.now();
  const [updated] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, retryFrom: now, lockedUntil: null })
    .where(
      and(
        eq(webhookDeliveries.orgId, orgId),
        eq(webhookDeliveries.id, deliveryId),
        sql`(${webhookDeliveries.lockedUntil} is null or ${webhookDeliveries.lockedUntil} <= ${now.toISOString()}::timestamptz)`,
      ),
    )
    .returning();
  if (!updated) {
    const [exists] = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.id, deliveryId)));
    if (!exists) throw new AppError('not_found', `No delivery "${deliveryId}" in this tenant.`);
    throw new AppError('conflict', 'This delivery is being attempted right now; look again in a moment.');
  }
  const [event] = await db.select().from(segmentEvents).where(and(eq(segmentEvents.orgId, orgId), eq(segmentEvents.id, updated.eventId)));
  return deliveryView(updated, event!);
}
