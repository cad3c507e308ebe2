// A structural diff of two canonical rule trees: which conditions were added, removed or changed,
// each with its path (in the newer tree for additions and changes, in the older one for removals).
// Children of a group are matched as a set (canonical trees sort them), so reordering is no change;
// an unmatched child is paired with one of the same kind and subject (same field, relation, segment
// or event) and compared inside, so "country eq DE → country in [DE, FR]" is one change, not two.
import type { Node } from './grammar.js';

export interface RuleChange {
  kind: 'added' | 'removed' | 'changed';
  path: string;
  before: unknown;
  after: unknown;
}

export function diffRules(before: Node | null, after: Node | null, path = 'rules'): RuleChange[] {
  if (before === null && after === null) return [];
  if (before === null) return [{ kind: 'added', path, before: null, after }];
  if (after === null) return [{ kind: 'removed', path, before, after: null }];
  return diffNode(before, after, path, path);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a node is about: nodes with the same subject are compared field by field, not replaced. */
function subject(n: Node): string {
  switch (n.type) {
    case 'group':
      return `group:${n.op}`;
    case 'condition':
      return `condition:${n.field}`;
    case 'relation':
      return `relation:${n.relation}`;
    case 'engagement':
      return `engagement:${n.event}`;
    case 'segment':
      return `segment:${n.segment}`;
  }
}

function diffNode(a: Node, b: Node, beforePath: string, afterPath: string): RuleChange[] {
  if (same(a, b)) return [];
  if (a.type === 'group' && b.type === 'group' && a.op === b.op) {
    const out: RuleChange[] = [];
    if (a.negate !== b.negate) out.push({ kind: 'changed', path: `${afterPath}.negate`, before: a.negate, after: b.negate });
    const oldLeft = a.children.map((node, i) => ({ node, i }));
    const newLeft = b.children.map((node, i) => ({ node, i }));
    // Unchanged children first, then pairs by subject, then what is left is added or removed.
    for (const n of [...newLeft]) {
      const k = oldLeft.findIndex((o) => same(o.node, n.node));
      if (k >= 0) {
        oldLeft.splice(k, 1);
        newLeft.splice(newLeft.indexOf(n), 1);
      }
    }
    for (const n of [...newLeft]) {
      const k = oldLeft.findIndex((o) => subject(o.node) === subject(n.node));
      if (k < 0) continue;
      const [o] = oldLeft.splice(k, 1);
      newLeft.splice(newLeft.indexOf(n), 1);
      out.push(...diffNode(o!.node, n.node, `${beforePath}.children[${o!.i}]`, `${afterPath}.children[${n.i}]`));
    }
    for (const o of oldLeft) out.push({ kind: 'removed', path: `${beforePath}.children[${o.i}]`, before: o.node, after: null });
    for (const n of newLeft) out.push({ kind: 'added', path: `${afterPath}.children[${n.i}]`, before: null, after: n.node });
    return out;
  }
  return [{ kind: 'changed', path: afterPath, before: a, after: b }];
}
