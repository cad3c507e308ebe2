import { and, c, counted, days, engaged, has, hasNo, months, not, type Row } from '../build.js';

/** Email engagement: named campaigns, the last N, any/all/none, it/them, time windows. */
export const email: Row[] = [
  { say: 'contacts who opened Spring Sale', rules: engaged('opened', 'any', { ids: ['Spring Sale'] }) },
  { say: 'opened the Spring Sale campaign', rules: engaged('opened', 'any', { ids: ['Spring Sale'] }) },
  { say: 'clicked campaign Year in Review', rules: engaged('clicked', 'any', { ids: ['Year in Review'] }) },
  { say: 'people who clicked Black Friday Teaser', rules: engaged('clicked', 'any', { ids: ['Black Friday Teaser'] }) },
  { say: 'opened the Webinar Invite email', rules: engaged('opened', 'any', { ids: ['Webinar Invite'] }) },
  { say: 'never opened any campaign', rules: engaged('opened', 'none') },
  { say: 'contacts who have never opened an email', rules: engaged('opened', 'none') },
  { say: 'opened each of our last 3 campaigns', rules: engaged('opened', 'all', { last: 3 }) },
  { say: 'opened our last 3 campaigns', rules: engaged('opened', 'all', { last: 3 }), assume: ['each of'] },
  { say: 'opened all of the last three campaigns', rules: engaged('opened', 'all', { last: 3 }) },
  { say: 'opened any of the last 5 campaigns', rules: engaged('opened', 'any', { last: 5 }) },
  { say: 'opened at least one of the last 5 campaigns', rules: engaged('opened', 'any', { last: 5 }) },
  { say: 'opened none of the last 3 campaigns', rules: engaged('opened', 'none', { last: 3 }) },
  { say: 'did not open any of our last 2 campaigns', rules: engaged('opened', 'none', { last: 2 }) },
  { say: 'opened the last campaign', rules: engaged('opened', 'all', { last: 1 }) },
  { say: 'clicked every campaign', rules: engaged('clicked', 'all') },
  {
    say: 'opened Spring Sale but did not click it',
    rules: [engaged('opened', 'any', { ids: ['Spring Sale'] }), engaged('clicked', 'none', { ids: ['Spring Sale'] })],
  },
  {
    say: "opened Summer Promo but didn't click",
    rules: [engaged('opened', 'any', { ids: ['Summer Promo'] }), engaged('clicked', 'none', { ids: ['Summer Promo'] })],
  },
  { say: 'clicked Spring Sale or Summer Promo', rules: engaged('clicked', 'any', { ids: ['Spring Sale', 'Summer Promo'] }) },
  { say: 'opened both Spring Sale and Summer Promo', rules: engaged('opened', 'all', { ids: ['Spring Sale', 'Summer Promo'] }) },
  {
    say: 'opened Spring Sale and clicked Year in Review',
    rules: and(engaged('opened', 'any', { ids: ['Spring Sale'] }), engaged('clicked', 'any', { ids: ['Year in Review'] })),
  },
  { say: 'received the Year in Review campaign', rules: engaged('delivered', 'any', { ids: ['Year in Review'] }) },
  { say: 'unsubscribed from Black Friday Teaser', rules: engaged('unsubscribed', 'any', { ids: ['Black Friday Teaser'] }) },
  { say: 'clicked an email in the last 30 days', rules: has('email_events', c('type', 'eq', 'clicked'), c('occurred_at', 'within_last', days(30))) },
  { say: 'opened any campaign in the past 2 months', rules: has('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'within_last', months(2))) },
  {
    say: "haven't opened an email since 2026-09-01",
    rules: not(has('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'gte', '2026-09-01'))),
  },
  { say: 'opened more than 5 emails', rules: counted('email_events', 'gt', 5, c('type', 'eq', 'opened')) },
  {
    say: 'opened the last 3 campaigns but clicked none of them',
    rules: [engaged('opened', 'all', { last: 3 }), engaged('clicked', 'none', { last: 3 })],
  },
  {
    say: 'customers who clicked the Autumn Offer campaign but not Case Study',
    rules: [c('lifecycle_stage', 'eq', 'customer'), engaged('clicked', 'any', { ids: ['Autumn Offer'] }), engaged('clicked', 'none', { ids: ['Case Study'] })],
  },
  { say: "contacts who haven't clicked anything in 90 days", rules: not(has('email_events', c('type', 'eq', 'clicked'), c('occurred_at', 'within_last', days(90)))) },
  { say: 'opened something since September', rules: has('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'gte', '2026-09-01')) },
  // Two words of one campaign's name are enough; "the newsletter" names none, so it is any campaign, said.
  { say: 'contacts who clicked Black Friday', rules: engaged('clicked', 'any', { ids: ['Black Friday Teaser'] }), assume: ['"Black Friday"'] },
  { say: 'contacts who received the newsletter', rules: engaged('delivered', 'any'), assume: ['"newsletter"'] },
  { say: 'leads we emailed the Case Study to', rules: [c('lifecycle_stage', 'eq', 'lead'), engaged('delivered', 'any', { ids: ['Case Study'] })] },
  // "N of the last M": a count of events on those campaigns (fixed as of the clock, said); all or one of them is "each" / "any".
  { say: 'contacts who clicked 2 of the last 4 campaigns', rules: counted('email_events', 'gte', 2, c('type', 'eq', 'clicked'), c('campaign', 'in', ['Year in Review', 'Black Friday Teaser', 'Autumn Offer', 'Back to Work'])), assume: ['as of today'] },
  { say: 'contacts who opened all 2 of the last 2 campaigns', rules: engaged('opened', 'all', { last: 2 }) },
  // "openers of X", "recipients of X": the people who did it.
  { say: 'openers of the Webinar Invite in France', rules: [engaged('opened', 'any', { ids: ['Webinar Invite'] }), c('country', 'eq', 'FR')] },
  { say: 'non-clickers of Spring Sale', rules: not(engaged('clicked', 'any', { ids: ['Spring Sale'] })) },
  // "twice" alone is at least twice, said.
  { say: 'contacts who opened twice since August', rules: counted('email_events', 'gte', 2, c('type', 'eq', 'opened'), c('occurred_at', 'gte', '2026-08-01')), assume: ['at least 2'] },
  // "all N of our most recent campaigns": each of the last N.
  { say: 'leads who clicked all two of our latest campaigns', rules: [c('lifecycle_stage', 'eq', 'lead'), engaged('clicked', 'all', { last: 2 })] },
  // The event on the campaign it followed.
  { say: 'contacts who unsubscribed after we emailed them the Autumn Offer', rules: engaged('unsubscribed', 'any', { ids: ['Autumn Offer'] }) },
  { say: 'contacts who clicked after receiving the Spring Sale', rules: engaged('clicked', 'any', { ids: ['Spring Sale'] }) },
  // An article before a campaign's name; the last N with no noun.
  { say: 'opened a Feature Digest', rules: engaged('opened', 'any', { ids: ['Feature Digest Jan', 'Feature Digest Jul'] }) },
  { say: "didn't open any of the last 4", rules: engaged('opened', 'none', { last: 4 }), assume: ['the last 4 campaigns'] },
  // "from the last 5": one of them, not each.
  { say: 'clickers from the last 5 sends', rules: engaged('clicked', 'any', { last: 5 }) },
  { say: 'openers from our last 3 campaigns', rules: engaged('opened', 'any', { last: 3 }) },
  // A clause in parentheses that says a value again of another field says what the words before meant.
  { say: 'hard bounces (email status bounced)', rules: c('email_status', 'eq', 'bounced'), assume: ['in parentheses'] },
  // "in that time" after a counted relation said by the email clause.
  { say: "opened at least 2 emails since September but haven't clicked anything in that time", rules: [counted('email_events', 'gte', 2, c('type', 'eq', 'opened'), c('occurred_at', 'gte', '2026-09-01')), hasNo('email_events', c('type', 'eq', 'clicked'), c('occurred_at', 'gte', '2026-09-01'))], assume: ['same time window'] },
  // A window right after the verb is no preposition before campaigns; "in at least 3" is how many.
  { say: 'contacts who opened in the last 30 days', rules: has('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'within_last', days(30))) },
  { say: 'contacts who clicked recently', rules: has('email_events', c('type', 'eq', 'clicked'), c('occurred_at', 'within_last', days(30))), assume: ['last 30 days'] },
  { say: 'contacts who clicked in at least 3 campaigns', rules: counted('email_events', 'gte', 3, c('type', 'eq', 'clicked')) },
  // "N of our M most recent campaigns": the M as of the clock, said.
  { say: 'contacts who opened at least 2 of our 3 most recent campaigns', rules: counted('email_events', 'gte', 2, c('type', 'eq', 'opened'), c('campaign', 'in', ['Year in Review', 'Black Friday Teaser', 'Autumn Offer'])), assume: ['as of today'] },
  { say: "leads who didn't open even one of the last 3 campaigns", rules: [c('lifecycle_stage', 'eq', 'lead'), engaged('opened', 'none', { last: 3 })] },
  // The campaigns sent in a window, by name (said).
  { say: 'contacts who clicked every campaign we sent in Q3', rules: engaged('clicked', 'all', { ids: ['Back to Work', 'Autumn Offer', 'Black Friday Teaser'] }), assume: ['"Back to Work"'] },
  // "every campaign since July": each of the campaigns sent in that window, by name (said) — not any open since then.
  { say: 'contacts who opened every campaign since july', rules: engaged('opened', 'all', { ids: ['Back to Work', 'Autumn Offer', 'Black Friday Teaser', 'Year in Review'] }), assume: ['"every campaign since july" as the campaigns'] },
  { say: 'contacts who opened all of our campaigns in the last 90 days', rules: engaged('opened', 'all', { ids: ['Autumn Offer', 'Black Friday Teaser', 'Year in Review'] }), assume: ['as the campaigns'] },
  { say: 'contacts who opened any campaign since july', rules: has('email_events', c('type', 'eq', 'opened'), c('occurred_at', 'gte', '2026-07-01')) },
];
