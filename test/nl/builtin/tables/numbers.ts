import { and, c, counted, days, has, OPEN, type Row } from '../build.js';

/** Numbers in words and digits, with units and suffixes. */
export const numbers: Row[] = [
  { say: 'at least three activities in the last ninety days', rules: counted('activities', 'gte', 3, c('occurred_at', 'within_last', days(90))) },
  { say: 'companies with more than five hundred employees', rules: c('company.employee_count', 'gt', 500) },
  { say: 'revenue over twenty million', rules: c('company.annual_revenue', 'gt', 20_000_000) },
  { say: 'an open deal worth more than twenty thousand', rules: has('deals', OPEN, c('amount', 'gt', 20000)) },
  { say: 'more than twenty-five employees', rules: c('company.employee_count', 'gt', 25) },
  { say: 'revenue above 1.5M', rules: c('company.annual_revenue', 'gt', 1_500_000) },
  { say: 'deals worth over $20,000', rules: has('deals', c('amount', 'gt', 20000)) },
  { say: 'created in the last two weeks', rules: c('created_at', 'within_last', days(14)) },
  { say: 'a dozen activities or more', rules: counted('activities', 'gte', 12) },
  { say: 'NPS of at least seven', rules: c('properties.nps', 'gte', 7) },
  { say: 'companies with fewer than one hundred and fifty employees', rules: c('company.employee_count', 'lt', 150) },
  { say: 'revenue over 2.5 billion', rules: c('company.annual_revenue', 'gt', 2_500_000_000) },
  { say: 'more than 1,200 employees', rules: c('company.employee_count', 'gt', 1200) },
  // "N+", "N or more/higher/above", "at least N" in every position.
  { say: 'contacts with an NPS of 9+', rules: c('properties.nps', 'gte', 9) },
  { say: 'payments fit score of 75 or higher', rules: has('fit_scores', c('product', 'eq', 'payments'), c('score', 'gte', 75)) },
  { say: '85+ fit for analytics', rules: has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'gte', 85)) },
  { say: 'fit of 90 or above for crm', rules: has('fit_scores', c('product', 'eq', 'crm'), c('score', 'gte', 90)) },
  { say: 'leads scoring 80+ on payments', rules: [c('lifecycle_stage', 'eq', 'lead'), has('fit_scores', c('product', 'eq', 'payments'), c('score', 'gte', 80))] },
  { say: 'contacts scoring 95 or more for analytics and crm', rules: and(...['analytics', 'crm'].map((p) => has('fit_scores', c('product', 'eq', p), c('score', 'gte', 95)))) },
  { say: 'crm score at least 80', rules: has('fit_scores', c('product', 'eq', 'crm'), c('score', 'gte', 80)) },
  { say: '500+ employee companies', rules: c('company.employee_count', 'gte', 500) },
  { say: 'an NPS of 8 or better', rules: c('properties.nps', 'gte', 8) },
  { say: '3+ meetings', rules: counted('activities', 'gte', 3, c('type', 'eq', 'meeting')) },
  { say: 'deals of 20k or more', rules: has('deals', c('amount', 'gte', 20000)) },
  { say: 'contacts with an NPS of 0-6', rules: c('properties.nps', 'between', [0, 6]) },
  // Amounts are in US dollars: the currency word belongs to the number.
  { say: 'contacts with a deal worth over twenty thousand dollars', rules: has('deals', c('amount', 'gt', 20000)) },
  // Spaces as thousands separators (French, much of Europe), said; a dollar sign after the amount.
  { say: 'clients with a deal of more than 20 000 $', rules: [c('lifecycle_stage', 'eq', 'customer'), has('deals', c('amount', 'gt', 20000))], assume: ['"20 000" as 20,000'] },
  { say: 'companies with 1 500 employees or more', rules: c('company.employee_count', 'gte', 1500), assume: ['"1 500" as 1,500'] },
  { say: 'contacts with a deal over 5000$', rules: has('deals', c('amount', 'gt', 5000)) },
];
