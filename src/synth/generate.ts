// A synthetic CRM tenant at benchmark scale (10k … 1M+ contacts), shaped like the demo fixture
// (fixtures/FIXTURE.md) but with skewed, realistic distributions.
//
// Everything is a pure function of the seed: contact n, and each child table of contact n, draws
// from its own PRNG stream, so the data does not depend on chunk size or load order. Rows are
// streamed into PostgreSQL with COPY one chunk of contacts at a time, so memory stays flat however
// many contacts are asked for.
//
// The previous tenant is deleted first (see removeOrg), then the new one is loaded in one transaction:
// a failed load leaves no half-loaded tenant behind, and re-running starts over.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Sql } from '../db/client.js';
import {
  activities,
  type ACTIVITY_TYPES,
  campaigns,
  companies,
  contacts,
  type DEAL_STAGES,
  deals,
  type EMAIL_STATUSES,
  emailEvents,
  fitScores,
  type LIFECYCLE_STAGES,
  orgs,
  segmentMembers,
  segments,
  users,
} from '../db/schema.js';
import { slugify } from '../lib/slug.js';

export const SYNTHETIC_ORG_ID = 'org_synth';
/** The demo fixture's clock, so that relative-date segments mean the same on both data sets. */
export const SYNTHETIC_AS_OF = new Date('2026-11-01T00:00:00Z');
/** Org names start with this; it is how the generator knows an org is its own to replace. */
const ORG_NAME_PREFIX = 'Synthetic';

export interface SyntheticOptions {
  orgId?: string;
  contacts: number;
  seed?: number;
  asOf?: Date;
  onProgress?: (done: number, total: number) => void;
  onPhase?: (phase: SyntheticPhase) => void;
}

export type SyntheticPhase = 'replace' | 'load' | 'vacuum';

/** Load order: every table after the tables it references. */
const TABLES = [orgs, users, companies, campaigns, segments, contacts, deals, activities, emailEvents, fitScores, segmentMembers];
export type SyntheticCounts = Record<string, number>;

export class SyntheticError extends Error {
  override name = 'SyntheticError';
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

type Rng = () => number;

/** mulberry32: tiny, fast, and good enough for test data. */
function mulberry32(state: number): Rng {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finaliser over two words, so that neighbouring contacts get unrelated streams. */
function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const STREAM = {
  company: 1,
  contact: 2,
  contactDetails: 3,
  deals: 4,
  activities: 5,
  events: 6,
  fitScores: 7,
  members: 8,
  campaigns: 9,
} as const;

function streamFor(seed: number, stream: number, n: number): Rng {
  return mulberry32(hash2(hash2(seed, stream), n));
}

const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const chance = (rng: Rng, p: number) => rng() < p;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Knuth's method: fine for the small means used here. */
function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rng(); p > limit; p *= rng()) k++;
  return k;
}

function logNormal(rng: Rng, median: number, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return median * Math.exp(sigma * z);
}

interface Weighted<T> {
  values: T[];
  cumulative: number[];
}

function weighted<T extends string>(weights: Record<T, number>): Weighted<T> {
  const values = Object.keys(weights) as T[];
  let sum = 0;
  return { values, cumulative: values.map((v) => (sum += weights[v])) };
}

function draw<T>(rng: Rng, w: Weighted<T>): T {
  const x = rng() * w.cumulative[w.cumulative.length - 1]!;
  let i = 0;
  while (x >= w.cumulative[i]!) i++;
  return w.values[i]!;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary and distributions

type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
type DealStage = (typeof DEAL_STAGES)[number];
type EmailStatus = (typeof EMAIL_STATUSES)[number];
type ActivityType = (typeof ACTIVITY_TYPES)[number];

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Weight, phone prefix and the languages spoken (repeated = more likely). */
const COUNTRIES: Record<string, { weight: number; dial: string; languages: string[] }> = {
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
const COUNTRY = weighted(Object.fromEntries(Object.entries(COUNTRIES).map(([code, c]) => [code, c.weight])));

const INDUSTRY = weighted({
  Software: 20,
  Healthcare: 14,
  Finance: 13,
  Retail: 13,
  Manufacturing: 12,
  Education: 10,
  Media: 9,
  Logistics: 9,
});
const COMPANY_SUFFIX: Record<string, string> = {
  Software: 'Labs',
  Healthcare: 'Health',
  Finance: 'Capital',
  Retail: 'Goods',
  Manufacturing: 'Works',
  Education: 'Academy',
  Media: 'Media',
  Logistics: 'Freight',
};

const FIRST_NAMES = [
  ...['Alice', 'Bruno', 'Chloé', 'Daniel', 'Emma', 'Felix', 'Giulia', 'Hiro', 'Inès', 'Jonas', 'Kara', 'Liam', 'Mai'],
  ...['Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yann', 'Zoe'],
];
const LAST_NAMES = [
  ...['Smith', 'Müller', 'Dubois', 'Rossi', 'García', 'Silva', 'Tanaka', 'Nguyen', 'de Vries', 'Kowalski', 'Brown', 'Schmidt'],
  ...['Martin', 'Bianchi', 'López', 'Santos', 'Sato', 'Pham', 'Jansen', "O'Brien", 'Wilson', 'Fischer', 'Moreau', 'Ricci'],
];
/** Names as they appear in e-mail addresses: ASCII letters only. */
const asciiLower = (name: string) => name.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();
const FREE_MAIL_DOMAINS = ['mail.example', 'inbox.example', 'post.example'];

const LIFECYCLE = weighted({
  lead: 35,
  marketing_qualified: 20,
  sales_qualified: 12,
  opportunity: 10,
  customer: 18,
  churned: 5,
} satisfies Record<LifecycleStage, number>);
const EMAIL_STATUS = weighted({
  subscribed: 84,
  unsubscribed: 7,
  bounced: 3,
  suppressed: 6,
} satisfies Record<EmailStatus, number>);
const TAG = weighted({
  newsletter: 30,
  trial: 15,
  'webinar-2026': 12,
  'hot-lead': 10,
  'beta-tester': 8,
  vip: 6,
  partner: 5,
  'do-not-call': 4,
});
const TAG_COUNT = weighted({ '0': 40, '1': 33, '2': 19, '3': 8 });
const PLAN = weighted({ free: 40, starter: 30, pro: 20, enterprise: 10 });
const SOURCE = weighted({ organic: 30, ads: 25, referral: 20, webinar: 15, event: 10 });

const USERS = [
  { id: 'usr_s01', name: 'Alice Admin', role: 'admin', ownerWeight: 25 },
  { id: 'usr_s02', name: 'Eddie Editor', role: 'editor', ownerWeight: 30 },
  { id: 'usr_s03', name: 'Sara Sales', role: 'editor', ownerWeight: 33 },
  { id: 'usr_s04', name: 'Victor Viewer', role: 'viewer', ownerWeight: 0 },
] as const;
const UNOWNED = '';
const OWNER = weighted({ [UNOWNED]: 12, ...Object.fromEntries(USERS.map((u) => [u.id, u.ownerWeight])) });

/** Contacts are created over the 2.5 years before asOf, more of them recently (a growing business). */
const CONTACT_HISTORY_DAYS = 912;
const ACTIVITY_WINDOW_DAYS = 548;
/** Mean deals and activities per contact by stage: ≈0.45 deals and ≈3 activities overall. */
const DEALS_PER_CONTACT = {
  lead: 0.1,
  marketing_qualified: 0.2,
  sales_qualified: 0.5,
  opportunity: 1,
  customer: 1,
  churned: 0.6,
} satisfies Record<LifecycleStage, number>;
const ACTIVITIES_PER_CONTACT = {
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
const DEAL_STAGE_BY_LIFECYCLE = {
  lead: dealStages(30, 25, 15, 10, 5, 15),
  marketing_qualified: dealStages(30, 25, 15, 10, 5, 15),
  sales_qualified: dealStages(30, 25, 15, 10, 5, 15),
  opportunity: dealStages(10, 20, 30, 25, 5, 10),
  customer: dealStages(5, 5, 10, 10, 55, 15),
  churned: dealStages(5, 5, 5, 5, 30, 50),
} satisfies Record<LifecycleStage, Weighted<DealStage>>;
const DEAL_PRODUCTS = ['CRM', 'Analytics', 'Payments'];
const DEAL_KINDS = ['pilot', 'expansion', 'renewal', 'new business'];
const ACTIVITY_TYPE = weighted({ email: 40, call: 25, meeting: 15, note: 20 } satisfies Record<ActivityType, number>);
const INBOUND_SHARE = { email: 0.45, call: 0.3, meeting: 0.5, note: 0.2 } satisfies Record<ActivityType, number>;

const CAMPAIGN_NAMES = [
  ...['Winter Kickoff', 'Feature Digest Jan', 'Spring Sale', 'Webinar Invite', 'Product Launch', 'Summer Promo'],
  ...['Case Study', 'Feature Digest Jul', 'Back to Work', 'Autumn Offer', 'Black Friday Teaser', 'Year in Review'],
];
const CAMPAIGN_SPACING_DAYS = 25;
/** Share of eligible contacts a campaign goes to, and of deliveries opened / opens clicked. */
const AUDIENCE_SHARE = 0.75;
const OPEN_SHARE = 0.45;
const CLICK_SHARE = 0.35;

const FIT_PRODUCTS = ['crm', 'analytics', 'payments'];
const FIT_SCORE_SHARE = 0.6;

const SEGMENTS = [
  { id: 'seg_s1', title: 'Cooldown list', ageDays: 240, share: 0.05 },
  { id: 'seg_s2', title: 'Q1 batch', ageDays: 200, share: 0.1 },
  { id: 'seg_s3', title: 'Already ran campaign Spring Sale', ageDays: 150, share: 0.2 },
];

// ---------------------------------------------------------------------------------------------
// Records

interface Context {
  orgId: string;
  seed: number;
  asOf: number;
  total: number;
  companyCount: number;
  campaigns: { id: string; sentAt: number }[];
  /** Ids of child rows are numbered per table in contact order, which makes them deterministic too. */
  seq: { deal: number; activity: number; event: number };
}

interface Company {
  id: string;
  name: string;
  domain: string;
  country: string;
}

interface Contact {
  n: number;
  id: string;
  company: Company | null;
  firstName: string;
  lastName: string;
  ownerId: string | null;
  stage: LifecycleStage;
  emailStatus: EmailStatus;
  createdAt: number;
}

const padded = (prefix: string, n: number, width: number) => prefix + String(n).padStart(width, '0');
const contactId = (n: number) => padded('ct_s', n, 7);
const companyId = (j: number) => padded('cmp_s', j, 6);
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Company j, recomputed on demand rather than kept: contacts look theirs up by number. */
function makeCompany(ctx: Context, j: number): Company & { industry: string; employees: number; revenue: number } {
  const rng = streamFor(ctx.seed, STREAM.company, j);
  const industry = draw(rng, INDUSTRY);
  const name = `${pick(rng, LAST_NAMES)} ${COMPANY_SUFFIX[industry]}`;
  const employees = Math.min(250_000, Math.max(1, Math.round(logNormal(rng, 60, 1.6))));
  const revenue = Math.round((employees * logNormal(rng, 150_000, 0.5)) / 1000) * 1000;
  const domain = `${asciiLower(name)}-${j}.example`;
  return { id: companyId(j), name, domain, industry, employees, revenue, country: draw(rng, COUNTRY) };
}

function makeContact(ctx: Context, n: number): Contact {
  const rng = streamFor(ctx.seed, STREAM.contact, n);
  // ≈85% work somewhere; big accounts (low numbers) have many contacts, most companies a few.
  const company = chance(rng, 0.85) ? makeCompany(ctx, 1 + Math.floor(ctx.companyCount * rng() ** 1.6)) : null;
  const owner = draw(rng, OWNER);
  const age = CONTACT_HISTORY_DAYS * DAY * rng() ** 1.3;
  return {
    n,
    id: contactId(n),
    company,
    firstName: pick(rng, FIRST_NAMES),
    lastName: pick(rng, LAST_NAMES),
    ownerId: owner === UNOWNED ? null : owner,
    stage: draw(rng, LIFECYCLE),
    emailStatus: draw(rng, EMAIL_STATUS),
    createdAt: seconds(ctx.asOf - Math.max(age, 3_600_000)),
  };
}

const CONTACT_COLUMNS = [
  ...['orgId', 'id', 'companyId', 'firstName', 'lastName', 'email', 'phone', 'country', 'language'],
  ...['lifecycleStage', 'ownerId', 'tags', 'properties', 'emailStatus', 'createdAt'],
] as const;

/** The contact's row. Attributes no child row needs are drawn here, from the contact's own stream. */
function contactRow(ctx: Context, c: Contact): CopyValue[] {
  const rng = streamFor(ctx.seed, STREAM.contactDetails, c.n);
  const country = c.company && chance(rng, 0.75) ? c.company.country : draw(rng, COUNTRY);
  const { dial, languages } = COUNTRIES[country]!;
  const phone = chance(rng, 0.4) ? null : `+${dial} ${between(rng, 100, 999)} ${between(rng, 1_000_000, 9_999_999)}`;
  const domain = c.company?.domain ?? pick(rng, FREE_MAIL_DOMAINS);
  const email = `${asciiLower(c.firstName)}.${asciiLower(c.lastName)}.${c.n}@${domain}`;
  const properties: Record<string, string | number> = { plan: draw(rng, PLAN), source: draw(rng, SOURCE) };
  if (chance(rng, 0.45)) properties.nps = Math.min(10, Math.floor(11 * Math.sqrt(rng()))); // skewed towards promoters
  const language = pick(rng, languages);
  return [
    ...[ctx.orgId, c.id, c.company?.id ?? null, c.firstName, c.lastName, email, phone, country, language],
    ...[c.stage, c.ownerId, drawTags(rng), properties, c.emailStatus, new Date(c.createdAt)],
  ];
}

function drawTags(rng: Rng): string[] {
  const tags = new Set<string>();
  for (let count = Number(draw(rng, TAG_COUNT)); tags.size < count; ) tags.add(draw(rng, TAG));
  return [...tags];
}

const DEAL_COLUMNS = [
  ...['orgId', 'id', 'contactId', 'companyId', 'name'],
  ...['stage', 'amount', 'ownerId', 'createdAt', 'closedAt'],
] as const;

function* dealRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
  const rng = streamFor(ctx.seed, STREAM.deals, c.n);
  const count = Math.min(4, poisson(rng, DEALS_PER_CONTACT[c.stage]));
  for (let i = 0; i < count; i++) {
    const stage = draw(rng, DEAL_STAGE_BY_LIFECYCLE[c.stage]);
    const createdAt = seconds(c.createdAt + rng() * Math.max(0, ctx.asOf - DAY - c.createdAt));
    const closedAt = stage === 'closed_won' || stage === 'closed_lost' ? closeDate(rng, createdAt, ctx.asOf) : null;
    const amount = chance(rng, 0.03) ? null : Math.min(5_000_000, Math.round(logNormal(rng, 15_000, 1) / 100) * 100);
    const name = `${pick(rng, DEAL_PRODUCTS)} ${pick(rng, DEAL_KINDS)} – ${c.company?.name ?? `${c.firstName} ${c.lastName}`}`;
    const owner = c.ownerId ?? pick(rng, USERS).id;
    const id = padded('deal_s', ++ctx.seq.deal, 7);
    const closed = closedAt === null ? null : new Date(closedAt);
    yield [ctx.orgId, id, c.id, c.company?.id ?? null, name, stage, amount, owner, new Date(createdAt), closed];
  }
}

/** Deals close 5–150 days after they open; one opened recently closes some time before asOf. */
function closeDate(rng: Rng, createdAt: number, asOf: number): number {
  const typical = createdAt + between(rng, 5, 150) * DAY;
  return typical < asOf ? typical : seconds(createdAt + rng() * (asOf - createdAt));
}

const ACTIVITY_COLUMNS = ['orgId', 'id', 'contactId', 'type', 'direction', 'occurredAt'] as const;

function* activityRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
  const rng = streamFor(ctx.seed, STREAM.activities, c.n);
  const from = Math.max(c.createdAt, ctx.asOf - ACTIVITY_WINDOW_DAYS * DAY);
  const count = poisson(rng, ACTIVITIES_PER_CONTACT[c.stage]);
  for (let i = 0; i < count; i++) {
    const type = draw(rng, ACTIVITY_TYPE);
    const direction = chance(rng, INBOUND_SHARE[type]) ? 'inbound' : 'outbound';
    const occurredAt = new Date(seconds(from + rng() * (ctx.asOf - from)));
    yield [ctx.orgId, padded('act_s', ++ctx.seq.activity, 8), c.id, type, direction, occurredAt];
  }
}

const EMAIL_EVENT_COLUMNS = ['orgId', 'id', 'contactId', 'campaignId', 'type', 'occurredAt'] as const;

/**
 * Campaigns sent after the contact was created reach it with AUDIENCE_SHARE; each delivery may be
 * opened and then clicked. A contact that is not subscribed any more got that way at one campaign
 * (unsubscribed after it, or bounced on it, or was suppressed before it) and received nothing after.
 */
function* emailEventRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
  const rng = streamFor(ctx.seed, STREAM.events, c.n);
  const first = ctx.campaigns.findIndex((k) => k.sentAt > c.createdAt);
  if (first < 0) return;
  const engagement = rng() * 2; // per-contact appetite; averages 1
  const stopAt = c.emailStatus === 'subscribed' ? Infinity : between(rng, first, ctx.campaigns.length - 1);
  const event = (campaignId: string, type: string, at: number): CopyValue[] => {
    return [ctx.orgId, padded('ev_s', ++ctx.seq.event, 8), c.id, campaignId, type, new Date(at)];
  };
  for (let k = first; k < ctx.campaigns.length && k <= stopAt; k++) {
    const campaign = ctx.campaigns[k]!;
    if (k < stopAt && !chance(rng, AUDIENCE_SHARE)) continue;
    if (k === stopAt && c.emailStatus === 'suppressed') return;
    let at = campaign.sentAt + between(rng, 0, 30) * MINUTE;
    if (k === stopAt && c.emailStatus === 'bounced') {
      yield event(campaign.id, 'bounced', at);
      return;
    }
    yield event(campaign.id, 'delivered', at);
    if (chance(rng, OPEN_SHARE * engagement)) {
      yield event(campaign.id, 'opened', (at += between(rng, 1, 72 * 60) * MINUTE));
      if (chance(rng, CLICK_SHARE)) yield event(campaign.id, 'clicked', (at += between(rng, 1, 120) * MINUTE));
    }
    if (k === stopAt) yield event(campaign.id, 'unsubscribed', at + between(rng, 1, 60) * MINUTE);
  }
}

const FIT_SCORE_COLUMNS = ['orgId', 'contactId', 'product', 'score'] as const;

function* fitScoreRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
  const rng = streamFor(ctx.seed, STREAM.fitScores, c.n);
  for (const product of FIT_PRODUCTS) {
    if (chance(rng, FIT_SCORE_SHARE)) yield [ctx.orgId, c.id, product, Math.round((rng() + rng()) * 50)];
  }
}

const SEGMENT_MEMBER_COLUMNS = ['orgId', 'segmentId', 'contactId', 'addedAt'] as const;

function* segmentMemberRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
  const rng = streamFor(ctx.seed, STREAM.members, c.n);
  for (const s of SEGMENTS) {
    const createdAt = ctx.asOf - s.ageDays * DAY;
    if (c.createdAt < createdAt && chance(rng, s.share)) {
      yield [ctx.orgId, s.id, c.id, new Date(seconds(createdAt + rng() * 14 * DAY))];
    }
  }
}

function makeCampaigns(seed: number, asOf: number): Context['campaigns'] {
  const rng = streamFor(seed, STREAM.campaigns, 0);
  return CAMPAIGN_NAMES.map((_, k) => ({
    id: padded('cpg_s', k + 1, 2),
    sentAt: seconds(asOf - (CAMPAIGN_NAMES.length - k) * CAMPAIGN_SPACING_DAYS * DAY + rng() * 20 * 3_600_000),
  }));
}

// ---------------------------------------------------------------------------------------------
// COPY text format

/** What a COPY field can be given as: arrays become text[] literals, plain objects JSON. */
export type CopyValue =
  | string
  | number
  | boolean
  | Date
  | null
  | readonly string[]
  | { readonly [key: string]: unknown };

const COPY_SPECIAL = /[\\\t\n\r\0]/;
const COPY_ESCAPE = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A string as a COPY text-format field: backslash, tab, newline and carriage return escaped. */
export function copyText(s: string): string {
  if (!COPY_SPECIAL.test(s)) return s;
  if (s.includes('\0')) throw new SyntheticError('PostgreSQL text cannot contain NUL characters');
  return s.replace(COPY_ESCAPE, (ch) => COPY_ESCAPES[ch]!);
}

/** `{"a","b \"c\""}`: every element quoted, so that commas, braces, blanks and "NULL" stay data. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return copyText(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return copyText(arrayLiteral(value as readonly string[]));
  return copyText(JSON.stringify(value));
}

export function copyLine(values: readonly CopyValue[]): string {
  let line = copyField(values[0]!);
  for (let i = 1; i < values.length; i++) line += '\t' + copyField(values[i]!);
  return line + '\n';
}

/** One connection in a transaction: COPY and deletes must not go to whichever pool connection is free. */
type Session = postgres.TransactionSql | postgres.ReservedSql;

/** Rows are sent in pieces of about this many characters: large enough to keep per-write overhead low. */
const PIECE_CHARS = 1 << 18;

/**
 * COPY `rows` into `columns` (schema property names, checked against the table) of `table`.
 * Returns the number of rows sent.
 */
export async function copyRows<T extends PgTable>(
  tx: Session,
  table: T,
  columns: readonly (keyof T['_']['columns'] & string)[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  const byProperty = getTableColumns(table) as Record<string, { name: string }>;
  const names = columns.map((c) => `"${byProperty[c]!.name}"`).join(', ');
  let count = 0;
  function* pieces(): Generator<string> {
    let piece = '';
    for (const row of rows) {
      piece += copyLine(row);
      count++;
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  }
  const stream = await copyWritable(tx, `copy "${getTableName(table)}" (${names}) from stdin`);
  await pipeline(Readable.from(pieces()), stream);
  return count;
}

/**
 * postgres.js 3.4 never settles a COPY writable whose statement fails after its last row was sent
 * (porsager/postgres#1173; e.g. a foreign key checked at the end of the statement): the error goes
 * to the query's reject, a no-op once the query has resolved to the stream. Passing that error on to
 * the stream turns a silent hang, and a connection stuck in an aborted transaction, into the error.
 */
async function copyWritable(tx: Session, statement: string): Promise<Writable> {
  const query = tx.unsafe(statement) as unknown as postgres.PendingQuery<never> & { reject(err: unknown): void };
  const reject = query.reject;
  let stream: Writable | undefined;
  query.reject = (err) => {
    reject(err);
    stream?.destroy(err as Error);
  };
  stream = await query.writable();
  return stream;
}

// ---------------------------------------------------------------------------------------------
// The load

/** Contacts generated, and their children loaded, per round: bounds memory and COPY statement size. */
const CHUNK_CONTACTS = 10_000;

/**
 * (Re)creates tenant `orgId` with `contacts` synthetic contacts and everything that hangs off them.
 * Refuses to replace an org that the generator did not make.
 */
export async function generateSynthetic(sql: Sql, options: SyntheticOptions): Promise<SyntheticCounts> {
  const ctx = createContext(options);
  // One session for the whole run: it holds the per-org lock and the relaxed statement timeout.
  const conn = await sql.reserve();
  try {
    await conn`set statement_timeout = 0`; // a bulk job, not an interactive query
    // A second run on the same org waits for this one rather than interleaving with it.
    await conn`select pg_advisory_lock(hashtext(${lockKey(ctx.orgId)}))`;
    options.onPhase?.('replace');
    await removeOrg(conn, ctx.orgId);
    options.onPhase?.('load');
    const counts = await inTransaction(conn, () => load(conn, ctx, options));
    options.onPhase?.('vacuum');
    await vacuumAnalyze(conn, TABLES);
    return counts;
  } finally {
    await conn`select pg_advisory_unlock(hashtext(${lockKey(ctx.orgId)}))`.catch(() => {});
    await conn`reset statement_timeout`.catch(() => {});
    conn.release();
  }
}

const lockKey = (orgId: string) => `synthetic:${orgId}`;

/** A transaction on the reserved session: postgres.js offers begin() on the pool only. */
async function inTransaction<T>(conn: postgres.ReservedSql, work: () => Promise<T>): Promise<T> {
  await conn`begin`;
  try {
    const result = await work();
    await conn`commit`;
    return result;
  } catch (err) {
    await conn`rollback`.catch(() => {}); // the connection may be gone; the original error matters
    throw err;
  }
}

function createContext(options: SyntheticOptions): Context {
  const { contacts: total, seed = 1, orgId = SYNTHETIC_ORG_ID, asOf = SYNTHETIC_AS_OF } = options;
  if (!Number.isSafeInteger(total) || total < 1) {
    throw new SyntheticError(`contacts must be a positive integer, got ${total}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new SyntheticError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  if (Number.isNaN(asOf.getTime())) throw new SyntheticError('asOf must be a valid date');
  const at = seconds(asOf.getTime());
  return {
    orgId,
    seed,
    asOf: at,
    total,
    companyCount: Math.ceil(total / 8),
    campaigns: makeCampaigns(seed, at),
    seq: { deal: 0, activity: 0, event: 0 },
  };
}

/**
 * Deletes the org in two committed steps with a vacuum analyze between, not in the load's
 * transaction. deals has no index on (org_id, company_id), so the foreign-key check of each deleted
 * company reads the org's deals, or all deals while the statistics still say the org owns most of
 * them, and deleted but not yet vacuumed deals count too: in one transaction, deleting the companies
 * of a 100k-contact org took 40 s, growing with companies × deals. The vacuum also lets the load
 * reuse the freed heap space. The cost: while a run is under way the org is missing or partial, and a
 * failed run leaves it so until the next run replaces it.
 */
async function removeOrg(conn: postgres.ReservedSql, orgId: string): Promise<void> {
  const [existing] = await conn<{ name: string }[]>`select name from orgs where id = ${orgId}`;
  if (!existing) return;
  if (!existing.name.startsWith(ORG_NAME_PREFIX)) {
    throw new SyntheticError(
      `Org ${orgId} ("${existing.name}") was not made by the generator; refusing to replace it.`,
    );
  }
  const contactSide = [segmentMembers, fitScores, emailEvents, activities, deals, contacts];
  const orgSide = [segments, campaigns, companies, users, orgs];
  await inTransaction(conn, () => deleteOrgRows(conn, contactSide, orgId));
  await vacuumAnalyze(conn, contactSide);
  await inTransaction(conn, () => deleteOrgRows(conn, orgSide, orgId));
}

/** One bulk delete per table, children first: far faster than cascading row by row from orgs. */
async function deleteOrgRows(tx: Session, tables: PgTable[], orgId: string): Promise<void> {
  for (const table of tables) {
    const name = getTableName(table);
    await tx.unsafe(`delete from "${name}" where ${name === 'orgs' ? 'id' : 'org_id'} = $1`, [orgId]);
  }
}

async function load(tx: Session, ctx: Context, options: SyntheticOptions): Promise<SyntheticCounts> {
  const counts: SyntheticCounts = Object.fromEntries(TABLES.map((t) => [getTableName(t), 0]));
  const add = (table: PgTable, n: number) => (counts[getTableName(table)]! += n);
  const orgName = `${ORG_NAME_PREFIX}: ${ctx.total} contacts, seed ${ctx.seed}`;
  add(orgs, await copyRows(tx, orgs, ['id', 'name'], [[ctx.orgId, orgName]]));
  add(users, await copyRows(tx, users, USER_COLUMNS, userRows(ctx)));
  add(companies, await copyRows(tx, companies, COMPANY_COLUMNS, companyRows(ctx)));
  add(campaigns, await copyRows(tx, campaigns, CAMPAIGN_COLUMNS, campaignRows(ctx)));
  add(segments, await copyRows(tx, segments, SEGMENT_COLUMNS, segmentRows(ctx)));
  options.onProgress?.(0, ctx.total);
  for (let start = 1; start <= ctx.total; start += CHUNK_CONTACTS) {
    const size = Math.min(CHUNK_CONTACTS, ctx.total - start + 1);
    const chunk = Array.from({ length: size }, (_, i) => makeContact(ctx, start + i));
    await loadChunk(tx, ctx, chunk, add);
    options.onProgress?.(start - 1 + chunk.length, ctx.total);
  }
  return counts;
}

/** The chunk's contacts, then each child table: one COPY per table, parents before children. */
async function loadChunk(tx: Session, ctx: Context, chunk: Contact[], add: (table: PgTable, n: number) => void): Promise<void> {
  // Lazy: rows are made while COPY sends the previous piece, never all at once.
  const each = (rowsOf: (ctx: Context, c: Contact) => Iterable<CopyValue[]>) =>
    (function* () {
      for (const c of chunk) yield* rowsOf(ctx, c);
    })();
  add(contacts, await copyRows(tx, contacts, CONTACT_COLUMNS, chunk.map((c) => contactRow(ctx, c))));
  add(deals, await copyRows(tx, deals, DEAL_COLUMNS, each(dealRows)));
  add(activities, await copyRows(tx, activities, ACTIVITY_COLUMNS, each(activityRows)));
  add(emailEvents, await copyRows(tx, emailEvents, EMAIL_EVENT_COLUMNS, each(emailEventRows)));
  add(fitScores, await copyRows(tx, fitScores, FIT_SCORE_COLUMNS, each(fitScoreRows)));
  add(segmentMembers, await copyRows(tx, segmentMembers, SEGMENT_MEMBER_COLUMNS, each(segmentMemberRows)));
}

const USER_COLUMNS = ['orgId', 'id', 'name', 'email', 'role'] as const;

function userRows(ctx: Context): CopyValue[][] {
  const domain = `${slugify(ctx.orgId)}.example`;
  return USERS.map((u) => [ctx.orgId, u.id, u.name, `${asciiLower(u.name.split(' ')[0]!)}@${domain}`, u.role]);
}

const COMPANY_COLUMNS = ['orgId', 'id', 'name', 'domain', 'industry', 'employeeCount', 'country', 'annualRevenue'] as const;

function* companyRows(ctx: Context): Iterable<CopyValue[]> {
  for (let j = 1; j <= ctx.companyCount; j++) {
    const c = makeCompany(ctx, j);
    yield [ctx.orgId, c.id, c.name, c.domain, c.industry, c.employees, c.country, c.revenue];
  }
}

const CAMPAIGN_COLUMNS = ['orgId', 'id', 'name', 'sentAt'] as const;

function campaignRows(ctx: Context): CopyValue[][] {
  return ctx.campaigns.map((k, i) => [ctx.orgId, k.id, CAMPAIGN_NAMES[i]!, new Date(k.sentAt)]);
}

const SEGMENT_COLUMNS = [
  ...['orgId', 'id', 'title', 'slug', 'description', 'type', 'status'],
  ...['rules', 'version', 'createdAt', 'updatedAt'],
] as const;

function segmentRows(ctx: Context): CopyValue[][] {
  return SEGMENTS.map((s) => {
    const createdAt = new Date(ctx.asOf - s.ageDays * DAY);
    return [ctx.orgId, s.id, s.title, slugify(s.title), null, 'static', 'active', null, 1, createdAt, createdAt];
  });
}

/**
 * After a delete, vacuum makes the space reusable. After a load it records page visibility, which
 * the first queries would otherwise pay for (and without which index-only scans do not happen), so
 * benchmarks see steady-state speed; analyze then gives the planner the new tenant's statistics.
 */
async function vacuumAnalyze(conn: postgres.ReservedSql, tables: PgTable[]): Promise<void> {
  for (const table of tables) await conn.unsafe(`vacuum (analyze) "${getTableName(table)}"`);
}
