// A second reading beside the LLM's: when the built-in parser understands the whole description on
// its own (no open span) and its audience differs from the provider's, the draft shows both readings
// with both counts and the conditions that differ, so the reviewer decides. "Differs" is measured, not
// guessed from the trees: one count of the contacts in exactly one of the two audiences (A and not B,
// or B and not A); two trees written differently that select the same contacts are not shown.
import { LockTimeoutError, QueryTimeoutError } from '../db/errors.js';
import { BuiltinProvider } from '../nl/builtin/provider.js';
import { explain } from '../rules/explain.js';
import type { Node, RuleTree } from '../rules/grammar.js';
import { canonicalJson } from '../rules/normalize.js';
import { prepareRules } from '../rules/prepare.js';
import type { TenantValues } from '../rules/tenant.js';
import { previewSegment } from '../segments/preview.js';
import type { Services } from '../services.js';

const builtin = new BuiltinProvider();

export interface SecondReading {
  provider: string;
  model: string;
  rules: RuleTree;
  explanation: string;
  assumptions: string[];
  /** Contacts the built-in reading selects. */
  count: number;
  /** Contacts the provider's reading selects. */
  providerCount: number;
  /** Contacts in exactly one of the two audiences. */
  differingContacts: number;
  /** Top-level conditions only the provider's reading has, and only the built-in reading has, in plain English. */
  onlyInProvider: string[];
  onlyInSecond: string[];
}

const and = (children: Node[], negate = false): RuleTree => ({ type: 'group', op: 'and', negate, children });

/** The built-in reading when it understood everything and selects other contacts; otherwise null. */
export async function secondReading(
  services: Services,
  orgId: string,
  tenant: TenantValues,
  input: { description: string; asOf: Date; rules: RuleTree; providerName: string },
): Promise<SecondReading | null> {
  if (input.providerName === builtin.name) return null;
  const out = builtin.parse({ description: input.description, tenant, asOf: input.asOf });
  if (out.kind !== 'rules' || out.unrecognized.length > 0) return null;
  const prepared = prepareRules(out.rules, { tenant });
  if (!prepared.ok) return null;
  const second = prepared.tree;
  const first = input.rules;
  if (canonicalJson(first, tenant.catalog) === canonicalJson(second, tenant.catalog)) return null;
  const ctx = { orgId, asOf: input.asOf, tenant };
  const count = (tree: RuleTree) => previewSegment(services.database.db, tree, ctx, { limit: 1, timeoutMs: services.statementTimeoutMs }).then((p) => p.count);
  const xor: RuleTree = { type: 'group', op: 'or', negate: false, children: [and([first, and([second], true)]), and([second, and([first], true)])] };
  try {
    const differing = await count(xor);
    if (differing === 0) return null;
    const [secondCount, firstCount] = [await count(second), await count(first)];
    const [a, b] = [parts(first), parts(second)];
    const keysA = new Set(a.map((n) => JSON.stringify(n)));
    const keysB = new Set(b.map((n) => JSON.stringify(n)));
    const say = (n: Node) => explain(and([n]), tenant);
    return {
      provider: out.provider,
      model: out.model,
      rules: second,
      explanation: explain(second, tenant),
      assumptions: [...out.assumptions, ...prepared.warnings.map((w) => w.message)],
      count: secondCount,
      providerCount: firstCount,
      differingContacts: differing,
      onlyInProvider: a.filter((n) => !keysB.has(JSON.stringify(n))).map(say),
      onlyInSecond: b.filter((n) => !keysA.has(JSON.stringify(n))).map(say),
    };
  } catch (err) {
    // A second opinion never costs the draft: if its counts time out or are busy, it is left out.
    if (err instanceof QueryTimeoutError || err instanceof LockTimeoutError) return null;
    throw err;
  }
}

/** The conditions a reviewer compares: the children of an AND root, or the whole tree. */
function parts(tree: RuleTree): Node[] {
  return tree.op === 'and' && !tree.negate ? tree.children : [tree];
}
