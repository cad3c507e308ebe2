import { and, c, type Row } from '../build.js';

/** Tags: tagged X, without the X tag, both X and Y, any of, none of. */
export const tags: Row[] = [
  { say: 'contacts tagged vip', rules: c('tags', 'eq', 'vip') },
  { say: 'VIP contacts', rules: c('tags', 'eq', 'vip') },
  { say: 'contacts with the newsletter tag', rules: c('tags', 'eq', 'newsletter') },
  { say: 'tagged partner or beta-tester', rules: c('tags', 'in', ['partner', 'beta-tester']) },
  { say: 'tagged both vip and partner', rules: and(c('tags', 'eq', 'vip'), c('tags', 'eq', 'partner')) },
  { say: 'contacts with both the vip and hot-lead tags', rules: and(c('tags', 'eq', 'vip'), c('tags', 'eq', 'hot-lead')) },
  { say: 'tagged vip and partner', rules: and(c('tags', 'eq', 'vip'), c('tags', 'eq', 'partner')) },
  { say: 'contacts without the do-not-call tag', rules: c('tags', 'neq', 'do-not-call') },
  { say: 'not tagged trial', rules: c('tags', 'neq', 'trial') },
  { say: 'contacts with no tags', rules: c('tags', 'is_null') },
  { say: 'contacts that have any tag', rules: c('tags', 'is_not_null') },
  { say: 'hot leads', rules: c('tags', 'eq', 'hot-lead') },
  { say: 'tag is webinar-2026', rules: c('tags', 'eq', 'webinar-2026') },
  { say: 'contacts tagged webinar 2026', rules: c('tags', 'eq', 'webinar-2026') },
  { say: 'contacts tagged trial but not vip', rules: [c('tags', 'eq', 'trial'), c('tags', 'neq', 'vip')] },
  { say: 'contacts with none of the tags vip, partner', rules: c('tags', 'not_in', ['vip', 'partner']) },
  { say: 'beta testers', rules: c('tags', 'eq', 'beta-tester') },
  { say: 'vip or partner customers', rules: [c('tags', 'in', ['vip', 'partner']), c('lifecycle_stage', 'eq', 'customer')] },
  { say: 'contacts labelled newsletter', rules: c('tags', 'eq', 'newsletter') },
  { say: 'contacts marked do-not-call', rules: c('tags', 'eq', 'do-not-call') },
  { say: 'contacts without the vip or partner tags', rules: c('tags', 'not_in', ['vip', 'partner']) },
  // A programme or cohort named by its tag's first word, said.
  { say: 'contacts on the beta programme', rules: c('tags', 'eq', 'beta-tester'), assume: ['"beta programme" as the tag "beta-tester"'] },
];
