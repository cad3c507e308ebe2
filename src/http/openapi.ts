// Shared pieces of route definitions: problem responses and the security requirement.
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './auth.js';
import { problem, PROBLEMS } from './problem.js';
import { Problem } from './schemas.js';

/**
 * The problem answers every /v1 operation documents: one shared list, derived from the error table
 * (src/http/problem.ts), so a new error code is documented where it is defined. Statuses that
 * several codes share say all of their meanings.
 */
const PROBLEM_RESPONSES = (() => {
  const byStatus = new Map<number, string[]>();
  for (const { status, means } of Object.values(PROBLEMS)) byStatus.set(status, [...(byStatus.get(status) ?? []), means]);
  return Object.fromEntries(
    [...byStatus].sort(([a], [b]) => a - b).map(([status, meanings]) => [
      status,
      { description: meanings.map((m) => m.replace(/^./, (ch) => ch.toUpperCase())).join('; or '), content: { 'application/problem+json': { schema: Problem } } },
    ]),
  ) as Record<ProblemStatus, { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }>;
})();

type ProblemStatus = (typeof PROBLEMS)[keyof typeof PROBLEMS]['status'];

export function problems() {
  return PROBLEM_RESPONSES;
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
