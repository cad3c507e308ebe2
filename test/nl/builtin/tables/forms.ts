import { c, has, hasNo, engaged, months, weeks, days, type Row } from '../build.js';

/**
 * How people write who learned English second, or who fill in forms all day: "since 3 months" (French
 * "depuis", German "seit") is the last 3 months, "superior to" is more than, dots group thousands
 * ("50.000"), a field is "not filled (in)" or "empty", a deal is "in stage negotiation". A window with
 * no number ("the last weeks", "a few months") takes one and says so; an amount in another currency
 * is read as the number and its currency word left open (amounts are in US dollars).
 */
export const forms: Row[] = [
  // "since" with a length.
  { say: 'contacts created since 3 months', rules: c('created_at', 'within_last', months(3)), assume: ['"since 3 months" as in the last 3 months'] },
  { say: 'contacts who did not open any campaign since two weeks', rules: hasNo('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'within_last', weeks(2))), assume: ['in the last 2 weeks'] },
  { say: 'contacts created since 3 months ago', rules: c('created_at', 'within_last', months(3)) },
  { say: 'contacts who opened a campaign since september', rules: has('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'gte', '2026-09-01')) },
  // A window without its number: assumed and said.
  { say: 'contacts created in the last weeks', rules: c('created_at', 'within_last', weeks(3)), assume: ['3 weeks (no number was given'] },
  { say: 'contacts created in the past couple of months', rules: c('created_at', 'within_last', months(2)), assume: ['2 months'] },
  { say: 'contacts with no activity in a few months', rules: hasNo('activities', c('occurred_at', 'within_last', months(3))), assume: ['"a few months" as 3 months'] },
  { say: 'contacts created in the past days', rules: c('created_at', 'within_last', days(3)), assume: ['3 days'] },
  { say: 'contacts created in the last week', rules: c('created_at', 'within_last', weeks(1)) },
  // Comparison words.
  { say: 'leads with an Analytics fit score inferior to 40', rules: [c('lifecycle_stage', 'eq', 'lead'), has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'lt', 40))] },
  { say: 'contacts with a crm fit score superior to 80', rules: has('fit_scores', c('product', 'eq', 'crm'), c('score', 'gt', 80)) },
  { say: 'contacts with an analytics score greater than or equal to 80', rules: has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'gte', 80)) },
  { say: 'deals less than or equal to 5k', rules: has('deals', c('amount', 'lte', 5000)) },
  // Numbers grouped with dots; other currencies.
  { say: 'deals over 50.000', rules: has('deals', c('amount', 'gt', 50000)), assume: ['"50.000" as 50,000'] },
  { say: 'companies with revenue above 1.500.000', rules: c('company.annual_revenue', 'gt', 1500000), assume: ['1,500,000'] },
  { say: 'contacts with an analytics score above 70.5', rules: has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'gt', 70.5)) },
  { say: 'the deals of more than 50000 euros', rules: has('deals', c('amount', 'gt', 50000)), unrecognized: ['euros'] },
  // Fields not filled in.
  { say: 'contacts where the phone is not filled in', rules: c('phone', 'is_null') },
  { say: 'contacts where the country is not filled', rules: c('country', 'is_null') },
  { say: "contacts whose language isn't specified", rules: c('language', 'is_null') },
  { say: 'contacts whose phone is filled in', rules: c('phone', 'is_not_null') },
  { say: 'contacts with an empty country', rules: c('country', 'is_null') },
  { say: 'contacts with a blank language', rules: c('language', 'is_null') },
  { say: 'contacts without a linked company', rules: c('company.name', 'is_null') },
  { say: 'contacts not associated with any company', rules: c('company.name', 'is_null') },
  // Stages named after their field's word; "clients" are customers (said); "lst" before a count is "last".
  { say: 'contacts with a deal in stage negotiation', rules: has('deals', c('stage', 'eq', 'negotiation')) },
  { say: 'contacts having a deal in state proposal', rules: has('deals', c('stage', 'eq', 'proposal')) },
  { say: 'the clients of Germany', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'DE')], assume: ['"clients" as lifecycle stage customer'] },
  { say: 'contacts created in lst 30 days', rules: c('created_at', 'within_last', days(30)), assume: ['"lst" as "last"'] },
  { say: 'contacts who opend all of lst 3 campains', rules: engaged('opened', 'all', { last: 3 }), assume: ['"lst" as "last"'] },
  // A tenant field's key as the rules write it ("properties.plan", EzFlow's "customProperties.nps").
  { say: "properties.plan = 'enterprise' AND country = 'DE'", rules: [c('properties.plan', 'eq', 'enterprise'), c('country', 'eq', 'DE')] },
  { say: 'customProperties.nps >= 9', rules: c('properties.nps', 'gte', 9) },
];
