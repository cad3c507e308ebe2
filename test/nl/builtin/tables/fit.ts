import { c, counted, has, hasNo, type Row } from '../build.js';

/** Fit scores per product. */
export const fit: Row[] = [
  // A level restated in an aside set off by commas, then a count of products.
  { say: 'contacts with a high fit, 80 or more, on at least two products', rules: counted('fit_scores', 'gte', 2, c('score', 'gte', 80)) },
  { say: 'fit score for payments above 80', rules: has('fit_scores', c('product', 'eq', 'payments'), c('score', 'gt', 80)) },
  { say: 'contacts with a payments fit score over 80', rules: has('fit_scores', c('product', 'eq', 'payments'), c('score', 'gt', 80)) },
  { say: 'analytics fit of at least 70', rules: has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'gte', 70)) },
  { say: 'crm score below 30', rules: has('fit_scores', c('product', 'eq', 'crm'), c('score', 'lt', 30)) },
  { say: 'high fit for analytics', rules: has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'gte', 70)), assume: ['high'] },
  { say: 'a fit score above 90 for any product', rules: has('fit_scores', c('score', 'gt', 90)) },
  { say: 'crm fit score between 50 and 80', rules: has('fit_scores', c('product', 'eq', 'crm'), c('score', 'between', [50, 80])) },
  { say: 'contacts with no fit score', rules: hasNo('fit_scores') },
  { say: 'customers with a CRM fit score of at least 60', rules: [c('lifecycle_stage', 'eq', 'customer'), has('fit_scores', c('product', 'eq', 'crm'), c('score', 'gte', 60))] },
  // A row said to be missing is no such row.
  { say: 'contacts whose analytics fit is blank', rules: hasNo('fit_scores', c('product', 'eq', 'analytics')) },
  { say: 'contacts whose lowest fit score is at least 40', rules: [has('fit_scores'), hasNo('fit_scores', c('score', 'lt', 40))], assume: ['every fit score'] },
  // "product fits" is the relation's noun; a count of rows is at most one per product, so "80+ fit scores" is the score.
  { say: 'contacts with at least 2 product fits above 60', rules: counted('fit_scores', 'gte', 2, c('score', 'gt', 60)) },
  { say: 'contacts with 80+ fit scores', rules: has('fit_scores', c('score', 'gte', 80)) },
  // "the other two products": the products not named before.
  { say: 'contacts with a crm fit but no fit score for the other two products', rules: [has('fit_scores', c('product', 'eq', 'crm')), hasNo('fit_scores', c('product', 'in', ['analytics', 'payments']))], assume: ['analytics and payments'] },
  // A bound, then "for" / "on" a product: that product's score.
  { say: '85 or better on crm', rules: has('fit_scores', c('product', 'eq', 'crm'), c('score', 'gte', 85)) },
  { say: 'contacts scoring 80+ for analytics but under 20 for payments', rules: [has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'gte', 80)), has('fit_scores', c('product', 'eq', 'payments'), c('score', 'lt', 20))] },
  // "score" as the verb ("contacts that score 60 or more on crm"): the number is the score, not a count of rows.
  { say: 'contacts that score 60 or more on both crm and payments', rules: [has('fit_scores', c('product', 'eq', 'crm'), c('score', 'gte', 60)), has('fit_scores', c('product', 'eq', 'payments'), c('score', 'gte', 60))], assume: ['each of them'] },
  { say: 'leads who score under 25 in analytics', rules: [c('lifecycle_stage', 'eq', 'lead'), has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'lt', 25))] },
  // A level restated after a comma or a dash is said exactly ("low crm fit, below 20"), as in parentheses.
  { say: 'contacts with a low crm fit, below 20', rules: has('fit_scores', c('product', 'eq', 'crm'), c('score', 'lt', 20)) },
  { say: 'contacts with a high payments fit - 85 or more', rules: has('fit_scores', c('product', 'eq', 'payments'), c('score', 'gte', 85)) },
  { say: 'crm scr above 80', rules: has('fit_scores', c('product', 'eq', 'crm'), c('score', 'gt', 80)), assume: ['"scr"'] },
];
