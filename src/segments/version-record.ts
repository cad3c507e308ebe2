// Records a segment's definition as a version (segment_versions), in the transaction of the change.
// Kept apart from the reads (versions.ts) so that every writer (store, import) can call it.
import { BUILTIN_CATALOG } from '../rules/catalog.js';
import { and, desc, eq } from 'drizzle-orm';
import type { Principal } from '../auth/keys.js';
import type { Executor } from '../db/client.js';
import { SEGMENT_VERSION_CHANGES, segments, segmentVersions } from '../db/schema.js';
import { normalize } from '../rules/normalize.js';
import type { RuleTree } from '../rules/grammar.js';
import type { ObjectType } from '../rules/catalog.js';
import type { Services } from '../services.js';

export type VersionChange = (typeof SEGMENT_VERSION_CHANGES)[number];

// Stored trees are canonical already (see storedRules): re-normalizing only orders keys, which needs no field types.
const canonical = (rules: unknown, objectType: ObjectType) => (rules ? normalize(rules as RuleTree, BUILTIN_CATALOG, objectType) : null);

/** Who made a change: the API key and its role; undefined for the service's own changes. */
export type Actor = Pick<Principal, 'keyId' | 'role'>;

/**
 * Records the segment's definition as it is now in `tx` as a new version, unless its title, type and
 * rules are those of the latest version already (then nothing happened worth a version). Call after
 * the write, in its transaction: the write's row lock orders concurrent changes of one segment.
 */
export async function recordVersion(
  tx: Executor,
  services: Services,
  orgId: string,
  segmentId: string,
  change: VersionChange,
  by?: Actor,
  restoredFrom?: number,
): Promise<number | undefined> {
  const [row] = await tx.select().from(segments).where(and(eq(segments.orgId, orgId), eq(segments.id, segmentId)));
  if (!row) return undefined;
  const [latest] = await tx
    .select()
    .from(segmentVersions)
    .where(and(eq(segmentVersions.orgId, orgId), eq(segmentVersions.segmentId, segmentId)))
    .orderBy(desc(segmentVersions.number))
    .limit(1);
  const rules = canonical(row.rules, row.objectType);
  if (latest && latest.title === row.title && latest.type === row.type && JSON.stringify(canonical(latest.rules, row.objectType)) === JSON.stringify(rules)) return undefined;
  const number = (latest?.number ?? 0) + 1;
  await tx.insert(segmentVersions).values({
    orgId,
    segmentId,
    number,
    title: row.title,
    type: row.type,
    rules,
    change: latest ? change : change === 'imported' ? 'imported' : 'created',
    restoredFrom: restoredFrom ?? null,
    changedByKeyId: by?.keyId ?? null,
    changedByRole: by?.role ?? null,
    changedAt: services.now(),
  });
  return number;
}

