import { c, counted, days, has, hasNo, months, OPEN, or, type Row } from '../build.js';

/** Deals: existence, open/won/lost, stage, amount, dates, counts, owner. */
export const deals: Row[] = [
  { say: 'contacts with no deal', rules: hasNo('deals') },
  { say: 'contacts without any deals', rules: hasNo('deals') },
  { say: 'contacts that have a deal', rules: has('deals') },
  { say: 'contacts with an open deal worth more than 20000', rules: has('deals', OPEN, c('amount', 'gt', 20000)) },
  { say: 'open deals over $50k', rules: has('deals', OPEN, c('amount', 'gt', 50000)) },
  { say: 'contacts with a deal in negotiation', rules: has('deals', c('stage', 'eq', 'negotiation')) },
  { say: 'in negotiation', rules: has('deals', c('stage', 'eq', 'negotiation')) },
  { say: 'deals in the proposal stage', rules: has('deals', c('stage', 'eq', 'proposal')) },
  { say: 'deal stage is prospecting or qualification', rules: has('deals', c('stage', 'in', ['prospecting', 'qualification'])) },
  { say: 'won a deal in the last 6 months', rules: has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'within_last', months(6))) },
  { say: 'contacts with deals won in the last 6 months', rules: has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'within_last', months(6))) },
  { say: 'customers who won in the last six months', rules: [c('lifecycle_stage', 'eq', 'customer'), has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'within_last', months(6)))] },
  { say: 'contacts with a lost deal', rules: has('deals', c('stage', 'eq', 'closed_lost')) },
  { say: 'contacts with a closed deal', rules: has('deals', c('stage', 'in', ['closed_won', 'closed_lost'])) },
  { say: 'contacts with won deals over 20k', rules: has('deals', c('stage', 'eq', 'closed_won'), c('amount', 'gt', 20000)) },
  { say: 'no open deals', rules: hasNo('deals', OPEN) },
  { say: 'more than one deal', rules: counted('deals', 'gt', 1) },
  { say: 'contacts with at least 3 deals', rules: counted('deals', 'gte', 3) },
  { say: 'two or more deals', rules: counted('deals', 'gte', 2) },
  { say: 'exactly one deal', rules: counted('deals', 'eq', 1) },
  { say: 'contacts with multiple deals', rules: counted('deals', 'gte', 2), assume: ['multiple'] },
  { say: 'deal created in the last 90 days', rules: has('deals', c('created_at', 'within_last', days(90))) },
  { say: 'no deal created in the last 90 days', rules: hasNo('deals', c('created_at', 'within_last', days(90))) },
  { say: 'deals worth between 10k and 50k', rules: has('deals', c('amount', 'between', [10000, 50000])) },
  { say: 'a deal owned by Sara', rules: has('deals', c('owner', 'eq', 'Sara Sales')) },
  { say: 'deals closed before 2026', rules: has('deals', c('closed_at', 'lt', '2026-01-01')) },
  { say: 'a deal worth over 100000 that is still open', rules: has('deals', c('amount', 'gt', 100000), OPEN) },
  { say: 'contacts with opportunities worth more than 5000', rules: has('deals', c('amount', 'gt', 5000)) },
  // At the start, "opportunities" is who they are (the lifecycle stage), not deals.
  { say: 'opportunities assigned to Alice', rules: [c('lifecycle_stage', 'eq', 'opportunity'), c('owner', 'eq', 'Alice Admin')] },
  { say: 'all opportunities without an owner', rules: [c('lifecycle_stage', 'eq', 'opportunity'), c('owner', 'is_null')] },
  { say: 'contacts with more than 2 open deals', rules: counted('deals', 'gt', 2, OPEN) },
  // "but none won": no row of the relation just named with what follows.
  { say: 'contacts with open deals but none won', rules: [has('deals', OPEN), hasNo('deals', c('stage', 'eq', 'closed_won'))], assume: ['"none won"'] },
  { say: 'customers with deals, nothing lost yet', rules: [c('lifecycle_stage', 'eq', 'customer'), has('deals'), hasNo('deals', c('stage', 'eq', 'closed_lost'))], assume: ['"nothing lost"'] },
  // Superlatives: the largest row is over a bound exactly when one is; under it, when every one is (and there is one).
  { say: 'contacts whose largest deal is over 80k', rules: has('deals', c('amount', 'gt', 80000)), assume: ['largest'] },
  { say: 'contacts whose biggest deal is below 5000', rules: [has('deals'), hasNo('deals', c('amount', 'gte', 5000))], assume: ['every deal'] },
  // "and it is won": a row of the last relation with what is said of it.
  { say: 'contacts with exactly one deal and it is lost', rules: [counted('deals', 'eq', 1), has('deals', c('stage', 'eq', 'closed_lost'))], assume: ['one of them'] },
  // Stage values, then the noun, then its modifiers: one deal.
  { say: 'contacts with proposal stage deals north of 40k', rules: has('deals', c('stage', 'eq', 'proposal'), c('amount', 'gt', 40000)) },
  // "one" after an adjective of the rows is another row of the same relation; "that's" is "that is".
  { say: 'contacts who have a won deal and also an open one', rules: [has('deals', c('stage', 'eq', 'closed_won')), has('deals', OPEN)], assume: ['like the ones before'] },
  { say: "contacts with a deal created in October that's still open", rules: has('deals', c('created_at', 'gte', '2026-10-01'), c('created_at', 'lt', '2026-11-01'), OPEN) },
  { say: 'contacts with more than 3 activities in total', rules: counted('activities', 'gt', 3) },
  // A preposition left at the end of its clause, then the window.
  { say: 'leads we won a deal with this year', rules: [c('lifecycle_stage', 'eq', 'lead'), has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2026-01-01'))] },
  // "something" after a deal verb is the deal itself.
  { say: 'won something > 40k this year', rules: has('deals', c('stage', 'eq', 'closed_won'), c('amount', 'gt', 40000), c('closed_at', 'gte', '2026-01-01')) },
  { say: 'deals under 5k or over 100k', rules: or(has('deals', c('amount', 'lt', 5000)), has('deals', c('amount', 'gt', 100000))) },
  // "and" before one more thing said of the same deal.
  { say: 'contacts with a deal that is still open and worth more than 15k', rules: has('deals', OPEN, c('amount', 'gt', 15000)) },
  // Money is an amount, never a count of deals.
  { say: 'closed-won >$10k ytd', rules: has('deals', c('stage', 'eq', 'closed_won'), c('amount', 'gt', 10000), c('closed_at', 'gte', '2026-01-01')) },
  // Alternatives of one of the deal's fields after a comma, at the end: that field is one of them.
  { say: 'contacts with a deal that closed in September, won or lost', rules: has('deals', c('closed_at', 'gte', '2026-09-01'), c('closed_at', 'lt', '2026-10-01'), c('stage', 'in', ['closed_won', 'closed_lost'])) },
  // After a comma, one more thing said of the same deal.
  { say: 'contacts with a deal that Sara or Eddie owns, worth over 25k', rules: has('deals', c('owner', 'in', ['Sara Sales', 'Eddie Editor']), c('amount', 'gt', 25000)) },
  // "both of their deals": two at least, said.
  { say: 'contacts where both of their deals are still open', rules: counted('deals', 'gte', 2, OPEN), assume: ['at least 2'] },
  { say: 'contacts who won a deal in the last quarter of 2025', rules: has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2025-10-01'), c('closed_at', 'lt', '2026-01-01')) },
  // "a win", "losses": a won or a lost deal, said as a noun.
  { say: 'contacts with no open deals but at least one win', rules: [hasNo('deals', OPEN), has('deals', c('stage', 'eq', 'closed_won'))] },
  { say: 'contacts with 2 or more wins', rules: counted('deals', 'gte', 2, c('stage', 'eq', 'closed_won')) },
  { say: 'contacts with 2 or more deals still in play', rules: counted('deals', 'gte', 2, OPEN) },
  // "30k+ deals" is an amount, never thirty thousand deals; "a 10k–20k deal", "a 50,000 deal" (exactly, said) too.
  { say: 'contacts with 30k+ deals', rules: has('deals', c('amount', 'gte', 30000)) },
  { say: 'contacts with a 10k–20k deal that closed in October', rules: has('deals', c('amount', 'between', [10000, 20000]), c('closed_at', 'gte', '2026-10-01'), c('closed_at', 'lt', '2026-11-01')) },
  { say: 'contacts with a 50,000 deal', rules: has('deals', c('amount', 'eq', 50000)), assume: ['of exactly 50,000'] },
  { say: 'contacts with 2-3 open deals', rules: [counted('deals', 'gte', 2, c('stage', 'not_in', ['closed_won', 'closed_lost'])), counted('deals', 'lte', 3, c('stage', 'not_in', ['closed_won', 'closed_lost']))] },
  // "nothing (open) in the pipeline": no open deal.
  { say: 'leads with nothing in the pipeline', rules: [c('lifecycle_stage', 'eq', 'lead'), hasNo('deals', OPEN)] },
  // The pipeline is the open deals; a deal called off is lost (said); a spreadsheet COUNTIF is a count of rows.
  { say: 'leads that still have something in the pipeline', rules: [c('lifecycle_stage', 'eq', 'lead'), has('deals', OPEN)] },
  { say: 'partners whose deal was canceled last month', rules: [c('tags', 'eq', 'partner'), has('deals', c('stage', 'eq', 'closed_lost'), c('closed_at', 'gte', '2026-10-01'), c('closed_at', 'lt', '2026-11-01'))], assume: ['as a lost deal'] },
  { say: 'COUNTIF(deals, stage="closed_won") >= 2', rules: counted('deals', 'gte', 2, c('stage', 'eq', 'closed_won')) },
  { say: 'contacts with not more than 1 deal', rules: counted('deals', 'lt', 2), assume: ['including contacts with none'] },
  // Two adjectives sharing the noun: two rows, AND-ed or OR-ed as said (said).
  { say: 'contacts with both a won and a lost deal', rules: [has('deals', c('stage', 'eq', 'closed_won')), has('deals', c('stage', 'eq', 'closed_lost'))], assume: ['as two deals'] },
  { say: 'contacts with an open and a won deal', rules: [has('deals', OPEN), has('deals', c('stage', 'eq', 'closed_won'))], assume: ['as two deals'] },
  { say: 'contacts with an open or a won deal over 10k', rules: or(has('deals', OPEN, c('amount', 'gt', 10000)), has('deals', c('stage', 'eq', 'closed_won'), c('amount', 'gt', 10000))), assume: ['as either of two deals'] },
];
