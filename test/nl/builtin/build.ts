// Readable builders for the expected rule trees in the phrasing tables. Names (campaigns, owners,
// segments, countries) are written as a person would; validation resolves them like any input.
export type Tree = Record<string, unknown>;

export const and = (...children: unknown[]): Tree => ({ type: 'group', op: 'and', negate: false, children });
export const or = (...children: unknown[]): Tree => ({ type: 'group', op: 'or', negate: false, children });
export const not = (...children: unknown[]): Tree => ({ type: 'group', op: 'and', negate: true, children });
export const c = (field: string, operator: string, value: unknown = null): Tree => ({ type: 'condition', field, operator, value });

const where = (conds: unknown[]) => (conds.length ? and(...conds) : null);
export const has = (relation: string, ...conds: unknown[]): Tree => ({ type: 'relation', relation, has: true, where: where(conds), count: null });
export const hasNo = (relation: string, ...conds: unknown[]): Tree => ({ type: 'relation', relation, has: false, where: where(conds), count: null });
export const counted = (relation: string, operator: string, value: number, ...conds: unknown[]): Tree => ({
  type: 'relation',
  relation,
  has: true,
  where: where(conds),
  count: { operator, value },
});

export const engaged = (event: string, match: 'any' | 'all' | 'none', campaigns: { last?: number; ids?: string[] } = {}): Tree => ({
  type: 'engagement',
  event,
  match,
  campaigns: { last: campaigns.last ?? null, ids: campaigns.ids ?? null },
});
export const inSegment = (segment: string): Tree => ({ type: 'segment', operator: 'in', segment });
export const notInSegment = (segment: string): Tree => ({ type: 'segment', operator: 'not_in', segment });

export const days = (amount: number) => ({ amount, unit: 'days' });
export const weeks = (amount: number) => ({ amount, unit: 'weeks' });
export const months = (amount: number) => ({ amount, unit: 'months' });
export const years = (amount: number) => ({ amount, unit: 'years' });

/** A deal that is not closed (won or lost). */
export const OPEN = c('stage', 'not_in', ['closed_won', 'closed_lost']);
/** What "contacted" means: an activity we logged as outbound, of any type (said). */
export const CONTACTED = [c('direction', 'eq', 'outbound')];

/** One phrasing and what it must mean. */
export interface Row {
  say: string;
  /** The expected tree (a node, a list of nodes meaning all of them, or the root group); compared after prepareRules on both sides. */
  rules?: unknown;
  /** The description is not an audience: a refusal is expected. */
  refuse?: true;
  /** Each must be contained in (string) or match (RegExp) one of the assumptions. */
  assume?: (string | RegExp)[];
  /** The exact unrecognized spans, in order. Omitted: none. */
  unrecognized?: string[];
}
