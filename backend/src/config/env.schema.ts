import { z } from 'zod';

const postgresUrl = z
  .string({ error: 'is required (e.g. postgres://postgres@127.0.0.1:5432/convenio)' })
  .refine((value) => {
    try {
      return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be a postgres:// URL (e.g. postgres://postgres@127.0.0.1:5432/convenio)');

const redisUrl = z
  .string({ error: 'is required (e.g. redis://127.0.0.1:6379)' })
  .refine((value) => {
    try {
      return ['redis:', 'rediss:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)');

const smtpUrl = z.string().refine((value) => {
  try {
    return ['smtp:', 'smtps:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an smtp:// or smtps:// URL (e.g. smtp://user:pass@mail.example.org:587)');

const intFromEnv = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/**
 * Every environment variable the backend reads, validated once at boot.
 * Nothing else in the code reads `process.env`.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intFromEnv(1, 65535).default(3000),
  DATABASE_URL: postgresUrl,
  DB_POOL_SIZE: intFromEnv(1, 200).default(10),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}:-]{1,64}$/, 'must be 1-64 letters, digits, _ - : { }')
    .default('convenio'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED: z.enum(['demo', 'none']).default('demo'),
  FRONTEND_DIST: z.string().optional(),
  JWT_ACCESS_SECRET: z.string({ error: 'is required (a random string of at least 32 characters)' }).min(32, 'must have at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: intFromEnv(30, 900).default(900),
  REFRESH_TOKEN_TTL_DAYS: intFromEnv(1, 90).default(7),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: intFromEnv(1, 1000).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: intFromEnv(1, 10000).default(20),
  LOGIN_THROTTLE_WINDOW_SECONDS: intFromEnv(10, 86400).default(900),
  /** Key of the keyed hash (HMAC-SHA-256) that pseudonymizes columns; the same key gives the same tokens across releases. */
  ANONYMIZATION_HMAC_KEY: z.string({ error: 'is required (a random string of at least 32 characters)' }).min(32, 'must have at least 32 characters'),
  /** Days an anonymization job's original upload (which holds the personal data) is kept after the job ends; then it is deleted (the anonymized result stays). */
  ANONYMIZATION_INPUT_RETENTION_DAYS: intFromEnv(0, 3650).default(7),
  /** Notifications are also e-mailed (by the worker) only when this is set, e.g. smtp://user:pass@mail.example:587. */
  SMTP_URL: smtpUrl.optional(),
  SMTP_FROM: z.string().trim().min(3).max(200).default('Convenio <no-reply@convenio.local>'),
});

export type Env = z.infer<typeof envSchema>;
