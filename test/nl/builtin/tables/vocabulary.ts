import { REGIONS } from '../../../../src/nl/builtin/regions.js';
import { COUNTRY_CODES } from '../../../../src/rules/values.js';
import { c, has, type Row } from '../build.js';

/** A region's countries (the ones ISO 3166 knows), as the parser must read it. */
const region = (label: string) => REGIONS.find((r) => r.label === label)!.codes.filter((code) => (COUNTRY_CODES as readonly string[]).includes(code));

// Vocabulary gaps of issue 14: each parses exactly or is reported, never a wrong value.
const created = (from: string, to?: string) => [c('created_at', 'gte', from), ...(to ? [c('created_at', 'lt', to)] : [])];
const won = c('stage', 'eq', 'closed_won');

export const vocabulary: Row[] = [
  { say: 'customers in EMEA', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', region('EMEA'))], assume: ['EMEA as the countries'] },
  { say: 'leads in AMER', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'in', region('the Americas'))], assume: ['the Americas'] },
  { say: 'leads created YTD', rules: [c('lifecycle_stage', 'eq', 'lead'), ...created('2026-01-01')] },
  { say: 'contacts created year to date', rules: created('2026-01-01') },
  { say: 'contacts created since the start of the year', rules: created('2026-01-01') },
  { say: 'contacts created since the beginning of the quarter', rules: created('2026-10-01') },
  { say: 'contacts created this quarter', rules: created('2026-10-01') },
  { say: 'deals won in the second half of 2025', rules: has('deals', won, c('closed_at', 'gte', '2025-07-01'), c('closed_at', 'lt', '2026-01-01')) },
  { say: 'contacts created in the first half of 2026', rules: created('2026-01-01', '2026-07-01') },
  { say: 'contacts created in H2 2025', rules: created('2025-07-01', '2026-01-01') },
  { say: 'contacts created between April and June', rules: created('2026-04-01', '2026-07-01') },
  // A year written once, at the end, belongs to both ends of the range.
  { say: 'contacts created between 1 Jan and 31 Mar 2025', rules: created('2025-01-01', '2025-04-01') },
  { say: 'contacts created between November and February', rules: created('2025-11-01', '2026-03-01') },
  { say: 'contacts at companies with 50-250 employees', rules: c('company.employee_count', 'between', [50, 250]) },
  { say: 'contacts at companies with 50 - 250 employees', rules: c('company.employee_count', 'between', [50, 250]) },
  // Typos in words of the parser's own vocabulary, not only in catalog phrases; each is said.
  { say: 'customers in Itlay', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'IT')], assume: ['Itlay'] },
  { say: 'contacts created in the lsat 3 mnths', rules: c('created_at', 'within_last', { amount: 3, unit: 'months' }), assume: ['lsat', 'mnths'] },
  { say: 'leads added in the last 6 mnths', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'within_last', { amount: 6, unit: 'months' })], assume: ['mnths'] },
  // A window said of the contacts themselves is when they were added: said unless "new" / "signups" say it.
  { say: 'new contacts from the last 30 days', rules: c('created_at', 'within_last', { amount: 30, unit: 'days' }) },
  { say: 'new leads from last month', rules: [c('lifecycle_stage', 'eq', 'lead'), ...created('2026-10-01', '2026-11-01')] },
  { say: 'signups from last month', rules: created('2026-10-01', '2026-11-01') },
  { say: 'sign-ups in Q1 from Spain', rules: [...created('2026-01-01', '2026-04-01'), c('country', 'eq', 'ES')] },
  { say: 'H1 signups on the pro plan', rules: [...created('2026-01-01', '2026-07-01'), c('properties.plan', 'eq', 'pro')] },
  { say: "last month's signups", rules: created('2026-10-01', '2026-11-01') },
  { say: 'Q1 contacts in Germany', rules: [...created('2026-01-01', '2026-04-01'), c('country', 'eq', 'DE')], assume: ['"Q1" as when the contact was created'] },
  { say: 'contacts from March to May', rules: created('2026-03-01', '2026-06-01'), assume: ['when the contact was created'] },
  { say: 'leads from last year', rules: [c('lifecycle_stage', 'eq', 'lead'), ...created('2025-01-01', '2026-01-01')], assume: ['when the contact was created'] },
  { say: 'mqls from webinars, ytd', rules: [c('lifecycle_stage', 'eq', 'marketing_qualified'), c('properties.source', 'eq', 'webinar'), ...created('2026-01-01')], assume: ['"ytd" as when the contact was created'] },
  { say: 'customers who joined the CRM over 18 months ago', rules: [c('lifecycle_stage', 'eq', 'customer'), c('created_at', 'more_than_ago', { amount: 18, unit: 'months' })] },
  { say: 'contacts created April through June', rules: created('2026-04-01', '2026-07-01') },
  // Other names of an industry the tenant has, said; never a typo's target ("collect" stays unread).
  { say: 'folks at fintechs and banks', rules: c('company.industry', 'eq', 'Finance'), assume: ['company industry = Finance'] },
  { say: 'saas companies in Germany', rules: [c('company.industry', 'eq', 'Software'), c('company.country', 'eq', 'DE')], assume: ['company industry = Software'] },
  { say: 'contacts at edtech or healthtech companies', rules: c('company.industry', 'in', ['Education', 'Healthcare']), assume: ['company industry'] },
  // Not understood: reported, not guessed.
  { say: 'customers in the first half of 2026', rules: c('lifecycle_stage', 'eq', 'customer'), unrecognized: ['first half of 2026'] },
  // Empty as written: reported, never answered with no one.
  { say: 'customers created between 2026 and 2025', rules: c('lifecycle_stage', 'eq', 'customer'), unrecognized: ['created between 2026', '2025'] },
];
