// The records rows are made from: the run's context, companies and contacts, each recomputable from
// its number alone.
import { chance, draw, logNormal, pick, STREAM, streamFor } from './random.js';
import {
  asciiLower,
  CAMPAIGN_NAMES,
  CAMPAIGN_SPACING_DAYS,
  COMPANY_SUFFIX,
  CONTACT_HISTORY_DAYS,
  COUNTRY,
  DAY,
  EMAIL_STATUS,
  type EmailStatus,
  FIRST_NAMES,
  INDUSTRY,
  LAST_NAMES,
  LIFECYCLE,
  type LifecycleStage,
  OWNER,
  UNOWNED,
} from './vocabulary.js';

export interface Context {
  orgId: string;
  seed: number;
  asOf: number;
  total: number;
  companyCount: number;
  campaigns: { id: string; sentAt: number }[];
  /** Ids of child rows are numbered per table in contact order, which makes them deterministic too. */
  seq: { deal: number; activity: number; event: number };
}

export interface Company {
  id: string;
  name: string;
  domain: string;
  country: string;
}

export interface Contact {
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

export const padded = (prefix: string, n: number, width: number) => prefix + String(n).padStart(width, '0');
const contactId = (n: number) => padded('ct_s', n, 7);
const companyId = (j: number) => padded('cmp_s', j, 6);
export const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Company j, recomputed on demand rather than kept: contacts look theirs up by number. */
export function makeCompany(ctx: Context, j: number): Company & { industry: string; employees: number; revenue: number } {
  const rng = streamFor(ctx.seed, STREAM.company, j);
  const industry = draw(rng, INDUSTRY);
  const name = `${pick(rng, LAST_NAMES)} ${COMPANY_SUFFIX[industry]}`;
  const employees = Math.min(250_000, Math.max(1, Math.round(logNormal(rng, 60, 1.6))));
  const revenue = Math.round((employees * logNormal(rng, 150_000, 0.5)) / 1000) * 1000;
  const domain = `${asciiLower(name)}-${j}.example`;
  return { id: companyId(j), name, domain, industry, employees, revenue, country: draw(rng, COUNTRY) };
}

export function makeContact(ctx: Context, n: number): Contact {
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

export function makeCampaigns(seed: number, asOf: number): Context['campaigns'] {
  const rng = streamFor(seed, STREAM.campaigns, 0);
  return CAMPAIGN_NAMES.map((_, k) => ({
    id: padded('cpg_s', k + 1, 2),
    sentAt: seconds(asOf - (CAMPAIGN_NAMES.length - k) * CAMPAIGN_SPACING_DAYS * DAY + rng() * 20 * 3_600_000),
  }));
}
