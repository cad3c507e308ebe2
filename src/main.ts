// Starts the service: config → database (embedded unless DATABASE_URL) → migrations → HTTP.
// `--demo` first imports the bundled CRM fixture so there is something to segment.
import type http from 'node:http';
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_FIXTURE, DEMO_ORG } from './fixture/demo.js';
import { openConnections } from './db/client.js';
import { openDatabase } from './db/open.js';
import { importFixture, readFixtureFile } from './fixture/import.js';
import { createApiKey } from './auth/keys.js';
import { type RecomputeScheduler, startRecomputeScheduler } from './segments/scheduler.js';
import { defaultEgressPolicy } from './net/egress.js';
import { startWebhookWorker } from './events/worker.js';
import { createApp } from './http/app.js';
import { createLogger } from './lib/log.js';
import { createProvider } from './nl/providers.js';
import { ensureSystemSegments } from './segments/system.js';
import { createServices } from './services.js';


async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  // JSON lines on stdout (LOG_LEVEL); pipe through `npx pino-pretty` to read them by eye.
  const logger = createLogger(config.LOG_LEVEL);
  const say = (line: string) => logger.info(line);
  const database = await openDatabase(config, say);
  // Both pools open before the first request, so no request pays for connecting (src/db/client.ts).
  await Promise.all([openConnections(database, config.DB_POOL_SIZE), openConnections(database.long, config.DB_LONG_READ_POOL_SIZE)]);
  let closing = false;
  // A busy service still stops within SHUTDOWN_TIMEOUT_MS (plus the database's own stop): new
  // connections are refused at once, in-flight work gets that long, then open HTTP connections are
  // dropped, the pools ended (their open transactions roll back) and the database stopped.
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: shutting down`);
    const grace = config.SHUTDOWN_TIMEOUT_MS;
    setTimeout(() => {
      say(`still not stopped ${2 * grace} ms after ${signal}; exiting anyway`);
      process.exit(1);
    }, 2 * grace + 10_000).unref();
    server.close();
    server.closeIdleConnections();
    const settled = await within(grace, Promise.all([scheduler?.stop(), worker.stop()]));
    if (!settled) say(`background work still running after ${grace} ms; stopping anyway`);
    server.closeAllConnections();
    await within(grace, database.close().catch((err: Error) => say(`closing the database: ${err.message}`)));
    process.exit(0);
  };

  let demoKey: string | undefined;
  if (argv.includes('--demo')) {
    const counts = await importFixture(database.db, readFixtureFile(DEMO_FIXTURE));
    say(`demo data loaded: ${counts.contacts} contacts in ${counts.orgs} tenants`);
    demoKey = (await createApiKey(database.db, DEMO_ORG, 'admin', 'demo admin key')).key;
  }
  const webhookPolicy = { ...defaultEgressPolicy, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE };
  const services = createServices({
    database,
    provider: createProvider(config),
    cacheTtlMs: config.SEGMENT_CACHE_TTL_MS,
    statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
    definitionRoles: config.SEGMENT_DEFINITION_ROLES,
    webhookPolicy,
    longReadsPerTenant: config.LONG_READS_PER_TENANT,
    longReadsTotal: config.DB_LONG_READ_POOL_SIZE,
    previewQueueMs: config.PREVIEW_QUEUE_MS,
    ...(config.PREVIEWS_AT_ONCE !== undefined ? { previewsAtOnce: config.PREVIEWS_AT_ONCE } : {}),
  });
  const created = await ensureSystemSegments(services);
  if (created > 0) say(`system segments created: ${created}`);
  const log = (line: string) => logger.warn(line);
  const worker = startWebhookWorker({
    database,
    pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    backoffBaseMs: config.WEBHOOK_BACKOFF_BASE_MS,
    backoffMaxMs: config.WEBHOOK_BACKOFF_MAX_MS,
    maxAgeMs: config.WEBHOOK_MAX_AGE_MS,
    policy: webhookPolicy,
    log,
  });
  const scheduler: RecomputeScheduler | undefined =
    config.RECOMPUTE_INTERVAL_MS > 0 ? startRecomputeScheduler(services, { intervalMs: config.RECOMPUTE_INTERVAL_MS, log }) : undefined;
  const app = createApp(services, { logger });
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }) as http.Server; // HTTP/1 unless createServer says otherwise
  say(`database: ${database.describe}`);
  say(`provider: ${services.provider.name} (${services.provider.model})`);
  say(`listening on http://${config.HOST}:${config.PORT}  (API reference: /openapi.json)`);
  // The one place a key is ever written out: the demo's own, so the demo can be used at once.
  if (demoKey) say(`admin API key for the demo tenant ${DEMO_ORG}: ${demoKey}`);
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Resolves true when `work` settles within `ms`, false when it is still running then. */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `[segment-builder] failed to start: ${(err as Error).message ?? err}`);
  process.exit(1);
});
