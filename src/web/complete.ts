// Which conditions the reviewer has not finished yet (no field, no value, an empty list, half a
// range…), and the tree without them. Unfinished conditions are marked in the builder, left out of
// the count and block approval: a half-made row must never silently become "Email is “”" and zero
// contacts. The server still validates everything that is sent; this only decides what is ready.
import type { Condition, Engagement, Group, Node, RelationCondition, SegmentMembership, WhereGroup } from '../rules/grammar.js';
import type { UiCatalog, UiField } from '../ui/catalog.js';
import { valueKind } from './values.js';

export interface Unfinished {
  /** The builder path of the node ("rules.children[2]"). */
  path: string;
  message: string;
}

export interface Ready {
  /** The finished part of the tree, or null when nothing is finished. */
  rules: Group | null;
  unfinished: Unfinished[];
  /** Path in `rules` → path in the reviewer's tree, so the server's errors land on the right row. */
  paths: Map<string, string>;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function conditionGap(c: Condition, fields: readonly UiField[]): string | null {
  if (!c.field) return 'Choose a field.';
  const field = fields.find((f) => f.key === c.field);
  if (!field) return null; // unknown field: the server names it and suggests the closest
  switch (valueKind(field, c.operator)) {
    case 'none':
      return null;
    case 'scalar':
      return blank(c.value) ? (field.choices ? 'Choose a value.' : field.type === 'date' ? 'Pick a date.' : 'Enter a value.') : null;
    case 'list':
      return !Array.isArray(c.value) || c.value.length === 0 ? 'Choose at least one value.' : null;
    case 'pair':
      return !Array.isArray(c.value) || c.value.length !== 2 || c.value.some(blank) ? 'Fill in both ends of the range.' : null;
    case 'span': {
      const v = c.value as { amount?: unknown } | null;
      return !v || typeof v !== 'object' || blank(v.amount) ? 'Enter how many days, weeks, months or years.' : null;
    }
  }
}

function engagementGap(e: Engagement): string | null {
  if (e.campaigns.ids !== null && e.campaigns.ids.length === 0) return 'Choose at least one campaign.';
  if (e.campaigns.last !== null && blank(e.campaigns.last)) return 'Enter how many recent campaigns.';
  return null;
}

function segmentGap(s: SegmentMembership): string | null {
  return s.segment ? null : 'Choose a segment.';
}

export function ready(tree: Group, catalog: UiCatalog): Ready {
  const unfinished: Unfinished[] = [];
  const paths = new Map<string, string>();

  function group<G extends Group | WhereGroup>(g: G, path: string, out: string, fields: readonly UiField[], root: boolean): G | null {
    const kept: Node[] = [];
    (g.children as Node[]).forEach((child, i) => {
      const childPath = `${path}.children[${i}]`;
      const next = node(child, childPath, `${out}.children[${kept.length}]`, fields);
      if (next) kept.push(next);
    });
    if (!kept.length && !root) {
      if (g.children.length === 0) unfinished.push({ path, message: 'Add a condition to this group or remove it.' });
      return null;
    }
    paths.set(out, path);
    return { ...g, children: kept } as G;
  }

  function node(n: Node, path: string, out: string, fields: readonly UiField[]): Node | null {
    const gap = (message: string | null): boolean => {
      if (message) unfinished.push({ path, message });
      return !message;
    };
    switch (n.type) {
      case 'group':
        return group(n, path, out, fields, false);
      case 'condition':
        if (!gap(conditionGap(n, fields))) return null;
        paths.set(out, path);
        return n;
      case 'engagement':
        if (!gap(engagementGap(n))) return null;
        paths.set(out, path);
        return n;
      case 'segment':
        if (!gap(segmentGap(n))) return null;
        paths.set(out, path);
        return n;
      case 'relation':
        return relation(n, path, out);
    }
  }

  function relation(r: RelationCondition, path: string, out: string): RelationCondition | null {
    if (r.count && blank(r.count.value)) {
      unfinished.push({ path, message: 'Enter how many.' });
      return null;
    }
    if (!r.where) {
      paths.set(out, path);
      return r;
    }
    const rel = catalog.relations.find((x) => x.name === r.relation);
    const before = unfinished.length;
    const where = group(r.where, `${path}.where`, `${out}.where`, rel?.fields ?? [], false);
    // "has a deal where <unfinished>" is not "has any deal": the whole relation waits.
    if (!where || unfinished.length > before) {
      if (unfinished.length === before) unfinished.push({ path, message: 'Finish the condition on the related records.' });
      return null;
    }
    paths.set(out, path);
    return { ...r, where };
  }

  const rules = group(tree, 'rules', 'rules', catalog.fields, true);
  return { rules: rules && rules.children.length ? rules : null, unfinished, paths };
}

/** Maps a server error path about the finished tree back to the reviewer's tree. */
export function toBuilderPath(path: string, paths: Map<string, string>): string {
  const bare = path.startsWith('body.') ? path.slice(5) : path;
  for (let p = bare; p; ) {
    const hit = paths.get(p);
    if (hit) return hit + bare.slice(p.length);
    const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (up === p) break;
    p = up;
  }
  return path;
}

/**
 * Pairs the server's canonical tree (sorted, flattened: what funnel paths name) with the finished tree
 * that was sent (the reviewer's order): canonical path → builder path. A node is paired with an equal
 * node among its parent's children, else with the only child of the same type and field; a node
 * normalization rewrote beyond that stays unpaired (its row then shows no count rather than a wrong one).
 */
export function pairPaths(canonical: Group, sent: Group, paths: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const sig = (n: Node) => (n.type === 'condition' ? `c:${n.field}` : n.type === 'relation' ? `r:${n.relation}:${n.has}` : n.type === 'engagement' ? `e:${n.event}` : n.type === 'segment' ? `s:${n.segment}` : `g:${n.op}`);
  function walk(c: Group | WhereGroup, s: Group | WhereGroup, cPath: string, sPath: string): void {
    const builder = paths.get(sPath);
    if (builder) out.set(cPath, builder);
    const used = new Set<number>();
    (c.children as Node[]).forEach((child, i) => {
      const sc = s.children as Node[];
      let j = sc.findIndex((x, k) => !used.has(k) && JSON.stringify(x) === JSON.stringify(child));
      if (j < 0) {
        const same = sc.map((x, k) => [x, k] as const).filter(([x, k]) => !used.has(k) && sig(x) === sig(child));
        j = same.length === 1 ? same[0]![1] : -1;
      }
      if (j < 0) return;
      used.add(j);
      const cp = `${cPath}.children[${i}]`;
      const sp = `${sPath}.children[${j}]`;
      const other = sc[j]!;
      if (child.type === 'group' && other.type === 'group') walk(child, other, cp, sp);
      else {
        const b = paths.get(sp);
        if (b) out.set(cp, b);
        if (child.type === 'relation' && other.type === 'relation' && child.where && other.where) walk(child.where, other.where, `${cp}.where`, `${sp}.where`);
      }
    });
  }
  walk(canonical, sent, 'rules', 'rules');
  return out;
}
