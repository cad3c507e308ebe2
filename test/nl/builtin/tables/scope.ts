import { and, c, engaged, has, hasNo, inSegment, not, notInSegment, OPEN, or, type Row } from '../build.js';

// Sentence structures and the tree each must produce: the scope of negation and coordination, as
// its own table (issue 14). Short clauses on purpose, so a failure is the structure, not the words.
const vip = c('tags', 'eq', 'vip');
const partner = c('tags', 'eq', 'partner');
const trial = c('tags', 'eq', 'trial');
const customer = c('lifecycle_stage', 'eq', 'customer');
const lead = c('lifecycle_stage', 'eq', 'lead');
const churned = c('lifecycle_stage', 'eq', 'churned');
const de = c('country', 'eq', 'DE');
const es = c('country', 'eq', 'ES');
const it = c('country', 'eq', 'IT');
const fr = c('country', 'eq', 'FR');
const pro = c('properties.plan', 'eq', 'pro');
const spring = engaged('opened', 'any', { ids: ['Spring Sale'] });
const summer = engaged('opened', 'any', { ids: ['Summer Promo'] });
const q1 = inSegment('Q1 batch');

export const scope: Row[] = [
  // except / excluding lists: each exception is excluded on its own.
  { say: 'everyone except churned contacts and except the Q1 batch segment', rules: and(not(churned), notInSegment('Q1 batch')) },
  { say: 'contacts in Italy, excluding vip and excluding partners', rules: and(it, not(vip), not(partner)) },
  { say: 'contacts in Italy excluding vip and partners', rules: and(it, c('tags', 'not_in', ['vip', 'partner'])) },
  { say: 'customers except vip contacts and except those in Germany', rules: and(customer, not(vip), not(de)) },
  { say: 'leads, except vip, except partners', rules: and(lead, not(vip), not(partner)) },
  { say: 'customers except churned ones and the Q1 batch segment', rules: and(customer, not(or(churned, q1))) },
  { say: 'everyone except leads in Germany', rules: not(and(lead, de)) },
  { say: 'customers other than those in Spain', rules: and(customer, not(es)) },
  { say: 'leads apart from partners', rules: and(lead, not(partner)) },
  { say: 'customers with the exception of vip contacts', rules: and(customer, not(vip)) },
  { say: 'customers excluding vip contacts in Germany', rules: and(customer, not(and(vip, de))) },
  { say: 'contacts in Spain excluding partners, and excluding trial users', rules: and(es, not(partner), not(trial)) },
  // unless
  { say: 'vip contacts unless they are churned', rules: and(vip, not(churned)) },
  { say: 'customers in Germany unless tagged partner', rules: and(customer, de, not(partner)) },
  // neither / nor
  { say: 'contacts who are neither vip nor partner', rules: c('tags', 'not_in', ['vip', 'partner']) },
  { say: 'customers neither in Germany nor in France', rules: and(customer, not(de), not(fr)) },
  { say: 'leads that are neither tagged vip nor in Spain', rules: and(lead, not(vip), not(es)) },
  { say: 'contacts that are not vip and not partner', rules: and(not(vip), not(partner)) },
  // but not
  { say: 'customers but not vip', rules: and(customer, not(vip)) },
  { say: 'leads in Spain but not partners', rules: and(lead, es, not(partner)) },
  { say: 'vip contacts but not in Germany or France', rules: and(vip, c('country', 'not_in', ['DE', 'FR'])) },
  { say: 'customers who opened Spring Sale but not Summer Promo', rules: and(customer, spring, engaged('opened', 'none', { ids: ['Summer Promo'] })) },
  // or / and precedence
  { say: 'contacts who opened Spring Sale, or who are tagged vip and live in Spain', rules: or(spring, and(vip, es)) },
  { say: 'vip contacts, or partners who live in Spain', rules: or(vip, and(partner, es)) },
  { say: 'vip or partners, and in Spain', rules: and(c('tags', 'in', ['vip', 'partner']), es) },
  { say: 'customers in Germany or leads in Spain', rules: or(and(customer, de), and(lead, es)) },
  { say: 'customers in Germany, or leads in Spain, or partners', rules: or(and(customer, de), and(lead, es), partner) },
  { say: 'customers or leads, and tagged vip', rules: and(c('lifecycle_stage', 'in', ['customer', 'lead']), vip) },
  { say: 'opened Spring Sale or Summer Promo and tagged vip', rules: and(engaged('opened', 'any', { ids: ['Spring Sale', 'Summer Promo'] }), vip) },
  { say: 'opened Spring Sale or opened Summer Promo, and are tagged vip', rules: and(or(spring, summer), vip) },
  { say: 'tagged vip and opened Spring Sale, or tagged partner', rules: or(and(vip, spring), partner) },
  { say: 'tagged vip and in Germany or tagged partner and in Spain', rules: or(and(vip, de), and(partner, es)) },
  { say: 'customers in Spain and Italy', rules: and(customer, c('country', 'in', ['ES', 'IT'])), assume: ['any of these countries'] },
  { say: 'vip and partner contacts', rules: and(vip, partner) },
  { say: 'contacts tagged vip or partner in Germany', rules: and(c('tags', 'in', ['vip', 'partner']), de) },
  // parentheses
  { say: '(vip or partner) and in Spain', rules: and(c('tags', 'in', ['vip', 'partner']), es) },
  { say: 'vip or (partner and in Spain)', rules: or(vip, and(partner, es)) },
  { say: 'customers and (in Germany or on the pro plan)', rules: and(customer, or(de, pro)) },
  { say: 'not (customers in Germany)', rules: not(and(customer, de)) },
  { say: '(leads in Spain) or (customers in Italy) but not vip', rules: and(or(and(lead, es), and(customer, it)), not(vip)) },
  { say: '((vip or partner) and in Spain) or churned', rules: or(and(c('tags', 'in', ['vip', 'partner']), es), churned) },
  // negation scope
  { say: 'not vip and in Germany', rules: and(not(vip), de) },
  { say: 'customers not in Germany and not tagged vip', rules: and(customer, not(de), not(vip)) },
  { say: 'leads without a deal', rules: and(lead, hasNo('deals')) },
  { say: 'customers without an open deal or a phone', rules: and(customer, hasNo('deals', OPEN), c('phone', 'is_null')) },
  { say: 'vip contacts who have not opened Spring Sale', rules: and(vip, engaged('opened', 'none', { ids: ['Spring Sale'] })) },
  { say: 'customers who never opened Spring Sale and are not churned', rules: and(customer, engaged('opened', 'none', { ids: ['Spring Sale'] }), not(churned)) },
  { say: 'opened Spring Sale or Summer Promo and are not churned', rules: and(engaged('opened', 'any', { ids: ['Spring Sale', 'Summer Promo'] }), not(churned)) },
  { say: 'contacts not in the Q1 batch segment', rules: notInSegment('Q1 batch') },
  { say: 'no longer customers', rules: not(customer) },
  { say: 'not in Spain, Italy or France', rules: c('country', 'not_in', ['ES', 'IT', 'FR']) },
  // relative clauses: the head applies to everything after
  { say: 'contacts in Germany who are vip or partners', rules: and(de, c('tags', 'in', ['vip', 'partner'])) },
  { say: 'leads who opened Spring Sale or are tagged vip', rules: and(lead, or(spring, vip)) },
  { say: 'customers in Spain who are not vip and have no deal', rules: and(customer, es, not(vip), hasNo('deals')) },
  { say: 'partners who opened Spring Sale, except those in Italy', rules: and(partner, spring, not(it)) },
  // trailing qualifiers
  { say: 'customers or leads in Germany', rules: and(c('lifecycle_stage', 'in', ['customer', 'lead']), de) },
  { say: 'vip or partner contacts in Spain on the pro plan', rules: and(c('tags', 'in', ['vip', 'partner']), es, pro) },
  { say: 'leads in Spain or with an open deal', rules: and(lead, or(es, has('deals', OPEN))) },
  { say: 'customers in Germany, all of them vip', rules: and(customer, de, vip) },
  // lists of values in one field
  { say: 'customers in Germany, France or Spain', rules: and(customer, c('country', 'in', ['DE', 'FR', 'ES'])) },
  { say: 'tagged vip, partner or trial', rules: c('tags', 'in', ['vip', 'partner', 'trial']) },
  { say: 'tagged vip and partner', rules: and(vip, partner) },
  { say: 'leads and customers in Spain', rules: and(c('lifecycle_stage', 'in', ['lead', 'customer']), es), assume: ['any of them'] },
  { say: 'either customers in Spain or leads in Italy', rules: or(and(customer, es), and(lead, it)) },
  // Two audiences joined by "and" (each with its own stage) are a union; so is ", plus" after an or-list.
  { say: 'customers in Spain and leads in Germany', rules: or(and(customer, es), and(lead, de)) },
  { say: 'customers tagged vip or partner, plus all churned contacts', rules: or(and(customer, c('tags', 'in', ['vip', 'partner'])), churned) },
  { say: 'vip and partner customers', rules: and(vip, partner, customer) },
  // A trailing "or no X at all" is one more alternative on the phrase before it, not the whole audience.
  // "ignore / skip the ones that …" leaves them out, like "except".
  { say: 'customers in Spain, ignoring vips', rules: and(customer, es, not(vip)) },
  { say: 'leads - skip anyone tagged partner', rules: and(lead, not(partner)) },
  // A bare plural row noun after "or" shares the "no" (neither); an article starts a positive alternative.
  { say: 'leads with no deals or meetings', rules: and(lead, hasNo('deals'), hasNo('activities', c('type', 'eq', 'meeting'))) },
  { say: 'customers without calls or deals', rules: and(customer, hasNo('activities', c('type', 'eq', 'call')), hasNo('deals')) },
  { say: 'customers with an open deal or no deal at all', rules: and(customer, or(has('deals', OPEN), hasNo('deals'))) },
  { say: 'leads in Spain or without a phone', rules: and(lead, or(es, c('phone', 'is_null'))) },
  // "with A or a B": a noun phrase after "or" is one more thing the head has, with or without a head noun.
  { say: 'contacts in Spain with an open deal or a phone number', rules: and(es, or(has('deals', OPEN), c('phone', 'is_not_null'))) },
  { say: 'customers with an open deal or a phone number', rules: and(customer, or(has('deals', OPEN), c('phone', 'is_not_null'))) },
  // … but after ", or" it is a new alternative.
  { say: 'customers with an open deal, or a partner', rules: or(and(customer, has('deals', OPEN)), partner) },
  // A phrase after a comma at the end qualifies every alternative before it.
  { say: 'vip contacts or customers, in Italy', rules: and(or(vip, customer), it) },
  { say: 'customers in Spain or leads in Italy, with an open deal', rules: and(or(and(customer, es), and(lead, it)), has('deals', OPEN)) },
  // "and also everyone …" adds a second audience.
  { say: 'leads, and also everyone tagged vip in Spain', rules: or(lead, and(vip, es)) },
  // A comma list ending in "or" inside an exception: each is left out.
  { say: 'contacts in Spain, leaving out anyone who is a partner, a customer or in the Q1 batch segment', rules: and(es, not(or(partner, customer, q1))) },
  // "everybody but …" is an exception.
  { say: 'everybody but churned contacts and leads', rules: not(or(churned, lead)) },
  // "… but not both" at the end: the alternatives before it, exclusive.
  { say: 'contacts who are either vip or partner but not both', rules: and(c('tags', 'in', ['vip', 'partner']), not(and(c('tags', 'eq', 'vip'), c('tags', 'eq', 'partner')))) },
  { say: 'contacts who opened Spring Sale or clicked Summer Promo, but not both', rules: and(or(engaged('opened', 'any', { ids: ['Spring Sale'] }), engaged('clicked', 'any', { ids: ['Summer Promo'] })), not(and(engaged('opened', 'any', { ids: ['Spring Sale'] }), engaged('clicked', 'any', { ids: ['Summer Promo'] })))) },
  { say: 'leads who opened Spring Sale or Summer Promo but not both', rules: [c('lifecycle_stage', 'eq', 'lead'), engaged('opened', 'any', { ids: ['Spring Sale', 'Summer Promo'] }), not(engaged('opened', 'all', { ids: ['Spring Sale', 'Summer Promo'] }))] },
  { say: 'customers in Spain or Italy but not both', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', ['ES', 'IT'])] },
  // "but the ones / those …" and "all contacts but …" are exceptions too (was read as the exception itself).
  { say: 'all contacts but the ones in Spain', rules: not(es) },
  { say: 'customers but those tagged vip', rules: and(customer, not(vip)) },
  // "with either A or a B" keeps both on the head (was (head AND A) OR B, silently).
  { say: 'customers with either an open deal or a phone number', rules: and(customer, or(has('deals', OPEN), c('phone', 'is_not_null'))) },
  // "and anyone …" inside an exception is one more to leave out, not a second audience (was OR-ed in, silently).
  { say: 'customers excluding vips and anyone in the Q1 batch segment', rules: and(customer, not(or(vip, q1))) },
  // Two groups of people by plural nouns of different fields are either group, said (both at once is the other reading).
  { say: 'customers and partners in Italy', rules: and(or(customer, partner), it), assume: ['either group'] },
  { say: 'vip customers and partners', rules: or(and(vip, customer), partner), assume: ['two groups'] },
  // "neither A in X nor B in Y": each side whole (was NOT A AND X AND NOT B AND Y, silently).
  { say: 'neither customers in Spain nor leads in Italy', rules: and(not(and(customer, es)), not(and(lead, it))) },
  // ", or" and a new noun for people ends a relative clause.
  { say: 'customers who are vip, or partners in Spain', rules: or(and(customer, vip), and(partner, es)) },
  // "A, B or C": a serial list of alternatives, also when the last two are one field's values (one clause).
  { say: 'contacts who are churned, trial or partner', rules: or(churned, c('tags', 'in', ['trial', 'partner'])) },
  { say: 'leads, vips or partners', rules: or(lead, c('tags', 'in', ['vip', 'partner'])) },
  { say: 'everyone in Italy apart from churned, bounced or unsubscribed ones', rules: and(it, not(or(churned, c('email_status', 'in', ['bounced', 'unsubscribed'])))) },
  { say: 'churned, vip or partner contacts in Spain', rules: and(or(churned, c('tags', 'in', ['vip', 'partner'])), es) },
  { say: 'churned, trial or vip contacts from Germany', rules: and(or(churned, c('tags', 'in', ['trial', 'vip'])), de) },
  { say: 'leads who are vip, trial or in the Q1 batch', rules: and(lead, or(c('tags', 'in', ['vip', 'trial']), q1)) },
  // "but not those who …": what follows is left out, like "except".
  { say: 'leads but not those who opened Spring Sale or Summer Promo', rules: and(lead, not(engaged('opened', 'any', { ids: ['Spring Sale', 'Summer Promo'] }))) },
  { say: 'customers in Spain, but not the ones that are vip', rules: and(customer, es, not(vip)) },
  // Inside an exception, "and anyone who …" is one more to leave out.
  { say: 'customers other than partners, trials and anyone who is vip', rules: and(customer, not(or(c('tags', 'in', ['partner', 'trial']), vip))) },
  // ", all of them …" after alternatives: said of each.
  { say: 'vip leads, or customers tagged trial, all of them in Italy', rules: and(or(and(vip, lead), and(customer, trial)), it) },
  // A phrase before the comma qualifies the head; the list after it is one more qualifier.
  { say: 'customers in Germany, tagged vip or partner', rules: and(customer, de, c('tags', 'in', ['vip', 'partner'])) },
  { say: 'contacts on the pro plan, in France or Italy', rules: and(pro, c('country', 'in', ['FR', 'IT'])) },
  // "with A or with B" (the same preposition on both sides), "with no A or a B" ("no" is the first noun's own),
  // "with A or no A at all": one more phrase on the same head, even with another phrase before them.
  { say: 'contacts in Spain with no deal or with a lost deal', rules: and(c('country', 'eq', 'ES'), or(hasNo('deals'), has('deals', c('stage', 'eq', 'closed_lost')))) },
  { say: 'contacts in Spain with no deal or a lost deal', rules: and(c('country', 'eq', 'ES'), or(hasNo('deals'), has('deals', c('stage', 'eq', 'closed_lost')))) },
  { say: 'contacts in Spain with an open deal or no deal at all', rules: and(c('country', 'eq', 'ES'), or(has('deals', OPEN), hasNo('deals'))) },
  { say: 'contacts with a call in Spain or in France', rules: and(has('activities', c('type', 'eq', 'call')), or(c('country', 'eq', 'ES'), c('country', 'eq', 'FR'))) },
  { say: 'contacts without an open deal or a phone', rules: and(hasNo('deals', OPEN), c('phone', 'is_null')) },
  // "unless" after a negated condition lets those contacts back in: (NOT A) OR B.
  { say: "contacts who aren't unsubscribed, unless they're customers", rules: or(c('email_status', 'neq', 'unsubscribed'), c('lifecycle_stage', 'eq', 'customer')) },
  { say: 'leads not in Spain unless tagged vip', rules: [c('lifecycle_stage', 'eq', 'lead'), or(c('country', 'neq', 'ES'), c('tags', 'eq', 'vip'))] },
  // After a positive condition, "unless" excludes.
  { say: "everyone in Germany unless they've unsubscribed", rules: [c('country', 'eq', 'DE'), c('email_status', 'neq', 'unsubscribed')] },
  // Two participle phrases joined by "or" after the head they describe: head AND (A OR B).
  { say: 'vip contacts owned by Eddie or not assigned to anyone', rules: [c('tags', 'eq', 'vip'), or(c('owner', 'eq', 'Eddie Editor'), c('owner', 'is_null'))] },
  { say: 'customers owned by Sara or tagged vip', rules: [c('lifecycle_stage', 'eq', 'customer'), or(c('owner', 'eq', 'Sara Sales'), c('tags', 'eq', 'vip'))] },
  // Inside an exception, "and anyone whose …" is one more group left out, even with an "or" inside it.
  { say: 'everybody apart from Canadians and anyone whose email bounced or is suppressed', rules: not(or(c('country', 'eq', 'CA'), c('email_status', 'eq', 'bounced'), c('email_status', 'eq', 'suppressed'))), assume: ['Canada'] },
  // "drop anyone …", "never mind the ones …": leave them out.
  { say: 'churned contacts who clicked the Autumn Offer - drop anyone unsubscribed', rules: [c('lifecycle_stage', 'eq', 'churned'), engaged('clicked', 'any', { ids: ['Autumn Offer'] }), not(c('email_status', 'eq', 'unsubscribed'))] },
  // "but not the ones / those" + what is said of them (no "who"): all of it left out.
  { say: 'opportunities but not the ones owned by Eddie or in the Q1 batch', rules: [c('lifecycle_stage', 'eq', 'opportunity'), not(or(c('owner', 'eq', 'Eddie Editor'), inSegment('Q1 batch')))] },
  // "A, or B and C": after a comma, an "or" whose side goes on with "and" is its own alternative.
  { say: 'contacts in Canada, or in the US and on the free plan', rules: or(c('country', 'eq', 'CA'), and(c('country', 'eq', 'US'), c('properties.plan', 'eq', 'free'))), assume: ['not the company'] },
  // "or" and the same preposition again after a negation shares it: neither.
  { say: "leads that didn't come from webinar or from referral", rules: [c('lifecycle_stage', 'eq', 'lead'), c('source', 'neq', 'webinar'), c('source', 'neq', 'referral')] },
  { say: 'customers not in Spain or in Italy', rules: and(customer, not(es), not(it)) },
  // "unless" after a run of negated clauses readmits from all of them; "in which case keep them" says nothing more.
  { say: "customers who don't speak German and aren't owned by Eddie unless they are vip", rules: and(customer, or(and(not(c('language', 'eq', 'de')), not(c('owner', 'eq', 'Eddie Editor'))), vip)) },
  { say: 'leads not in Spain unless tagged partner, in which case keep them', rules: and(lead, or(not(es), c('tags', 'eq', 'partner'))), unrecognized: [', in which case keep them'] },
  // Formal and British exceptions: "save for", "bar the".
  { say: 'All customers, save for those owned by Eddie Editor', rules: [c('lifecycle_stage', 'eq', 'customer'), c('owner', 'neq', 'Eddie Editor')] },
  { say: 'everyone in the Q1 batch bar the partners', rules: [inSegment('Q1 batch'), c('tags', 'neq', 'partner')] },
  // "except A and (also / in any case) not B": the negation ends what is left out — both excluded, never NOT(A OR NOT B);
  // inside a relative clause it stays one group.
  { say: 'contacts except the ones in the cooldown list and not the unsubscribed', rules: and(notInSegment('Cooldown — Mar 2026'), c('email_status', 'neq', 'unsubscribed')) },
  { say: 'all the contacts except the ones in the cooldown list, and in any case not the unsubscribed', rules: and(notInSegment('Cooldown — Mar 2026'), c('email_status', 'neq', 'unsubscribed')) },
  { say: 'contacts except churned, and also not the unsubscribed', rules: and(c('lifecycle_stage', 'neq', 'churned'), c('email_status', 'neq', 'unsubscribed')) },
  { say: 'contacts except those who are churned and not subscribed', rules: not(c('lifecycle_stage', 'eq', 'churned'), c('email_status', 'neq', 'subscribed')) },
  // "in no case", "under no circumstances": a negation; "lack" is one too ("don't lack a phone": they have one).
  { say: 'customers in Canada, and in no case anyone who unsubscribed', rules: and(customer, c('country', 'eq', 'CA'), c('email_status', 'neq', 'unsubscribed')) },
  { say: "all contacts that don't lack a phone number", rules: c('phone', 'is_not_null') },
  { say: 'leads who lack an owner', rules: and(lead, c('owner', 'is_null')) },
];
