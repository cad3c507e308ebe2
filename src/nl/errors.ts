// Why a description could not become a rule tree. The HTTP layer maps codes to statuses.
import type { Issue } from '../rules/validate.js';

export type GenerationErrorCode =
  | 'invalid_description'
  | 'invalid_output'
  | 'model_refusal'
  | 'truncated'
  | 'content_filter'
  /** The whole generation ran past its deadline (LLM_TIMEOUT_MS × GENERATION_TIME_FACTOR). */
  | 'timeout'
  /** Rate limited, 5xx or unreachable, after the retries the deadline allowed. */
  | 'unavailable'
  /** The service answered something unusable (not JSON, not a completion, too large, a 4xx). */
  | 'upstream';

export class GenerationError extends Error {
  override name = 'GenerationError';
  constructor(
    readonly code: GenerationErrorCode,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(issues.length ? `${message}\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}` : message);
  }
}
