import { c, CONTACTED, counted, days, has, hasNo, months, not, or, weeks, type Row } from '../build.js';

const september = [c('occurred_at', 'gte', '2026-09-01'), c('occurred_at', 'lt', '2026-10-01')];

/** Activities: contacted, counts, types and directions, windows, never. */
export const activities: Row[] = [
  // British "rang": "rang us" is their call, "we rang" ours (said).
  { say: 'contacts who rang us since 1 October', rules: has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-10-01')) },
  { say: 'contacts we rang', rules: has('activities', c('type', 'eq', 'call')), assume: ['either direction'] },
  // A bound below and above, with a link word between the rows and "but at least one".
  { say: 'contacts with no more than 2 outbound emails logged, but at least one', rules: [has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound')), counted('activities', 'lt', 3, c('type', 'eq', 'email'), c('direction', 'eq', 'outbound'))] },
  { say: "haven't been contacted in 60 days", rules: not(has('activities', ...CONTACTED, c('occurred_at', 'within_last', days(60)))), assume: ['contacted'] },
  { say: 'contacts not contacted for 60 days', rules: not(has('activities', ...CONTACTED, c('occurred_at', 'within_last', days(60)))) },
  { say: "leads we haven't reached out to in 2 months", rules: [c('lifecycle_stage', 'eq', 'lead'), not(has('activities', ...CONTACTED, c('occurred_at', 'within_last', months(2))))] },
  { say: 'contacted in the last week', rules: has('activities', ...CONTACTED, c('occurred_at', 'within_last', weeks(1))) },
  { say: 'never contacted', rules: hasNo('activities', ...CONTACTED) },
  { say: 'at least 3 activities in the last 90 days', rules: counted('activities', 'gte', 3, c('occurred_at', 'within_last', days(90))) },
  { say: 'contacts with more than 5 activities', rules: counted('activities', 'gt', 5) },
  { say: 'an inbound call since 2026-09-01', rules: has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-09-01')) },
  { say: 'no activity ever', rules: hasNo('activities') },
  { say: 'contacts with no activities', rules: hasNo('activities') },
  { say: 'no activity in the last 30 days', rules: hasNo('activities', c('occurred_at', 'within_last', days(30))) },
  { say: 'had a meeting in the last month', rules: has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'within_last', months(1))) },
  { say: 'an outbound email in the last 14 days', rules: has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound'), c('occurred_at', 'within_last', days(14))) },
  { say: 'fewer than 2 meetings this year', rules: counted('activities', 'lt', 2, c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-01-01')) },
  { say: 'contacts with a note', rules: has('activities', c('type', 'eq', 'note')) },
  { say: 'contacts who called us', rules: has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound')) },
  { say: 'at least two calls in the past 3 months', rules: counted('activities', 'gte', 2, c('type', 'eq', 'call'), c('occurred_at', 'within_last', months(3))) },
  { say: 'no meetings since September', rules: hasNo('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-09-01')) },
  { say: 'inactive for 90 days', rules: hasNo('activities', c('occurred_at', 'within_last', days(90))), assume: ['inactive'] },
  { say: 'contacts with an inbound activity this month', rules: has('activities', c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-11-01')) },
  // A participle or adverb between the activity and its date keeps the date.
  { say: 'a call logged in September 2026', rules: has('activities', c('type', 'eq', 'call'), ...september) },
  { say: 'contacts with a meeting held since August', rules: has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-08-01')) },
  { say: 'a note recorded during September', rules: has('activities', c('type', 'eq', 'note'), ...september) },
  { say: 'contacts we phoned personally in the last 2 weeks', rules: has('activities', c('type', 'eq', 'call'), c('occurred_at', 'within_last', weeks(2))) },
  { say: 'leads emailed directly within the past 10 days', rules: [c('lifecycle_stage', 'eq', 'lead'), has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound'), c('occurred_at', 'within_last', days(10)))] },
  { say: 'an inbound call that happened this month', rules: has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-11-01')) },
  // "in that period" before the rows it applies to.
  { say: 'contacts with a meeting since August, and in that period no outbound emails', rules: [has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-08-01')), not(has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound'), c('occurred_at', 'gte', '2026-08-01')))], assume: ['same time window'] },
  // A parenthesis that restates the rows says nothing new; the window after it is still theirs.
  { say: 'leads that phoned us (an inbound call) after October 5', rules: [c('lifecycle_stage', 'eq', 'lead'), has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-10-06'))] },
  { say: 'customers with a meeting (inbound) in the last 3 weeks', rules: [c('lifecycle_stage', 'eq', 'customer'), has('activities', c('type', 'eq', 'meeting'), c('direction', 'eq', 'inbound'), c('occurred_at', 'within_last', weeks(3)))] },
  // A parenthesis that contradicts the rows is not read into them.
  { say: 'contacts who called us (outbound call) this month', rules: [has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound')), has('activities', c('direction', 'eq', 'outbound'), c('type', 'eq', 'call'))], unrecognized: ['month'] },
  // A qualifier of the last relation without its noun: the same rows with it in place.
  { say: 'outbound calls since August but no inbound in that time', rules: [has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'outbound'), c('occurred_at', 'gte', '2026-08-01')), hasNo('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-08-01'))], assume: ['same activities but inbound'] },
  { say: 'contacts with an outbound email and no inbound', rules: [has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound')), hasNo('activities', c('direction', 'eq', 'inbound'))], assume: ['like the ones before'] },
  // "of any kind" adds nothing; "but none since" is none from the window's end on; "N of them …" counts those rows.
  { say: 'leads with no activities of any type since August', rules: [c('lifecycle_stage', 'eq', 'lead'), hasNo('activities', c('occurred_at', 'gte', '2026-08-01'))] },
  { say: 'contacts with a call in May 2026 but none since', rules: [has('activities', c('type', 'eq', 'call'), c('occurred_at', 'gte', '2026-05-01'), c('occurred_at', 'lt', '2026-06-01')), hasNo('activities', c('type', 'eq', 'call'), c('occurred_at', 'gte', '2026-06-01'))], assume: ['none in that time'] },
  { say: 'contacts with at least 4 activities this year, and 2 or more of them meetings', rules: [counted('activities', 'gte', 4, c('occurred_at', 'gte', '2026-01-01')), counted('activities', 'gte', 2, c('occurred_at', 'gte', '2026-01-01'), c('type', 'eq', 'meeting'))], assume: ['of those activities'] },
  // "active" / "inactive" with no window: the last 90 days, said.
  { say: 'active leads', rules: [has('activities', c('occurred_at', 'within_last', days(90))), c('lifecycle_stage', 'eq', 'lead')], assume: ['90 days'] },
  { say: 'dormant customers', rules: [hasNo('activities', c('occurred_at', 'within_last', days(90))), c('lifecycle_stage', 'eq', 'customer')], assume: ['90 days'] },
  // "overall", "in total": at any time. "talked to us": a call or meeting either way; "contacted us": inbound.
  { say: 'contacts with more than 4 meetings overall', rules: counted('activities', 'gt', 4, c('type', 'eq', 'meeting')) },
  { say: 'leads with 10 activities in total', rules: [c('lifecycle_stage', 'eq', 'lead'), counted('activities', 'eq', 10)] },
  { say: 'contacts who spoke with us in the last 30 days', rules: has('activities', c('type', 'in', ['call', 'meeting']), c('occurred_at', 'within_last', days(30))), assume: ['either direction'] },
  { say: 'customers who reached out to us since October', rules: [c('lifecycle_stage', 'eq', 'customer'), has('activities', c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-10-01'))], assume: ['inbound'] },
  // A touch is any activity. "X in October but none in November": the second window replaces the first.
  { say: "customers we haven't touched in 60 days", rules: [c('lifecycle_stage', 'eq', 'customer'), hasNo('activities', c('occurred_at', 'within_last', days(60)))], assume: ['any logged activity'] },
  { say: 'contacts with a meeting in September but none in October', rules: [has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-09-01'), c('occurred_at', 'lt', '2026-10-01')), hasNo('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-10-01'), c('occurred_at', 'lt', '2026-11-01'))] },
  // Their emails to us; a meeting in each of several named months; named months that follow each other are one window.
  { say: 'contacts who sent us more than 3 emails', rules: counted('activities', 'gt', 3, c('type', 'eq', 'email'), c('direction', 'eq', 'inbound')) },
  { say: 'contacts who wrote to us since September', rules: has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-09-01')) },
  {
    say: 'contacts who had a meeting in each of August, September and October',
    rules: ['08', '09', '10'].map((m, k) => has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', `2026-${m}-01`), c('occurred_at', 'lt', `2026-${['09', '10', '11'][k]}-01`))),
    assume: ['in each of these periods'],
  },
  { say: 'contacts who had a meeting in August, September and October', rules: has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-08-01'), c('occurred_at', 'lt', '2026-11-01')) },
  // Months with a gap between them are not one window: the ones not read stay open.
  { say: 'contacts who had a call in June, August or October', rules: has('activities', c('type', 'eq', 'call'), c('occurred_at', 'gte', '2026-06-01'), c('occurred_at', 'lt', '2026-07-01')), unrecognized: ['August', 'October'] },
  // A purpose before a colon, said with a modal, is not a condition.
  { say: 'contacts we should call: hot leads with no call in the last 30 days', rules: [c('tags', 'eq', 'hot-lead'), hasNo('activities', c('type', 'eq', 'call'), c('occurred_at', 'within_last', days(30)))], assume: ['before the colon'] },
  // How they were contacted narrows the verb's reading.
  { say: 'contacts never contacted by phone', rules: hasNo('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'outbound')), assume: ['a call we made'] },
  { say: 'contacts who contacted us by email', rules: has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'inbound')) },
  // A count after a gloss; another one in a second window; nobody having done it is none of those rows; a direction said after the verb wins.
  { say: 'called (outbound) at least twice in Q3', rules: counted('activities', 'gte', 2, c('type', 'eq', 'call'), c('direction', 'eq', 'outbound'), c('occurred_at', 'gte', '2026-07-01'), c('occurred_at', 'lt', '2026-10-01')) },
  { say: 'a meeting in september and another one in october', rules: [has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-09-01'), c('occurred_at', 'lt', '2026-10-01')), has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-10-01'), c('occurred_at', 'lt', '2026-11-01'))] },
  { say: 'contacts nobody has touched in 90 days', rules: hasNo('activities', c('occurred_at', 'within_last', days(90))) },
  { say: 'contacts with at least 4 outbound touches who have never reached out inbound', rules: [counted('activities', 'gte', 4, c('direction', 'eq', 'outbound')), hasNo('activities', c('direction', 'eq', 'inbound'))] },
  // A bare verb, "or", and another with a window: the window is both verbs'.
  { say: 'contacts we called or emailed last month', rules: or(has('activities', c('type', 'eq', 'call'), c('occurred_at', 'gte', '2026-10-01'), c('occurred_at', 'lt', '2026-11-01')), has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound'), c('occurred_at', 'gte', '2026-10-01'), c('occurred_at', 'lt', '2026-11-01'))), assume: ['also about "called"'] },
  // "last" before the verb: the newest row; a length of time after the verb is not a count.
  { say: 'contacts last touched more than 6 months ago', rules: [hasNo('activities', c('occurred_at', 'within_last', months(6))), has('activities')], assume: ['none since then'] },
  // "logged against them" is one more link between the rows and their window.
  { say: 'contacts with a call logged against them in September 2026', rules: has('activities', c('type', 'eq', 'call'), ...september) },
  // "and also": a window said with the second of two rows of one relation is the first's too (said).
  { say: 'contacts with a meeting and also a note in Q4 so far', rules: [has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-10-01')), has('activities', c('type', 'eq', 'note'), c('occurred_at', 'gte', '2026-10-01'))], assume: ['also about'] },
  // "nobody's touched" is "nobody has touched", not the possessive.
  { say: "contacts nobody's touched in 6 months", rules: hasNo('activities', c('occurred_at', 'within_last', months(6))), assume: ['any logged activity'] },
  // "exactly once" is a count of 1; "emailed back" is their answer (inbound).
  { say: "contacts we've touched exactly once", rules: counted('activities', 'eq', 1), assume: ['any logged activity'] },
  { say: 'leads who never emailed back', rules: [c('lifecycle_stage', 'eq', 'lead'), hasNo('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'inbound'))] },
  // "with us", "on their own": nothing more of the activity; its window still applies.
  { say: 'customers who had a call with us in the last 30 days', rules: [c('lifecycle_stage', 'eq', 'customer'), has('activities', c('type', 'eq', 'call'), c('occurred_at', 'within_last', days(30)))] },
  { say: 'contacts who reached out to us on their own in October', rules: has('activities', c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-10-01'), c('occurred_at', 'lt', '2026-11-01')), assume: ['inbound'] },
  // Two rows, then "both" and a window: the window of each, said.
  { say: 'contacts with an inbound call and an outbound email, both within the last 90 days', rules: [has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'within_last', days(90))), has('activities', c('type', 'eq', 'email'), c('direction', 'eq', 'outbound'), c('occurred_at', 'within_last', days(90)))], assume: ['said of each of them'] },
  { say: 'contacts with a meeting with us since the Fourth of July', rules: has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-07-04')) },
  { say: 'contacts with no fewer than 3 calls within the preceding sixty days', rules: counted('activities', 'gte', 3, c('type', 'eq', 'call'), c('occurred_at', 'within_last', days(60))) },
  // Attending: "attended", "assisted to" (the French "assister à"), "took part in" — the noun says which rows.
  { say: 'contacts who attended a meeting since september', rules: has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-09-01')) },
  { say: 'contacts who assisted to a meeting since september', rules: has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-09-01')) },
  { say: 'leads that took part in 2 meetings', rules: [c('lifecycle_stage', 'eq', 'lead'), counted('activities', 'eq', 2, c('type', 'eq', 'meeting'))] },
];
