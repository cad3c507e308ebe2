import { and, c, counted, has, hasNo, not, OPEN, type Row } from '../build.js';

// "All X are P" is "has an X, and has no X that is not P": at least one is implied (an assumption).
const allDeals = (...where: unknown[]) => [has('deals'), hasNo('deals', ...where)];
const allActivities = (...where: unknown[]) => [has('activities'), hasNo('activities', ...where)];
const allFit = (...where: unknown[]) => [has('fit_scores'), hasNo('fit_scores', ...where)];
const eachProduct = (...where: unknown[]) => and(...['analytics', 'crm', 'payments'].map((p) => has('fit_scores', c('product', 'eq', p), ...where)));

/** "all", "only", "every", "nothing but" over related rows; "for every product" over fit scores. */
export const quantifiers: Row[] = [
  { say: 'contacts whose deals are all won', rules: allDeals(c('stage', 'neq', 'closed_won')), assume: ['at least one'] },
  { say: 'contacts where every deal was lost', rules: allDeals(c('stage', 'neq', 'closed_lost')) },
  { say: 'folks where every single deal they had ended up lost', rules: allDeals(c('stage', 'neq', 'closed_lost')) },
  { say: 'people with only lost deals', rules: allDeals(c('stage', 'neq', 'closed_lost')) },
  { say: 'customers all of whose deals are closed', rules: [c('lifecycle_stage', 'eq', 'customer'), ...allDeals(c('stage', 'not_in', ['closed_won', 'closed_lost']))] },
  { say: 'leads whose deals have all been in negotiation', rules: [c('lifecycle_stage', 'eq', 'lead'), ...allDeals(c('stage', 'neq', 'negotiation'))] },
  { say: 'contacts whose deals are all worth over 10k', rules: allDeals(not(c('amount', 'gt', 10000))) },
  { say: 'contacts whose only activities are calls', rules: allActivities(c('type', 'neq', 'call')) },
  { say: 'contacts with nothing but meetings as activities', rules: allActivities(c('type', 'neq', 'meeting')) },
  { say: 'contacts whose activities were all emails', rules: allActivities(c('type', 'neq', 'email')) },
  { say: 'contacts with only inbound activities', rules: allActivities(c('direction', 'neq', 'inbound')) },
  { say: 'contacts that only have notes logged', rules: allActivities(c('type', 'neq', 'note')) },
  // An adjective that says nothing of the rows stands between "only" and the noun.
  { say: 'contacts whose only logged activities are notes', rules: allActivities(c('type', 'neq', 'note')), assume: ['every activity matching'] },
  { say: 'contacts whose recorded activities are all calls', rules: allActivities(c('type', 'neq', 'call')) },
  { say: 'contacts whose fit scores are all above 70', rules: allFit(c('score', 'lte', 70)) },
  { say: 'contacts with every fit score under 40', rules: allFit(c('score', 'gte', 40)) },
  { say: 'leads with fit scores below 25 across the board', rules: [c('lifecycle_stage', 'eq', 'lead'), ...allFit(c('score', 'gte', 25))] },
  // "Only N" is exactly N.
  { say: 'customers with only one deal', rules: [c('lifecycle_stage', 'eq', 'customer'), counted('deals', 'eq', 1)] },
  { say: 'leads with only 2 open deals', rules: [c('lifecycle_stage', 'eq', 'lead'), counted('deals', 'eq', 2, OPEN)] },
  // One condition per product of the tenant.
  { say: 'fit score over 60 for each product', rules: eachProduct(c('score', 'gt', 60)), assume: ['analytics, crm, payments'] },
  { say: 'contacts scoring at least 50 on every one of our products', rules: eachProduct(c('score', 'gte', 50)) },
  { say: 'high fit for all of our products', rules: eachProduct(c('score', 'gte', 70)) },
  { say: 'a fit score above 80 for any product', rules: has('fit_scores', c('score', 'gt', 80)) },
  { say: 'contacts with a fit score for every product', rules: eachProduct() },
  { say: 'leads scored on each of our products', rules: [c('lifecycle_stage', 'eq', 'lead'), eachProduct()] },
  // Products joined by "and" are each one score row; joined by "or", one row for either.
  { say: 'a fit score of at least 75 for both payments and analytics', rules: and(...['payments', 'analytics'].map((p) => has('fit_scores', c('product', 'eq', p), c('score', 'gte', 75)))), assume: ['each'] },
  { say: 'crm and payments fit above 60', rules: and(...['crm', 'payments'].map((p) => has('fit_scores', c('product', 'eq', p), c('score', 'gt', 60)))) },
  { say: 'fit score over 50 for crm or payments', rules: has('fit_scores', c('product', 'in', ['crm', 'payments']), c('score', 'gt', 50)) },
  // The relation's verb, then "all" before its noun: every row is so (and one at least), said.
  { say: 'contacts who lost every deal they had', rules: [hasNo('deals', c('stage', 'neq', 'closed_lost')), has('deals')], assume: ['every deal matching'] },
  { say: 'leads who won all their deals', rules: [c('lifecycle_stage', 'eq', 'lead'), hasNo('deals', c('stage', 'neq', 'closed_won')), has('deals')], assume: ['every deal matching'] },
  // A kind noun ("losses", "wins") as what every row is; "<count> deals, all of them <predicate>".
  { say: 'contacts whose only deals are losses', rules: [hasNo('deals', c('stage', 'neq', 'closed_lost')), has('deals')], assume: ['every deal matching'] },
  { say: 'contacts with at least 2 deals, all of them still open', rules: [hasNo('deals', c('stage', 'in', ['closed_won', 'closed_lost'])), counted('deals', 'gte', 2)], assume: ['every deal matching'] },
];
