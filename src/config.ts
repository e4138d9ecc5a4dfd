import { z } from 'zod';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      error: 'must be true or false',
    })
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const optionalBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .optional()
  .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes', 'on'].includes(v)));

const int = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(min)
    .max(max)
    .default(fallback);

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const EnvSchema = z
  .object({
    NODE_ENV: z.string().default('development'),
    PORT: int(3000, 0, 65535),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: optionalBool,
    DATABASE_URL: optionalString.pipe(z.url({ error: 'must be a postgres:// URL' }).optional()),
    DATA_DIR: z.string().min(1).default('.data'),
    MIGRATE_ON_START: bool(true),
    DB_POOL_MAX: int(10, 1, 1000),
    DB_CONNECT_TIMEOUT_SECONDS: int(2, 1, 600),
    DB_POOL_WAIT_SECONDS: int(30, 1, 3600),
    DB_TENANT_WRITERS: int(4, 1, 1000),
    AUTH_MODE: z.enum(['jwt', 'none']).default('jwt'),
    AUTH_JWT_SECRET: optionalString.pipe(
      z
        .string()
        .refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be at least 32 bytes')
        .optional(),
    ),
    AUTH_JWT_PUBLIC_KEY: optionalString,
    AUTH_JWKS_URL: optionalString.pipe(z.url().optional()),
    AUTH_JWT_ALGORITHMS: list,
    AUTH_ISSUER: optionalString,
    AUTH_AUDIENCE: optionalString,
    AUTH_TENANT_CLAIM: z.string().min(1).default('tenant_id'),
    AUTH_CACHE_SIZE: int(10_000, 0, 10_000_000),
    TENANT_CACHE_TTL_SECONDS: int(5, 0, 3600),
    SESSION_RETENTION_DAYS: int(7, 1, 3650),
    IDEMPOTENCY_TTL_SECONDS: int(86_400, 60, 30 * 86_400),
    IDEMPOTENCY_LOCK_SECONDS: int(60, 1, 3600),
    /** Audit events older than this many days may be purged; unset keeps them forever. */
    AUDIT_RETENTION_DAYS: optionalString.pipe(
      z.coerce
        .number<string | undefined>({ error: 'must be a whole number of days from 1 to 36500' })
        .int()
        .min(1)
        .max(36_500)
        .optional(),
    ),
    /** Comment lines sent on idle audit event streams, so that proxies keep them open. */
    AUDIT_STREAM_HEARTBEAT_SECONDS: int(15, 1, 3600),
    SCHEDULER_ENABLED: bool(true),
    SCHEDULER_INTERVAL_SECONDS: int(60, 1, 86_400),
    /** Each wait between runs is the interval +/- this percentage, at random. */
    SCHEDULER_JITTER_PERCENT: int(20, 0, 50),
    /** Rows per batch (one short transaction per tenant and batch). */
    SCHEDULER_BATCH_SIZE: int(200, 1, 10_000),
    /** Batches one run of a sweep may do before the other sweeps get their turn. */
    SCHEDULER_MAX_BATCHES_PER_RUN: int(50, 1, 1_000_000),
    /** The cap of a failing sweep's exponential backoff (never below the interval). */
    SCHEDULER_MAX_BACKOFF_SECONDS: int(600, 1, 86_400),
    /** How often the audit retention purge runs (only with AUDIT_RETENTION_DAYS). */
    SCHEDULER_AUDIT_PURGE_INTERVAL_SECONDS: int(3600, 1, 7 * 86_400),
    TASK_LEASE_SECONDS: int(300, 1, 86_400),
    TASK_MAX_ATTEMPTS: int(3, 1, 100),
    APPROVAL_TTL_SECONDS: int(86_400, 1, 365 * 86_400),
    RATE_LIMIT_PER_MINUTE: int(0, 0),
    CORS_ORIGINS: list,
    BODY_LIMIT_BYTES: int(1_048_576, 1024, 100 * 1_048_576),
    SHUTDOWN_GRACE_SECONDS: int(10, 1, 600),
    SHUTDOWN_DELAY_SECONDS: int(0, 0, 300),
    JSON_MAX_DEPTH: int(16, 2, 1000),
    JSON_MAX_FIELD_BYTES: int(65_536, 256, 100 * 1_048_576),
    /** When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`; unset, it is public. */
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    if (env.AUTH_MODE === 'none' && production) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'AUTH_MODE=none is refused when NODE_ENV=production',
      });
    }
    const keySources = [env.AUTH_JWT_SECRET, env.AUTH_JWT_PUBLIC_KEY, env.AUTH_JWKS_URL].filter(Boolean);
    if (keySources.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWT_SECRET'],
        message: 'set only one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL',
      });
    }
    if (env.AUTH_MODE === 'jwt' && production && keySources.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWT_SECRET'],
        message:
          'in production one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL is required (no generated secret)',
      });
    }
    if (env.AUTH_JWT_PUBLIC_KEY && !env.AUTH_JWT_PUBLIC_KEY.includes('-----BEGIN PUBLIC KEY-----')) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWT_PUBLIC_KEY'],
        message: 'must be a PEM-encoded SPKI public key (-----BEGIN PUBLIC KEY-----)',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  production: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every setting of the server is read here and nowhere else. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  return { ...result.data, production: result.data.NODE_ENV === 'production' };
}
