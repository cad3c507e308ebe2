// Per-tenant values that rules refer to: the tenant's catalog (built-in fields plus its own field
// definitions), tags, industries, products in use, owners, campaigns and segments. The rule engine
// receives them as an argument; src/tenants/values.ts loads them from the tenant's own rows (never
// hard-coded) and caches them briefly.
import type { Catalog, ObjectType } from './catalog.js';

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
  /** What the segment's members are; absent means contacts. */
  objectType?: ObjectType;
  slug: string;
  title: string;
  type: 'static' | 'dynamic';
  status: 'active' | 'archived';
  /** Canonical rule tree of a dynamic segment. */
  rules: unknown;
}

export interface TenantValues {
  orgId: string;
  /** What this tenant's segments can talk about: built-in fields plus its own definitions. */
  catalog: Catalog;
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
