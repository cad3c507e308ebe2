// Shared pieces of route definitions: problem responses and the security requirement.
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './auth.js';
import { problem } from './problem.js';
import { Problem } from './schemas.js';

const PROBLEM_TEXT = {
  400: 'Invalid request (problem+json with a list of {path, message})',
  401: 'Missing, unknown or revoked API key',
  403: 'The key’s role may not do this',
  404: 'No such resource in this tenant',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Body is not application/json',
  422: 'The description was refused',
  429: 'Too many long reads of this tenant at once (Retry-After says when to try again)',
  502: 'The language model answered with something unusable',
  503: 'The language model is rate limited, unavailable or did not answer in time; or another request holds the records this one needs and nothing was changed (Retry-After)',
  504: 'The query hit the statement timeout',
} as const;

type ProblemStatus = keyof typeof PROBLEM_TEXT;

/** Every /v1 route may answer 401 (no key) and 400 (text the edge refuses: NUL, lone surrogates, "__proto__"). */
export function problems(...statuses: ProblemStatus[]) {
  const all: ProblemStatus[] = [400, 401, ...statuses];
  return Object.fromEntries(
    all.map((s) => [s, { description: PROBLEM_TEXT[s], content: { 'application/problem+json': { schema: Problem } } }]),
  ) as Record<ProblemStatus, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }>;
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function body<T extends z.ZodType>(schema: T) {
  return { body: { content: { 'application/json': { schema } }, required: true } };
}

export const security = [{ apiKey: [] }];

/** Request validation failures become one problem+json listing every {path, message}. */
export const validationHook: NonNullable<ConstructorParameters<typeof OpenAPIHono<AppEnv>>[0]> = {
  defaultHook: (result, c) => {
    if (result.success) return;
    const target = (result as { target?: string }).target ?? 'body';
    const errors = result.error.issues.map((i) => ({ path: [target === 'json' ? 'body' : target, ...i.path.map(String)].join('.'), message: i.message }));
    return problem(c, 'validation_failed', 'The request is not valid.', errors);
  },
};
