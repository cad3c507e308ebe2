// Node paths: every node of a rule tree named by where it sits, in the same notation as validation
// errors and the reviewer page's builder rows (`rules`, `rules.children[0]`,
// `rules.children[2].children[1]`), so per-node counts and explanations map onto the rows that show
// them. A relation's `where` is part of its relation node: the relation is one row of the builder and
// one node here.
import type { Group, Node, RuleTree } from './grammar.js';

export const ROOT_PATH = 'rules';

export interface PathNode {
  path: string;
  node: Node;
  /** The group this node is a child of, and its index there (null for the root). */
  parent: { group: Group; index: number } | null;
}

/** The tree's nodes in pre-order (a group before its children). */
export function pathNodes(tree: RuleTree, root = ROOT_PATH): PathNode[] {
  const out: PathNode[] = [];
  const walk = (node: Node, path: string, parent: PathNode['parent']) => {
    out.push({ path, node, parent });
    if (node.type === 'group') node.children.forEach((child, index) => walk(child, `${path}.children[${index}]`, { group: node, index }));
  };
  walk(tree, root, null);
  return out;
}

/** The tree with the node at `path` replaced; the tree itself is not changed. Unknown paths throw. */
export function replaceAt(tree: RuleTree, path: string, replacement: Node, root = ROOT_PATH): RuleTree {
  if (path === root) {
    if (replacement.type !== 'group') return { type: 'group', op: 'and', negate: false, children: [replacement] };
    return replacement;
  }
  const steps = path.slice(root.length).match(/^(\.children\[\d+\])+$/) ? [...path.slice(root.length).matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])) : null;
  if (!steps) throw new Error(`not a node path: ${path}`);
  const swap = (node: Node, depth: number): Node => {
    if (depth === steps.length) return replacement;
    if (node.type !== 'group' || steps[depth]! >= node.children.length) throw new Error(`no node at ${path}`);
    return { ...node, children: node.children.map((c, i) => (i === steps[depth] ? swap(c, depth + 1) : c)) };
  };
  return swap(tree, 0) as RuleTree;
}
