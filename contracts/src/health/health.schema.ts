import { z } from 'zod';

export const dependencyStatusSchema = z.enum(['up', 'down']);
export type DependencyStatus = z.infer<typeof dependencyStatusSchema>;

export const dependencyCheckSchema = z.object({
  status: dependencyStatusSchema,
  latencyMs: z.number().nonnegative().optional(),
  error: z.string().optional(),
});
export type DependencyCheck = z.infer<typeof dependencyCheckSchema>;

/** Dependencies whose failure makes the system unhealthy (503). */
export const REQUIRED_DEPENDENCIES = ['postgres', 'redis'] as const;
export type RequiredDependency = (typeof REQUIRED_DEPENDENCIES)[number];

/**
 * GET /api/health. 200 with this body when PostgreSQL and Redis answer; otherwise 503
 * in the error shape with this report as `details`. The worker is informative only:
 * it is `up` while a worker process has sent a heartbeat recently.
 */
export const healthReportSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  checks: z.object({
    postgres: dependencyCheckSchema,
    redis: dependencyCheckSchema,
    worker: dependencyCheckSchema,
  }),
});
export type HealthReport = z.infer<typeof healthReportSchema>;
