// The canonical tree in the order the rules were written. Normalization sorts a group's children (so
// equal meanings are byte-identical); a reviewer's builder keeps the order they added rows in. AND
// and OR do not depend on order, so the explanation can follow the written order and say the
// conditions in the order the reviewer sees them, without changing what the tree means.
import type { Group, Node, RuleTree, WhereGroup } from './grammar.js';

type AnyGroup = Group | WhereGroup;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What pairs a canonical node with a written one: its kind and what it is about. */
function signature(n: unknown): string | null {
  if (!isObject(n)) return null;
  switch (n.type) {
    case 'condition':
      return `c:${String(n.field)}`;
    case 'relation':
      return `r:${String(n.relation)}:${String(n.has)}`;
    case 'engagement':
      return `e:${String(n.event)}`;
    case 'segment':
      return `s:${String(n.segment)}`;
    case 'group':
      return `g:${String(n.op)}`;
    default:
      return null;
  }
}

function arrangeGroup<G extends AnyGroup>(canonical: G, written: unknown): G {
  const given = isObject(written) && Array.isArray(written.children) ? (written.children as unknown[]) : [];
  const used = new Set<number>();
  const placed = (canonical.children as Node[]).map((child, i) => {
    const json = JSON.stringify(child);
    let at = given.findIndex((w, k) => !used.has(k) && JSON.stringify(w) === json);
    if (at < 0) at = given.findIndex((w, k) => !used.has(k) && signature(w) === signature(child));
    if (at >= 0) used.add(at);
    const match = at >= 0 ? given[at] : undefined;
    return { node: arrangeNode(child, match), rank: at >= 0 ? at : given.length + i };
  });
  placed.sort((a, b) => a.rank - b.rank);
  return { ...canonical, children: placed.map((p) => p.node) } as G;
}

function arrangeNode(n: Node, written: unknown): Node {
  if (n.type === 'group') return arrangeGroup(n, written);
  if (n.type === 'relation' && n.where) return { ...n, where: arrangeGroup(n.where, isObject(written) ? written.where : undefined) };
  return n;
}

/**
 * `canonical` with each group's children in the order of the matching children of `written` (the
 * tree as submitted): equal nodes pair first, then nodes of the same kind and field. Children with no
 * partner (normalization merged or rewrote them) keep their canonical order, after the paired ones.
 */
export function inWrittenOrder(canonical: RuleTree, written: unknown): RuleTree {
  return arrangeGroup(canonical, written);
}
