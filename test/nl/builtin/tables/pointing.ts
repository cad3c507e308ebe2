import { c, engaged, has, hasNo, not, or, type Row } from '../build.js';

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


/** Two email events said of one object and one window; a negation before them covers both. */
export const coordinatedEvents: Row[] = [
  { say: 'contacts who opened or clicked Spring Sale', rules: or(engaged('opened', 'any', { ids: ['Spring Sale'] }), engaged('clicked', 'any', { ids: ['Spring Sale'] })) },
  { say: 'contacts who did not open or click Spring Sale', rules: not(or(engaged('opened', 'any', { ids: ['Spring Sale'] }), engaged('clicked', 'any', { ids: ['Spring Sale'] }))) },
  { say: 'no opens or clicks since August', rules: not(or(has('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'gte', '2026-08-01')), has('email_events', c('type', 'eq', 'clicked'), c('occurred_at', 'gte', '2026-08-01')))) },
  { say: 'contacts who opened and clicked the last campaign', rules: [engaged('opened', 'all', { last: 1 }), engaged('clicked', 'all', { last: 1 })] },
  { say: 'contacts with no opens across the last six campaigns', rules: engaged('opened', 'none', { last: 6 }), assume: ['none of the last 6 campaigns'] },
  { say: 'unsubs since sept', rules: has('email_events', c('type', 'eq', 'unsubscribed'), c('occurred_at', 'gte', '2026-09-01')), assume: ['an unsubscribe then'] },
  { say: 'contacts who unsubscribed through the Summer Promo', rules: engaged('unsubscribed', 'any', { ids: ['Summer Promo'] }) },
  // Exclusions said after, or around, the people they leave out.
  { say: 'contacts with no deals at all, leads excluded', rules: [hasNo('deals'), c('lifecycle_stage', 'neq', 'lead')] },
  { say: 'all contacts but not the Italian customers', rules: not(c('country', 'eq', 'IT'), c('lifecycle_stage', 'eq', 'customer')) },
  { say: 'leads in Spain but skip partners', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'ES'), c('tags', 'neq', 'partner')] },
  { say: 'Brazil contacts missing both a phone number and an NPS score', rules: [c('country', 'eq', 'BR'), c('phone', 'is_null'), c('properties.nps', 'is_null')] },
  { say: 'contacts owned by someone else than Eddie', rules: [c('owner', 'is_not_null'), c('owner', 'neq', 'Eddie Editor')] },
  // Words of other CRMs and other languages.
  { say: 'contacts of societies with more than 1000 collaborators', rules: c('company.employee_count', 'gt', 1000) },
  { say: 'contacts with an opened deal above 20k', rules: has('deals', c('stage', 'not_in', ['closed_won', 'closed_lost']), c('amount', 'gt', 20000)) },
  { say: 'contacts that are inscribed to our emails', rules: c('email_status', 'eq', 'subscribed') },
  { say: 'contacts with an NPS of exactly 5', rules: c('properties.nps', 'eq', 5) },
  { say: 'contacts added last Friday', rules: [c('created_at', 'gte', '2026-10-30'), c('created_at', 'lt', '2026-10-31')] },
  { say: 'contacts which exist in our CRM since more than 18 months', rules: c('created_at', 'more_than_ago', { amount: 18, unit: 'months' }) },
  { say: 'contacts in the crm since 3 months', rules: c('created_at', 'more_than_ago', { amount: 3, unit: 'months' }) },
  { say: 'leads, no activity 60d', rules: [c('lifecycle_stage', 'eq', 'lead'), hasNo('activities', c('occurred_at', 'within_last', { amount: 60, unit: 'days' }))] },
  { say: 'pymnts fit 80+', rules: has('fit_scores', c('product', 'eq', 'payments'), c('score', 'gte', 80)), assume: ['"pymnts"'] },
  { say: 'vn + br on pro plan', rules: [c('country', 'in', ['VN', 'BR']), c('properties.plan', 'eq', 'pro')] },
  { say: 'contacts who clicked in the Black Friday Teaser', rules: engaged('clicked', 'any', { ids: ['Black Friday Teaser'] }) },
  { say: 'contacts with a small deal — under 5k — still in prospecting or qualification', rules: has('deals', c('amount', 'lt', 5000), c('stage', 'in', ['prospecting', 'qualification'])), unrecognized: ['small'] },
  { say: 'contacts with a deal that closed at some point this year', rules: has('deals', c('closed_at', 'gte', '2026-01-01')) },
  // Purposes and lead-ins around the audience; data changes said with "put … on".
  { say: 'contacts to be updated by the data team: the ones with no phone and no company', rules: [c('phone', 'is_null'), c('company.name', 'is_null')], assume: ['(before the colon)'] },
  { say: 'Thinking about the Spring Sale follow-up: everyone in Already ran campaign Spring Sale, minus anyone who opened the Spring Sale email', rules: [{ type: 'segment', operator: 'in', segment: 'Already ran campaign Spring Sale' }, engaged('opened', 'none', { ids: ['Spring Sale'] })], assume: ['(before the colon)'] },
  { say: 'Put a crm fit score of 100 on all the vip contacts', refuse: true },
  { say: "German customers, from our CRM and from Globex's also", refuse: true },
];

/** A window said once for two relations; exclusions said as "none who", or first with "everyone else" after. */
export const sharedWindows: Row[] = [
  { say: 'contacts with no activity or deal in the last 60 days', rules: not(or(has('activities', c('occurred_at', 'within_last', { amount: 60, unit: 'days' })), has('deals', c('created_at', 'within_last', { amount: 60, unit: 'days' })))), assume: ['said of both'] },
  { say: 'contacts with a deal or an activity since July', rules: or(has('deals', c('created_at', 'gte', '2026-07-01')), has('activities', c('occurred_at', 'gte', '2026-07-01'))), assume: ['said of both'] },
  { say: 'Canadian contacts, but none who are churned or bounced', rules: [c('country', 'eq', 'CA'), not(or(c('lifecycle_stage', 'eq', 'churned'), c('email_status', 'eq', 'bounced')))] },
  { say: 'Exclude anyone on the suppression list; everyone else in the US on the starter plan', rules: [c('country', 'eq', 'US'), c('properties.plan', 'eq', 'starter'), c('email_status', 'neq', 'suppressed')] },
  { say: 'contacts who had a deal close in Q3', rules: has('deals', c('closed_at', 'gte', '2026-07-01'), c('closed_at', 'lt', '2026-10-01')) },
  { say: 'contacts created in the 6 weeks before October 1', rules: [c('created_at', 'gte', '2026-08-20'), c('created_at', 'lt', '2026-10-01')] },
  { say: 'need contacts at accounts doing under $10m in annual revenue', rules: c('company.annual_revenue', 'lt', 10000000) },
  { say: 'contacts at hospitals that run Epic as their EHR', refuse: true },
  { say: 'contacts without a phone or an email subscription', rules: [c('phone', 'is_null'), c('email_status', 'neq', 'subscribed')] },
  { say: 'enterprise plan, us only', rules: [c('properties.plan', 'eq', 'enterprise'), c('country', 'eq', 'US')] },
  { say: "Don't change anything, just list Eddie's leads with no activity in the last 60 days", rules: [c('owner', 'eq', 'Eddie Editor'), c('lifecycle_stage', 'eq', 'lead'), hasNo('activities', c('occurred_at', 'within_last', { amount: 60, unit: 'days' }))] },
];

/** Letters around the audience, slash dates, ranges of "ago", one deal's fields joined by "and" / "&". */
export const letters: Row[] = [
  { say: 'Hi team, I hope this finds you well. We would like contacts who are subscribed to our emails and on the pro plan. Thank you so much in advance!', rules: [c('email_status', 'eq', 'subscribed'), c('properties.plan', 'eq', 'pro')], unrecognized: ['Hi team, I hope this finds you well.', 'Thank you so much in advance!'] },
  { say: 'Good morning, hope all is well. Ahead of the summit, could you kindly prepare a list of the contacts who are currently customers? Thanks ever so much, Priya', rules: c('lifecycle_stage', 'eq', 'customer'), assume: ['lifecycle stage customer'], unrecognized: ['Good morning, hope all is well.', 'Ahead of the summit,', 'Thanks ever so much, Priya'] },
  { say: 'contacts created since 3/10', rules: c('created_at', 'gte', '2026-03-10'), assume: ['month first'] },
  { say: 'contacts with an nps of 9', rules: c('properties.nps', 'eq', 9) },
  { say: 'contacts created between 90 and 30 days ago', rules: [c('created_at', 'more_than_ago', { amount: 30, unit: 'days' }), c('created_at', 'within_last', { amount: 90, unit: 'days' })] },
  { say: 'contacts w/ deal value >= 40k & stage = proposal', rules: has('deals', c('amount', 'gte', 40000), c('stage', 'eq', 'proposal')) },
  { say: 'contacts with a deal whose value is over 40k and whose stage is proposal', rules: has('deals', c('amount', 'gt', 40000), c('stage', 'eq', 'proposal')) },
  { say: "contacts we called in August but haven't called since", rules: [has('activities', c('type', 'eq', 'call'), c('occurred_at', 'gte', '2026-08-01'), c('occurred_at', 'lt', '2026-09-01')), hasNo('activities', c('type', 'eq', 'call'), c('occurred_at', 'gte', '2026-09-01'))], assume: ['"since" as since the end'] },
  { say: 'contacts where either the contact or one of its deals belongs to Sara', rules: or(c('owner', 'eq', 'Sara Sales'), has('deals', c('owner', 'eq', 'Sara Sales'))), assume: ['or the owner of one of its deals'] },
  { say: 'contacts in Q1 batch or the cooldown segment, but not in both', rules: [or({ type: 'segment', operator: 'in', segment: 'Q1 batch' }, { type: 'segment', operator: 'in', segment: 'Cooldown — Mar 2026' }), not({ type: 'segment', operator: 'in', segment: 'Q1 batch' }, { type: 'segment', operator: 'in', segment: 'Cooldown — Mar 2026' })] },
  { say: 'contacts crated aftr jan 1st this yr', rules: c('created_at', 'gte', '2026-01-02'), assume: ['"aftr" as "after"'] },
];

/** Negation over a whole noun phrase, "elsewhere" as a known other country, a rep's email, one row said in sentences, sales jargon. */
export const phrasesAndSentences: Row[] = [
  { say: "everyone who isn't a German customer", rules: not(c('country', 'eq', 'DE'), c('lifecycle_stage', 'eq', 'customer')) },
  { say: 'contacts who are not a vip partner', rules: not(c('tags', 'eq', 'vip'), c('tags', 'eq', 'partner')) },
  { say: 'contacts based in Germany at companies headquartered elsewhere', rules: [c('country', 'eq', 'DE'), c('company.country', 'is_not_null'), c('company.country', 'neq', 'DE')] },
  { say: 'contacts we sent a sales email to in September', rules: has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound'), c('occurred_at', 'gte', '2026-09-01'), c('occurred_at', 'lt', '2026-10-01')) },
  { say: 'Has a meeting. The meeting was inbound. It happened in the last 60 days.', rules: has('activities', c('type', 'eq', 'meeting'), c('direction', 'eq', 'inbound'), c('occurred_at', 'within_last', { amount: 60, unit: 'days' })) },
  { say: 'contacts with a deal. The deal is over 10k.', rules: has('deals', c('amount', 'gt', 10000)) },
  { say: 'mfg cos >500 emps', rules: [c('company.industry', 'eq', 'Manufacturing'), c('company.employee_count', 'gt', 500)] },
  { say: "Who's on the suppression list?", rules: c('email_status', 'eq', 'suppressed') },
  { say: 'whitespace accounts in Benelux', refuse: true },
  { say: 'high-intent leads in Spain', refuse: true },
];
