import { c, counted, engaged, has, hasNo, months, OPEN, type Row } from '../build.js';

/** Cheap typo tolerance for tenant values and field words, always said as an assumption. */
export const typos: Row[] = [
  // A verb written short, letters left out: the one verb it is a shortening of, said.
  { say: 'ppl who clikd smth in the last 3 campaigns', rules: engaged('clicked', 'any', { last: 3 }), assume: ['read "clikd" as "clicked"'] },
  { say: 'contacts who opend Spring Sale', rules: engaged('opened', 'any', { ids: ['Spring Sale'] }), assume: ['read "opend" as "opened"'] },
  { say: 'opened Spirng Sale', rules: engaged('opened', 'any', { ids: ['Spring Sale'] }), assume: ['read "Spirng Sale" as campaign "Spring Sale"'] },
  { say: 'contacts in Germnay', rules: c('country', 'eq', 'DE'), assume: ['"Germnay"'] },
  { say: 'tagged newslettr', rules: c('tags', 'eq', 'newsletter'), assume: ['"newslettr"'] },
  { say: 'contacts owned by Sarah Sales', rules: c('owner', 'eq', 'Sara Sales'), assume: ['"Sarah Sales"'] },
  { say: 'custmers in France', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'FR')], assume: ['"custmers"'] },
  { say: 'helthcare companies', rules: c('company.industry', 'eq', 'Healthcare'), assume: ['"helthcare"'] },
  { say: 'enterprize plan', rules: c('properties.plan', 'eq', 'enterprise'), assume: ['"enterprize"'] },
  { say: 'clicked Black Fridy Teaser', rules: engaged('clicked', 'any', { ids: ['Black Friday Teaser'] }), assume: ['Black Friday Teaser'] },
  // Written without vowels: the one vocabulary word or value with those consonants.
  { say: 'contacts who clckd Summer Promo', rules: engaged('clicked', 'any', { ids: ['Summer Promo'] }), assume: ['"clckd"'] },
  { say: 'contacts with 3+ mtngs', rules: counted('activities', 'gte', 3, c('type', 'eq', 'meeting')), assume: ['"mtngs"'] },
  { say: 'leads who opnd Product Launch in the last 2 mnths', rules: [c('lifecycle_stage', 'eq', 'lead'), has('email_events', c('type', 'eq', 'opened'), c('campaign', 'eq', 'Product Launch'), c('occurred_at', 'within_last', months(2)))], assume: ['"opnd"', '"mnths"'] },
  // After "tagged", an unknown word is compared with the tags; "the" before a misspelt country stays the sentence's.
  { say: 'contacts tagged vipp', rules: c('tags', 'eq', 'vip'), assume: ['"vipp"'] },
  // A short misspelt country after a place word (or after a country and "or") is compared with the countries only.
  { say: 'customers in Frnce or Itly', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', ['FR', 'IT'])], assume: ['"Frnce"', '"Itly"'] },
  { say: 'vips from japn', rules: [c('tags', 'eq', 'vip'), c('country', 'eq', 'JP')], assume: ['"japn"'] },
  // A relation's noun misspelt: the word is corrected, and said.
  { say: 'leads with no activites since May', rules: [c('lifecycle_stage', 'eq', 'lead'), hasNo('activities', c('occurred_at', 'gte', '2026-05-01'))], assume: ['"activites"'] },
  { say: 'contacts with a won dael', rules: has('deals', c('stage', 'eq', 'closed_won')), assume: ['"dael"'] },
  { say: 'leads tagged partnr in the Netherland', rules: [c('lifecycle_stage', 'eq', 'lead'), c('tags', 'eq', 'partner'), c('country', 'eq', 'NL')], assume: ['"partnr"', '"Netherland"'] },
  // A four-letter typo where a noun is expected: first word (a stage), after a number or a deal's adjective (a relation's noun).
  { say: 'leds frm germny on pro', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'DE'), c('properties.plan', 'eq', 'pro')], assume: ['"leds"'] },
  { say: 'cntcts w/ 2+ open dels', rules: counted('deals', 'gte', 2, OPEN), assume: ['"dels"'] },
  { say: 'contacts with 2 open dels and 3 cals', rules: [counted('deals', 'eq', 2, OPEN), counted('activities', 'eq', 3, c('type', 'eq', 'call'))], assume: ['"cals"'] },
  // A field's name after "w/o", a three-letter country code after a place word, a misspelt month.
  { say: 'mqls w/o phne', rules: [c('lifecycle_stage', 'eq', 'marketing_qualified'), c('phone', 'is_null')], assume: ['"phne"'] },
  { say: 'vips in jpn or austrlia, no calls since sept', rules: [c('tags', 'eq', 'vip'), c('country', 'in', ['JP', 'AU']), hasNo('activities', c('type', 'eq', 'call'), c('occurred_at', 'gte', '2026-09-01'))], assume: ['"jpn"'] },
  { say: 'contcts at sofware cos w/ >500 ppl', rules: [c('company.industry', 'eq', 'Software'), c('company.employee_count', 'gt', 500)] },
  // A month without its vowels, its final "y" kept.
  { say: 'no mtgs since jly', rules: hasNo('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-07-01')), assume: ['"jly"'] },
  { say: 'contacts created rcntly', rules: c('created_at', 'within_last', { amount: 30, unit: 'days' }), assume: ['"rcntly"'] },
  // A value of several words written as one; "unsubd", "emps".
  { say: 'anyone tagged hotlead', rules: c('tags', 'eq', 'hot-lead') },
  { say: 'unsubd contacts in brasil', rules: [c('email_status', 'eq', 'unsubscribed'), c('country', 'eq', 'BR')] },
  // Words run together (a missed space, a phone's autocorrect): the known words they are made of, said;
  // an ordinary word made only of function words ("somewhere", "nevertheless") is not split.
  { say: 'vipcustomersin germany', rules: [c('tags', 'eq', 'vip'), c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'DE')], assume: ['"vipcustomersin" as "vip customers in"'] },
  { say: 'leads with nodeals', rules: [c('lifecycle_stage', 'eq', 'lead'), hasNo('deals')], assume: ['"nodeals" as "no deals"'] },
  { say: 'customers in germanyor france', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', ['DE', 'FR'])], assume: ['"germanyor" as "germany or"'] },
  { say: 'contacts created lastmonth', rules: [c('created_at', 'gte', '2026-10-01'), c('created_at', 'lt', '2026-11-01')], assume: ['"lastmonth" as "last month"'] },
  { say: 'contacts living in France whose company is based somewhere else', rules: [c('company.country', 'is_not_null'), c('company.country', 'neq', 'FR'), c('country', 'eq', 'FR')] },
];
