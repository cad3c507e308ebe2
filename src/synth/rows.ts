// The COPY rows of each table, with the columns they fill: per contact for the contact side, once
// per org for the rest.
import { slugify } from '../lib/slug.js';
import type { CopyValue } from './copy.js';
import { between, chance, draw, logNormal, pick, poisson, type Rng, STREAM, streamFor } from './random.js';
import { type Contact, type Context, makeCompany, padded, seconds } from './records.js';
import {
  ACTIVITIES_PER_CONTACT,
  ACTIVITY_TYPE,
  ACTIVITY_WINDOW_DAYS,
  asciiLower,
  AUDIENCE_SHARE,
  CAMPAIGN_NAMES,
  CLICK_SHARE,
  COUNTRIES,
  COUNTRY,
  DAY,
  DEAL_KINDS,
  DEAL_PRODUCTS,
  DEAL_STAGE_BY_LIFECYCLE,
  DEALS_PER_CONTACT,
  FIT_PRODUCTS,
  FIT_SCORE_SHARE,
  FREE_MAIL_DOMAINS,
  INBOUND_SHARE,
  MINUTE,
  OPEN_SHARE,
  PLAN,
  SEGMENTS,
  SOURCE,
  TAG,
  TAG_COUNT,
  USERS,
} from './vocabulary.js';

export const CONTACT_COLUMNS = [
  ...['orgId', 'id', 'companyId', 'firstName', 'lastName', 'email', 'phone', 'country', 'language'],
  ...['lifecycleStage', 'ownerId', 'tags', 'properties', 'emailStatus', 'createdAt'],
] as const;

/** The contact's row. Attributes no child row needs are drawn here, from the contact's own stream. */
export function contactRow(ctx: Context, c: Contact): CopyValue[] {
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

export const DEAL_COLUMNS = [
  ...['orgId', 'id', 'contactId', 'companyId', 'name'],
  ...['stage', 'amount', 'ownerId', 'createdAt', 'closedAt'],
] as const;

export function* dealRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
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

export const ACTIVITY_COLUMNS = ['orgId', 'id', 'contactId', 'type', 'direction', 'occurredAt'] as const;

export function* activityRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
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

export const EMAIL_EVENT_COLUMNS = ['orgId', 'id', 'contactId', 'campaignId', 'type', 'occurredAt'] as const;

/**
 * Campaigns sent after the contact was created reach it with AUDIENCE_SHARE; each delivery may be
 * opened and then clicked. A contact that is not subscribed any more got that way at one campaign
 * (unsubscribed after it, or bounced on it, or was suppressed before it) and received nothing after.
 */
export function* emailEventRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
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

export const FIT_SCORE_COLUMNS = ['orgId', 'contactId', 'product', 'score'] as const;

export function* fitScoreRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
  const rng = streamFor(ctx.seed, STREAM.fitScores, c.n);
  for (const product of FIT_PRODUCTS) {
    if (chance(rng, FIT_SCORE_SHARE)) yield [ctx.orgId, c.id, product, Math.round((rng() + rng()) * 50)];
  }
}

export const SEGMENT_MEMBER_COLUMNS = ['orgId', 'segmentId', 'contactId', 'addedAt'] as const;

export function* segmentMemberRows(ctx: Context, c: Contact): Iterable<CopyValue[]> {
  const rng = streamFor(ctx.seed, STREAM.members, c.n);
  for (const s of SEGMENTS) {
    const createdAt = ctx.asOf - s.ageDays * DAY;
    if (c.createdAt < createdAt && chance(rng, s.share)) {
      yield [ctx.orgId, s.id, c.id, new Date(seconds(createdAt + rng() * 14 * DAY))];
    }
  }
}

/** The tenant's own fields its contacts' properties hold: the same three as the demo fixture's. */
export const FIELD_COLUMNS = ['orgId', 'object', 'key', 'label', 'type', 'values', 'synonyms', 'description', 'createdAt', 'updatedAt'] as const;

export function fieldRows(ctx: Context): CopyValue[][] {
  const at = new Date(ctx.asOf); // deterministic, like every other row
  return [
    [ctx.orgId, 'contacts', 'plan', 'Plan', 'single_select', PLAN.values, ['subscription plan', 'tier'], null, at, at],
    [ctx.orgId, 'contacts', 'source', 'Source', 'single_select', SOURCE.values, ['lead source', 'acquisition source'], null, at, at],
    [ctx.orgId, 'contacts', 'nps', 'NPS', 'number', null, ['net promoter score'], '0–10', at, at],
  ];
}

export const USER_COLUMNS = ['orgId', 'id', 'name', 'email', 'role'] as const;

export function userRows(ctx: Context): CopyValue[][] {
  const domain = `${slugify(ctx.orgId)}.example`;
  return USERS.map((u) => [ctx.orgId, u.id, u.name, `${asciiLower(u.name.split(' ')[0]!)}@${domain}`, u.role]);
}

export const COMPANY_COLUMNS = ['orgId', 'id', 'name', 'domain', 'industry', 'employeeCount', 'country', 'annualRevenue'] as const;

export function* companyRows(ctx: Context): Iterable<CopyValue[]> {
  for (let j = 1; j <= ctx.companyCount; j++) {
    const c = makeCompany(ctx, j);
    yield [ctx.orgId, c.id, c.name, c.domain, c.industry, c.employees, c.country, c.revenue];
  }
}

export const CAMPAIGN_COLUMNS = ['orgId', 'id', 'name', 'sentAt'] as const;

export function campaignRows(ctx: Context): CopyValue[][] {
  return ctx.campaigns.map((k, i) => [ctx.orgId, k.id, CAMPAIGN_NAMES[i]!, new Date(k.sentAt)]);
}

export const SEGMENT_COLUMNS = [
  ...['orgId', 'id', 'title', 'slug', 'description', 'type', 'status'],
  ...['rules', 'version', 'createdAt', 'updatedAt'],
] as const;

export function segmentRows(ctx: Context): CopyValue[][] {
  return SEGMENTS.map((s) => {
    const createdAt = new Date(ctx.asOf - s.ageDays * DAY);
    return [ctx.orgId, s.id, s.title, slugify(s.title), null, 'static', 'active', null, 1, createdAt, createdAt];
  });
}
