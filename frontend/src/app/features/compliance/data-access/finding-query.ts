import type { Params } from '@angular/router';
import {
  COMPLIANCE_RULES,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type ComplianceRule,
  type FindingSeverity,
  type FindingStatus,
} from '@convenio/contracts';

/** The findings board as the URL says it (`/cumplimiento?status=open&severity=high&page=2`): shareable. */
export interface FindingQuery {
  readonly status: FindingStatus | null;
  readonly severity: FindingSeverity | null;
  readonly rule: ComplianceRule | null;
  readonly agreementId: string | null;
  readonly page: number;
  readonly pageSize: number;
}

export type FindingFilterName = 'status' | 'severity' | 'rule' | 'agreementId';

export const FINDING_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_FINDING_QUERY: FindingQuery = { status: null, severity: null, rule: null, agreementId: null, page: 1, pageSize: 25 };

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function positive(value: unknown, fallback: number, max: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
}

/** Reads the board's query from URL parameters, dropping what the API would refuse. */
export function parseFindingQuery(params: Params): FindingQuery {
  const agreementId = typeof params['agreementId'] === 'string' && UUID_PATTERN.test(params['agreementId']) ? params['agreementId'].toLowerCase() : null;
  return {
    status: oneOf(FINDING_STATUSES, params['status']),
    severity: oneOf(FINDING_SEVERITIES, params['severity']),
    rule: oneOf(COMPLIANCE_RULES, params['rule']),
    agreementId,
    page: positive(params['page'], 1, 10_000),
    pageSize: positive(params['pageSize'], DEFAULT_FINDING_QUERY.pageSize, 200),
  };
}

/** URL parameters of a query: only what differs from the default. */
export function findingQueryParams(query: FindingQuery): Params {
  const params: Params = {};
  if (query.status) params['status'] = query.status;
  if (query.severity) params['severity'] = query.severity;
  if (query.rule) params['rule'] = query.rule;
  if (query.agreementId) params['agreementId'] = query.agreementId;
  if (query.page !== 1) params['page'] = String(query.page);
  if (query.pageSize !== DEFAULT_FINDING_QUERY.pageSize) params['pageSize'] = String(query.pageSize);
  return params;
}

/** A changed filter starts again at page 1. */
export function withFilter<K extends FindingFilterName>(query: FindingQuery, name: K, value: FindingQuery[K]): FindingQuery {
  return { ...query, [name]: value, page: 1 };
}

export function sameFindingQuery(a: FindingQuery, b: FindingQuery): boolean {
  return JSON.stringify(findingQueryParams(a)) === JSON.stringify(findingQueryParams(b));
}

export function isFiltered(query: FindingQuery): boolean {
  return query.status !== null || query.severity !== null || query.rule !== null || query.agreementId !== null;
}
