// A tenant's own field definitions (the field_definitions table): create, list, read, change and
// delete, for admins. Every change invalidates the tenant's cached catalog, so the next request sees
// it. A change that would break a segment — changing the type, deleting the field, dropping an
// allowed value a segment uses — is refused with 409 naming those segments, and changes nothing.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { fieldDefinitions, segments } from '../db/schema.js';
import { AppError, type ProblemDetail } from '../lib/errors.js';
import {
  BUILTIN_CATALOG,
  type DefinitionObject,
  type DefinitionType,
  propertyFieldKey,
  resolveFieldName,
} from '../rules/catalog.js';
import type { Services } from '../services.js';
import type { IndexState } from '../tenants/field-indexes.js';

type Row = typeof fieldDefinitions.$inferSelect;

export interface FieldInput {
  object?: DefinitionObject | undefined;
  key: string;
  label: string;
  type: DefinitionType;
  values?: string[] | null | undefined;
  synonyms?: string[] | undefined;
  description?: string | null | undefined;
  /** number and date fields: build an expression index for range filters (src/tenants/field-indexes.ts). */
  indexed?: boolean | undefined;
}

export type FieldPatch = Partial<Omit<FieldInput, 'key' | 'object'>>;

export type FieldView = ReturnType<typeof toView>;

function toView(row: Row, index: IndexState | null = null) {
  return {
    object: row.object as DefinitionObject,
    key: row.key,
    /** How rule trees name it. */
    field: propertyFieldKey(row.key),
    label: row.label,
    type: row.type as DefinitionType,
    values: row.values,
    synonyms: row.synonyms,
    description: row.description,
    indexed: row.indexed,
    /** The state of its index when indexed: building, ready, or failed (PATCH indexed: true builds it again). */
    index: row.indexed ? index ?? 'failed' : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const SELECTS: readonly DefinitionType[] = ['single_select', 'multi_select'];

const INDEXABLE: readonly DefinitionType[] = ['number', 'date'];

/** The definition's own consistency: values exactly for selects, unique, and no name a built-in field already has. */
function check(d: { label: string; type: DefinitionType; values: string[] | null; synonyms: string[]; indexed: boolean }): ProblemDetail[] {
  const errors: ProblemDetail[] = [];
  if (d.indexed && !INDEXABLE.includes(d.type)) {
    errors.push({
      path: 'body.indexed',
      message: `only number and date fields take an index of their own (range filters); equality on a ${d.type} field is served by the shared properties index — set "indexed" to false`,
    });
  }
  if (SELECTS.includes(d.type) && (!d.values || d.values.length === 0)) {
    errors.push({ path: 'body.values', message: `a ${d.type} field lists its allowed values, e.g. ["gold", "silver"]` });
  }
  if (!SELECTS.includes(d.type) && d.values) errors.push({ path: 'body.values', message: `a ${d.type} field has no list of values; omit "values" or set it to null` });
  if (d.values && new Set(d.values).size !== d.values.length) errors.push({ path: 'body.values', message: 'values must be distinct' });
  // A label or synonym equal to a built-in field's name would be read as the built-in field.
  for (const [path, name] of [['body.label', d.label], ...d.synonyms.map((s, i) => [`body.synonyms[${i}]`, s])] as [string, string][]) {
    const builtin = resolveFieldName(BUILTIN_CATALOG.contactFields, name);
    if (builtin) errors.push({ path, message: `"${name}" already names the built-in field ${builtin.key}; choose another` });
  }
  return errors;
}

function invalid(errors: ProblemDetail[]): never {
  throw new AppError('validation_failed', 'The field definition is not valid; nothing was changed.', errors);
}

function notFound(object: string, key: string): never {
  throw new AppError('not_found', `No field "${key}" is defined on ${object}. GET /v1/fields lists the tenant's fields.`);
}

export async function listFields(services: Services, orgId: string): Promise<FieldView[]> {
  const rows = await services.database.db
    .select()
    .from(fieldDefinitions)
    .where(eq(fieldDefinitions.orgId, orgId))
    .orderBy(asc(fieldDefinitions.createdAt), asc(fieldDefinitions.key));
  return withIndexStates(services, orgId, rows);
}

async function withIndexStates(services: Services, orgId: string, rows: Row[]): Promise<FieldView[]> {
  const states = await services.fieldIndexes.states(orgId, rows.filter((r) => r.indexed));
  return rows.map((r) => toView(r, states.get(`${r.object}.${r.key}`) ?? null));
}

/** After the definition committed: build (or drop) its index to match. */
async function syncIndex(services: Services, orgId: string, row: Row, before: Row | undefined): Promise<FieldView> {
  const wasIndexed = before?.indexed ?? false;
  const retyped = before !== undefined && before.type !== row.type;
  if (wasIndexed && (!row.indexed || retyped)) await services.fieldIndexes.drop(orgId, row.object, row.key);
  if (row.indexed) void services.fieldIndexes.build(orgId, row.object, row.key, row.type as 'number' | 'date');
  return (await withIndexStates(services, orgId, [row]))[0]!;
}

export async function getField(services: Services, orgId: string, object: DefinitionObject, key: string): Promise<FieldView> {
  const [row] = await services.database.db.select().from(fieldDefinitions).where(keyIs(orgId, object, key));
  if (!row) notFound(object, key);
  return (await withIndexStates(services, orgId, [row]))[0]!;
}

function keyIs(orgId: string, object: string, key: string) {
  return and(eq(fieldDefinitions.orgId, orgId), eq(fieldDefinitions.object, object), eq(fieldDefinitions.key, key));
}

export async function createField(services: Services, orgId: string, input: FieldInput): Promise<FieldView> {
  const object = input.object ?? 'contacts';
  const d = { label: input.label, type: input.type, values: input.values ?? null, synonyms: input.synonyms ?? [], indexed: input.indexed ?? false };
  const errors = check(d);
  if (errors.length) invalid(errors);
  const created = await services.database.db.transaction(async (tx) => {
    const [taken] = await tx.select({ key: fieldDefinitions.key }).from(fieldDefinitions).where(keyIs(orgId, object, input.key));
    if (taken) throw new AppError('conflict', `A field "${input.key}" is already defined on ${object}; change it with PATCH /v1/fields/${input.key}.`);
    await labelFree(tx, orgId, object, input.key, d.label);
    const [row] = await tx
      .insert(fieldDefinitions)
      .values({ orgId, object, key: input.key, label: d.label, type: d.type, values: d.values, synonyms: d.synonyms, description: input.description ?? null, indexed: d.indexed, createdAt: services.now(), updatedAt: services.now() })
      .returning();
    return row!;
  });
  services.tenants.invalidate(orgId);
  return syncIndex(services, orgId, created, undefined);
}

async function labelFree(tx: Executor, orgId: string, object: string, key: string, label: string): Promise<void> {
  const [other] = await tx
    .select({ key: fieldDefinitions.key })
    .from(fieldDefinitions)
    .where(and(eq(fieldDefinitions.orgId, orgId), eq(fieldDefinitions.object, object), sql`lower(${fieldDefinitions.label}) = lower(${label})`, sql`${fieldDefinitions.key} <> ${key}`));
  if (other) throw new AppError('conflict', `The field "${other.key}" already has the label "${label}"; labels name one field each.`);
}

export async function updateField(services: Services, orgId: string, object: DefinitionObject, key: string, patch: FieldPatch): Promise<FieldView> {
  const [before, after] = await services.database.db.transaction(async (tx) => {
    // Locked, so that two changes of one field are applied one after the other.
    const [row] = await tx.select().from(fieldDefinitions).where(keyIs(orgId, object, key)).for('update');
    if (!row) notFound(object, key);
    const type = patch.type ?? (row.type as DefinitionType);
    const values = patch.values !== undefined ? patch.values : patch.type && !SELECTS.includes(patch.type) ? null : row.values;
    const next = { label: patch.label ?? row.label, type, values, synonyms: patch.synonyms ?? row.synonyms, indexed: patch.indexed ?? row.indexed };
    const errors = check(next);
    if (errors.length) invalid(errors);
    if (next.label !== row.label) await labelFree(tx, orgId, object, key, next.label);
    if (type !== row.type) {
      await refuseIfUsed(tx, orgId, key, `change the type of "${key}" from ${row.type} to ${type}`, () => true);
    } else if (row.values && next.values) {
      const dropped = new Set(row.values.filter((v) => !next.values!.includes(v)));
      if (dropped.size) {
        await refuseIfUsed(tx, orgId, key, `remove the value${dropped.size > 1 ? 's' : ''} ${[...dropped].map((v) => `"${v}"`).join(', ')} of "${key}"`, (value) =>
          (Array.isArray(value) ? value : [value]).some((v) => typeof v === 'string' && dropped.has(v)),
        );
      }
    }
    const [updated] = await tx
      .update(fieldDefinitions)
      .set({ label: next.label, type, values: next.values, synonyms: next.synonyms, indexed: next.indexed, description: patch.description !== undefined ? patch.description : row.description, updatedAt: services.now() })
      .where(keyIs(orgId, object, key))
      .returning();
    return [row, updated!] as const;
  });
  services.tenants.invalidate(orgId);
  return syncIndex(services, orgId, after, before);
}

export async function deleteField(services: Services, orgId: string, object: DefinitionObject, key: string): Promise<void> {
  const indexed = await services.database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(fieldDefinitions).where(keyIs(orgId, object, key)).for('update');
    if (!row) notFound(object, key);
    await refuseIfUsed(tx, orgId, key, `delete "${key}"`, () => true);
    await tx.delete(fieldDefinitions).where(keyIs(orgId, object, key));
    return row.indexed;
  });
  services.tenants.invalidate(orgId);
  if (indexed) await services.fieldIndexes.drop(orgId, object, key);
}

/** A segment whose rules use a field, and where. */
export interface FieldUse {
  id: string;
  slug: string;
  title: string;
  paths: string[];
}

/** 409 listing the segments whose conditions on `properties.<key>` satisfy `affected` (by value). */
async function refuseIfUsed(tx: Executor, orgId: string, key: string, action: string, affected: (value: unknown) => boolean): Promise<void> {
  const users = await fieldUsers(tx, orgId, key, affected);
  if (users.length === 0) return;
  throw new AppError(
    'conflict',
    `Cannot ${action}: ${users.length} segment${users.length === 1 ? ' uses' : 's use'} it (${users.map((u) => `"${u.title}"`).join(', ')}). Change or archive ${users.length === 1 ? 'it' : 'them'} first; nothing was changed.`,
    users.flatMap((u) => u.paths.map((path) => ({ path: `segments.${u.slug}.${path}`, message: `segment "${u.title}" (${u.id}) uses ${propertyFieldKey(key)} here` }))),
  );
}

/** The tenant's dynamic segments (archived included: they can be restored) whose rules use `properties.<key>`. */
export async function fieldUsers(db: Executor, orgId: string, key: string, affected: (value: unknown) => boolean = () => true): Promise<FieldUse[]> {
  const field = propertyFieldKey(key);
  const rows = await db
    .select({ id: segments.id, slug: segments.slug, title: segments.title, rules: segments.rules })
    .from(segments)
    // A quick filter in SQL (the field's key appears in the stored JSON); the walk below decides.
    .where(and(eq(segments.orgId, orgId), eq(segments.type, 'dynamic'), sql`strpos(${segments.rules}::text, ${JSON.stringify(field)}) > 0`))
    .orderBy(asc(segments.title));
  return rows.flatMap((r) => {
    const paths = conditionPaths(r.rules, field, affected);
    return paths.length ? [{ id: r.id, slug: r.slug, title: r.title, paths }] : [];
  });
}

/** Paths of the contact-level conditions on `field` in a stored tree (not inside relations: their fields are the relation's). */
function conditionPaths(tree: unknown, field: string, affected: (value: unknown) => boolean): string[] {
  const out: string[] = [];
  const visit = (n: unknown, path: string) => {
    if (typeof n !== 'object' || n === null) return;
    const node = n as { type?: unknown; field?: unknown; value?: unknown; children?: unknown };
    if (node.type === 'condition' && node.field === field && affected(node.value)) out.push(path);
    if (node.type === 'group' && Array.isArray(node.children)) node.children.forEach((c, i) => visit(c, `${path}.children[${i}]`));
  };
  visit(tree, 'rules');
  return out;
}
