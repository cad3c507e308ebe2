// Fit scores per product: "fit score for payments above 80", "a payments fit score over 80", "crm
// score below 30", "high fit for analytics", "a fit score above 90 for any product", "no fit score".
import type { Condition } from '../../../rules/grammar.js';
import { readBound } from '../bounds.js';
import { cond, relation } from '../nodes.js';
import type { Clause, Parse } from '../state.js';
import { relValues } from './relations.js';

/** What "high" and "low" fit mean on the 0–100 score. */
const LEVELS: Record<string, { operator: 'gte' | 'lt'; value: number }> = {
  high: { operator: 'gte', value: 70 }, strong: { operator: 'gte', value: 70 }, good: { operator: 'gte', value: 70 }, great: { operator: 'gte', value: 70 },
  low: { operator: 'lt', value: 40 }, poor: { operator: 'lt', value: 40 }, weak: { operator: 'lt', value: 40 },
};

export function fitScore(p: Parse, i: number): Clause | undefined {
  let j = p.skip(i, ['a', 'an', 'any', 'their']);
  const where: Condition[] = [];
  const level = LEVELS[p.w(j)];
  if (level) j += 1;
  let product = products(p, j);
  if (product) j = product.end;
  const nounAt = j;
  const fitNoun = p.sense(j, 'relation', (s) => s.relation === 'fit_scores') ?? p.sense(j, 'relField', (s) => s.relation === 'fit_scores' && s.field === 'score');
  if (!fitNoun) return undefined;
  j = fitNoun.match.end;
  if (p.is(j, 'score|scores')) j += 1;
  // "score" alone is the fit score only next to a product ("crm score"); otherwise it needs "fit".
  if (!product && !p.tokens.slice(nounAt, j).some((t) => t.norm === 'fit') && !p.is(j, 'for|on')) return undefined;
  // The product and the bound come in either order: "for payments above 80", "above 90 for any product".
  let k = j;
  for (let round = 0; round < 2; round++) {
    if (p.is(k, 'for|on|in', 'any|every|all', 'product|products')) k += 3;
    else if (!product && p.is(k, 'for|on|in')) {
      product = products(p, p.skip(k + 1, ['the']));
      if (product) k = product.end;
    }
    const b = where.length ? undefined : readBound(p, k);
    if (b && b.operator !== 'in') {
      where.push(cond('score', b.operator, b.value));
      k = b.end;
    }
  }
  if (product) where.unshift(product.condition);
  if (level) {
    p.assume(`read "${p.tokens[i + (p.is(i, 'a|an|any|their') ? 1 : 0)]!.text} fit" as a fit score ${level.operator === 'gte' ? 'of at least' : 'below'} ${level.value}`);
    where.push(cond('score', level.operator, level.value));
  }
  return { node: relation('fit_scores', true, where), end: k };
}

function products(p: Parse, j: number) {
  const list = relValues(p, j, 'fit_scores', 'product');
  if (!list) return undefined;
  const values = list.items.map((it) => it.sense.value);
  return { condition: values.length === 1 ? cond('product', 'eq', values[0]!) : cond('product', 'in', values), end: list.end };
}
