// System segments: created by the service in every tenant, idempotently, and read-only through the
// API. "Suppressed contacts" mirrors the contacts the tenant must not email (the email statuses
// src/rules/reachability.ts says cannot be emailed: suppressed, bounced, unsubscribed), so campaigns
// can say "not in segment Suppressed contacts" and automation can listen to its joined / left events
// like any other dynamic segment's.
import { BUILTIN_CATALOG } from '../rules/catalog.js';
import { and, eq } from 'drizzle-orm';
import { orgs, segments } from '../db/schema.js';
import { normalize } from '../rules/normalize.js';
import type { RuleTree } from '../rules/grammar.js';
import { SUPPRESSED_STATUSES } from '../rules/reachability.js';
import type { Services } from '../services.js';
import { recordVersion } from './version-record.js';
import { establishBaseline } from './baseline.js';
import { newSegmentId } from './store.js';

interface SystemSegmentDef {
  key: string;
  /** Tried in order when a tenant already uses a title or slug for a segment of its own. */
  names: { title: string; slug: string }[];
  description: string;
  rules: RuleTree;
}

export const SYSTEM_SEGMENTS: readonly SystemSegmentDef[] = [
  {
    key: 'suppressed',
    names: [
      { title: 'Suppressed contacts', slug: 'suppressed-contacts' },
      { title: 'Suppressed contacts (system)', slug: 'system-suppressed-contacts' },
    ],
    description: 'Contacts whose email is suppressed, bounced or unsubscribed. Maintained by the service; read-only.',
    rules: normalize({
      type: 'group',
      op: 'and',
      negate: false,
      children: [{ type: 'condition', field: 'email_status', operator: 'in', value: SUPPRESSED_STATUSES }],
    } as RuleTree, BUILTIN_CATALOG),
  },
];

/** Creates the missing system segments of one tenant (or of every tenant) and materializes them. */
export async function ensureSystemSegments(services: Services, orgId?: string): Promise<number> {
  const db = services.database.db;
  const tenants = orgId ? [orgId] : (await db.select({ id: orgs.id }).from(orgs)).map((o) => o.id);
  let created = 0;
  for (const org of tenants) {
    for (const def of SYSTEM_SEGMENTS) {
      const [existing] = await db
        .select()
        .from(segments)
        .where(and(eq(segments.orgId, org), eq(segments.systemKey, def.key)));
      let row = existing;
      for (const name of existing ? [] : def.names) {
        // `on conflict do nothing` covers the system key (a concurrent start won) and a taken title or slug.
        const [inserted] = await db
          .insert(segments)
          .values({ orgId: org, id: newSegmentId(), systemKey: def.key, title: name.title, slug: name.slug, description: def.description, type: 'dynamic', rules: def.rules })
          .onConflictDoNothing()
          .returning();
        [row] = inserted ? [inserted] : await db.select().from(segments).where(and(eq(segments.orgId, org), eq(segments.systemKey, def.key)));
        if (inserted) {
          created += 1;
          await recordVersion(db, services, org, inserted.id, 'created');
        }
        if (row) break;
      }
      if (!row) throw new Error(`could not create the system segment "${def.key}" in ${org}: its titles and slugs are all taken`);
      if (!existing) services.tenants.invalidate(org);
      if (row.computedVersion === null) await db.transaction((tx) => establishBaseline(services, tx, row!));
    }
  }
  return created;
}
