// What the service layer needs, passed in rather than imported as globals: the database, the tenant
// value cache, the NL provider and the clock. Tests build one with their own database and clock.
import type { Role } from './auth/keys.js';
import { createPolicy, type Policy } from './auth/policy.js';
import type { Database } from './db/client.js';
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
}

export interface ServiceOptions {
  database: Database;
  provider: Provider;
  now?: () => Date;
  cacheTtlMs?: number;
  statementTimeoutMs?: number;
  /** Who may create, edit and delete segment definitions (SEGMENT_DEFINITION_ROLES). */
  definitionRoles?: readonly Role[];
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
  };
}
