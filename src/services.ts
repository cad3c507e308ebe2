// What the service layer needs, passed in rather than imported as globals: the database, the tenant
// value cache, the long-read limits, the NL provider, the clock and the webhook network policy. Tests
// build one with their own database and clock.
import type { Role } from './auth/keys.js';
import { createPolicy, type Policy } from './auth/policy.js';
import type { Database } from './db/client.js';
import { LongReads } from './db/long-reads.js';
import { FieldIndexes } from './tenants/field-indexes.js';
import { defaultEgressPolicy, type EgressPolicy } from './net/egress.js';
import type { Provider } from './nl/provider.js';
import { TenantValuesCache } from './tenants/values.js';

export interface Services {
  database: Database;
  tenants: TenantValuesCache;
  /** Expression indexes of tenant fields marked `indexed`, built in the background. */
  fieldIndexes: FieldIndexes;
  /** Slots for exports, member ids and pages, counts and recomputes (per tenant and in all). */
  longReads: LongReads;
  provider: Provider;
  /** The clock for "now" (relative dates, cache ages). */
  now: () => Date;
  /** How long a dynamic segment's materialized members are served before recomputing. */
  cacheTtlMs: number;
  /** Statement timeout for previews and member queries. */
  statementTimeoutMs: number;
  /** How long a preview waits for a long-read slot before its 429. */
  previewQueueMs: number;
  /** Who may do what (src/auth/policy.ts), with the configured definition roles. */
  policy: Policy;
  /** Where webhook endpoints may point (WEBHOOK_ALLOW_PRIVATE, and the resolver used to check). */
  webhookPolicy: EgressPolicy;
}

export interface ServiceOptions {
  database: Database;
  provider: Provider;
  now?: () => Date;
  cacheTtlMs?: number;
  statementTimeoutMs?: number;
  /** Who may create, edit and delete segment definitions (SEGMENT_DEFINITION_ROLES). */
  definitionRoles?: readonly Role[];
  webhookPolicy?: EgressPolicy;
  /** Long reads at once per tenant (default 4) and in all (default 8: the long-read pool's size). */
  longReadsPerTenant?: number;
  longReadsTotal?: number;
  /** How long a preview waits for a long-read slot before its 429 (default 2 s). */
  previewQueueMs?: number;
  /** Previews and funnel counts at once, all tenants (default: one fewer than the cores, at least 1). */
  previewsAtOnce?: number;
}

export function createServices(options: ServiceOptions): Services {
  return {
    database: options.database,
    provider: options.provider,
    tenants: new TenantValuesCache(options.database.db, 30_000),
    fieldIndexes: new FieldIndexes(options.database),
    longReads: new LongReads(options.database, {
      perTenant: options.longReadsPerTenant ?? 4,
      total: options.longReadsTotal ?? 8,
      ...(options.previewsAtOnce !== undefined ? { previews: options.previewsAtOnce } : {}),
      retryAfterSeconds: 5,
    }),
    now: options.now ?? (() => new Date()),
    cacheTtlMs: options.cacheTtlMs ?? 60_000,
    statementTimeoutMs: options.statementTimeoutMs ?? 5_000,
    previewQueueMs: options.previewQueueMs ?? 2_000,
    policy: createPolicy(options.definitionRoles),
    webhookPolicy: options.webhookPolicy ?? defaultEgressPolicy,
  };
}
