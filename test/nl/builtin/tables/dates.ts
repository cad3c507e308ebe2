import { c, counted, days, has, months, weeks, years, type Row } from '../build.js';

/** Contact creation dates: relative to the clock (asOf 2026-11-01) and absolute. */
export const dates: Row[] = [
  { say: 'created in the last 30 days', rules: c('created_at', 'within_last', days(30)) },
  { say: 'contacts added in the past 2 weeks', rules: c('created_at', 'within_last', weeks(2)) },
  { say: 'signed up in the last 6 months', rules: c('created_at', 'within_last', months(6)) },
  { say: 'created within the last 2 years', rules: c('created_at', 'within_last', years(2)) },
  { say: 'created in the last quarter', rules: c('created_at', 'within_last', months(3)) },
  { say: 'created before 2025', rules: c('created_at', 'lt', '2025-01-01') },
  { say: 'created after 2025', rules: c('created_at', 'gte', '2026-01-01') },
  { say: 'created since 2026-09-01', rules: c('created_at', 'gte', '2026-09-01') },
  { say: 'created on or after 2026-06-01', rules: c('created_at', 'gte', '2026-06-01') },
  { say: 'created in 2025', rules: [c('created_at', 'gte', '2025-01-01'), c('created_at', 'lt', '2026-01-01')] },
  { say: 'created this year', rules: c('created_at', 'gte', '2026-01-01') },
  { say: 'created last year', rules: [c('created_at', 'gte', '2025-01-01'), c('created_at', 'lt', '2026-01-01')] },
  // "previous" / "prior" name the calendar period before this one; "the last quarter" rolls, and says so.
  { say: 'contacts created the previous quarter', rules: [c('created_at', 'gte', '2026-07-01'), c('created_at', 'lt', '2026-10-01')] },
  { say: 'created in the prior month', rules: [c('created_at', 'gte', '2026-10-01'), c('created_at', 'lt', '2026-11-01')] },
  { say: 'leads added to the CRM since June', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'gte', '2026-06-01')] },
  { say: 'contacts added in the last quarter', rules: c('created_at', 'within_last', months(3)), assume: ['not the previous calendar quarter'] },
  { say: 'created this month', rules: c('created_at', 'gte', '2026-11-01') },
  { say: 'created more than a year ago', rules: c('created_at', 'more_than_ago', years(1)) },
  { say: 'created over 90 days ago', rules: c('created_at', 'more_than_ago', days(90)) },
  { say: 'created between 2026-01-01 and 2026-03-31', rules: [c('created_at', 'gte', '2026-01-01'), c('created_at', 'lt', '2026-04-01')] },
  { say: 'created in March 2026', rules: [c('created_at', 'gte', '2026-03-01'), c('created_at', 'lt', '2026-04-01')] },
  { say: 'created before March 1, 2026', rules: c('created_at', 'lt', '2026-03-01') },
  { say: 'created yesterday', rules: [c('created_at', 'gte', '2026-10-31'), c('created_at', 'lt', '2026-11-01')] },
  { say: 'leads created in the last thirty days', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'within_last', days(30))] },
  { say: 'contacts created since June 2026', rules: c('created_at', 'gte', '2026-06-01') },
  { say: 'contacts created in the first quarter', rules: [c('created_at', 'gte', '2026-01-01'), c('created_at', 'lt', '2026-04-01')] },
  { say: 'deals won in the third quarter of 2025', rules: has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2025-07-01'), c('closed_at', 'lt', '2025-10-01')) },
  // A day said as an ordinal before the month ("the 3rd of March").
  { say: 'contacts created since the 3rd of March', rules: c('created_at', 'gte', '2026-03-03') },
  { say: 'deals closed before the 1st of July 2025', rules: has('deals', c('closed_at', 'lt', '2025-07-01')) },
  // "new" / "recent" contacts with no window: created in the last 30 days, said.
  { say: 'recent signups in Italy', rules: [c('created_at', 'within_last', days(30)), c('country', 'eq', 'IT')], assume: ['30 days'] },
  { say: 'new customers', rules: [c('lifecycle_stage', 'eq', 'customer'), c('created_at', 'within_last', days(30))], assume: ['30 days'] },
  { say: 'recently added contacts', rules: c('created_at', 'within_last', days(30)), assume: ['30 days'] },
  // An adverb before the creation verb: recent, said; a window after the verb says when.
  { say: 'contacts who just signed up', rules: c('created_at', 'within_last', days(30)), assume: ['30 days'] },
  { say: 'leads who recently joined', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'within_last', days(30))], assume: ['30 days'] },
  { say: 'contacts who just signed up last week', rules: [c('created_at', 'gte', '2026-10-19'), c('created_at', 'lt', '2026-10-26')] },
  // A campaign's send is a moment: "since the Case Study went out".
  { say: 'contacts created since the Case Study went out', rules: c('created_at', 'gte', '2026-06-03T07:36:08.000Z'), assume: ['"Case Study" was sent'] },
  { say: 'leads created before the Autumn Offer', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'lt', '2026-08-17T01:15:54.000Z')], assume: ['was sent'] },
  // "the same year / month" refers back to the window said last.
  { say: 'contacts created in 2025 with a won deal that same year', rules: [c('created_at', 'gte', '2025-01-01'), c('created_at', 'lt', '2026-01-01'), has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2025-01-01'), c('closed_at', 'lt', '2026-01-01'))], assume: ['same time window'] },
  // Two periods that meet are one window ("September or October 2026"); "sometime" adds nothing; "30d" is 30 days.
  { say: 'contacts created sometime in July or August 2026', rules: [c('created_at', 'gte', '2026-07-01'), c('created_at', 'lt', '2026-09-01')] },
  { say: 'contacts created in the last 45d', rules: c('created_at', 'within_last', days(45)) },
  // How long a contact has been on record is its creation date: longer than the span is more than that long ago.
  { say: 'contacts that have been in the CRM for more than 18 months', rules: c('created_at', 'more_than_ago', months(18)), assume: ['when the contact was created'] },
  { say: 'leads on file for less than 90 days', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'within_last', days(90))] },
  { say: 'contacts in our database for 2 years', rules: c('created_at', 'more_than_ago', years(2)), assume: ['at least that long'] },
  // The calendar period the clock is in, and abbreviations of the units.
  { say: 'contacts created before this year', rules: c('created_at', 'lt', '2026-01-01') },
  { say: 'contacts that had a call in the last 30 days and were created before this year', rules: [has('activities', c('type', 'eq', 'call'), c('occurred_at', 'within_last', days(30))), c('created_at', 'lt', '2026-01-01')] },
  { say: 'ppl w/ 3+ mtgs in the last qtr', rules: counted('activities', 'gte', 3, c('type', 'eq', 'meeting'), c('occurred_at', 'within_last', months(3))), assume: ['not the previous calendar quarter'] },
  { say: 'contacts created this qtr', rules: c('created_at', 'gte', '2026-10-01') },
  // An open end ("or later", "or earlier"), half of a month, "the previous calendar quarter".
  { say: 'created sept 15th 2026 or later', rules: c('created_at', 'gte', '2026-09-15') },
  { say: 'contacts created in Q2 or earlier', rules: c('created_at', 'lt', '2026-07-01') },
  { say: 'contacts created in the second half of September', rules: [c('created_at', 'gte', '2026-09-16'), c('created_at', 'lt', '2026-10-01')] },
  { say: 'people created in the previous calendar quarter who are still leads', rules: [c('created_at', 'gte', '2026-07-01'), c('created_at', 'lt', '2026-10-01'), c('lifecycle_stage', 'eq', 'lead')] },
  // Named days: the one in the year said, or else the latest on or before the clock (2026-11-01).
  { say: 'contacts created since Labor Day', rules: c('created_at', 'gte', '2026-09-07') },
  { say: 'contacts created since thanksgiving', rules: c('created_at', 'gte', '2025-11-27') },
  { say: 'contacts created between Easter and Memorial Day', rules: [c('created_at', 'gte', '2026-04-05'), c('created_at', 'lt', '2026-05-26')] },
  { say: 'contacts created after Christmas 2025', rules: c('created_at', 'gte', '2025-12-26') },
  { say: "leads created before valentine's day", rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'lt', '2026-02-14')] },
  // Numeric dates: day first where the first number is no month, month first where the second is none; both possible, day first, said.
  { say: 'contacts created after 25/09/2026', rules: c('created_at', 'gte', '2026-09-26') },
  { say: 'contacts created before 9/25/2026', rules: c('created_at', 'lt', '2026-09-25') },
  { say: 'contacts created since 03.04.2026', rules: c('created_at', 'gte', '2026-04-03'), assume: ['day first'] },
  // Half a unit more: a year and a half is 18 months; "so far" / "to date" after the current period is up to now.
  { say: 'contacts created more than a year and a half ago', rules: c('created_at', 'more_than_ago', months(18)) },
  { say: 'contacts created in the last one and a half years', rules: c('created_at', 'within_last', months(18)) },
  { say: 'leads created in the last 1.5 years', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'within_last', months(18))] },
  { say: 'contacts created in Q4 so far', rules: c('created_at', 'gte', '2026-10-01') },
  { say: 'leads created this year to date', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'gte', '2026-01-01')] },
  { say: 'customers created since last Christmas', rules: [c('created_at', 'gte', '2025-12-25'), c('lifecycle_stage', 'eq', 'customer')] },
  { say: 'contacts that have been in the crm over 18 months', rules: c('created_at', 'more_than_ago', months(18)), assume: ['when the contact was created'] },
  // "from last quarter" is the whole previous quarter (not from its start up to now); "so far this year".
  { say: 'contacts with a deal over 30k from last quarter', rules: has('deals', c('amount', 'gt', 30000), c('created_at', 'gte', '2026-07-01'), c('created_at', 'lt', '2026-10-01')) },
  { say: 'contacts created so far this year', rules: c('created_at', 'gte', '2026-01-01') },
  // Named days of Ireland, the UK and the Americas.
  { say: "contacts created since St Stephen's Day", rules: c('created_at', 'gte', '2025-12-26') },
  { say: "contacts created since Paddy's Day", rules: c('created_at', 'gte', '2026-03-17') },
  // Bank holidays of Ireland and of England and Wales: the latest on or before the clock, the other country's said.
  { say: 'contacts created since the October bank holiday', rules: c('created_at', 'gte', '2026-10-26'), assume: ['(Ireland)'] },
  { say: 'contacts created since the summer bank holiday', rules: c('created_at', 'gte', '2026-08-31'), assume: ['in Ireland it is 2026-08-03'] },
  { say: 'leads created over the winter', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'gte', '2025-12-01'), c('created_at', 'lt', '2026-03-01')], assume: ['winter'] },
  // "FY2026", "FY 25", "this FY": the calendar year, as "fiscal year" is (no fiscal year start is set), said.
  { say: 'contacts created in FY2026', rules: [c('created_at', 'gte', '2026-01-01'), c('created_at', 'lt', '2027-01-01')], assume: ['"FY2026" as the calendar year'] },
  { say: 'contacts created in FY 25', rules: [c('created_at', 'gte', '2025-01-01'), c('created_at', 'lt', '2026-01-01')], assume: ['"FY 25" as the calendar year'] },
];
