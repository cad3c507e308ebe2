// What the service layer needs, passed in rather than imported as globals: the database, the tenant
// value cache, the NL provider, the clock and the webhook network policy. Tests build one with their own database and clock.
import type { Role } from './auth/keys.js';
import { createPolicy, type Policy } from './auth/policy.js';
import type { Database } from './db/client.js';
import { defaultEgressPolicy, type EgressPolicy } from './events/egress.js';
import type { Provider } from './nl/provider.js';
import { TenantValuesCache } from './rules/tenant.js';

export interface Services {
  database: Database;
  tenants: TenantValuesCache;
  provider: Provider;
  /** The clock for "now" (relative dates, cache ages). */
  now: () => Date;
  /** How long a dynamic segment's materialized members are served before recomputing. */
  cacheTtlMs: number;
  /** Statement timeout for previews and member queries. */
  statementTimeoutMs: number;
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
}

export function createServices(options: ServiceOptions): Services {
  return {
    database: options.database,
    provider: options.provider,
    tenants: new TenantValuesCache(options.database.sql, 30_000),
    now: options.now ?? (() => new Date()),
    cacheTtlMs: options.cacheTtlMs ?? 60_000,
    statementTimeoutMs: options.statementTimeoutMs ?? 5_000,
    policy: createPolicy(options.definitionRoles),
    webhookPolicy: options.webhookPolicy ?? defaultEgressPolicy,
  };
}
