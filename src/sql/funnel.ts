// Funnel counts: for every node of a canonical tree, how many contacts match that node alone; for
// each child of an AND group, how many are left once the children before it and it are applied (in
// the tree's order); for each branch of an OR group, how many only that branch brings. Every count
// comes with its reachability (src/rules/reachability.ts): how many of those contacts can be emailed.
//
// One statement, one scan for all counts: each leaf (condition, relation, engagement, segment) is
// evaluated once per contact into a boolean column; groups are boolean expressions over those
// columns; every count is `count(*) FILTER (…)` over them, grouped by the contacts' email status.
// Leaves compile exactly as the tree compiles them, except that the relation and engagement leaves
// the compiler answers from the contact facts (readsFacts) are flags from one pass over each facts
// table they read, each read as a hashed semi-join (countsQuery), instead of one facts probe per
// leaf and contact.
//
// This is its own request (POST /v1/preview/funnel), not part of the preview: counting a node
// *alone* needs every contact of the tenant, where the preview reads only the matching ones from an
// index. bench/funnel.ts measured a bare pass over 100k contacts grouped by email status — no leaf
// at all — at more than 1.5× the whole plain preview of a selective segment (README, "Funnel
// counts"), so no form of one statement could carry the counts within that budget.
//
// A leaf is coalesced to false, as the tree treats it: AND/OR are monotone, so a combination of
// leaves coalesced to false is true exactly when the uncoalesced one is (and a negated group is
// NOT COALESCE(…, false) in the compiler too). The root's count equals the plain preview's.
import { type SQL, sql } from 'drizzle-orm';
import type { Group, Node, RuleTree } from '../rules/grammar.js';
import { pathNodes } from '../rules/paths.js';
import { type EmailStatus, emptyReach, type Reach, REACH_CLASSES, reachClass } from '../rules/reachability.js';
import { TABLES } from '../rules/crm.js';
import { type CompileContext, compilePredicate, engagementCampaignIds, nodeCompiler, readsFacts } from './compile.js';
import { engagementFactsAnswer, type FactsAnswer, relationFactsAnswer } from './facts.js';

export interface Tally {
  count: number;
  /** How many of the `count` contacts can be emailed, and why the others cannot. */
  reach: Reach;
}

export interface FunnelNode {
  /** Where the node sits (`rules`, `rules.children[1]`, …): the path the reviewer page's rows carry. */
  path: string;
  type: Node['type'];
  /** Contacts matching this node alone (a negated group: after its negation). */
  alone: Tally;
  /** In an AND group: contacts matching this child and every child before it (inside the group's NOT, if it has one). */
  running: Tally | null;
  /** In an OR group: contacts matching this branch and no other branch of the group. */
  unique: Tally | null;
}

export interface Funnel {
  /** The root's count and reachability: the preview's own. */
  count: number;
  reach: Reach;
  funnel: FunnelNode[];
}

/**
 * What reachability needs of `contacts c`: the email status as stored (an enum: grouping by it is
 * cheap, where a CASE over its text cost a third of the scan) and whether the address is empty.
 * The class follows in TypeScript, from the one table (reachOf).
 */
const REACH_COLUMNS = sql.raw(`c.email_status as status, c.email = '' as no_email`);

/** The per-contact flags of the facts leaves (one pass per facts table, see countsQuery: fk0, fk1, …), and a facts row in it. */
const FLAGS = 'fk';
const FACTS_ROW = 'ff';

/** The facts leaves read from one facts table. */
interface FlagPass {
  table: string;
  /** The CTE holding the flags. */
  name: string;
  /** The leaves' predicates over one facts row, computed as flags k0, k1, … in one pass over the table. */
  flags: SQL[];
  /** Per flag: its value for a contact without facts (without related rows). */
  none: boolean[];
}

interface Plan {
  leaves: SQL[];
  passes: FlagPass[];
  /** Per node, in pathNodes order: the keys of its aggregates. */
  keys: { alone: string; running: string | null; unique: string | null }[];
  aggregates: { key: string; expr: SQL }[];
  root: SQL;
}

function plan(tree: RuleTree, ctx: CompileContext): Plan {
  const nodes = pathNodes(tree);
  const compiler = nodeCompiler(ctx);
  const leaves: SQL[] = [];
  const passes: FlagPass[] = [];
  const passOf = (table: string): FlagPass => {
    let pass = passes.find((p) => p.table === table);
    if (!pass) passes.push((pass = { table, name: `${FLAGS}${passes.length}`, flags: [], none: [] }));
    return pass;
  };
  const column = new Map<Node, SQL>();
  for (const { node } of nodes) {
    if (node.type === 'group') continue;
    let leaf: SQL;
    const answer = factsAnswer(node, ctx);
    if (answer) {
      // A hashed semi-join on the facts flags (see countsQuery); contacts not in them have no related rows.
      const pass = passOf(answer.table);
      const i = pass.flags.length;
      const fk = pass.name;
      pass.none.push(answer.holdsForNone);
      pass.flags.push(sql`${answer.holds(FACTS_ROW)} as ${sql.raw(`k${i}`)}`);
      leaf = answer.holdsForNone
        ? sql.raw(`(not (c.id in (select ${fk}.contact_id from ${fk} where not ${fk}.k${i})))`)
        : sql.raw(`(c.id in (select ${fk}.contact_id from ${fk} where ${fk}.k${i}))`);
    } else leaf = compiler.node(node);
    column.set(node, sql.raw(`l${leaves.length}`));
    leaves.push(sql`coalesce(${leaf}, false) as ${sql.raw(`l${leaves.length}`)}`);
  }
  const expr = (node: Node): SQL => (node.type === 'group' ? groupExpr(node, node.children) : column.get(node)!);
  const groupExpr = (g: Group, children: Node[]): SQL => {
    const inner = sql`(${sql.join(children.map(expr), sql.raw(g.op === 'and' ? ' and ' : ' or '))})`;
    return g.negate ? sql`(not ${inner})` : inner;
  };
  const aggregates: Plan['aggregates'] = [];
  const add = (e: SQL) => {
    const key = `a${aggregates.length}`;
    aggregates.push({ key, expr: e });
    return key;
  };
  const keys = nodes.map(({ node, parent }) => {
    const alone = add(expr(node));
    if (!parent) return { alone, running: null, unique: null };
    const { group, index } = parent;
    if (group.op === 'and') {
      // The first child's running count is its own count; the rest add one conjunction each.
      const running = index === 0 ? alone : add(sql`(${sql.join(group.children.slice(0, index + 1).map(expr), sql.raw(' and '))})`);
      return { alone, running, unique: null };
    }
    const others = group.children.filter((_, i) => i !== index);
    const unique = add(sql`(${expr(node)} and not (${sql.join(others.map(expr), sql.raw(' or '))}))`);
    return { alone, running: null, unique };
  });
  return { leaves, passes, keys, aggregates, root: expr(tree) };
}

/** A relation or engagement leaf as the facts answer it, where the compiler reads the facts (readsFacts); else null. */
function factsAnswer(node: Node, ctx: CompileContext): FactsAnswer | null {
  if ((node.type !== 'relation' && node.type !== 'engagement') || !readsFacts(node, ctx)) return null;
  if (node.type === 'relation') return ctx.tenant.catalog.relation(node.relation) ? relationFactsAnswer(node, ctx) : null;
  if (node.type === 'engagement') {
    const ids = engagementCampaignIds(node, ctx);
    return ids.length ? engagementFactsAnswer(node, ids) : null; // no campaigns: the compiler's constant
  }
  return null;
}

/**
 * Every count of the tree, grouped by reach: one statement. The leaves are computed in a subquery
 * kept apart (`offset 0`), so each is evaluated once per contact however many counts use it.
 */
export function funnelQuery(tree: RuleTree, ctx: CompileContext): { query: SQL; read: (rows: readonly FunnelRow[]) => Funnel } {
  const p = plan(tree, ctx);
  return { query: countsQuery(p, ctx), read: (rows) => funnelFromRows(tree, p, rows) };
}

function countsQuery(p: Plan, ctx: CompileContext): SQL {
  const counts = p.aggregates.map(({ key, expr }) => sql`count(*) filter (where ${expr})::int as ${sql.raw(key)}`);
  // The facts leaves as per-contact flags, computed in one pass over each facts table they read
  // (`fk0`, `fk1`, materialized once) and read by each leaf as a hashed semi-join: an uncorrelated
  // `c.id in (…)`, hashed once, instead of a probe per contact and leaf. Only contacts for which
  // some flag differs from its no-rows value are kept: any other contact reads as one without
  // related rows, which gives each leaf that same value — so a pass holds the contacts its leaves
  // select (or drop).
  const f = sql.raw(FACTS_ROW);
  const ctes = p.passes.map((pass) => {
    const differs = pass.none.map((none, i) => sql.raw(`${none ? 'not ' : ''}x.k${i}`));
    return sql`${sql.raw(pass.name)} as materialized (select * from (select ${f}.contact_id, ${sql.join(pass.flags, sql.raw(', '))} from ${sql.raw(`${pass.table} ${FACTS_ROW}`)} where ${f}.org_id = ${ctx.orgId} offset 0) x
            where ${sql.join(differs, sql.raw(' or '))})`;
  });
  const facts = ctes.length ? sql`with ${sql.join(ctes, sql.raw(', '))}` : sql``;
  return sql`${facts}
      select status, no_email, ${sql.join(counts, sql.raw(', '))}
      from (select ${REACH_COLUMNS}${p.leaves.length ? sql`, ${sql.join(p.leaves, sql.raw(', '))}` : sql``}
            from ${sql.raw(TABLES.contacts)} c where c.org_id = ${ctx.orgId} offset 0) f
      group by status, no_email`;
}

export type FunnelRow = { status: EmailStatus; no_email: boolean } & Record<string, number>;

/** Rows of (email status, empty address, n) summed into a tally. */
export function tallyOf(rows: readonly { status: EmailStatus; no_email: boolean; n: number }[]): Tally {
  const reach = emptyReach();
  for (const row of rows) reach[reachClass(row.status, !row.no_email)] += row.n;
  return { count: REACH_CLASSES.reduce((n, k) => n + reach[k], 0), reach };
}

function funnelFromRows(tree: RuleTree, p: Plan, byClass: readonly FunnelRow[]): Funnel {
  const tally = (key: string): Tally => tallyOf(byClass.map((row) => ({ status: row.status, no_email: row.no_email, n: row[key] ?? 0 })));
  const funnel = pathNodes(tree).map(({ path, node }, i) => {
    const k = p.keys[i]!;
    return { path, type: node.type, alone: tally(k.alone), running: k.running ? tally(k.running) : null, unique: k.unique ? tally(k.unique) : null };
  });
  const root = funnel[0]!.alone;
  return { count: root.count, reach: root.reach, funnel };
}

/** A tree's count with its reachability alone (an alternative's count): one scan, grouped by reach. */
export function tallyQuery(tree: RuleTree, ctx: CompileContext): { query: SQL; read: (rows: readonly { status: EmailStatus; no_email: boolean; n: number }[]) => Tally } {
  const { where } = compilePredicate(tree, ctx);
  const query = sql`select ${REACH_COLUMNS}, count(*)::int as n from ${sql.raw(TABLES.contacts)} c where c.org_id = ${ctx.orgId} and ${where} group by 1, 2`;
  return { query, read: tallyOf };
}
