// Segment definitions: create, read, update, duplicate, archive, delete, and upsert-by-name.
// Every statement is scoped to one tenant. Dynamic rules are validated and normalized on the way in;
// a definition change bumps `version`, which invalidates the materialized members. A new dynamic
// segment is materialized at once (silently: its baseline). System segments are read-only.
import { BUILTIN_CATALOG } from '../rules/catalog.js';
import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.js';
import { segments, webhookEndpoints } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { slugify } from '../lib/slug.js';
import { explain } from '../rules/explain.js';
import { normalize } from '../rules/normalize.js';
import type { RuleTree } from '../rules/grammar.js';
import { prepareRules } from '../rules/prepare.js';
import { segmentRefs } from '../rules/validate.js';
import type { ObjectType } from '../rules/catalog.js';
import { memberTable } from '../sql/roots.js';
import type { Services } from '../services.js';
import { establishBaseline } from './baseline.js';
import { type Actor, recordVersion, type VersionChange } from './version-record.js';

export type SegmentRow = typeof segments.$inferSelect;

// The response shape is declared once, by the HTTP schema (src/http/schemas.ts), which the route's
// typed c.json checks this against; the type here is what the mapping below builds.
export type SegmentView = Awaited<ReturnType<typeof toView>>;

export interface SegmentInput {
  title: string;
  slug?: string | undefined;
  description?: string | null | undefined;
  type: 'static' | 'dynamic';
  /** What the members are; default contacts. */
  objectType?: ObjectType | undefined;
  rules?: unknown;
  /** Who creates it, for the definition history. */
  by?: Actor | undefined;
}

export interface SegmentPatch {
  title?: string | undefined;
  slug?: string | undefined;
  description?: string | null | undefined;
  rules?: unknown;
}

/** Who makes an edit and what kind it is, for the definition history. */
export interface EditOrigin {
  by?: Actor | undefined;
  change?: VersionChange;
  restoredFrom?: number;
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function newSegmentId(): string {
  return `seg_${randomBytes(8).toString('hex')}`;
}

/**
 * A stored tree in canonical form again: jsonb keeps the content but not the key order. Stored
 * trees were normalized under their tenant's catalog when written; re-normalizing only re-orders
 * keys and children, which needs no field types, so the built-in catalog does.
 */
export function storedRules(rules: unknown, objectType: ObjectType = 'contacts'): RuleTree | null {
  return rules ? normalize(rules as RuleTree, BUILTIN_CATALOG, objectType) : null;
}

/** `tx` when inside a transaction: tenant values are then read on its connection. */
export async function toView(services: Services, row: SegmentRow, tx?: Tx) {
  const rules = storedRules(row.rules, row.objectType);
  const tenant = rules ? await services.tenants.get(row.orgId, tx) : undefined;
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    description: row.description,
    type: row.type,
    objectType: row.objectType,
    status: row.status,
    rules,
    explanation: rules && tenant ? explain(rules, tenant, row.objectType) : null,
    version: row.version,
    system: row.systemKey !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findSegment(db: Executor, orgId: string, id: string): Promise<SegmentRow> {
  const [row] = await db.select().from(segments).where(and(eq(segments.orgId, orgId), eq(segments.id, id)));
  if (!row) throw new AppError('not_found', `No segment "${id}" in this tenant.`);
  return row;
}

export async function listSegments(services: Services, orgId: string, status?: 'active' | 'archived'): Promise<SegmentView[]> {
  const rows = await services.database.db
    .select()
    .from(segments)
    .where(status ? and(eq(segments.orgId, orgId), eq(segments.status, status)) : eq(segments.orgId, orgId))
    .orderBy(asc(segments.title));
  return Promise.all(rows.map((r) => toView(services, r)));
}

/** Validates and normalizes rules for a dynamic segment; errors carry paths under `rules`. */
async function checkRules(services: Services, orgId: string, rules: unknown, objectType: ObjectType, selfSegmentId?: string, tx?: Tx): Promise<RuleTree> {
  const tenant = await services.tenants.get(orgId, tx);
  const prepared = prepareRules(rules, { tenant, objectType, ...(selfSegmentId ? { selfSegmentId } : {}) });
  if (!prepared.ok) throw new AppError('validation_failed', 'The rules are not valid for this tenant.', prepared.errors);
  return prepared.tree;
}

/** System segments are maintained by the service; the API cannot change them. */
export function refuseIfSystem(segment: SegmentRow, action: string): void {
  if (segment.systemKey !== null) {
    throw new AppError(
      'conflict',
      `"${segment.title}" is a system segment, maintained by the service; it cannot be ${action}. Duplicate it to make an editable copy.`,
    );
  }
}

function checkSlug(slug: string): string {
  if (!SLUG_PATTERN.test(slug) || slug.length > 80) {
    throw new AppError('validation_failed', 'The slug is not valid.', [
      { path: 'slug', message: 'use 1–80 lower-case letters, digits and single dashes, e.g. "vip-germany"' },
    ]);
  }
  return slug;
}

/** Turns unique-index violations into a 409 that says which value is taken. */
async function uniquely<T>(run: () => Promise<T>, title: string, slug: string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const constraint = findConstraint(err);
    if (constraint === 'segments_org_slug_uq') throw new AppError('conflict', `Another segment already uses the slug "${slug}".`);
    if (constraint === 'segments_org_title_uq') throw new AppError('conflict', `Another segment is already called "${title}".`);
    throw err;
  }
}

function findConstraint(err: unknown): string | undefined {
  for (let e = err as { constraint_name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.constraint_name) return e.constraint_name;
  }
  return undefined;
}

/**
 * Creates a segment (and materializes a dynamic one) in one transaction: `tx` when the caller has
 * one (approve, duplicate, freeze), else a transaction of its own. Everything runs on that connection.
 */
export async function createSegment(services: Services, orgId: string, input: SegmentInput, tx?: Tx): Promise<SegmentView> {
  if (!tx) {
    const view = await services.database.db.transaction((own) => createSegment(services, orgId, input, own));
    services.tenants.invalidate(orgId); // again after commit: a reader may have cached the values without it meanwhile
    return view;
  }
  const db = tx;
  const title = input.title.trim();
  const slug = checkSlug(input.slug ?? slugify(title));
  if (input.type === 'static' && input.rules != null) {
    throw new AppError('validation_failed', 'A static segment has explicit members, not rules.', [
      { path: 'rules', message: 'leave rules out for a static segment, or use type "dynamic"' },
    ]);
  }
  if (input.type === 'dynamic' && input.rules == null) {
    throw new AppError('validation_failed', 'A dynamic segment needs rules.', [{ path: 'rules', message: 'required for type "dynamic"' }]);
  }
  const objectType = input.objectType ?? 'contacts';
  const rules = input.type === 'dynamic' ? await checkRules(services, orgId, input.rules, objectType, undefined, tx) : null;
  const [row] = await uniquely(
    () =>
      db
        .insert(segments)
        .values({ orgId, id: newSegmentId(), title, slug, description: input.description ?? null, type: input.type, objectType, rules, createdAt: services.now(), updatedAt: services.now() })
        .returning(),
    title,
    slug,
  );
  services.tenants.invalidate(orgId);
  await recordVersion(tx, services, orgId, row!.id, 'created', input.by);
  if (row!.type === 'dynamic') await establishBaseline(services, tx, row!);
  return toView(services, row!, tx);
}

export async function updateSegment(services: Services, orgId: string, id: string, patch: SegmentPatch, origin: EditOrigin = {}): Promise<SegmentView> {
  const current = await findSegment(services.database.db, orgId, id);
  refuseIfSystem(current, 'edited');
  const changes: Partial<typeof segments.$inferInsert> = {};
  if (patch.title !== undefined) changes.title = patch.title.trim();
  if (patch.slug !== undefined) changes.slug = checkSlug(patch.slug);
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.rules !== undefined) {
    if (current.type === 'static') {
      throw new AppError('conflict', 'This segment is static: its members are explicit. Edit its members, or create a dynamic segment.');
    }
    const rules = await checkRules(services, orgId, patch.rules, current.objectType, id);
    if (JSON.stringify(rules) !== JSON.stringify(current.rules)) {
      changes.rules = rules;
      changes.version = current.version + 1;
    }
  }
  if (Object.keys(changes).length === 0) return toView(services, current);
  // The change and its version (when title or rules changed) in one transaction.
  const [row] = await uniquely(
    () =>
      services.database.db.transaction(async (tx) => {
        const updated = await tx
          .update(segments)
          .set({ ...changes, updatedAt: services.now() })
          .where(and(eq(segments.orgId, orgId), eq(segments.id, id)))
          .returning();
        await recordVersion(tx, services, orgId, id, origin.change ?? 'edited', origin.by, origin.restoredFrom);
        return updated;
      }),
    changes.title ?? current.title,
    changes.slug ?? current.slug,
  );
  services.tenants.invalidate(orgId);
  return toView(services, row!);
}

export interface UsedBy {
  /** Segments whose rules refer to this one. */
  segments: { id: string; title: string }[];
  /** Webhook endpoints whose event filter names this segment. */
  webhooks: { id: string; url: string; description: string | null }[];
}

/** What refers to this segment: other segments' rules and webhook subscriptions. */
export async function referencedBy(db: Executor, orgId: string, id: string): Promise<UsedBy> {
  const rows = await db
    .select({ id: segments.id, title: segments.title, rules: segments.rules })
    .from(segments)
    .where(and(eq(segments.orgId, orgId), eq(segments.type, 'dynamic'), sql`${segments.rules}::text like ${`%${id}%`}`))
    .orderBy(asc(segments.title));
  const webhooks = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, description: webhookEndpoints.description })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), sql`${webhookEndpoints.segmentIds} @> array[${id}::text]`))
    .orderBy(asc(webhookEndpoints.id));
  return {
    segments: rows.filter((r) => segmentRefs(r.rules).includes(id)).map(({ id: rid, title }) => ({ id: rid, title })),
    webhooks,
  };
}

async function refuseIfReferenced(db: Executor, orgId: string, id: string, action: string): Promise<void> {
  const { segments: users, webhooks } = await referencedBy(db, orgId, id);
  const n = users.length + webhooks.length;
  if (n === 0) return;
  const names = [
    ...users.map((u) => `"${u.title}" (${u.id})`),
    ...webhooks.map((w) => `webhook ${w.id} (${w.description ?? w.url})`),
  ];
  const what = webhooks.length === 0 ? (n === 1 ? 'that segment' : 'those segments') : n === 1 ? 'it' : 'them';
  throw new AppError('conflict', `Cannot ${action} this segment: ${names.join(', ')} ${n === 1 ? 'refers' : 'refer'} to it. Change ${what} first.`, [
    ...users.map((u) => ({ path: `usedBy.segments.${u.id}`, message: `segment "${u.title}" refers to it in its rules` })),
    ...webhooks.map((w) => ({ path: `usedBy.webhooks.${w.id}`, message: `webhook ${w.url} subscribes to its events` })),
  ]);
}

export async function deleteSegment(services: Services, orgId: string, id: string): Promise<void> {
  refuseIfSystem(await findSegment(services.database.db, orgId, id), 'deleted');
  await refuseIfReferenced(services.database.db, orgId, id, 'delete');
  await services.database.db.delete(segments).where(and(eq(segments.orgId, orgId), eq(segments.id, id)));
  services.tenants.invalidate(orgId);
}

export async function setArchived(services: Services, orgId: string, id: string, archived: boolean): Promise<SegmentView> {
  const current = await findSegment(services.database.db, orgId, id);
  refuseIfSystem(current, archived ? 'archived' : 'unarchived');
  if (archived) await refuseIfReferenced(services.database.db, orgId, id, 'archive');
  const status = archived ? 'archived' : 'active';
  if (current.status === status) return toView(services, current);
  const [row] = await services.database.db
    .update(segments)
    .set({ status, updatedAt: services.now() })
    .where(and(eq(segments.orgId, orgId), eq(segments.id, id)))
    .returning();
  services.tenants.invalidate(orgId);
  return toView(services, row!);
}

/** A free "<title> (copy)" / "<slug>-copy" pair, numbered when taken. */
async function freeCopyName(db: Executor, orgId: string, title: string, slug: string): Promise<{ title: string; slug: string }> {
  const taken = await db.select({ title: segments.title, slug: segments.slug }).from(segments).where(eq(segments.orgId, orgId));
  const titles = new Set(taken.map((t) => t.title.toLowerCase()));
  const slugs = new Set(taken.map((t) => t.slug));
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : ` ${n}`;
    const candidate = { title: `${title} (copy${suffix})`, slug: `${slug}-copy${n === 1 ? '' : `-${n}`}` };
    if (!titles.has(candidate.title.toLowerCase()) && !slugs.has(candidate.slug)) return candidate;
  }
}

export async function duplicateSegment(services: Services, orgId: string, id: string, by?: Actor): Promise<SegmentView> {
  const source = await findSegment(services.database.db, orgId, id);
  const names = await freeCopyName(services.database.db, orgId, source.title, source.slug);
  const view = await services.database.db.transaction(async (tx) => {
    const created = await createSegment(services, orgId, { ...names, description: source.description, type: source.type, objectType: source.objectType, rules: source.rules, by }, tx);
    if (source.type === 'static') {
      const { table, column } = memberTable(source.objectType);
      await tx.execute(sql`
        insert into ${table} (org_id, segment_id, ${column}, added_at)
        select org_id, ${created.id}, ${column}, ${services.now().toISOString()}::timestamptz from ${table} where org_id = ${orgId} and segment_id = ${id}`);
    }
    return created;
  });
  services.tenants.invalidate(orgId);
  return view;
}

/**
 * Create-if-missing static segments by name, idempotent and safe under concurrent calls: the unique
 * index on (org_id, lower(title)) makes exactly one row per name, whoever wins the race. Names match
 * case-insensitively: an existing segment keeps its spelling, and a name given twice in two casings
 * is created with the first. The answer has one item per name given, in order (repeats included),
 * so callers can index it by position. Only active, static, non-system segments are answered: a name
 * that belongs to a dynamic, archived or system segment is a 409 naming each, and nothing is created.
 */
export async function upsertManyByName(services: Services, orgId: string, names: string[]): Promise<SegmentView[]> {
  const given = names.map((n) => n.trim());
  const wanted = [...new Map(given.filter(Boolean).map((n) => [n.toLowerCase(), n])).keys()].map((lower) => given.find((n) => n.toLowerCase() === lower)!);
  if (wanted.length === 0) return [];
  const db = services.database.db;
  const byName = async () => {
    const rows = await db
      .select()
      .from(segments)
      .where(and(eq(segments.orgId, orgId), sql`lower(${segments.title}) in (${sql.join(wanted.map((t) => sql`${t.toLowerCase()}`), sql`, `)})`));
    return new Map(rows.map((r) => [r.title.toLowerCase(), r]));
  };
  const unusable = (rows: Map<string, SegmentRow>) => {
    const errors = given.flatMap((name, i) => {
      const row = rows.get(name.toLowerCase());
      if (!row) return [];
      const why = row.systemKey !== null ? 'a system segment' : row.type !== 'static' ? 'a dynamic segment' : row.status !== 'active' ? 'archived' : undefined;
      return why ? [{ path: `names[${i}]`, message: `"${row.title}" (${row.id}) is ${why}; upsert-by-name only answers active static segments` }] : [];
    });
    if (errors.length > 0) {
      throw new AppError('conflict', 'Some names belong to segments that are not active static lists (dynamic, archived or system); nothing was created. Rename or unarchive them, or use other names.', errors);
    }
  };
  unusable(await byName());
  for (const title of wanted) {
    const base = slugify(title);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const slug = attempt === 0 ? base : `${base}-${attempt + 1}`;
      const inserted = await db.execute(sql`
        insert into segments (org_id, id, title, slug, type)
        values (${orgId}, ${newSegmentId()}, ${title}, ${slug}, 'static')
        on conflict do nothing
        returning id`);
      if (inserted.length > 0) break;
      const [exists] = await db.execute(sql`select 1 from segments where org_id = ${orgId} and lower(title) = lower(${title})`);
      if (exists) break; // someone else created it; the slug conflict was theirs or ours, the title is what counts
    }
  }
  services.tenants.invalidate(orgId);
  const rows = await byName();
  unusable(rows); // a concurrent change may have made one of them dynamic or archived meanwhile
  return Promise.all(given.filter(Boolean).map((t) => toView(services, rows.get(t.toLowerCase())!)));
}
