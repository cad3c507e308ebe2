import { and, c, counted, days, engaged, has, hasNo, months, or, type Row } from '../build.js';

/**
 * Requests as people type them in a chat or a ticket: a polite way of asking around the audience,
 * and why they want it after it. The asking is not a question; the purpose is never read as
 * conditions (its words are often tags, plans and activity types) and is reported as an open span.
 */
export const requests: Row[] = [
  // Ways of asking.
  { say: 'could you pull me everyone tagged vip?', rules: c('tags', 'eq', 'vip') },
  { say: 'can I get the churned contacts in Spain please', rules: [c('lifecycle_stage', 'eq', 'churned'), c('country', 'eq', 'ES')], assume: ['contact\'s country'] },
  { say: 'hi! could you build a list of leads on the free plan?', rules: [c('lifecycle_stage', 'eq', 'lead'), c('properties.plan', 'eq', 'free')] },
  { say: "I'd like customers who opened Spring Sale", rules: [c('lifecycle_stage', 'eq', 'customer'), engaged('opened', 'any', { ids: ['Spring Sale'] })], assume: ['lifecycle stage customer'] },
  // Purposes: after a question mark, a dash, a comma, or "so we can"; their tag and plan words are not read.
  { say: 'can you pull everyone tagged partner? it is for the vip newsletter', rules: c('tags', 'eq', 'partner'), unrecognized: ['it is for the vip newsletter'] },
  { say: 'leads in Italy — we want to invite them to a call', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'IT')], assume: ["contact's country"], unrecognized: ['we want to invite them to a call'] },
  { say: 'customers with an open deal, so sales can book a meeting', rules: [c('lifecycle_stage', 'eq', 'customer'), has('deals', c('stage', 'not_in', ['closed_won', 'closed_lost']))], assume: ['lifecycle stage customer'], unrecognized: ['so sales can book a meeting'] },
  { say: 'contacts with no deal; the enterprise team wants a fresh list', rules: hasNo('deals'), unrecognized: ['the enterprise team wants a fresh list'] },
  { say: 'subscribed contacts in France for the upcoming partner webinar', rules: [c('email_status', 'eq', 'subscribed'), c('country', 'eq', 'FR')], assume: ["contact's country"], unrecognized: ['for the upcoming partner webinar'] },
  // A "for the …" naming one of the tenant's campaigns is about it; what follows a colon is the audience.
  { say: 'send list for the Winter Kickoff follow-up: customers who clicked it', rules: [c('lifecycle_stage', 'eq', 'customer'), engaged('clicked', 'any', { ids: ['Winter Kickoff'] })], assume: ['before the colon'] },
  { say: 'list for the spring push: everyone tagged trial', rules: c('tags', 'eq', 'trial'), unrecognized: ['for the spring push'] },
  // "a phone call" is a call, not the phone field; "anything but" negates the value.
  { say: 'contacts we have not had a phone call with since September', rules: hasNo('activities', c('type', 'eq', 'call'), c('occurred_at', 'gte', '2026-09-01')) },
  { say: 'leads with a phone number but no phone calls', rules: [c('lifecycle_stage', 'eq', 'lead'), c('phone', 'is_not_null'), hasNo('activities', c('type', 'eq', 'call'))] },
  { say: 'contacts whose lifecycle stage is anything but customer', rules: c('lifecycle_stage', 'neq', 'customer') },
  { say: 'everyone whose email status is anything except subscribed', rules: c('email_status', 'neq', 'subscribed') },
  // A level or a size restated in parentheses ("say …"), a window said as "in over N months" after a negation.
  { say: 'leads with a high analytics fit (say 85 and up)', rules: [c('lifecycle_stage', 'eq', 'lead'), has('fit_scores', c('product', 'eq', 'analytics'), c('score', 'gte', 85))] },
  { say: 'contacts with a small deal (under 2k) in negotiation', rules: has('deals', c('amount', 'lt', 2000), c('stage', 'eq', 'negotiation')), unrecognized: ['small'] },
  { say: "customers we haven't met in over 3 months", rules: [c('lifecycle_stage', 'eq', 'customer'), hasNo('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'within_last', months(3)))], assume: ['lifecycle stage customer', 'the last 3 months'] },
  { say: 'contacts with a deal over 6 months old', rules: has('deals', c('created_at', 'more_than_ago', months(6))) },
  // A bare imperative ("pull US contacts": the country, not "pull us"), a question first and the audience after it,
  // a remark in parentheses that the rows "don't matter".
  { say: 'pull US leads, we\'re planning a webinar', rules: [c('country', 'eq', 'US'), c('lifecycle_stage', 'eq', 'lead')], assume: ["contact's country"], unrecognized: ["we're planning a webinar"] },
  { say: 'who should we invite to the roundtable? customers in France', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'FR')], assume: ['lifecycle stage customer', "contact's country"], unrecognized: ['who should we invite to the roundtable?'] },
  { say: 'leads with no won deals (lost ones do not matter)', rules: [c('lifecycle_stage', 'eq', 'lead'), hasNo('deals', c('stage', 'eq', 'closed_won'))], unrecognized: ['(lost ones do not matter)'] },
  { say: 'contacts tagged neither trial nor newsletter', rules: c('tags', 'not_in', ['trial', 'newsletter']) },
  // "whose only deal": exactly one, and it matches; "something in any of the last N campaigns"; asked to be removed.
  { say: 'contacts whose only activity was a meeting', rules: [counted('activities', 'eq', 1), has('activities', c('type', 'eq', 'meeting'))], assume: ['exactly one activity'] },
  { say: 'contacts who opened something in any of the last 4 campaigns', rules: engaged('opened', 'any', { last: 4 }) },
  { say: 'contacts who asked to be removed from our mailing list', rules: engaged('unsubscribed', 'any') },
  // Filters typed as the rows' noun, a colon and their conditions; "and" or a comma before a bound of the same rows.
  { say: 'deals: lost, under 10k', rules: has('deals', c('stage', 'eq', 'closed_lost'), c('amount', 'lt', 10000)) },
  { say: 'activities: meetings, since October', rules: has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'gte', '2026-10-01')) },
  { say: 'contacts with a deal that is still open and above 40k', rules: has('deals', c('stage', 'not_in', ['closed_won', 'closed_lost']), c('amount', 'gt', 40000)) },
  // Filter syntax: "|" and "&" (and binds tighter), "field: none", "not set", a key with underscores, a count after plural rows.
  { say: 'plan=pro & country=DE | plan=enterprise & country=FR', rules: [or(and(c('properties.plan', 'eq', 'pro'), c('country', 'eq', 'DE')), and(c('properties.plan', 'eq', 'enterprise'), c('country', 'eq', 'FR')))] },
  { say: 'owner: none, lifecycle = lead', rules: [c('owner', 'is_null'), c('lifecycle_stage', 'eq', 'lead')] },
  { say: 'payments fit: none', rules: hasNo('fit_scores', c('product', 'eq', 'payments')) },
  { say: 'lifecycle_stage != customer', rules: c('lifecycle_stage', 'neq', 'customer') },
  { say: 'meetings >= 2', rules: counted('activities', 'gte', 2, c('type', 'eq', 'meeting')) },
  { say: 'won deals: exactly 1', rules: counted('deals', 'eq', 1, c('stage', 'eq', 'closed_won')), assume: ['how many deals'] },
  { say: 'calls = 0', rules: hasNo('activities', c('type', 'eq', 'call')) },
  // A reason after the audience, and what the list is for said first.
  { say: 'leads in Spain because the sales team wants a call list', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'ES')], assume: ["contact's country"], unrecognized: ['because the sales team wants a call list'] },
  { say: 'For the spring roadshow I need customers in Italy', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'IT')], assume: ['lifecycle stage customer', "contact's country"], unrecognized: ['For the spring roadshow'] },
  // Dates typed with comparison symbols; "lang"; "ignored" a campaign; ">= 1 of the last N"; "the two <name> emails".
  { say: 'created < 2026-03-01', rules: c('created_at', 'lt', '2026-03-01') },
  { say: 'lang = fr and tagged vip', rules: [c('language', 'eq', 'fr'), c('tags', 'eq', 'vip')] },
  { say: 'leads who ignored the Spring Sale', rules: [c('lifecycle_stage', 'eq', 'lead'), engaged('opened', 'none', { ids: ['Spring Sale'] })] },
  { say: 'opened >= 1 of last 4', rules: engaged('opened', 'any', { last: 4 }), assume: ['last 4 campaigns'] },
  { say: 'contacts who opened both Feature Digest emails', rules: engaged('opened', 'all', { ids: ['Feature Digest Jan', 'Feature Digest Jul'] }), assume: ['"Feature Digest"'] },
  // "as well as" adds an audience like "plus"; "highly"/"poorly" are levels; a count with "but at least one"; a window after a comma.
  { say: 'leads in France as well as customers in Spain', rules: [or(and(c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'FR')), and(c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'ES')))], assume: ['lifecycle stage customer', "contact's country"] },
  { say: 'contacts who score poorly for payments', rules: has('fit_scores', c('product', 'eq', 'payments'), c('score', 'lt', 40)), assume: ['"poorly"'] },
  { say: 'contacts with fewer than 4 meetings but at least one', rules: [has('activities', c('type', 'eq', 'meeting')), counted('activities', 'lte', 3, c('type', 'eq', 'meeting'))] },
  { say: 'outbound calls, last 3 weeks', rules: has('activities', c('direction', 'eq', 'outbound'), c('type', 'eq', 'call'), c('occurred_at', 'within_last', { amount: 3, unit: 'weeks' })) },
  // A sentence of its own after the audience says why; "no matter what …", "whether … or …", "even if …" say nothing.
  { say: 'leads created this year, they get the onboarding series', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'gte', '2026-01-01')], unrecognized: ['they get the onboarding series'] },
  { say: 'customers in Germany, to invite them to the meetup', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'DE')], assume: ['lifecycle stage customer', "contact's country"], unrecognized: ['to invite them to the meetup'] },
  { say: 'partners in Spain no matter what their plan is', rules: [c('tags', 'eq', 'partner'), c('country', 'eq', 'ES')], assume: ["contact's country"], unrecognized: ['no matter what their plan is'] },
  { say: 'contacts with a deal closed in September, whether won or lost', rules: has('deals', c('closed_at', 'gte', '2026-09-01'), c('closed_at', 'lt', '2026-10-01')), unrecognized: [', whether won or lost'] },
  { say: 'Forget the partner filter, I just want vips in France', rules: [c('tags', 'eq', 'vip'), c('country', 'eq', 'FR')], assume: ["contact's country"], unrecognized: ['Forget the partner filter,'] },
  // "contacts who called": the contact called (inbound); "contacts we called": we did.
  { say: 'leads who called last week', rules: [c('lifecycle_stage', 'eq', 'lead'), has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-10-19'), c('occurred_at', 'lt', '2026-10-26'))], assume: ['they made (inbound)'] },
  // Half-years and quarters of last year; "every one of their deals"; "both" kept inside an exception; lower-case other organizations.
  { say: 'contacts created in the second half of last year', rules: [c('created_at', 'gte', '2025-07-01'), c('created_at', 'lt', '2026-01-01')] },
  { say: 'contacts where every one of their deals was lost', rules: [has('deals'), hasNo('deals', c('stage', 'neq', 'closed_lost'))], assume: ['every deal'] },
  { say: 'everyone except the ones tagged both vip and partner', rules: [{ type: 'group', op: 'and', negate: true, children: [c('tags', 'eq', 'vip'), c('tags', 'eq', 'partner')] }] },
  // "a year" after revenue adds nothing ("year in" is not the Year in Review); a size word then its number; sign-offs.
  { say: 'contacts at companies making over 50m a year', rules: c('company.annual_revenue', 'gt', 50000000), assume: ['companies making'] },
  { say: 'contacts at small companies with fewer than 20 employees', rules: c('company.employee_count', 'lt', 20) },
  { say: 'unasigned customers in Italy thx', rules: [c('owner', 'is_null'), c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'IT')], assume: ['"unasigned"', 'lifecycle stage customer', "contact's country"] },
  // Being an opportunity is a lifecycle stage; having one is a deal.
  { say: 'leads or contacts who are already an opportunity', rules: [or(c('lifecycle_stage', 'eq', 'lead'), c('lifecycle_stage', 'eq', 'opportunity'))] },
  // "deals … that we lost": the same deal; "have never been in": never, ever; one word before a colon names the list.
  { say: 'contacts with deals over 20k that we won this year', rules: has('deals', c('amount', 'gt', 20000), c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2026-01-01')) },
  { say: 'leads who have never been in the Q1 batch', rules: [c('lifecycle_stage', 'eq', 'lead'), { type: 'group', op: 'and', negate: true, children: [{ type: 'segment', operator: 'in', segment: 'Q1 batch', when: { event: 'member', since: null } }] }] },
  { say: 'sharks: contacts with an open deal over 30k', rules: has('deals', c('stage', 'not_in', ['closed_won', 'closed_lost']), c('amount', 'gt', 30000)), assume: ['before the colon'] },
  { say: 'contacts who clicked in Black Friday Teaser', rules: engaged('clicked', 'any', { ids: ['Black Friday Teaser'] }) },
  { say: 'leads that have at least one tag', rules: [c('lifecycle_stage', 'eq', 'lead'), c('tags', 'is_not_null')] },
  // An exception with its own "unless" spares those: NOT (B AND NOT C); a band restated in parentheses.
  { say: 'leads, but leave out anyone in Spain unless they are tagged vip', rules: [c('lifecycle_stage', 'eq', 'lead'), { type: 'group', op: 'and', negate: true, children: [c('country', 'eq', 'ES'), { type: 'group', op: 'and', negate: true, children: [c('tags', 'eq', 'vip')] }] }], assume: ["contact's country"] },
  { say: 'promoters (9 or 10) in France', rules: [c('nps', 'gte', 9), c('country', 'eq', 'FR')], assume: ['promoters', "contact's country"] },
  // A correction mid-request replaces the value it corrects, said.
  { say: 'vips in Italy. Actually no, make that Spain', rules: [c('tags', 'eq', 'vip'), c('country', 'eq', 'ES')], assume: ['instead of "Italy"', "contact's country"] },
  { say: 'leads tagged trial, sorry, I mean partner', rules: [c('lifecycle_stage', 'eq', 'lead'), c('tags', 'eq', 'partner')], assume: ['instead of "trial"'] },
  // Two days of one month; a number after "the last" takes the unit said before it.
  { say: 'leads created between the 5th and the 20th of August', rules: [c('lifecycle_stage', 'eq', 'lead'), c('created_at', 'gte', '2026-08-05'), c('created_at', 'lt', '2026-08-21')] },
  { say: 'contacts with 2 calls in the last 30 days and a meeting in the last 90', rules: [counted('activities', 'eq', 2, c('type', 'eq', 'call'), c('occurred_at', 'within_last', days(30))), has('activities', c('type', 'eq', 'meeting'), c('occurred_at', 'within_last', days(90)))], assume: ['the unit said before it'] },
  // "unless that deal …" is the same deal; "across September and October"; "campaign emails"; "a deal with us".
  { say: 'contacts with a deal over 20k, unless that deal was lost', rules: has('deals', c('amount', 'gt', 20000), c('stage', 'neq', 'closed_lost')), assume: ['the same deal'] },
  { say: 'contacts who clicked 2 or more campaign emails across August and September', rules: counted('email_events', 'gte', 2, c('type', 'eq', 'clicked'), c('occurred_at', 'gte', '2026-08-01'), c('occurred_at', 'lt', '2026-10-01')) },
  { say: 'customers who won a deal with us in 2025', rules: [c('lifecycle_stage', 'eq', 'customer'), has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2025-01-01'), c('closed_at', 'lt', '2026-01-01'))], assume: ['lifecycle stage customer'] },
  // "didn't buy" is no won deal (said); "haven't heard from" is no inbound activity (said).
  { say: 'partners who never bought', rules: [c('tags', 'eq', 'partner'), hasNo('deals', c('stage', 'eq', 'closed_won'))], assume: ['a won deal'] },
  { say: "contacts we haven't heard from since August", rules: hasNo('activities', c('direction', 'eq', 'inbound'), c('occurred_at', 'gte', '2026-08-01')), assume: ['(inbound)'] },
  // A sentence after the audience that still says who ("they must have opened …", "they are the ones who …") is read, not set aside.
  { say: 'leads in Spain, they are the ones who clicked Spring Sale', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'ES'), engaged('clicked', 'any', { ids: ['Spring Sale'] })], assume: ["contact's country"] },
  // "won business" is won deals; "scored on exactly one product" counts the scores; a segment's one word after "minus".
  { say: 'leads with closed-won business in 2026', rules: [c('lifecycle_stage', 'eq', 'lead'), has('deals', c('stage', 'eq', 'closed_won'), c('closed_at', 'gte', '2026-01-01'), c('closed_at', 'lt', '2027-01-01'))] },
  { say: 'customers scored on exactly two products', rules: [c('lifecycle_stage', 'eq', 'customer'), counted('fit_scores', 'eq', 2)], assume: ['lifecycle stage customer'] },
  { say: 'partners minus cooldown', rules: [c('tags', 'eq', 'partner'), { type: 'group', op: 'and', negate: true, children: [{ type: 'segment', operator: 'in', segment: 'Cooldown — Mar 2026' }] }], assume: ['segment "Cooldown — Mar 2026"'] },
  // ", and also every partner": a second audience; "creatd" of a deal; meeting notes are notes.
  { say: 'vips in France, and also every partner', rules: [or(and(c('tags', 'eq', 'vip'), c('country', 'eq', 'FR')), c('tags', 'eq', 'partner'))], assume: ["contact's country"] },
  { say: 'contacts without a deal creatd this year', rules: hasNo('deals', c('created_at', 'gte', '2026-01-01')), assume: ['"creatd"'] },
  { say: 'customers with meeting notes since September', rules: [c('lifecycle_stage', 'eq', 'customer'), has('activities', c('type', 'eq', 'note'), c('occurred_at', 'gte', '2026-09-01'))], assume: ['lifecycle stage customer'] },
  // An upper bound counts contacts with none (said); "recent campaigns" without a number is the last 3 (said).
  { say: 'leads with no more than one meeting', rules: [c('lifecycle_stage', 'eq', 'lead'), counted('activities', 'lte', 1, c('type', 'eq', 'meeting'))], assume: ['including contacts with none'] },
  { say: 'customers who clicked our recent emails', rules: [c('lifecycle_stage', 'eq', 'customer'), engaged('clicked', 'all', { last: 3 })], assume: ['lifecycle stage customer', 'the last 3 campaigns'] },
];
