// Vocabulary and distributions of the synthetic tenant: what gets drawn, and how often.
import type { ACTIVITY_TYPES, DEAL_STAGES, EMAIL_STATUSES, LIFECYCLE_STAGES } from '../rules/crm.js';
import { type Weighted, weighted } from './random.js';

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type DealStage = (typeof DEAL_STAGES)[number];
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const DAY = 86_400_000;
export const MINUTE = 60_000;

/** Weight, phone prefix and the languages spoken (repeated = more likely). */
export const COUNTRIES: Record<string, { weight: number; dial: string; languages: string[] }> = {
  US: { weight: 30, dial: '1', languages: ['en'] },
  GB: { weight: 11, dial: '44', languages: ['en'] },
  DE: { weight: 10, dial: '49', languages: ['de'] },
  FR: { weight: 8, dial: '33', languages: ['fr'] },
  CA: { weight: 7, dial: '1', languages: ['en', 'en', 'en', 'fr'] },
  NL: { weight: 6, dial: '31', languages: ['nl'] },
  ES: { weight: 5, dial: '34', languages: ['es'] },
  IT: { weight: 5, dial: '39', languages: ['it'] },
  BR: { weight: 5, dial: '55', languages: ['pt'] },
  AU: { weight: 5, dial: '61', languages: ['en'] },
  JP: { weight: 4, dial: '81', languages: ['ja'] },
  VN: { weight: 2, dial: '84', languages: ['vi'] },
};
export const COUNTRY = weighted(Object.fromEntries(Object.entries(COUNTRIES).map(([code, c]) => [code, c.weight])));

export const INDUSTRY = weighted({
  Software: 20,
  Healthcare: 14,
  Finance: 13,
  Retail: 13,
  Manufacturing: 12,
  Education: 10,
  Media: 9,
  Logistics: 9,
});
export const COMPANY_SUFFIX: Record<string, string> = {
  Software: 'Labs',
  Healthcare: 'Health',
  Finance: 'Capital',
  Retail: 'Goods',
  Manufacturing: 'Works',
  Education: 'Academy',
  Media: 'Media',
  Logistics: 'Freight',
};

export const FIRST_NAMES = [
  ...['Alice', 'Bruno', 'Chloé', 'Daniel', 'Emma', 'Felix', 'Giulia', 'Hiro', 'Inès', 'Jonas', 'Kara', 'Liam', 'Mai'],
  ...['Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yann', 'Zoe'],
];
export const LAST_NAMES = [
  ...['Smith', 'Müller', 'Dubois', 'Rossi', 'García', 'Silva', 'Tanaka', 'Nguyen', 'de Vries', 'Kowalski', 'Brown', 'Schmidt'],
  ...['Martin', 'Bianchi', 'López', 'Santos', 'Sato', 'Pham', 'Jansen', "O'Brien", 'Wilson', 'Fischer', 'Moreau', 'Ricci'],
];
/** Names as they appear in e-mail addresses: ASCII letters only. */
export const asciiLower = (name: string) => name.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();
export const FREE_MAIL_DOMAINS = ['mail.example', 'inbox.example', 'post.example'];

export const LIFECYCLE = weighted({
  lead: 35,
  marketing_qualified: 20,
  sales_qualified: 12,
  opportunity: 10,
  customer: 18,
  churned: 5,
} satisfies Record<LifecycleStage, number>);
export const EMAIL_STATUS = weighted({
  subscribed: 84,
  unsubscribed: 7,
  bounced: 3,
  suppressed: 6,
} satisfies Record<EmailStatus, number>);
export const TAG = weighted({
  newsletter: 30,
  trial: 15,
  'webinar-2026': 12,
  'hot-lead': 10,
  'beta-tester': 8,
  vip: 6,
  partner: 5,
  'do-not-call': 4,
});
export const TAG_COUNT = weighted({ '0': 40, '1': 33, '2': 19, '3': 8 });
export const PLAN = weighted({ free: 40, starter: 30, pro: 20, enterprise: 10 });
export const SOURCE = weighted({ organic: 30, ads: 25, referral: 20, webinar: 15, event: 10 });

export const USERS = [
  { id: 'usr_s01', name: 'Alice Admin', role: 'admin', ownerWeight: 25 },
  { id: 'usr_s02', name: 'Eddie Editor', role: 'editor', ownerWeight: 30 },
  { id: 'usr_s03', name: 'Sara Sales', role: 'editor', ownerWeight: 33 },
  { id: 'usr_s04', name: 'Victor Viewer', role: 'viewer', ownerWeight: 0 },
] as const;
export const UNOWNED = '';
export const OWNER = weighted({ [UNOWNED]: 12, ...Object.fromEntries(USERS.map((u) => [u.id, u.ownerWeight])) });

/** Contacts are created over the 2.5 years before asOf, more of them recently (a growing business). */
export const CONTACT_HISTORY_DAYS = 912;
export const ACTIVITY_WINDOW_DAYS = 548;
/** Mean deals and activities per contact by stage: ≈0.45 deals and ≈3 activities overall. */
export const DEALS_PER_CONTACT = {
  lead: 0.1,
  marketing_qualified: 0.2,
  sales_qualified: 0.5,
  opportunity: 1,
  customer: 1,
  churned: 0.6,
} satisfies Record<LifecycleStage, number>;
export const ACTIVITIES_PER_CONTACT = {
  lead: 2,
  marketing_qualified: 2.5,
  sales_qualified: 3.5,
  opportunity: 4.5,
  customer: 4,
  churned: 3,
} satisfies Record<LifecycleStage, number>;
/** Weights of prospecting, qualification, proposal, negotiation, closed_won, closed_lost. */
function dealStages(...w: [number, number, number, number, number, number]): Weighted<DealStage> {
  const [prospecting, qualification, proposal, negotiation, closed_won, closed_lost] = w;
  const weights = { prospecting, qualification, proposal, negotiation, closed_won, closed_lost };
  return weighted(weights satisfies Record<DealStage, number>);
}
/** Customers mostly have won deals, churned ones lost deals, earlier stages open ones. */
export const DEAL_STAGE_BY_LIFECYCLE = {
  lead: dealStages(30, 25, 15, 10, 5, 15),
  marketing_qualified: dealStages(30, 25, 15, 10, 5, 15),
  sales_qualified: dealStages(30, 25, 15, 10, 5, 15),
  opportunity: dealStages(10, 20, 30, 25, 5, 10),
  customer: dealStages(5, 5, 10, 10, 55, 15),
  churned: dealStages(5, 5, 5, 5, 30, 50),
} satisfies Record<LifecycleStage, Weighted<DealStage>>;
export const DEAL_PRODUCTS = ['CRM', 'Analytics', 'Payments'];
export const DEAL_KINDS = ['pilot', 'expansion', 'renewal', 'new business'];
export const ACTIVITY_TYPE = weighted({ email: 40, call: 25, meeting: 15, note: 20 } satisfies Record<ActivityType, number>);
export const INBOUND_SHARE = { email: 0.45, call: 0.3, meeting: 0.5, note: 0.2 } satisfies Record<ActivityType, number>;

export const CAMPAIGN_NAMES = [
  ...['Winter Kickoff', 'Feature Digest Jan', 'Spring Sale', 'Webinar Invite', 'Product Launch', 'Summer Promo'],
  ...['Case Study', 'Feature Digest Jul', 'Back to Work', 'Autumn Offer', 'Black Friday Teaser', 'Year in Review'],
];
export const CAMPAIGN_SPACING_DAYS = 25;
/** Share of eligible contacts a campaign goes to, and of deliveries opened / opens clicked. */
export const AUDIENCE_SHARE = 0.75;
export const OPEN_SHARE = 0.45;
export const CLICK_SHARE = 0.35;

export const FIT_PRODUCTS = ['crm', 'analytics', 'payments'];
export const FIT_SCORE_SHARE = 0.6;

export const SEGMENTS = [
  { id: 'seg_s1', title: 'Cooldown list', ageDays: 240, share: 0.05 },
  { id: 'seg_s2', title: 'Q1 batch', ageDays: 200, share: 0.1 },
  { id: 'seg_s3', title: 'Already ran campaign Spring Sale', ageDays: 150, share: 0.2 },
];
