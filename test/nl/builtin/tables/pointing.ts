import { c, has, hasNo, type Row } from '../build.js';

/**
 * Words that point back ("those deals", "that same month", "clicked one"), places listed in lower
 * case ("us or canada"), where a company's words reach ("Canadian retail companies", "whose company …
 * and has under 100 people"), dates said around a period ("November last year", "the first two weeks
 * of this quarter"), and a second request set aside ("and do the same for …").
 */
export const pointing: Row[] = [
  // Back-references to the rows just said.
  { say: 'contacts with deals lost last quarter, where those deals were over 10k', rules: has('deals', c('stage', 'eq', 'closed_lost'), c('closed_at', 'gte', '2026-07-01'), c('closed_at', 'lt', '2026-10-01'), c('amount', 'gt', 10000)), assume: ['the same deals'] },
  { say: 'contacts with a deal over 10k and those deals were lost', rules: has('deals', c('amount', 'gt', 10000), c('stage', 'eq', 'closed_lost')), assume: ['the same deals'] },
  { say: 'contacts who sent us no email since july', rules: hasNo('activities', c('direction', 'eq', 'inbound'), c('type', 'eq', 'email'), c('occurred_at', 'gte', '2026-07-01')) },
  { say: 'contacts we emailed in October who sent us no email in that same month', rules: [has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound'), c('occurred_at', 'gte', '2026-10-01'), c('occurred_at', 'lt', '2026-11-01')), hasNo('activities', c('direction', 'eq', 'inbound'), c('type', 'eq', 'email'), c('occurred_at', 'gte', '2026-10-01'), c('occurred_at', 'lt', '2026-11-01'))], assume: ['the same time window'] },
  { say: 'contacts who opened an email in September and clicked one in September', rules: [has('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'gte', '2026-09-01'), c('occurred_at', 'lt', '2026-10-01')), has('email_events', c('type', 'eq', 'clicked'), c('occurred_at', 'gte', '2026-09-01'), c('occurred_at', 'lt', '2026-10-01'))] },
  // Who started it.
  { say: 'churned contacts who never got a call from us', rules: [c('lifecycle_stage', 'eq', 'churned'), hasNo('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'outbound'))], assume: ['"from us" as a call we made'] },
  { say: 'contacts with a call from them this month', rules: has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-11-01')) },
  // Lower-case "us" listed with another country; a code that is an English word is not a country.
  { say: 'q1 batch customers us or canada', rules: [{ type: 'segment', operator: 'in', segment: 'Q1 batch' }, c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', ['US', 'CA'])] },
  { say: 'us + ca customers not tagged do-not-call', rules: [c('country', 'in', ['US', 'CA']), c('lifecycle_stage', 'eq', 'customer'), c('tags', 'neq', 'do-not-call')] },
  { say: 'contacts who emailed us or called us', rules: { type: 'group', op: 'or', negate: false, children: [has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'inbound')), has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'))] } },
  { say: 'customers grouped by country and plan', refuse: true },
  { say: 'break our customers down by country and plan', refuse: true },
  // Email status said of the address.
  { say: 'contacts whose email address is bouncing', rules: c('email_status', 'eq', 'bounced') },
  // A company's words reach over an industry and back over a list of places.
  { say: 'customers at Canadian or American retail companies', rules: [c('lifecycle_stage', 'eq', 'customer'), c('company.country', 'in', ['CA', 'US']), c('company.industry', 'eq', 'Retail')], assume: ['lifecycle stage customer'] },
  { say: 'contacts whose company is in the US and has under 100 people', rules: [c('company.country', 'eq', 'US'), c('company.employee_count', 'lt', 100)] },
  // Dates around a period.
  { say: 'contacts who won a deal in November last year', rules: has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2025-11-01'), c('closed_at', 'lt', '2025-12-01')) },
  { say: 'contacts created in the first two weeks of this quarter', rules: [c('created_at', 'gte', '2026-10-01'), c('created_at', 'lt', '2026-10-15')] },
  { say: 'contacts created in the last 10 days of September', rules: [c('created_at', 'gte', '2026-09-21'), c('created_at', 'lt', '2026-10-01')] },
  { say: 'customers who entered the CRM back in 2024', rules: [c('lifecycle_stage', 'eq', 'customer'), c('created_at', 'gte', '2024-01-01'), c('created_at', 'lt', '2025-01-01')], assume: ['lifecycle stage customer'] },
  { say: 'contacts who called back in May', rules: has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-05-01'), c('occurred_at', 'lt', '2026-06-01')) },
  // A deal they signed is won (said); a purpose before a colon after the people it is said of.
  { say: 'leads who signed a contract this year', rules: [c('lifecycle_stage', 'eq', 'lead'), has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2026-01-01'))], assume: ['a won deal'] },
  { say: 'customers we should call this week: no call logged with them in the last 30 days', rules: [c('lifecycle_stage', 'eq', 'customer'), hasNo('activities', c('type', 'eq', 'call'), c('occurred_at', 'within_last', { amount: 30, unit: 'days' }))], assume: ['(before the colon)'] },
  { say: 'contacts we should call: leads in Spain', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'ES')], assume: ['(before the colon)'] },
  // A second request is set aside and reported.
  { say: 'leads in Spain; then repeat this for Italy', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'ES')], assume: ["contact's country"], unrecognized: ['then repeat this for Italy'] },
];

