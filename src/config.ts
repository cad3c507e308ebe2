// The environment, parsed once at start. A bad variable fails fast with a message naming it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_EMBEDDED_PG_DIR = path.join(PROJECT_ROOT, '.data', 'pg');

const port = z.coerce.number().int().min(1).max(65535);

const EnvSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  EMBEDDED_PG_DIR: z.string().min(1).default(DEFAULT_EMBEDDED_PG_DIR),
  EMBEDDED_PG_PORT: port.default(54329),
  /** Embedded server settings over the memory-sized defaults: "shared_buffers=256MB,work_mem=8MB". */
  EMBEDDED_PG_SETTINGS: z.string().optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** A statement waiting longer than this for a lock fails with a 503 instead of queueing; 0 = off. */
  LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(3_000),
  /** The server ends a session left idle inside a transaction this long; 0 = off. */
  IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  /** Connections for short requests, and (a pool of their own) for long reads. */
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
  DB_LONG_READ_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  /** Long reads (exports, member ids and pages, counts, recomputes, freezes) at once per tenant; one more is a 429. */
  LONG_READS_PER_TENANT: z.coerce.number().int().min(1).max(100).default(4),
  /** Previews and funnel counts running at once, all tenants together; default one fewer than the CPU cores (at least 1). */
  PREVIEWS_AT_ONCE: z.coerce.number().int().min(1).max(100).optional(),
  /** A preview waits this long for a long-read slot (queued in arrival order) before its 429. */
  PREVIEW_QUEUE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /** SIGTERM/SIGINT: how long in-flight work may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** builtin (offline parser) or openai (any OpenAI-compatible server). Default: openai when a key or base URL is set. */
  LLM_PROVIDER: z.enum(['builtin', 'openai']).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  LLM_MODEL: z.string().min(1).default('gpt-4.1-mini'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** How long a dynamic segment's computed members are reused. */
  SEGMENT_CACHE_TTL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** How often every dynamic segment is recomputed (membership events for changes no write caused); 0 = never. */
  RECOMPUTE_INTERVAL_MS: z.coerce.number().int().refine((n) => n === 0 || (n >= 1_000 && n <= 86_400_000), 'must be 0 (off) or 1000–86400000').default(300_000),
  /** Webhook delivery: poll interval, per-attempt timeout (resolve + connect + headers + body), backoff base and cap, and when to give up. */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  WEBHOOK_MAX_AGE_MS: z.coerce.number().int().min(1_000).max(30 * 86_400_000).default(86_400_000),
  /** Let webhooks go to loopback and private-network addresses (and plain http to them): self-hosted installs, tests. */
  WEBHOOK_ALLOW_PRIVATE: z.stringbool({ error: 'must be true or false' }).default(false),
  /** Roles allowed to create, edit and delete segment definitions (comma-separated). */
  SEGMENT_DEFINITION_ROLES: z
    .string()
    .default('admin')
    .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['admin', 'editor', 'viewer'])).min(1)),
});

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError that names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty string means "unset" for every variable: that is how shells and .env files say it.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
