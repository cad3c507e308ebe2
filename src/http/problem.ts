// One error path at the edge: every error leaves the service as application/problem+json.
// Inner modules throw AppError (or typed errors mapped here); only this layer knows status codes.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, type ProblemDetail } from '../lib/errors.js';

export { AppError };

/** The one error table: every code's status, title and what it tells a client (also the OpenAPI text). */
export const PROBLEMS = {
  bad_request: { status: 400, title: 'Bad request', means: 'the request is malformed (JSON, text the edge refuses: NUL, lone surrogates, "__proto__")' },
  validation_failed: { status: 400, title: 'Validation failed', means: 'invalid input, with a list of {path, message}' },
  unauthorized: { status: 401, title: 'Unauthorized', means: 'missing, unknown or revoked API key' },
  forbidden: { status: 403, title: 'Forbidden', means: 'the key’s role may not do this' },
  not_found: { status: 404, title: 'Not found', means: 'no such resource in this tenant' },
  conflict: { status: 409, title: 'Conflict', means: 'conflicts with the current state; nothing was changed' },
  payload_too_large: { status: 413, title: 'Payload too large', means: 'body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', means: 'body is not application/json' },
  unprocessable: { status: 422, title: 'Unprocessable description', means: 'the description was refused' },
  not_expressible: { status: 422, title: 'Not expressible', means: 'the segment’s rules have no equivalent in the requested format (errors list each part)' },
  too_many_requests: { status: 429, title: 'Too many requests', means: 'too many long reads of this tenant at once (Retry-After says when to try again)' },
  query_timeout: { status: 504, title: 'Query timed out', means: 'the query hit the statement timeout' },
  busy: { status: 503, title: 'Busy', means: 'another request holds the records this one needs; nothing was changed (Retry-After)' },
  upstream_failed: { status: 502, title: 'Upstream failure', means: 'the language model answered with something unusable' },
  upstream_unavailable: { status: 503, title: 'Upstream unavailable', means: 'the language model is rate limited, unavailable or did not answer in time' },
  unavailable: { status: 503, title: 'Service unavailable', means: 'the database cannot be reached' },
  internal: { status: 500, title: 'Internal error', means: 'an unexpected fault; it was logged with the request id' },
} as const satisfies Record<ErrorCode, { status: ContentfulStatusCode; title: string; means: string }>;

export function problemBody(code: ErrorCode, detail: string, errors?: ProblemDetail[], requestId?: string) {
  const { status, title } = PROBLEMS[code];
  return { type: `/problems/${code.replace(/_/g, '-')}`, title, status, detail, ...(errors ? { errors } : {}), ...(requestId ? { requestId } : {}) };
}

/** A problem+json response; it carries the request id (set by the request-log middleware) to quote in a support request. */
export function problem(c: Context, code: ErrorCode, detail: string, errors?: ProblemDetail[]): Response {
  const body = problemBody(code, detail, errors, c.get('requestId') as string | undefined);
  return c.body(JSON.stringify(body), body.status, { 'content-type': 'application/problem+json' });
}

/** Expected errors become their problem; anything else is reported (logged) and answered with a bare 500. */
export function onError(err: Error, c: Context, report: (err: Error) => void = console.error): Response {
  if (err instanceof AppError) {
    if (err.options.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.options.retryAfterSeconds));
    return problem(c, err.code, err.message, err.errors);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = (Object.entries(PROBLEMS).find(([, v]) => v.status === status)?.[0] ?? 'bad_request') as ErrorCode;
    return problem(c, code, err.message || PROBLEMS[code].title);
  }
  report(err);
  return problem(c, 'internal', 'An unexpected error occurred; it has been logged with the request id.');
}
