// Per-tenant values that rules refer to: tags, industries, products in use, owners, campaigns and
// segments. Looked up from the tenant's own rows (never hard-coded) and cached briefly, because a
// preview-as-you-type editor asks for them on every keystroke.
import type { Sql } from '../db/client.js';

export interface Owner {
  id: string;
  name: string;
  email: string;
}
export interface Campaign {
  id: string;
  name: string;
  sentAt: Date | null;
}
export interface SegmentRef {
  id: string;
  slug: string;
  title: string;
  type: 'static' | 'dynamic';
  status: 'active' | 'archived';
  /** Canonical rule tree of a dynamic segment. */
  rules: unknown;
}

export interface TenantValues {
  orgId: string;
  tags: string[];
  industries: string[];
  products: string[];
  countries: string[];
  languages: string[];
  owners: Owner[];
  /** Oldest first. */
  campaigns: Campaign[];
  segments: SegmentRef[];
}

export async function loadTenantValues(sql: Sql, orgId: string): Promise<TenantValues> {
  const [tags, industries, products, countries, languages, owners, campaigns, segments] = await Promise.all([
    sql<{ v: string }[]>`select distinct unnest(tags) as v from contacts where org_id = ${orgId} order by 1`,
    sql<{ v: string }[]>`select distinct industry as v from companies where org_id = ${orgId} and industry is not null order by 1`,
    sql<{ v: string }[]>`select distinct product as v from fit_scores where org_id = ${orgId} order by 1`,
    sql<{ v: string }[]>`
      select country as v from contacts where org_id = ${orgId} and country is not null
      union select country from companies where org_id = ${orgId} and country is not null order by 1`,
    sql<{ v: string }[]>`select distinct language as v from contacts where org_id = ${orgId} and language is not null order by 1`,
    sql<Owner[]>`select id, name, email from users where org_id = ${orgId} order by name, id`,
    sql<{ id: string; name: string; sent_at: Date | string | null }[]>`
      select id, name, sent_at from campaigns where org_id = ${orgId} order by sent_at nulls first, id`,
    sql<SegmentRef[]>`select id, slug, title, type, status, rules from segments where org_id = ${orgId} order by title`,
  ]);
  return {
    orgId,
    tags: tags.map((r) => r.v),
    industries: industries.map((r) => r.v),
    products: products.map((r) => r.v),
    countries: countries.map((r) => r.v),
    languages: languages.map((r) => r.v),
    owners: [...owners],
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name, sentAt: c.sent_at === null ? null : new Date(c.sent_at) })),
    segments: [...segments],
  };
}

/** A small TTL cache in front of loadTenantValues; `invalidate` after writes that change values. */
export class TenantValuesCache {
  private readonly entries = new Map<string, { at: number; values: Promise<TenantValues> }>();

  constructor(
    private readonly sql: Sql,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(orgId: string): Promise<TenantValues> {
    const hit = this.entries.get(orgId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.values;
    const values = loadTenantValues(this.sql, orgId);
    this.entries.set(orgId, { at: this.now(), values });
    values.catch(() => this.entries.delete(orgId));
    return values;
  }

  invalidate(orgId: string): void {
    this.entries.delete(orgId);
  }
}
