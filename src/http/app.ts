// The HTTP surface. Sub-apps are composed here with app.route(); handlers sit right after their path
// in src/http/routes/. Every /v1 request is authenticated and scoped to the key's tenant.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LockTimeoutError, QueryCancelledError, QueryTimeoutError } from '../db/errors.js';
import { typedError } from '../db/timeout.js';
import { AppError } from '../lib/errors.js';
import { GenerationError } from '../nl/errors.js';
import type { Services } from '../services.js';
import { type AppEnv, requireKey } from './auth.js';
import { validationHook } from './openapi.js';
import { onError, problem } from './problem.js';
import { catalogRoutes } from './routes/catalog.js';
import { contactRoutes } from './routes/contacts.js';
import { draftRoutes } from './routes/drafts.js';
import { keyRoutes } from './routes/keys.js';
import { segmentRoutes } from './routes/segments.js';
import { webhookRoutes } from './routes/webhooks.js';
import { RULE_SCHEMA_COMPONENTS } from './schemas.js';
import { uiRoutes } from '../ui/routes.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  log?: (err: Error) => void;
}

const requireJson: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
  if ((method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE') && hasBody) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new AppError('unsupported_media_type', `Send the body as application/json (got ${type ? `"${type}"` : 'no content type'}).`);
    }
  }
  await next();
};

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
  return err;
}

export function createApp(services: Services, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>(validationHook);

  app.get('/health', async (c) => {
    await services.database.sql`select 1`;
    return c.json({ status: 'ok' });
  });

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problem(c, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`),
    }),
  );
  app.use('/v1/*', requireJson);
  app.use('/v1/*', requireKey(services.database.db));
  app.route('/v1', draftRoutes(services));
  app.route('/v1', segmentRoutes(services));
  app.route('/v1', contactRoutes(services));
  app.route('/v1', webhookRoutes(services));
  app.route('/v1', keyRoutes(services));
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
  app.onError((err, c) => onError(mapError(err, services.statementTimeoutMs), c, options.log));
  return app;
}
