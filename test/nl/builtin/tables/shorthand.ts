import { c, CONTACTED, days, engaged, has, hasNo, not, OPEN, type Row } from '../build.js';

/** How marketers type in a hurry: w/, w/o, +, &, dropped apostrophes, "n e", misspelled verbs. */
export const shorthand: Row[] = [
  // Industry shorthand from notes: said, as every other name of an industry is.
  { say: 'hc or fin cos w/ 100+ staff', rules: [c('company.industry', 'in', ['Healthcare', 'Finance']), c('company.employee_count', 'gte', 100)], assume: ['company industry'] },
  { say: 'mfg companies in Germany', rules: [c('company.industry', 'eq', 'Manufacturing'), c('company.country', 'eq', 'DE')] },
  // "w/" is "with": what follows is one more condition, never an alternative.
  { say: 'leads w/ an open deal', rules: [c('lifecycle_stage', 'eq', 'lead'), has('deals', OPEN)] },
  { say: 'customers w/ no phone', rules: [c('lifecycle_stage', 'eq', 'customer'), c('phone', 'is_null')] },
  { say: 'vip contacts w/o a deal', rules: [c('tags', 'eq', 'vip'), hasNo('deals')] },
  { say: 'ppl in France w/ NPS above 8', rules: [c('country', 'eq', 'FR'), c('properties.nps', 'gt', 8)] },
  // Values of a one-value field joined by + / & / and: any of them (a contact has one stage).
  { say: 'leads + customers in France', rules: [c('lifecycle_stage', 'in', ['lead', 'customer']), c('country', 'eq', 'FR')], assume: ['any of them'] },
  { say: 'opportunities & SQLs', rules: c('lifecycle_stage', 'in', ['opportunity', 'sales_qualified']), assume: ['any of them'] },
  { say: 'contacts in France + Spain', rules: c('country', 'in', ['FR', 'ES']) },
  { say: 'starter + pro plan contacts', rules: c('properties.plan', 'in', ['starter', 'pro']) },
  { say: 'vip + partner contacts', rules: [c('tags', 'eq', 'vip'), c('tags', 'eq', 'partner')] },
  // Dropped apostrophes and "n e" for "any".
  { say: 'leads that havent been contacted in 30 days', rules: [c('lifecycle_stage', 'eq', 'lead'), not(has('activities', ...CONTACTED, c('occurred_at', 'within_last', days(30))))] },
  { say: 'contacts who didnt click n e campaign', rules: engaged('clicked', 'none') },
  { say: 'customers who dont have a deal', rules: [c('lifecycle_stage', 'eq', 'customer'), hasNo('deals')] },
  { say: 'ppl who havent clicked anything this year', rules: not(has('email_events', c('type', 'eq', 'clicked'), c('occurred_at', 'gte', '2026-01-01'))) },
  { say: 'contacts that never opened nething', rules: engaged('opened', 'none') },
  { say: 'customers who havent clicked n e thing this month', rules: [c('lifecycle_stage', 'eq', 'customer'), not(has('email_events', c('type', 'eq', 'clicked'), c('occurred_at', 'gte', '2026-11-01')))] },
  { say: 'leads that didnt get n e thing since June', rules: [c('lifecycle_stage', 'eq', 'lead'), not(has('email_events', c('type', 'eq', 'delivered'), c('occurred_at', 'gte', '2026-06-01')))] },
  // Misspelled verbs are corrected and said, not dropped.
  { say: 'contacts that clickd Summer Promo', rules: engaged('clicked', 'any', { ids: ['Summer Promo'] }), assume: ['"clickd"'] },
  { say: 'leads who oppened the last campaign', rules: [c('lifecycle_stage', 'eq', 'lead'), engaged('opened', 'all', { last: 1 })], assume: ['"oppened"'] },
  { say: 'contacts that recieved Case Study', rules: engaged('delivered', 'any', { ids: ['Case Study'] }), assume: ['"recieved"'] },
  { say: 'contacts who clikced Autumn Offer', rules: engaged('clicked', 'any', { ids: ['Autumn Offer'] }) },
  { say: 'not contcted in the last month', rules: not(has('activities', ...CONTACTED, c('occurred_at', 'within_last', { amount: 1, unit: 'months' }))), assume: ['"contcted"'] },
  { say: 'unsubs in Germany', rules: [c('email_status', 'eq', 'unsubscribed'), c('country', 'eq', 'DE')] },
  { say: 'oppties in France', rules: [c('lifecycle_stage', 'eq', 'opportunity'), c('country', 'eq', 'FR')] },
  { say: 'custies in Spain, excl vips', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'ES'), c('tags', 'neq', 'vip')] },
  // "b/c" is because (left open, a reason is no condition), "b/w" between — never a list of two letters.
  { say: 'companies b/w 50 and 250 employees', rules: c('company.employee_count', 'between', [50, 250]) },
];
