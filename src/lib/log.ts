// Structured logs: one JSON object per line (pino), so a request id, a tenant or a status can be
// searched for. What may never reach a log line: API keys, Authorization headers, webhook secrets
// and the bound parameters of a failed query (drizzle puts them into its error message, postgres.js
// into `parameters`). Errors are logged through `errorFields`, which keeps the type, the SQL text
// (placeholders only), the SQL state and the stack frames, and drops every value; `redact` is the
// second wall for fields someone logs by hand.
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Field paths whose values are replaced by "[redacted]" wherever a caller logs them. */
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'parameters',
  '*.parameters',
  'params',
  '*.params',
  'err.cause.parameters',
  'err.cause.params',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'segment-builder' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: errorFields },
    },
    destination,
  );
}

/** Postgres error fields that name what failed without quoting any value. */
const PG_FIELDS = [
  ['code', 'code'],
  ['severity', 'severity'],
  ['schema_name', 'schema'],
  ['table_name', 'table'],
  ['column_name', 'column'],
  ['constraint_name', 'constraint'],
  ['routine', 'routine'],
] as const;

/**
 * What of an error may be logged. Dropped on purpose: drizzle's "params: …" part of the message,
 * postgres.js `parameters`/`args`, and Postgres `detail`/`where` (a unique violation's detail quotes
 * the duplicate value, e.g. an email address).
 */
export function errorFields(err: unknown, depth = 0): Record<string, unknown> {
  if (isSerialized(err)) return err;
  if (!(err instanceof Error)) return { type: typeof err, message: typeof err === 'string' ? withoutParams(err) : 'a non-Error value was thrown' };
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: e.name && e.name !== 'Error' ? e.name : e.constructor?.name ?? 'Error',
    message: err instanceof DrizzleQueryError ? `Failed query: ${err.query}` : withoutParams(err.message),
  };
  // Data exceptions (SQLSTATE class 22) quote the offending input value: keep the words, not the value.
  if (typeof e.code === 'string' && e.code.startsWith('22')) out.message = String(out.message).replace(/"[^"]*"/g, '"…"');
  for (const [from, to] of PG_FIELDS) {
    if (typeof e[from] === 'string' || typeof e[from] === 'number') out[to] = e[from];
  }
  // Only the frames: the first lines of `stack` repeat the message, parameters included.
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  if (frames.length) out.stack = frames.map((l) => l.trim()).join('\n');
  if (err.cause !== undefined && depth < 3) out.cause = errorFields(err.cause, depth + 1);
  Object.defineProperty(out, SERIALIZED, { value: true }); // pino's serializer may see it again
  return out;
}

const SERIALIZED = Symbol('errorFields');

function isSerialized(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && SERIALIZED in v;
}

/** Drizzle-style messages end with "\nparams: v1,v2,…": cut there. */
function withoutParams(message: string): string {
  const at = message.indexOf('\nparams:');
  return at === -1 ? message : message.slice(0, at);
}
