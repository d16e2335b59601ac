import type { DataRequest, DataRequestStatus, Diagnostic, DiagnosticNeed, DiagnosticStatus, GeoLevel } from '@convenio/contracts';
import type { MatchableDataset } from './candidate-matching';

/** A need as the diagnostic SQL aggregates it (json_build_object keys, dates as text). */
interface NeedJson extends Omit<DiagnosticNeed, 'sectorLevel' | 'periodFrom' | 'periodTo' | 'geoCodes' | 'sectorCodes'> {
  geoCodes: string[];
  sectorCodes: string[];
  sectorLevel: number | null;
  periodFrom: string | null;
  periodTo: string | null;
}

export interface DiagnosticRow {
  id: string;
  title: string;
  policy_question: string;
  status: DiagnosticStatus;
  organization_id: string;
  created_by_id: string | null;
  created_at: Date;
  updated_at: Date;
  needs: NeedJson[];
}

export interface DataRequestRow {
  id: string;
  diagnostic_id: string;
  diagnostic_title: string;
  need_id: string;
  need_topic: string;
  addressed_organization_id: string;
  addressed_name: string;
  requester_organization_id: string;
  requester_name: string;
  message: string;
  status: DataRequestStatus;
  response: string | null;
  dataset_id: string | null;
  dataset_title: string | null;
  created_by_id: string | null;
  created_at: Date;
  answered_at: Date | null;
}

export interface CandidateDatasetRow {
  id: string;
  title: string;
  themes: string[];
  geo_level: GeoLevel;
  geo_codes: string[];
  sector_level: number | null;
  sector_codes: string[];
  time_from: string | null;
  time_to: string | null;
  sensitivity: string;
  owner_organization_id: string;
  owner_name: string;
  owner_sector: string;
  has_direct_identifiers: boolean;
}

function rowToNeed(json: NeedJson): DiagnosticNeed {
  return {
    id: json.id,
    position: json.position,
    topic: json.topic,
    theme: json.theme,
    geoLevel: json.geoLevel,
    geoCodes: json.geoCodes,
    ...(json.sectorLevel !== null ? { sectorLevel: json.sectorLevel } : {}),
    sectorCodes: json.sectorCodes,
    ...(json.periodFrom ? { periodFrom: json.periodFrom } : {}),
    ...(json.periodTo ? { periodTo: json.periodTo } : {}),
    personalData: json.personalData,
    assignedDatasetId: json.assignedDatasetId,
    assignedDatasetTitle: json.assignedDatasetTitle,
    assignedOrganizationId: json.assignedOrganizationId,
    assignedOrganizationName: json.assignedOrganizationName,
    assignedAt: json.assignedAt ? new Date(json.assignedAt).toISOString() : null,
  };
}

export function rowToDiagnostic(row: DiagnosticRow): Diagnostic {
  return {
    id: row.id,
    title: row.title,
    policyQuestion: row.policy_question,
    status: row.status,
    organizationId: row.organization_id,
    createdById: row.created_by_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    needs: row.needs.map(rowToNeed),
  };
}

/** The need as the matcher reads it. */
export function needForMatching(need: DiagnosticNeed) {
  return {
    theme: need.theme,
    geoLevel: need.geoLevel,
    geoCodes: need.geoCodes ?? [],
    sectorLevel: need.sectorLevel ?? null,
    sectorCodes: need.sectorCodes ?? [],
    periodFrom: need.periodFrom ?? null,
    periodTo: need.periodTo ?? null,
    personalData: need.personalData,
  };
}

export function rowToMatchable(row: CandidateDatasetRow): MatchableDataset & { title: string; row: CandidateDatasetRow } {
  return {
    title: row.title,
    themes: row.themes,
    geoLevel: row.geo_level,
    geoCodes: row.geo_codes,
    sectorLevel: row.sector_level,
    sectorCodes: row.sector_codes,
    timeFrom: row.time_from,
    timeTo: row.time_to,
    hasDirectIdentifiers: row.has_direct_identifiers,
    row,
  };
}

export function rowToDataRequest(row: DataRequestRow): DataRequest {
  return {
    id: row.id,
    diagnosticId: row.diagnostic_id,
    diagnosticTitle: row.diagnostic_title,
    needId: row.need_id,
    needTopic: row.need_topic,
    addressedOrganizationId: row.addressed_organization_id,
    addressedOrganizationName: row.addressed_name,
    requesterOrganizationId: row.requester_organization_id,
    requesterOrganizationName: row.requester_name,
    message: row.message,
    status: row.status,
    response: row.response,
    datasetId: row.dataset_id,
    datasetTitle: row.dataset_title,
    createdById: row.created_by_id,
    createdAt: row.created_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
  };
}

/** What the audit trail keeps of a diagnostic. */
export function diagnosticSummary(diagnostic: Diagnostic): Record<string, unknown> {
  return {
    title: diagnostic.title,
    status: diagnostic.status,
    needs: diagnostic.needs.map((need) => ({ id: need.id, topic: need.topic, theme: need.theme, geoLevel: need.geoLevel, assignedDatasetId: need.assignedDatasetId })),
  };
}
