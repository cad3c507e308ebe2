import { c, or, type Row } from '../build.js';

/** Company industry, size, revenue, name, domain. */
export const company: Row[] = [
  { say: 'contacts at firms turning over more than $50m a year', rules: c('company.annual_revenue', 'gt', 50000000) },
  { say: 'contacts at software companies', rules: c('company.industry', 'eq', 'Software') },
  { say: 'healthcare contacts', rules: c('company.industry', 'eq', 'Healthcare') },
  { say: 'contacts in the finance industry', rules: c('company.industry', 'eq', 'Finance') },
  { say: 'companies in retail or logistics', rules: c('company.industry', 'in', ['Retail', 'Logistics']) },
  { say: 'contacts whose industry is not education', rules: c('company.industry', 'neq', 'Education') },
  { say: 'companies with more than 500 employees', rules: c('company.employee_count', 'gt', 500) },
  { say: 'contacts at companies with at least 1,000 employees', rules: c('company.employee_count', 'gte', 1000) },
  { say: 'company size under 50', rules: c('company.employee_count', 'lt', 50) },
  { say: 'companies with between 50 and 200 employees', rules: c('company.employee_count', 'between', [50, 200]) },
  { say: 'companies with over 10k employees', rules: c('company.employee_count', 'gt', 10000) },
  { say: 'headcount of 100 or more', rules: c('company.employee_count', 'gte', 100) },
  { say: 'employees > 250', rules: c('company.employee_count', 'gt', 250) },
  { say: 'annual revenue above $10M', rules: c('company.annual_revenue', 'gt', 10_000_000) },
  { say: 'revenue of at least 1 million', rules: c('company.annual_revenue', 'gte', 1_000_000) },
  { say: 'companies with less than $500k in revenue', rules: c('company.annual_revenue', 'lt', 500_000) },
  { say: 'company name contains health', rules: c('company.name', 'contains', 'health') },
  { say: 'contacts at companies whose domain ends with .example', rules: c('company.domain', 'ends_with', '.example') },
  {
    say: 'media companies in France with revenue over 50 million',
    rules: [c('company.industry', 'eq', 'Media'), c('company.country', 'eq', 'FR'), c('company.annual_revenue', 'gt', 50_000_000)],
  },
  { say: 'manufacturing or logistics contacts in Germany', rules: [c('company.industry', 'in', ['Manufacturing', 'Logistics']), c('country', 'eq', 'DE')] },
  // A head count before a word for a company; an en dash range; "the X space / sector".
  { say: 'contacts at a 10–50 person startup', rules: c('company.employee_count', 'between', [10, 50]) },
  { say: 'people at 200-people firms in the media sector', rules: [c('company.employee_count', 'eq', 200), c('company.industry', 'eq', 'Media')] },
  { say: 'contacts in the healthcare space', rules: c('company.industry', 'eq', 'Healthcare') },
  // Size words: the employee count people usually mean, said; a number in parentheses says it exactly.
  { say: 'large companies in Spain', rules: [c('company.employee_count', 'gte', 1000), c('company.country', 'eq', 'ES')], assume: ['"large"'] },
  { say: 'contacts at mid-size firms', rules: c('company.employee_count', 'between', [50, 999]), assume: ['"mid-size"'] },
  { say: 'small shops (fewer than 20 employees)', rules: c('company.employee_count', 'lt', 20) },
  // A head count said of a company with "people"; "or fewer" after the field word.
  { say: 'contacts whose company has more than 300 people', rules: c('company.employee_count', 'gt', 300) },
  { say: 'contacts at companies with 20 employees or fewer', rules: c('company.employee_count', 'lte', 20) },
  // A nationality after "company is" is the company's country, not its name.
  { say: 'contacts in Spain whose company is also Spanish', rules: [c('country', 'eq', 'ES'), c('company.country', 'eq', 'ES')] },
  // An article, a name, then a word for a company: the company's name.
  { say: 'contacts working at any Novak company', rules: c('company.name', 'starts_with', 'Novak'), assume: ['"Novak"'] },
  // "account" after the name is the company as a customer.
  { say: 'anyone at a Dubois Systems account', rules: c('company.name', 'starts_with', 'Dubois Systems'), assume: ['"Dubois Systems"'] },
  // The start of one industry's name, where a value stands: that industry, said.
  { say: 'healthcare or edu accounts', rules: c('company.industry', 'in', ['Healthcare', 'Education']), assume: ['"edu"'] },
  { say: 'edu contacts', rules: c('company.industry', 'eq', 'Education'), assume: ['"edu"'] },
  { say: 'contacts in manu', rules: c('company.industry', 'eq', 'Manufacturing'), assume: ['"manu"'] },
  // Not a value's start where no value stands ("soft bounces"), nor one several values start ("fin": Finance, Finland, Finnish).
  { say: 'soft bounces', rules: c('email_status', 'eq', 'bounced'), unrecognized: ['soft'] },
  // "non-" inside the company's phrase: the company exists, with another value (contacts without a company are not at a non-US one).
  { say: 'US-based contacts at non-US companies', rules: [c('country', 'eq', 'US'), c('company.country', 'neq', 'US'), c('company.country', 'is_not_null')], assume: ['contact\'s country'] },
  { say: 'contacts at non-software companies', rules: [c('company.industry', 'neq', 'Software'), c('company.industry', 'is_not_null')] },
  // "not at a software company" includes contacts with no company.
  { say: 'contacts not at a software company', rules: c('company.industry', 'neq', 'Software') },
  // A bound alone after "or" is about the number compared just before.
  { say: 'companies with fewer than 20 employees or more than 10,000', rules: or(c('company.employee_count', 'lt', 20), c('company.employee_count', 'gt', 10000)) },
  { say: 'revenue under 1M or over 50M', rules: or(c('company.annual_revenue', 'lt', 1_000_000), c('company.annual_revenue', 'gt', 50_000_000)) },
  // A demonym before a noun for an industry's companies is the company's country; "USD" before the number; "does not exceed".
  { say: 'contacts at a German manufacturer', rules: [c('company.country', 'eq', 'DE'), c('company.industry', 'eq', 'Manufacturing')] },
  { say: 'contacts employed by an entity whose annual revenue does not exceed USD 2,000,000', rules: c('company.annual_revenue', 'lte', 2000000) },
];
