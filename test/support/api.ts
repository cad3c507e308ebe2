// An in-process API over a private copy of the fixture database, with keys for every role, and a
// recorder that checks each response against the served OpenAPI document.
import { afterAll } from 'vitest';
import { createApiKey, type Role } from '../../src/auth/keys.js';
import type { Database } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import type { Logger } from '../../src/lib/log.js';
import type { Provider } from '../../src/nl/provider.js';
import { createServices, type Services } from '../../src/services.js';
import type { EgressPolicy } from '../../src/net/egress.js';
import { useTestDatabase } from './db.js';
import { offlinePolicy } from './resolver.js';
import { OpenApiChecker } from './openapi-check.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  /** Raw body text (overrides `body`), e.g. malformed JSON. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  /** The app itself, e.g. to serve it over real HTTP. */
  app: ReturnType<typeof createApp>;
  database: Database;
  services: Services;
  keys: Record<'admin' | 'editor' | 'viewer' | 'globexAdmin', string>;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  checker: OpenApiChecker;
}

export interface ApiOptions {
  provider: Provider;
  now?: () => Date;
  cacheTtlMs?: number;
  statementTimeoutMs?: number;
  /** Default: public addresses only, over a table resolver (tests never ask a real DNS server). */
  webhookPolicy?: EgressPolicy;
  /** Where the app's structured log lines go (default: errors only, to stdout). */
  logger?: Logger;
  longReadsPerTenant?: number;
  longReadsTotal?: number;
  previewsAtOnce?: number;
  previewQueueMs?: number;
}

/** The API over a private copy of the fixture database. */
export async function startApi(options: ApiOptions): Promise<TestApi> {
  return apiOver(await useTestDatabase('tmpl_fixture'), options);
}

/** The API over a database the caller prepared (and cleans up). */
export async function apiOver(database: Database, options: ApiOptions): Promise<TestApi> {
  const services = createServices({
    database,
    provider: options.provider,
    ...(options.now ? { now: options.now } : {}),
    ...(options.cacheTtlMs !== undefined ? { cacheTtlMs: options.cacheTtlMs } : {}),
    statementTimeoutMs: options.statementTimeoutMs ?? 20_000,
    webhookPolicy: options.webhookPolicy ?? offlinePolicy(),
    ...(options.longReadsPerTenant !== undefined ? { longReadsPerTenant: options.longReadsPerTenant } : {}),
    ...(options.longReadsTotal !== undefined ? { longReadsTotal: options.longReadsTotal } : {}),
    ...(options.previewsAtOnce !== undefined ? { previewsAtOnce: options.previewsAtOnce } : {}),
    ...(options.previewQueueMs !== undefined ? { previewQueueMs: options.previewQueueMs } : {}),
  });
  const errors: Error[] = [];
  const app = createApp(services, { log: (err) => errors.push(err), ...(options.logger ? { logger: options.logger } : {}) });
  const key = async (org: string, role: Role) => (await createApiKey(database.db, org, role)).key;
  const keys = {
    admin: await key('org_acme', 'admin'),
    editor: await key('org_acme', 'editor'),
    viewer: await key('org_acme', 'viewer'),
    globexAdmin: await key('org_globex', 'admin'),
  };
  const doc = await (await app.request('/openapi.json')).json();
  const checker = new OpenApiChecker(doc);
  afterAll(() => {
    if (errors.length) throw new Error(`the app logged unexpected errors:\n${errors.map((e) => e.stack).join('\n')}`);
  });

  async function call(method: string, path: string, o: CallOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...o.headers };
    const k = o.key === undefined ? keys.admin : o.key;
    if (k) headers.authorization = `Bearer ${k}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const json = /json/.test(type) && text ? JSON.parse(text) : undefined;
    checker.check(method, path, res.status, type, json);
    return { status: res.status, headers: res.headers, text, json };
  }

  return { app, database, services, keys, call, checker };
}
