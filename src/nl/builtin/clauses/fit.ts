// Fit scores per product: "fit score for payments above 80", "a payments fit score over 80", "crm
// score below 30", "high fit for analytics", "a fit score above 90 for any product", "no fit score",
// "85+ fit for crm", "for every product" (one fit score per product of the tenant, said) and "for
// crm and payments" (a score row has one product, so: a score for each).
import type { Condition } from '../../../rules/grammar.js';
import { readBound } from '../bounds.js';
import { all, cond, relation } from '../nodes.js';
import type { Clause, Parse } from '../state.js';
import { usesAnd } from './lists.js';
import { relValues } from './relations.js';

/** What "high" and "low" fit mean on the 0–100 score. */
const LEVELS: Record<string, { operator: 'gte' | 'lt'; value: number }> = {
  high: { operator: 'gte', value: 70 }, strong: { operator: 'gte', value: 70 }, good: { operator: 'gte', value: 70 }, great: { operator: 'gte', value: 70 },
  low: { operator: 'lt', value: 40 }, poor: { operator: 'lt', value: 40 }, weak: { operator: 'lt', value: 40 },
};

export function fitScore(p: Parse, i: number): Clause | undefined {
  let j = p.skip(i, ['a', 'an', 'any', 'their']);
  const where: Condition[] = [];
  // "85+ fit for analytics": the bound may come first.
  const first = readBound(p, j);
  if (first?.explicit && first.operator !== 'in') {
    where.push(cond('score', first.operator, first.value));
    j = first.end;
  }
  const level = LEVELS[p.w(j)];
  if (level) j += 1;
  let product = products(p, j);
  if (product) j = product.end;
  const nounAt = j;
  const fitNoun = p.sense(j, 'relation', (s) => s.relation === 'fit_scores') ?? p.sense(j, 'relField', (s) => s.relation === 'fit_scores' && s.field === 'score');
  const scoring = !fitNoun && p.is(j, 'scoring|scored|scores|rated') && !where.length;
  if (!fitNoun && !scoring) return undefined;
  j = fitNoun ? fitNoun.match.end : j + 1;
  if (p.is(j, 'score|scores')) j += 1;
  // "score" alone is the fit score only next to a product ("crm score"); otherwise it needs "fit"
  // or what follows to say it ("scores for crm", "scoring 80+ on payments").
  const followed = p.is(j, 'for|on|in|of|at|above|over|below|under') || (scoring && readBound(p, j)?.explicit);
  if (!product && !p.tokens.slice(nounAt, j).some((t) => t.norm === 'fit') && !followed) return undefined;
  // The product and the bound come in either order: "for payments above 80", "above 90 for any product".
  let k = j;
  let each = false;
  for (let round = 0; round < 2; round++) {
    const every = everyProduct(p, k);
    if (every) {
      each = every.each;
      k = every.end;
    } else if (!product && p.is(k, 'for|on|in')) {
      product = products(p, p.skip(k + 1, ['the', 'both']));
      if (product) k = product.end;
    }
    const b = where.length ? undefined : readBound(p, k);
    if (b && b.operator !== 'in') {
      where.push(cond('score', b.operator, b.value));
      k = b.end;
    }
  }
  if (scoring && !where.length && !each) return undefined;
  if (level) {
    p.assume(`read "${p.tokens[i + (p.is(i, 'a|an|any|their') ? 1 : 0)]!.text} fit" as a fit score ${level.operator === 'gte' ? 'of at least' : 'below'} ${level.value}`);
    where.push(cond('score', level.operator, level.value));
  }
  if (each && !product && p.tenant.products.length) {
    p.assume(`read "${p.text(i, k)}" as one fit score per product: ${p.tenant.products.join(', ')}`);
    return { node: all(p.tenant.products.map((v) => relation('fit_scores', true, [cond('product', 'eq', v), ...where]))), end: k };
  }
  // A score row has one product: "crm and payments" (or "both …") means a score for each of them.
  if (product?.each) {
    p.assume(`read "${p.text(product.start, product.end)}" as a fit score for each of them`);
    return { node: all(product.values.map((v) => relation('fit_scores', true, [cond('product', 'eq', v), ...where]))), end: k };
  }
  if (product) where.unshift(product.condition);
  return { node: relation('fit_scores', true, where), end: k };
}

/** "for any product" (one is enough) or "for each / every one of / all (three of) our products". */
function everyProduct(p: Parse, k: number): { each: boolean; end: number } | undefined {
  if (!p.is(k, 'for|on|in|across')) return undefined;
  let j = k + 1;
  const quantifier = p.w(j);
  if (!['any', 'every', 'each', 'all', 'both'].includes(quantifier)) return undefined;
  j = p.skip(j + 1, ['one', 'of', 'our', 'the', 'your', 'three', 'two', 'four', 'five', 'single']);
  if (!p.is(j, 'product|products')) return undefined;
  return { each: quantifier !== 'any', end: j + 1 };
}

function products(p: Parse, j: number) {
  const list = relValues(p, j, 'fit_scores', 'product');
  if (!list) return undefined;
  const values = [...new Set(list.items.map((it) => it.sense.value))];
  const each = values.length > 1 && (usesAnd(list) || p.is(j - 1, 'both'));
  return { condition: values.length === 1 ? cond('product', 'eq', values[0]!) : cond('product', 'in', values), values, each, start: j, end: list.end };
}
