// Every request gets an id (a sane incoming X-Request-Id is kept, else a new UUID), echoed in the
// X-Request-Id header and in every problem body, and bound to a child logger so each line the
// request causes carries it. When the request ends, one line: method, path (no query string), status,
// duration, tenant and key id — never the Authorization header or the key.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../lib/log.js';
import type { AppEnv } from './auth.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    await next(); // errors are turned into responses by app.onError before this returns
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    const principal = c.get('principal');
    const status = c.res.status;
    log[status >= 500 ? 'error' : 'info'](
      {
        method: c.req.method,
        path: c.req.path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(principal ? { tenant: principal.orgId, keyId: principal.keyId } : {}),
      },
      'request',
    );
  };
}

/**
 * Responses holding personal data (all of /v1, the CSV export included) must not be kept by a
 * browser or a shared cache.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
};
