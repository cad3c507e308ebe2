// Moving segment definitions between environments in the Seeds exchange format:
//   { object_type: "segments", data: { title, slug, description, object_type: "contacts" | "companies" | "deals", type, status, query, members } }
// Static segments carry no query, and their members only when asked for (by id or by email).
// Ids differ between environments, so `query` refers to other segments by slug, to owners by email
// and to campaigns by name; validation on import resolves them back to the target's ids.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { z } from 'zod';
import { segments } from '../db/schema.js';
import { AppError, type ProblemDetail } from '../lib/errors.js';
import { slugify } from '../lib/slug.js';
import { type Catalog, OBJECT_TYPES, type ObjectType, type Reference } from '../rules/catalog.js';
import type { Node, RuleTree, Value } from '../rules/grammar.js';
import { prepareRules } from '../rules/prepare.js';
import type { TenantValues } from '../rules/tenant.js';
import { segmentRefs } from '../rules/validate.js';
import type { Services } from '../services.js';
import { reevaluateContacts } from '../events/evaluate.js';
import { recordChanges } from '../events/outbox.js';
import { MAX_BULK_IDS } from './static-members.js';
import { newSegmentId, type SegmentRow, SLUG_PATTERN, storedRules } from './store.js';
import { type Actor, recordVersion } from './version-record.js';

/** What a segment targets. Only contacts so far; the field is carried so that files stay portable. */
export const SEED_OBJECT_TYPES = OBJECT_TYPES;

const MembersSchema = z.strictObject({
  by: z.enum(['id', 'email']),
  values: z.array(z.string().min(1).max(320)).max(MAX_BULK_IDS),
});

export const SeedSegmentSchema = z.strictObject({
  object_type: z.literal('segments'),
  data: z.strictObject({
    title: z.string().trim().min(1).max(200),
    slug: z.string().regex(SLUG_PATTERN, 'use lower-case letters, digits and single dashes').max(80).optional(),
    description: z.string().max(2000).nullable().optional(),
    object_type: z.enum(SEED_OBJECT_TYPES, { error: 'expected "contacts", "companies" or "deals"' }).default('contacts'),
    /** Default: dynamic when there is a query, static when there is none. */
    type: z.enum(['static', 'dynamic']).optional(),
    status: z.enum(['active', 'archived']).default('active'),
    query: z.unknown().optional(),
    /** Static segments: the members, by id (same environment) or by email (another one). */
    members: MembersSchema.optional(),
  }),
});
export type SeedSegment = z.input<typeof SeedSegmentSchema>;

/** How each kind of tenant-specific id is rewritten: by the role of the field holding it. */
type Mapper = Record<Reference, (v: string) => string> & { segment: (v: string) => string };

/** Rewrites the tenant-specific ids in a tree (users, campaigns, segments) with `map`. */
function mapIds(tree: RuleTree, map: Mapper, catalog: Catalog, objectType: ObjectType): RuleTree {
  const value = (v: Value, f: (s: string) => string): Value =>
    Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? f(x) : x)) : typeof v === 'string' ? f(v) : v;
  // Where a node is read: the object type whose fields and relations apply, or a leaf relation's fields.
  type At = { root: ObjectType | undefined; field: (key: string) => { references?: Reference } | undefined };
  const at = (type: ObjectType): At => ({ root: type, field: (key) => catalog.rootField(type, key) });
  const node = (n: Node, here: At): Node => {
    switch (n.type) {
      case 'group':
        return { ...n, children: n.children.map((c) => node(c, here)) };
      case 'condition': {
        const reference = here.field(n.field)?.references;
        return reference ? { ...n, value: value(n.value, map[reference]) } : n;
      }
      case 'relation': {
        const rel = catalog.relation(n.relation, here.root ?? 'contacts');
        const inner: At = rel?.target ? at(rel.target) : { root: undefined, field: (key) => rel?.fields.find((f) => f.key === key) };
        return { ...n, where: n.where ? (node(n.where, inner) as typeof n.where) : null };
      }
      case 'engagement':
        return { ...n, campaigns: { ...n.campaigns, ids: n.campaigns.ids?.map(map.campaigns) ?? null } };
      case 'segment':
        return { ...n, segment: map.segment(n.segment) };
    }
  };
  return node(tree, at(objectType)) as RuleTree;
}

export interface ExportOptions {
  /** Static segments' members: left out (default), by contact id, or by email (for another environment). */
  members?: 'none' | 'id' | 'email';
}

/**
 * Every definition of the tenant except system segments: static ones first (dynamic rules may
 * refer to them), then dynamic ones with the segments they refer to before them; archived ones with
 * their status. Static members only when asked for.
 */
export async function exportDefinitions(services: Services, orgId: string, opts: ExportOptions = {}): Promise<SeedSegment[]> {
  const tenant = await services.tenants.get(orgId);
  const rows = await services.database.db
    .select()
    .from(segments)
    // System segments exist in every tenant already; they are not definitions to move around.
    .where(and(eq(segments.orgId, orgId), isNull(segments.systemKey)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const slugOf = new Map(tenant.segments.map((s) => [s.id, s.slug]));
  const portable: Mapper = {
    users: (id) => tenant.owners.find((o) => o.id === id)?.email ?? id,
    campaigns: (id) => tenant.campaigns.find((c) => c.id === id)?.name ?? id,
    segment: (id) => slugOf.get(id) ?? id,
  };
  const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : 1);
  const ordered: typeof rows = rows.filter((r) => r.type === 'static').sort(bySlug);
  const visit = (id: string, seen: Set<string>) => {
    const row = byId.get(id);
    if (!row || ordered.includes(row) || seen.has(id)) return;
    seen.add(id);
    for (const ref of segmentRefs(row.rules)) visit(ref, seen);
    ordered.push(row);
  };
  for (const row of rows.filter((r) => r.type === 'dynamic').sort(bySlug)) visit(row.id, new Set());

  const members = new Map<string, string[]>();
  const by = opts.members ?? 'none';
  if (by !== 'none') {
    const found = await services.database.db.execute<{ segment_id: string; value: string }>(sql`
      select m.segment_id, ${by === 'email' ? sql`c.email` : sql`c.id`} as value
      from segment_members m
      join segments s on s.org_id = m.org_id and s.id = m.segment_id and s.type = 'static' and s.system_key is null and s.object_type = 'contacts'
      join contacts c on c.org_id = m.org_id and c.id = m.contact_id
      where m.org_id = ${orgId}
      order by m.segment_id, value`);
    for (const r of found) members.set(r.segment_id, [...(members.get(r.segment_id) ?? []), r.value]);
  }
  return ordered.map((r) => ({
    object_type: 'segments' as const,
    data: {
      title: r.title,
      slug: r.slug,
      description: r.description,
      object_type: r.objectType,
      type: r.type,
      status: r.status,
      ...(r.type === 'dynamic' ? { query: mapIds(storedRules(r.rules, r.objectType)!, portable, tenant.catalog, r.objectType) } : {}),
      // Members travel for segments of contacts (by id or email); companies and deals have no such key across environments.
      ...(r.type === 'static' && by !== 'none' && r.objectType === 'contacts' ? { members: { by, values: members.get(r.id) ?? [] } } : {}),
    },
  }));
}

export interface ImportResult {
  created: string[];
  updated: string[];
  /** Items identical to what the tenant has: nothing was written, no version bumped. */
  unchanged: string[];
  /** Static members of the file that match no contact here (by id or email); the rest were imported. */
  unmatchedMembers: { segment: string; value: string }[];
}

interface PlanItem {
  slug: string;
  title: string;
  description: string | null;
  type: 'static' | 'dynamic';
  objectType: ObjectType;
  status: 'active' | 'archived';
  rules: RuleTree | null;
  /** Static only, when the file gives members: the contact ids they resolved to. */
  memberIds?: string[];
  existing?: SegmentRow;
}

/** Resolves member values (ids or emails) to this tenant's contact ids. */
async function resolveMembers(services: Services, orgId: string, m: { by: 'id' | 'email'; values: string[] }): Promise<{ ids: string[]; unmatched: string[] }> {
  if (m.values.length === 0) return { ids: [], unmatched: [] };
  const key = m.by === 'email' ? sql`lower(email)` : sql`id`;
  const wanted = m.by === 'email' ? m.values.map((v) => v.toLowerCase()) : m.values;
  const rows = await services.database.db.execute<{ key: string; id: string }>(
    sql`select ${key} as key, id from contacts where org_id = ${orgId} and ${key} = any(${sql.param(wanted)}::text[])`,
  );
  const found = new Map<string, string[]>();
  for (const r of rows) found.set(r.key, [...(found.get(r.key) ?? []), r.id]);
  return {
    ids: [...new Set(rows.map((r) => r.id))],
    unmatched: m.values.filter((v) => !found.has(m.by === 'email' ? v.toLowerCase() : v)),
  };
}

/**
 * Imports definitions all-or-nothing: every item is validated (against the tenant plus the items
 * before it) before anything is written; segments are matched by slug, so re-importing updates.
 * An item identical to the tenant's segment (title, description, status, rules, and members when
 * given) is left alone: no write, no version. Static members given in the file replace the
 * segment's members (joined / left events, cause manual).
 */
export async function importDefinitions(services: Services, orgId: string, input: unknown, by?: Actor): Promise<ImportResult> {
  if (!Array.isArray(input)) throw new AppError('validation_failed', 'Expected a JSON array of segment definitions.', [{ path: '$', message: 'expected an array' }]);
  const base = await services.tenants.get(orgId);
  const rows = await services.database.db.select().from(segments).where(eq(segments.orgId, orgId));
  const tenant: TenantValues = { ...base, segments: [...base.segments] };
  const errors: ProblemDetail[] = [];
  const plan: PlanItem[] = [];
  const unmatchedMembers: ImportResult['unmatchedMembers'] = [];

  for (const [i, item] of input.entries()) {
    const parsed = SeedSegmentSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ path: `[${i}].${issue.path.join('.')}`, message: issue.message });
      continue;
    }
    const d = parsed.data.data;
    const slug = d.slug ?? slugify(d.title);
    const type = d.type ?? (d.query == null ? 'static' : 'dynamic');
    if (plan.some((p) => p.slug === slug)) {
      errors.push({ path: `[${i}].data.slug`, message: `"${slug}" appears twice in this import` });
      continue;
    }
    const existing = rows.find((r) => r.slug === slug);
    if (existing?.systemKey) {
      errors.push({ path: `[${i}].data.slug`, message: `"${slug}" is a system segment here; it cannot be replaced` });
      continue;
    }
    const objectType = d.object_type;
    if (existing && existing.objectType !== objectType) {
      errors.push({ path: `[${i}].data.object_type`, message: `"${slug}" is a segment of ${existing.objectType} here; it cannot become a segment of ${objectType}` });
      continue;
    }
    if (objectType !== 'contacts' && d.members) {
      errors.push({ path: `[${i}].data.members`, message: 'members travel for segments of contacts only; leave members out' });
      continue;
    }
    if (existing && existing.type !== type) {
      errors.push({ path: `[${i}].data.type`, message: `"${slug}" is a ${existing.type} segment here; it cannot be replaced by a ${type} one (import it under another slug)` });
      continue;
    }
    let rules: RuleTree | null = null;
    if (type === 'dynamic') {
      if (d.members) errors.push({ path: `[${i}].data.members`, message: 'a dynamic segment’s members come from its query; leave members out' });
      const prepared = prepareRules(d.query, { tenant, objectType, ...(existing ? { selfSegmentId: existing.id } : {}) }, `[${i}].data.query`);
      if (!prepared.ok) {
        errors.push(...prepared.errors);
        continue;
      }
      rules = prepared.tree;
    } else if (d.query != null) {
      errors.push({ path: `[${i}].data.query`, message: 'a static segment has members, not a query; leave query out or use type "dynamic"' });
      continue;
    }
    let memberIds: string[] | undefined;
    if (type === 'static' && d.members) {
      const resolved = await resolveMembers(services, orgId, d.members);
      memberIds = resolved.ids;
      unmatchedMembers.push(...resolved.unmatched.map((value) => ({ segment: slug, value })));
    }
    plan.push({ slug, title: d.title, description: d.description ?? null, type, objectType, status: d.status, rules, ...(memberIds ? { memberIds } : {}), ...(existing ? { existing } : {}) });
    const id = existing?.id ?? newSegmentId();
    const ref = tenant.segments.find((s) => s.id === id);
    if (ref) Object.assign(ref, { rules, title: d.title, status: d.status });
    else tenant.segments.push({ id, slug, title: d.title, type, objectType, status: d.status, rules });
  }
  if (errors.length > 0) throw new AppError('validation_failed', 'The import was rejected; nothing was changed.', errors);

  const result: ImportResult = { created: [], updated: [], unchanged: [], unmatchedMembers };
  try {
    await services.database.db.transaction(async (tx) => {
      for (const p of plan) {
        const id = p.existing?.id ?? tenant.segments.find((s) => s.slug === p.slug)!.id;
        const members = p.memberIds ? await replaceMembers(services, tx, orgId, id, p.memberIds, !p.existing) : false;
        if (p.existing) {
          const current = p.existing;
          const rulesChanged = JSON.stringify(storedRules(current.rules, current.objectType)) !== JSON.stringify(p.rules);
          const changed = rulesChanged || current.title !== p.title || current.description !== p.description || current.status !== p.status;
          if (changed) {
            await tx
              .update(segments)
              .set({ title: p.title, description: p.description, status: p.status, rules: p.rules, version: rulesChanged ? current.version + 1 : current.version, updatedAt: services.now() })
              .where(and(eq(segments.orgId, orgId), eq(segments.id, id)));
            await recordVersion(tx, services, orgId, id, 'imported', by);
          }
          (changed || members ? result.updated : result.unchanged).push(id);
        } else {
          await tx.insert(segments).values({ orgId, id, title: p.title, slug: p.slug, description: p.description, type: p.type, objectType: p.objectType, status: p.status, rules: p.rules });
          await recordVersion(tx, services, orgId, id, 'imported', by);
          if (p.memberIds) await replaceMembers(services, tx, orgId, id, p.memberIds, false);
          result.created.push(id);
        }
      }
    });
  } catch (err) {
    const constraint = (err as { cause?: { constraint_name?: string } }).cause?.constraint_name;
    // Validation saw the slug free; a concurrent import or create took it (or the title) since.
    if (constraint === 'segments_org_slug_uq') throw new AppError('conflict', 'A segment slug in the import was taken by a concurrent change (another import or create); nothing was changed. Import again to update that segment.');
    if (constraint === 'segments_org_title_uq') throw new AppError('conflict', 'A segment title in the import is already used by another segment; nothing was changed.');
    throw err;
  } finally {
    services.tenants.invalidate(orgId);
  }
  return result;
}

/**
 * Makes a static segment's members exactly `ids` (inside the import's transaction), each change a
 * joined / left event (cause manual), dependents re-evaluated. `skip`: the segment row does not exist
 * yet (called again after its insert). True when anything changed.
 */
async function replaceMembers(services: Services, tx: Tx, orgId: string, segmentId: string, ids: string[], skip: boolean): Promise<boolean> {
  if (skip) return false;
  const removed = await tx.execute<{ contact_id: string }>(sql`
    delete from segment_members where org_id = ${orgId} and segment_id = ${segmentId} and not (contact_id = any(${sql.param(ids)}::text[]))
    returning contact_id`);
  const added =
    ids.length === 0
      ? []
      : await tx.execute<{ contact_id: string }>(sql`
          insert into segment_members (org_id, segment_id, contact_id)
          select ${orgId}, ${segmentId}, x from unnest(${sql.param(ids)}::text[]) x
          on conflict do nothing
          returning contact_id`);
  const changes = [
    ...removed.map((r) => ({ segmentId, contactId: r.contact_id, type: 'segment.left' as const })),
    ...added.map((r) => ({ segmentId, contactId: r.contact_id, type: 'segment.joined' as const })),
  ];
  await recordChanges(tx, { orgId, cause: 'manual', occurredAt: services.now(), changes });
  if (changes.length > 0) await reevaluateContacts(services, tx, orgId, [...new Set(changes.map((c) => c.contactId))], 'manual', { dependingOn: [segmentId] });
  return changes.length > 0;
}
