// Why a contact matches (or not): for a few contacts, every node of the tree true or false, and for
// each leaf the values that decided it — the contact's (or its company's) field value, the related
// rows (matching ones first: the deal's name, amount and stage; the activities in the window and how
// many), the campaigns of an engagement with when the event happened, the segment's membership.
// One statement over the given contacts; leaves compile exactly as in the tree, groups combine them
// as the tree does (see sql/funnel.ts on coalescing).
import { type SQL, sql } from 'drizzle-orm';
import { type FieldType, relation as findRelation } from '../rules/catalog.js';
import { TABLES } from '../rules/crm.js';
import type { Engagement, Node, RelationCondition, RuleTree } from '../rules/grammar.js';
import { pathNodes } from '../rules/paths.js';
import { type CompileContext, columnSql, engagementCampaignIds, nodeCompiler } from './compile.js';

/** Related rows shown per relation leaf (matching rows first, newest first). */
export const WHY_ROWS = 5;
/** Campaigns listed per engagement leaf: every one of its set up to this many, else those with the event. */
export const WHY_CAMPAIGNS = 20;

export type FieldValue = string | number | boolean | string[] | null;

export type NodeWhy =
  | { path: string; type: 'group'; matches: boolean }
  | { path: string; type: 'condition'; matches: boolean; field: string; actual: FieldValue }
  | {
      path: string;
      type: 'relation';
      matches: boolean;
      relation: string;
      /** How many of the contact's related rows match the relation's conditions (all its rows when it has none). */
      matching: number;
      rows: { matches: boolean; fields: Record<string, FieldValue> }[];
    }
  | {
      path: string;
      type: 'engagement';
      matches: boolean;
      event: string;
      /** Campaigns of the set that had the event, of how many. */
      hits: number;
      of: number;
      campaigns: { id: string; name: string; at: string | null }[];
    }
  | { path: string; type: 'segment'; matches: boolean; segment: string; title: string; member: boolean };

export type WhyRow = { id: string } & Record<string, unknown>;
type Row = WhyRow;

/**
 * The why-columns over `contacts c` (each leaf's truth as m<i>, its values as v<i>) and how to read
 * rows carrying them with the contact's `id`: per contact id, its nodes in pathNodes order. The
 * reviewer's preview computes them over its own sample (src/sql/preview.ts, `why`).
 */
export function whyColumns(tree: RuleTree, ctx: CompileContext): { columns: SQL[]; read: (rows: readonly Row[]) => Map<string, NodeWhy[]> } {
  const nodes = pathNodes(tree);
  const compiler = nodeCompiler(ctx);
  const columns: SQL[] = [];
  const leafIndex = new Map<Node, number>();
  nodes.forEach(({ node }, i) => {
    if (node.type === 'group') return;
    leafIndex.set(node, i);
    columns.push(sql`coalesce(${compiler.node(node)}, false) as ${sql.raw(`m${i}`)}`);
    const value = valueSql(node, ctx, compiler.relationRow);
    if (value) columns.push(sql`${value} as ${sql.raw(`v${i}`)}`);
  });
  const read = (rows: readonly Row[]) => {
    const out = new Map<string, NodeWhy[]>();
    for (const row of rows) {
      const matches = (node: Node): boolean => {
        if (node.type !== 'group') return row[`m${leafIndex.get(node)}`] === true;
        const inner = node.op === 'and' ? node.children.every(matches) : node.children.some(matches);
        return node.negate ? !inner : inner;
      };
      out.set(
        row.id,
        nodes.map(({ path, node }, i) => explainNode(path, node, matches(node), row[`v${i}`], ctx)),
      );
    }
    return out;
  };
  return { columns, read };
}

/** The statement over the given contacts and how to read its rows: per contact id, its nodes in pathNodes order. */
export function whyQuery(tree: RuleTree, ctx: CompileContext, contactIds: readonly string[]): { query: SQL; read: (rows: readonly Row[]) => Map<string, NodeWhy[]> } {
  const { columns, read } = whyColumns(tree, ctx);
  const ids = contactIds.length ? sql.join(contactIds.map((id) => sql`${id}`), sql.raw(', ')) : sql`null`;
  const query = sql`select c.id${columns.length ? sql`, ${sql.join(columns, sql.raw(', '))}` : sql``}
    from ${sql.raw(TABLES.contacts)} c where c.org_id = ${ctx.orgId} and c.id in (${ids})`;
  return { query, read };
}

function valueSql(node: Exclude<Node, { type: 'group' }>, ctx: CompileContext, relationRow: (r: RelationCondition, alias: string) => SQL): SQL | null {
  switch (node.type) {
    case 'condition': {
      const def = ctx.tenant.catalog.contactField(node.field);
      if (!def) return null;
      if (def.scope === 'company') {
        return sql`(select to_jsonb(${columnSql('wco', def.column)}) from ${sql.raw(TABLES.companies)} wco where wco.org_id = ${ctx.orgId} and wco.id = c.company_id)`;
      }
      return sql`to_jsonb(${columnSql('c', def.column)})`;
    }
    case 'relation': {
      const rel = findRelation(node.relation);
      if (!rel) return null;
      const alias = 'wr';
      const fields = sql.join(
        rel.fields.map((f) => sql`${f.key}::text, ${columnSql(alias, f.column)}`),
        sql.raw(', '),
      );
      const newest = rel.fields.find((f) => f.type === 'date');
      const order = newest ? sql`, ${columnSql(alias, newest.column)} desc nulls last` : sql``;
      const match = relationRow(node, alias);
      const table = sql.raw(`${rel.table} ${alias}`);
      const own = sql`${sql.raw(alias)}.org_id = ${ctx.orgId} and ${sql.raw(alias)}.contact_id = c.id`;
      return sql`jsonb_build_object(
        'matching', (select count(*) from ${table} where ${own} and ${match}),
        'rows', (select coalesce(jsonb_agg(jsonb_build_object('matches', x.m, 'fields', x.f)), '[]'::jsonb) from (
          select coalesce(${match}, false) as m, jsonb_build_object(${fields}) as f from ${table} where ${own}
          order by 1 desc${order} limit ${WHY_ROWS}) x))`;
    }
    case 'engagement': {
      const ids = engagementCampaignIds(node, ctx);
      if (ids.length === 0) return sql`'[]'::jsonb`;
      return sql`(select coalesce(jsonb_agg(jsonb_build_object('id', x.campaign_id, 'at', x.at)), '[]'::jsonb) from (
        select we.campaign_id, min(we.occurred_at) as at from ${sql.raw(TABLES.emailEvents)} we
        where we.org_id = ${ctx.orgId} and we.contact_id = c.id and we.type = ${node.event}
          and we.campaign_id in (${sql.join(ids.map((id) => sql`${id}`), sql.raw(', '))})
        group by we.campaign_id) x)`;
    }
    case 'segment':
      return null; // membership is the leaf's own truth value
  }
}

function explainNode(path: string, node: Node, matches: boolean, value: unknown, ctx: CompileContext): NodeWhy {
  switch (node.type) {
    case 'group':
      return { path, type: 'group', matches };
    case 'condition': {
      const def = ctx.tenant.catalog.contactField(node.field);
      return { path, type: 'condition', matches, field: node.field, actual: fieldValue(def?.type, value) };
    }
    case 'relation': {
      const rel = findRelation(node.relation);
      const v = (value ?? { matching: 0, rows: [] }) as { matching: number; rows: { matches: boolean; fields: Record<string, unknown> }[] };
      const type = (key: string) => rel?.fields.find((f) => f.key === key)?.type;
      return {
        path,
        type: 'relation',
        matches,
        relation: node.relation,
        matching: Number(v.matching),
        rows: v.rows.map((r) => ({ matches: r.matches, fields: Object.fromEntries(Object.entries(r.fields).map(([k, x]) => [k, fieldValue(type(k), x)])) })),
      };
    }
    case 'engagement':
      return engagementWhy(path, node, matches, (value ?? []) as { id: string; at: string }[], ctx);
    case 'segment': {
      const target = ctx.tenant.segments.find((s) => s.id === node.segment);
      return { path, type: 'segment', matches, segment: node.segment, title: target?.title ?? node.segment, member: node.operator === 'in' ? matches : !matches };
    }
  }
}

function engagementWhy(path: string, e: Engagement, matches: boolean, hits: { id: string; at: string }[], ctx: CompileContext): NodeWhy {
  const ids = [...new Set(engagementCampaignIds(e, ctx))];
  const at = new Map(hits.map((h) => [h.id, iso(h.at)]));
  const name = (id: string) => ctx.tenant.campaigns.find((c) => c.id === id)?.name ?? id;
  const listed = ids.length <= WHY_CAMPAIGNS ? ids : ids.filter((id) => at.has(id)).slice(0, WHY_CAMPAIGNS);
  return {
    path,
    type: 'engagement',
    matches,
    event: e.event,
    hits: at.size,
    of: ids.length,
    campaigns: listed.map((id) => ({ id, name: name(id), at: at.get(id) ?? null })),
  };
}

function iso(v: unknown): string {
  return new Date(String(v)).toISOString();
}

/** A value as JSON read it back, in the field's terms: dates as ISO-8601 UTC, numbers as numbers. */
function fieldValue(type: FieldType | undefined, v: unknown): FieldValue {
  if (v === null || v === undefined) return null;
  if (type === 'date') return iso(v);
  if (type === 'number') return Number(v);
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
