// Bearer API keys → a principal (tenant + role) on the context; role checks for handlers.
import type { MiddlewareHandler } from 'hono';
import { authenticate, type Principal } from '../auth/keys.js';
import { type Permission, type Policy, refusal } from '../auth/policy.js';
import type { Db } from '../db/client.js';
import { AppError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';

/** Per request: the key's principal (after requireKey), the request id and a logger bound to it. */
export type AppEnv = { Variables: { principal: Principal; requestId: string; log: Logger } };

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

/** Throws 403 unless the policy gives the principal's role `permission`; says which role `action` needs. */
export function allow(principal: Principal, policy: Policy, permission: Permission, action?: string): void {
  if (!policy[permission].includes(principal.role)) throw new AppError('forbidden', refusal(policy, permission, principal.role, action));
}
