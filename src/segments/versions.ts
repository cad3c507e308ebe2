// The definition history of a segment: every change of its title, type or rules is a version
// (segment_versions) with who made it and when, recorded in the transaction of the change. Reads
// give each version's structural diff against the one before, and the draft the segment was approved
// from, its description marked stale once the rules no longer are the draft's. Restoring an old
// version is an edit like any other (a new version, change "restored").
import type { ObjectType } from '../rules/catalog.js';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { drafts, segmentVersions } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { diffRules, type RuleChange } from '../rules/diff.js';
import type { Node } from '../rules/grammar.js';
import { explain } from '../rules/explain.js';
import type { Services } from '../services.js';
import { findSegment, type SegmentView, storedRules, updateSegment } from './store.js';
import type { Actor } from './version-record.js';

export interface DefinitionChange extends RuleChange {
  /** What the node before / after means, in words (null for a field that is not a rule node). */
  beforeText: string | null;
  afterText: string | null;
}

export async function listVersions(services: Services, orgId: string, segmentId: string) {
  const db = services.database.db;
  const segment = await findSegment(db, orgId, segmentId);
  const rows = await db
    .select()
    .from(segmentVersions)
    .where(and(eq(segmentVersions.orgId, orgId), eq(segmentVersions.segmentId, segmentId)))
    .orderBy(asc(segmentVersions.number));
  const tenant = await services.tenants.get(orgId);
  const words = (n: unknown): string | null =>
    typeof n === 'object' && n !== null && typeof (n as { type?: unknown }).type === 'string'
      ? explain({ type: 'group', op: 'and', negate: false, children: [n as Node] }, tenant, segment.objectType)
      : null;
  const versions = rows.map((v, i) => {
    const prev = i > 0 ? rows[i - 1]! : undefined;
    const rules = storedRules(v.rules, segment.objectType);
    const changes: DefinitionChange[] = [];
    if (prev) {
      if (prev.title !== v.title) changes.push({ kind: 'changed', path: 'title', before: prev.title, after: v.title, beforeText: null, afterText: null });
      if (prev.type !== v.type) changes.push({ kind: 'changed', path: 'type', before: prev.type, after: v.type, beforeText: null, afterText: null });
      for (const c of diffRules(storedRules(prev.rules, segment.objectType), rules)) changes.push({ ...c, beforeText: words(c.before), afterText: words(c.after) });
    }
    return {
      number: v.number,
      change: v.change,
      restoredFrom: v.restoredFrom,
      title: v.title,
      type: v.type,
      rules,
      explanation: rules ? explain(rules, tenant) : null,
      changedBy: v.changedByKeyId ? { keyId: v.changedByKeyId, role: v.changedByRole! } : null,
      changedAt: v.changedAt.toISOString(),
      changes,
      current: i === rows.length - 1,
    };
  });
  return { segmentId, versions, draft: await draftOrigin(db, orgId, segment.id, storedRules(segment.rules, segment.objectType), segment.objectType) };
}

export type VersionsView = Awaited<ReturnType<typeof listVersions>>;

/** The draft the segment was approved from, if any; its description is stale once the rules differ from the draft's. */
async function draftOrigin(db: Executor, orgId: string, segmentId: string, rules: unknown, objectType: ObjectType) {
  const [draft] = await db
    .select({ id: drafts.id, description: drafts.description, rules: drafts.rules, createdAt: drafts.createdAt })
    .from(drafts)
    .where(and(eq(drafts.orgId, orgId), eq(drafts.approvedSegmentId, segmentId)));
  if (!draft) return null;
  const stale = JSON.stringify(storedRules(draft.rules, objectType)) !== JSON.stringify(rules);
  return { id: draft.id, description: draft.description, stale, createdAt: draft.createdAt.toISOString() };
}

/** The stored definition of version `number`, or a 404. */
export async function findVersion(db: Executor, orgId: string, segmentId: string, number: number) {
  const [row] = await db
    .select()
    .from(segmentVersions)
    .where(and(eq(segmentVersions.orgId, orgId), eq(segmentVersions.segmentId, segmentId), eq(segmentVersions.number, number)));
  if (!row) throw new AppError('not_found', `Segment "${segmentId}" has no version ${number}; GET /v1/segments/${segmentId}/versions lists them.`);
  return row;
}

/**
 * Brings back version `number`'s title and rules as a new version (change "restored"). Goes through
 * the same validation as any edit: rules that name a segment deleted since are a 400, a title
 * another segment took since a 409; nothing is changed then.
 */
export async function restoreVersion(services: Services, orgId: string, segmentId: string, number: number, by?: Actor): Promise<SegmentView> {
  const segment = await findSegment(services.database.db, orgId, segmentId);
  const version = await findVersion(services.database.db, orgId, segmentId, number);
  if (version.type !== segment.type) {
    throw new AppError('conflict', `Version ${number} is a ${version.type} definition and the segment is ${segment.type} now; a restore cannot change the type.`);
  }
  return updateSegment(
    services,
    orgId,
    segmentId,
    { title: version.title, ...(version.type === 'dynamic' ? { rules: version.rules } : {}) },
    { by, change: 'restored', restoredFrom: number },
  );
}
