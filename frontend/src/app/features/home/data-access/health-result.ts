import {
  type ErrorResponse,
  type HealthReport,
  REQUIRED_DEPENDENCIES,
  type RequiredDependency,
  healthReportSchema,
} from '@convenio/contracts';

/** What the home page can show about the system (`kind` is also the `data-status` hook). */
export type HealthResult =
  | { readonly kind: 'ok'; readonly report: HealthReport }
  | { readonly kind: 'unavailable'; readonly report: HealthReport; readonly down: readonly RequiredDependency[] }
  | { readonly kind: 'unreachable'; readonly error: ErrorResponse };

export type HealthDependency = keyof HealthReport['checks'];
export const HEALTH_DEPENDENCIES: readonly HealthDependency[] = ['postgres', 'redis', 'worker'];

/** A health report when the value is one (the 200 body, or `details` of the 503 body). */
export function readHealthReport(value: unknown): HealthReport | null {
  const parsed = healthReportSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The result for a report the API sent (with 200 or 503). */
export function fromReport(report: HealthReport): HealthResult {
  const down = REQUIRED_DEPENDENCIES.filter((name) => report.checks[name].status === 'down');
  return report.status === 'ok' && down.length === 0 ? { kind: 'ok', report } : { kind: 'unavailable', report, down };
}
