// The one error type inner modules throw for expected failures. It carries a code from a closed set;
// only the HTTP layer turns codes into statuses (src/http/problem.ts).
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'not_expressible',
  'too_many_requests',
  'query_timeout',
  'busy',
  'upstream_failed',
  'upstream_unavailable',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProblemDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: ProblemDetail[],
    /** For 429 and 503: when to try again (sent as Retry-After). */
    readonly options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}
