// Bearer API keys → a principal (tenant + role) on the context; role checks for handlers.
import type { MiddlewareHandler } from 'hono';
import { authenticate, type Principal, type Role } from '../auth/keys.js';
import type { Db } from '../db/client.js';
import { AppError } from '../lib/errors.js';

export type AppEnv = { Variables: { principal: Principal } };

export function requireKey(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', 'Send an API key as "Authorization: Bearer <key>". Create one with `npm run keys -- create --org <org> --role <role>`.');
    }
    const principal = await authenticate(db, match[1]!);
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new AppError('unauthorized', 'The API key is unknown or revoked.');
    }
    c.set('principal', principal);
    await next();
  };
}

/** Throws 403 unless the principal has one of `roles`; says which role the action needs. */
export function allow(principal: Principal, roles: readonly Role[], action: string): void {
  if (!roles.includes(principal.role)) {
    throw new AppError('forbidden', `Only ${roles.join(' or ')} keys may ${action}; this key is ${principal.role}.`);
  }
}
