import { and, c, CONTACTED, days, engaged, has, hasNo, not, notInSegment, OPEN, or, type Row } from '../build.js';

/** and / or / not / but / without / except, with precedence: value lists, relative clauses, exceptions. */
export const boolean: Row[] = [
  { say: 'vip contacts in Germany', rules: and(c('tags', 'eq', 'vip'), c('country', 'eq', 'DE')) },
  { say: 'customers in Germany or France', rules: and(c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', ['DE', 'FR'])) },
  { say: 'customers or leads in Germany', rules: and(c('lifecycle_stage', 'in', ['customer', 'lead']), c('country', 'eq', 'DE')) },
  {
    say: 'vip contacts in Germany or partners in France',
    rules: or(and(c('tags', 'eq', 'vip'), c('country', 'eq', 'DE')), and(c('tags', 'eq', 'partner'), c('country', 'eq', 'FR'))),
  },
  {
    say: 'contacts in Germany who are customers or opened Spring Sale',
    rules: and(c('country', 'eq', 'DE'), or(c('lifecycle_stage', 'eq', 'customer'), engaged('opened', 'any', { ids: ['Spring Sale'] }))),
  },
  { say: 'leads but not in Germany', rules: and(c('lifecycle_stage', 'eq', 'lead'), c('country', 'neq', 'DE')) },
  { say: 'customers except those tagged do-not-call', rules: and(c('lifecycle_stage', 'eq', 'customer'), c('tags', 'neq', 'do-not-call')) },
  { say: 'customers excluding the UK', rules: and(c('lifecycle_stage', 'eq', 'customer'), c('country', 'neq', 'GB')) },
  { say: 'vip contacts without a deal', rules: and(c('tags', 'eq', 'vip'), hasNo('deals')) },
  { say: 'either vip or partner', rules: c('tags', 'in', ['vip', 'partner']) },
  { say: 'not (vip or partner)', rules: c('tags', 'not_in', ['vip', 'partner']) },
  { say: 'customers in Germany, but not those owned by Sara', rules: and(c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'DE'), c('owner', 'neq', 'Sara Sales')) },
  { say: 'leads who are not tagged trial and have no owner', rules: and(c('lifecycle_stage', 'eq', 'lead'), c('tags', 'neq', 'trial'), c('owner', 'is_null')) },
  {
    say: '(customers in Germany) or (leads in France)',
    rules: or(and(c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'DE')), and(c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'FR'))),
  },
  {
    say: 'customers who have a deal in negotiation or an open deal worth more than 50k',
    rules: and(c('lifecycle_stage', 'eq', 'customer'), or(has('deals', c('stage', 'eq', 'negotiation')), has('deals', OPEN, c('amount', 'gt', 50000)))),
  },
  {
    say: "customers that aren't in the Q1 batch segment and have not been contacted in 30 days",
    rules: and(c('lifecycle_stage', 'eq', 'customer'), notInSegment('Q1 batch'), not(has('activities', ...CONTACTED, c('occurred_at', 'within_last', days(30))))),
  },
  {
    say: 'leads in France or Spain who are not tagged vip, except those with an open deal',
    rules: and(c('lifecycle_stage', 'eq', 'lead'), c('country', 'in', ['FR', 'ES']), c('tags', 'neq', 'vip'), hasNo('deals', OPEN)),
  },
  { say: 'MQLs and SQLs without a phone number', rules: and(c('lifecycle_stage', 'in', ['marketing_qualified', 'sales_qualified']), c('phone', 'is_null')) },
  {
    say: 'partners, or customers with an NPS above 8',
    rules: or(c('tags', 'eq', 'partner'), and(c('lifecycle_stage', 'eq', 'customer'), c('properties.nps', 'gt', 8))),
  },
  // "or with / or on / or in" continues the phrase list of the head noun: head AND (a OR b).
  { say: 'leads in Spain or with an NPS above 8', rules: and(c('lifecycle_stage', 'eq', 'lead'), or(c('country', 'eq', 'ES'), c('properties.nps', 'gt', 8))) },
  { say: 'customers on the pro plan or with a deal in negotiation', rules: and(c('lifecycle_stage', 'eq', 'customer'), or(c('properties.plan', 'eq', 'pro'), has('deals', c('stage', 'eq', 'negotiation')))) },
  { say: 'partners with no phone or without an owner', rules: and(c('tags', 'eq', 'partner'), or(c('phone', 'is_null'), c('owner', 'is_null'))) },
  { say: 'vip contacts from Italy or on the enterprise plan', rules: and(c('tags', 'eq', 'vip'), or(c('country', 'eq', 'IT'), c('properties.plan', 'eq', 'enterprise'))) },
  // A suspended hyphen shares the word after it: "Spanish- or Portuguese-speaking".
  { say: 'Spanish- or Portuguese-speaking leads', rules: and(c('language', 'in', ['es', 'pt']), c('lifecycle_stage', 'eq', 'lead')) },
  { say: 'Dutch- and German-speaking contacts', rules: c('language', 'in', ['nl', 'de']) },
  { say: 'French- or Italian-based customers', rules: and(c('country', 'in', ['FR', 'IT']), c('lifecycle_stage', 'eq', 'customer')) },
];
