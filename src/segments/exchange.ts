// Moving segment definitions between environments in the Seeds exchange format:
//   { object_type: "segments", data: { title, slug, description, object_type: "contacts", query } }
// Ids differ between environments, so `query` refers to other segments by slug, to owners by email
// and to campaigns by name; validation on import resolves them back to the target's ids.
import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { segments } from '../db/schema.js';
import { AppError, type ProblemDetail } from '../lib/errors.js';
import { slugify } from '../lib/slug.js';
import { contactField, relation as findRelation, type Reference, type RelationDef, relationField } from '../rules/catalog.js';
import type { Node, RuleTree, Value } from '../rules/grammar.js';
import { prepareRules } from '../rules/prepare.js';
import type { TenantValues } from '../rules/tenant.js';
import { segmentRefs } from '../rules/validate.js';
import type { Services } from '../services.js';
import { SLUG_PATTERN, storedRules } from './store.js';
import { type Actor, recordVersion } from './version-record.js';

export const SeedSegmentSchema = z.strictObject({
  object_type: z.literal('segments'),
  data: z.strictObject({
    title: z.string().trim().min(1).max(200),
    slug: z.string().regex(SLUG_PATTERN, 'use lower-case letters, digits and single dashes').max(80).optional(),
    description: z.string().max(2000).nullable().optional(),
    object_type: z.literal('contacts'),
    query: z.unknown(),
  }),
});
export type SeedSegment = z.infer<typeof SeedSegmentSchema>;

/** How each kind of tenant-specific id is rewritten: by the role of the field holding it. */
type Mapper = Record<Reference, (v: string) => string> & { segment: (v: string) => string };

/** Rewrites the tenant-specific ids in a tree (users, campaigns, segments) with `map`. */
function mapIds(tree: RuleTree, map: Mapper): RuleTree {
  const value = (v: Value, f: (s: string) => string): Value =>
    Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? f(x) : x)) : typeof v === 'string' ? f(v) : v;
  const node = (n: Node, rel?: RelationDef): Node => {
    switch (n.type) {
      case 'group':
        return { ...n, children: n.children.map((c) => node(c, rel)) };
      case 'condition': {
        const reference = (rel ? relationField(rel, n.field) : contactField(n.field))?.references;
        return reference ? { ...n, value: value(n.value, map[reference]) } : n;
      }
      case 'relation':
        return { ...n, where: n.where ? (node(n.where, findRelation(n.relation)) as typeof n.where) : null };
      case 'engagement':
        return { ...n, campaigns: { ...n.campaigns, ids: n.campaigns.ids?.map(map.campaigns) ?? null } };
      case 'segment':
        return { ...n, segment: map.segment(n.segment) };
    }
  };
  return node(tree) as RuleTree;
}

export async function exportDefinitions(services: Services, orgId: string): Promise<SeedSegment[]> {
  const tenant = await services.tenants.get(orgId);
  const rows = await services.database.db
    .select()
    .from(segments)
    // System segments exist in every tenant already; they are not definitions to move around.
    .where(and(eq(segments.orgId, orgId), eq(segments.type, 'dynamic'), isNull(segments.systemKey)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const slugOf = new Map(tenant.segments.map((s) => [s.id, s.slug]));
  const portable: Mapper = {
    users: (id) => tenant.owners.find((o) => o.id === id)?.email ?? id,
    campaigns: (id) => tenant.campaigns.find((c) => c.id === id)?.name ?? id,
    segment: (id) => slugOf.get(id) ?? id,
  };
  // Referenced segments first, so an import can resolve every reference as it goes.
  const ordered: typeof rows = [];
  const visit = (id: string, seen: Set<string>) => {
    const row = byId.get(id);
    if (!row || ordered.includes(row) || seen.has(id)) return;
    seen.add(id);
    for (const ref of segmentRefs(row.rules)) visit(ref, seen);
    ordered.push(row);
  };
  for (const row of [...rows].sort((a, b) => (a.slug < b.slug ? -1 : 1))) visit(row.id, new Set());
  return ordered.map((r) => ({
    object_type: 'segments',
    data: { title: r.title, slug: r.slug, description: r.description, object_type: 'contacts', query: mapIds(storedRules(r.rules)!, portable) },
  }));
}

export interface ImportResult {
  created: string[];
  updated: string[];
}

/**
 * Imports definitions all-or-nothing: every item is validated (against the tenant plus the items
 * before it) before anything is written; segments are matched by slug, so re-importing updates.
 */
export async function importDefinitions(services: Services, orgId: string, input: unknown, by?: Actor): Promise<ImportResult> {
  if (!Array.isArray(input)) throw new AppError('validation_failed', 'Expected a JSON array of segment definitions.', [{ path: '$', message: 'expected an array' }]);
  const base = await services.tenants.get(orgId);
  const system = new Set(
    (await services.database.db.select({ id: segments.id }).from(segments).where(and(eq(segments.orgId, orgId), isNotNull(segments.systemKey)))).map((r) => r.id),
  );
  const tenant: TenantValues = { ...base, segments: [...base.segments] };
  const errors: ProblemDetail[] = [];
  const plan: { slug: string; title: string; description: string | null; rules: RuleTree; existingId?: string }[] = [];

  input.forEach((item, i) => {
    const parsed = SeedSegmentSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ path: `[${i}].${issue.path.join('.')}`, message: issue.message });
      return;
    }
    const { title, description, query } = parsed.data.data;
    const slug = parsed.data.data.slug ?? slugify(title);
    if (plan.some((p) => p.slug === slug)) {
      errors.push({ path: `[${i}].data.slug`, message: `"${slug}" appears twice in this import` });
      return;
    }
    const existing = tenant.segments.find((s) => s.slug === slug);
    if (existing && system.has(existing.id)) {
      errors.push({ path: `[${i}].data.slug`, message: `"${slug}" is a system segment here; it cannot be replaced` });
      return;
    }
    if (existing && existing.type !== 'dynamic') {
      errors.push({ path: `[${i}].data.slug`, message: `"${slug}" is a static segment here; it cannot be replaced by a dynamic definition` });
      return;
    }
    const prepared = prepareRules(query, { tenant, ...(existing ? { selfSegmentId: existing.id } : {}) }, `[${i}].data.query`);
    if (!prepared.ok) {
      errors.push(...prepared.errors);
      return;
    }
    const id = existing?.id ?? `seg_${randomBytes(8).toString('hex')}`;
    plan.push({ slug, title, description: description ?? null, rules: prepared.tree, ...(existing ? { existingId: id } : {}) });
    if (!existing) tenant.segments.push({ id, slug, title, type: 'dynamic', status: 'active', rules: prepared.tree });
    else Object.assign(existing, { rules: prepared.tree, title });
  });
  if (errors.length > 0) throw new AppError('validation_failed', 'The import was rejected; nothing was changed.', errors);

  const result: ImportResult = { created: [], updated: [] };
  try {
    await services.database.db.transaction(async (tx) => {
      for (const p of plan) {
        const id = p.existingId ?? tenant.segments.find((s) => s.slug === p.slug)!.id;
        if (p.existingId) {
          const [current] = await tx.select().from(segments).where(and(eq(segments.orgId, orgId), eq(segments.id, id)));
          const changed = JSON.stringify(current!.rules) !== JSON.stringify(p.rules);
          await tx
            .update(segments)
            .set({ title: p.title, description: p.description, rules: p.rules, version: changed ? current!.version + 1 : current!.version, updatedAt: services.now() })
            .where(and(eq(segments.orgId, orgId), eq(segments.id, id)));
          await recordVersion(tx, services, orgId, id, 'imported', by);
          result.updated.push(id);
        } else {
          await tx.insert(segments).values({ orgId, id, title: p.title, slug: p.slug, description: p.description, type: 'dynamic', rules: p.rules });
          await recordVersion(tx, services, orgId, id, 'imported', by);
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
