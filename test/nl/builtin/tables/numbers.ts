import { c, counted, days, has, OPEN, type Row } from '../build.js';

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
];
