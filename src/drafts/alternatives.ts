// Alternatives for assumptions: where the generator's reading has a real second one (the contact's
// country or the company's; each of the last 3 campaigns or any of them; customers by lifecycle stage
// or everyone with a won deal), the draft lists it with its exact count, and one call switches the
// rules to it (and back). Each alternative is stored with its assumption (in the draft's
// `assumptions` column, as an object where a plain string has none) as two nodes — the reading and
// the alternative — and found in the draft's current rules by canonical form, so it follows the
// reviewer's edits: a reading the reviewer edited away offers nothing.
import { BUILTIN_CATALOG } from '../rules/catalog.js'; // the parser's readings are canonical already: re-normalizing only orders them
import type { AlternativeReading } from '../nl/provider.js';
import type { Node, RuleTree } from '../rules/grammar.js';
import { normalize } from '../rules/normalize.js';
import { pathNodes, replaceAt } from '../rules/paths.js';

export type StoredAssumption = string | { text: string; says: string; reading: Node; alternative: Node };

export function storeAssumptions(assumptions: readonly string[], alternatives: readonly AlternativeReading[]): StoredAssumption[] {
  return assumptions.map((text) => {
    const alt = alternatives.find((a) => a.assumption === text);
    return alt ? { text, says: alt.says, reading: alt.reading, alternative: alt.alternative } : text;
  });
}

export function assumptionTexts(stored: readonly StoredAssumption[]): string[] {
  return stored.map((a) => (typeof a === 'string' ? a : a.text));
}

export interface AlternativeOption {
  /** Its number: POST /v1/drafts/{id}/alternatives/{index}/apply switches to it. */
  index: number;
  assumption: string;
  /** The other reading, in a few words. */
  says: string;
  /** Whether the rules use the other reading now (applying again switches back). */
  applied: boolean;
  /** The node it replaces in the current rules. */
  path: string;
  /** The canonical rules after switching. */
  rules: RuleTree;
}

/** A node in canonical form, as it appears inside a canonical tree. */
function canonical(node: Node): string {
  const tree = normalize({ type: 'group', op: 'and', negate: false, children: [node] }, BUILTIN_CATALOG);
  return JSON.stringify(tree.children.length === 1 && !tree.negate ? tree.children[0] : tree);
}

/** The alternatives that apply to the current rules, in the order of the assumptions. */
export function alternativeOptions(stored: readonly StoredAssumption[], tree: RuleTree): AlternativeOption[] {
  const nodes = pathNodes(tree).map((n) => ({ ...n, json: JSON.stringify(n.node) }));
  return stored.flatMap((a, index) => {
    if (typeof a === 'string') return [];
    const reading = canonical(a.reading);
    const alternative = canonical(a.alternative);
    const at = nodes.find((n) => n.json === reading);
    const back = at ? undefined : nodes.find((n) => n.json === alternative);
    const found = at ?? back;
    if (!found) return [];
    const replacement = at ? a.alternative : a.reading;
    return [{ index, assumption: a.text, says: a.says, applied: !at, path: found.path, rules: normalize(replaceAt(tree, found.path, replacement), BUILTIN_CATALOG) }];
  });
}
