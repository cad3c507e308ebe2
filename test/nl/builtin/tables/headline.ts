import { c, days, engaged, hasNo, type Row } from '../build.js';

const lastThreeNoRecentDeal = [engaged('opened', 'all', { last: 3 }), hasNo('deals', c('created_at', 'within_last', days(90)))];

/** The product's headline example and natural rewordings of it. */
export const headline: Row[] = [
  {
    say: 'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days',
    rules: [c('properties.plan', 'eq', 'enterprise'), c('country', 'eq', 'DE'), ...lastThreeNoRecentDeal],
    assume: ['plan = enterprise', "contact's country", 'each of'],
  },
  {
    say: 'Enterprise-plan contacts in Germany who opened each of our last three campaigns and have no deals created in the past 90 days',
    rules: [c('properties.plan', 'eq', 'enterprise'), c('country', 'eq', 'DE'), ...lastThreeNoRecentDeal],
  },
  {
    say: 'German enterprise accounts who opened the last 3 campaigns, without a deal created in the last 90 days',
    rules: [c('properties.plan', 'eq', 'enterprise'), c('country', 'eq', 'DE'), ...lastThreeNoRecentDeal],
  },
];
