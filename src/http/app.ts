// The HTTP surface. Sub-apps are composed here with app.route(); handlers sit right after their path
// in src/http/routes/. Every /v1 request is authenticated and scoped to the key's tenant.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { LockTimeoutError, QueryCancelledError, QueryTimeoutError } from '../db/errors.js';
import { typedError } from '../db/timeout.js';
import { AppError } from '../lib/errors.js';
import { createLogger, type Logger } from '../lib/log.js';
import { GenerationError } from '../nl/errors.js';
import type { Services } from '../services.js';
import { type AppEnv, requireKey } from './auth.js';
import { inputGuard } from './input.js';
import { validationHook } from './openapi.js';
import { onError, problem } from './problem.js';
import { noStore, requestLog } from './request-log.js';
import { bulkRoutes } from './routes/bulk.js';
import { catalogRoutes } from './routes/catalog.js';
import { contactRoutes } from './routes/contacts.js';
import { draftRoutes } from './routes/drafts.js';
import { fieldRoutes } from './routes/fields.js';
import { keyRoutes } from './routes/keys.js';
import { segmentHistoryRoutes } from './routes/segment-history.js';
import { segmentRoutes } from './routes/segments.js';
import { webhookRoutes } from './routes/webhooks.js';
import { RULE_SCHEMA_COMPONENTS } from './schemas.js';
import { uiRoutes } from '../ui/routes.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  /** Structured request and error lines (default: errors only, to stdout). */
  logger?: Logger;
  /** Also told of every unexpected error (tests use it to fail on any). */
  log?: (err: Error) => void;
  /** How long GET /health waits for the database before answering 503. */
  healthTimeoutMs?: number;
}

/** Typed errors from inner modules, mapped to problems; anything else is a real fault (500). */
function mapError(raw: Error, statementTimeoutMs: number): Error {
  // A lock or statement timeout outside withStatementTimeout (a plain query) is typed here.
  const err = typedError(raw, { timeoutMs: statementTimeoutMs }) as Error;
  if (err instanceof QueryTimeoutError) return new AppError('query_timeout', err.message);
  if (err instanceof LockTimeoutError) return new AppError('busy', err.message, undefined, { retryAfterSeconds: err.retryAfterSeconds });
  if (err instanceof QueryCancelledError) return new AppError('bad_request', err.message); // nobody is listening
  if (err instanceof GenerationError) {
    if (err.code === 'invalid_description') return new AppError('validation_failed', err.message, [{ path: 'body.description', message: err.message }]);
    if (err.code === 'invalid_output') return new AppError('upstream_failed', err.message.split('\n')[0]!, err.issues);
    if (err.code === 'model_refusal') return new AppError('unprocessable', err.message);
    if (err.code === 'timeout' || err.code === 'unavailable') return new AppError('upstream_unavailable', err.message);
    return new AppError('upstream_failed', err.message);
  }
  const conflict = uniqueViolation(err);
  if (conflict) return conflict;
  return err;
}

/**
 * A unique violation that reached the edge is a race between clients (two imports of the same new
 * slug, two creates of the same id): the loser gets a 409 naming what is taken, not a 500. Modules
 * that can say more map their own constraints first.
 */
function uniqueViolation(err: Error): AppError | undefined {
  const pg = (err as { cause?: unknown }).cause ?? err;
  const { code, constraint_name: constraint, table_name: table } = pg as { code?: string; constraint_name?: string; table_name?: string };
  if (code !== '23505') return undefined;
  const what = (constraint && CONSTRAINT_TEXT[constraint]) ?? `a ${table ? table.replace(/_/g, ' ').replace(/s$/, '') : 'row'} with the same key already exists`;
  return new AppError('conflict', `Conflicts with a concurrent or earlier change: ${what}. Nothing was changed by this request; read the current state and retry if needed.`);
}

const CONSTRAINT_TEXT: Record<string, string> = {
  segments_org_slug_uq: 'another segment already uses this slug',
  segments_org_title_uq: 'another segment already has this title',
};

export function createApp(services: Services, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);
  const logger = options.logger ?? createLogger('error');
  const healthTimeoutMs = options.healthTimeoutMs ?? 2_000;

  app.use('*', requestLog(logger));
  app.use('*', secureHeaders()); // X-Content-Type-Options: nosniff and friends, on every response

  app.get('/health', async (c) => {
    const failure = await databaseFailure(services, healthTimeoutMs);
    if (failure) {
      c.get('log').warn({ reason: failure }, 'health check failed');
      return problem(c, 'unavailable', `The database is not answering (${failure}); try again shortly.`);
    }
    return c.json({ status: 'ok' });
  });

  app.use('/v1/*', noStore);
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problem(c, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`),
    }),
  );
  app.use('/v1/*', requireKey(services.database.db));
  app.use('/v1/*', inputGuard);
  app.route('/v1', draftRoutes(services));
  app.route('/v1', segmentRoutes(services));
  app.route('/v1', segmentHistoryRoutes(services));
  app.route('/v1', contactRoutes(services));
  app.route('/v1', bulkRoutes(services));
  app.route('/v1', webhookRoutes(services));
  app.route('/v1', keyRoutes(services));
  app.route('/v1', fieldRoutes(services));
  app.route('/app/api', catalogRoutes(services)); // what the reviewer page's editor offers
  app.route('/app', uiRoutes()); // the reviewer web page (src/ui/, src/web/)

  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'A tenant API key (`npm run keys -- create`).' });
  for (const [name, schema] of Object.entries(RULE_SCHEMA_COMPONENTS)) {
    app.openAPIRegistry.registerComponent('schemas', name, schema as never);
  }
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Segment builder API',
      version: '1.0.0',
      description: 'Natural-language audience descriptions → validated rule trees → previewed, approved, queryable segments.',
    },
  });

  app.notFound((c) => problem(c, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`));
  app.onError((err, c) =>
    onError(mapError(err, services.statementTimeoutMs), c, (unexpected) => {
      // The logger's err serializer (errorFields) keeps type, SQL text, SQL state and frames; never bound parameters.
      (c.get('log') ?? logger).error({ err: unexpected, method: c.req.method, path: c.req.path }, 'unexpected error');
      options.log?.(unexpected);
    }),
  );
  return app;
}

/** Why the database cannot serve requests now, or undefined when `select 1` answers within the bound. */
async function databaseFailure(services: Services, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  const probe = services.database.sql`select 1`.then(
    () => undefined,
    (err: Error & { code?: string }) => (err.code ? `${err.code}` : 'connection failed'),
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
