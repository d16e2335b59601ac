import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgreementTerms } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { LineagePersonalDataRepository } from '../lineage/lineage-personal-data.repository';
import type { AgreementFacts, RunDatasetFacts, RunFacts } from './compliance-rules';

interface AgreementRow {
  id: string;
  reference: string;
  state: string;
  version: number;
  activated_at: Date | null;
  ended_at: Date | null;
  provider_organization_id: string;
  recipient_organization_id: string;
  terms: AgreementTerms;
}

const toAgreement = (row: AgreementRow): AgreementFacts => ({
  id: row.id,
  reference: row.reference,
  state: row.state,
  version: row.version,
  activatedAt: row.activated_at?.toISOString() ?? null,
  endedAt: row.ended_at?.toISOString() ?? null,
  providerOrganizationId: row.provider_organization_id,
  recipientOrganizationId: row.recipient_organization_id,
  datasetIds: row.terms.datasetIds ?? [],
  anonymization: row.terms.anonymization,
});

const SELECT_AGREEMENT = `SELECT a.id, a.reference, a.state, a.current_version AS version, a.activated_at, a.ended_at, a.provider_organization_id, a.recipient_organization_id, v.terms
  FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version`;

/** The facts of one lineage run the compliance rules read: run, datasets and owners, agreements, column edges, releases. */
@Injectable()
export class RunFactsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly personal: LineagePersonalDataRepository,
  ) {}

  /** The run's facts (null when the run does not exist). */
  async load(runId: string): Promise<RunFacts | null> {
    const [run]: Array<{ namespace: string; name: string; event_time: Date | null; agreement_id: string | null; updated_at: Date }> = await this.dataSource.query(
      `SELECT j.namespace, j.name, COALESCE(r.state_time, r.started_at, r.created_at) AS event_time, r.agreement_id, r.updated_at
         FROM lineage_runs r JOIN lineage_nodes j ON j.id = r.job_id WHERE r.run_id = $1`,
      [runId],
    );
    if (!run) return null;
    const eventIds: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM lineage_events WHERE run_id = $1 ORDER BY event_time, received_at`, [runId]);
    const datasets: Array<{ direction: 'input' | 'output'; node_id: string; namespace: string; name: string; dataset_id: string | null; owner_id: string | null; owner_name: string | null }> = await this.dataSource.query(
      `SELECT DISTINCT ON (rd.direction, n.id) rd.direction, n.id::text AS node_id, n.namespace, n.name, d.id AS dataset_id, d.owner_organization_id AS owner_id, o.name AS owner_name
         FROM lineage_run_datasets rd
         JOIN lineage_nodes n ON n.id = rd.dataset_id
         LEFT JOIN datasets d ON d.lineage_namespace = n.namespace AND d.lineage_name = n.name
         LEFT JOIN organizations o ON o.id = d.owner_organization_id
        WHERE rd.run_id = $1
        ORDER BY rd.direction, n.id, d.created_at`,
      [runId],
    );
    const toDataset = (row: (typeof datasets)[number]): RunDatasetFacts => ({
      node: `dataset:${row.namespace}:${row.name}`,
      catalog: row.dataset_id ? { datasetId: row.dataset_id, ownerOrganizationId: row.owner_id!, ownerName: row.owner_name! } : null,
    });
    const inputs = datasets.filter((row) => row.direction === 'input').map(toDataset);
    const outputs = datasets.filter((row) => row.direction === 'output').map(toDataset);
    const providers = [...new Set(inputs.flatMap((input) => (input.catalog ? [input.catalog.ownerOrganizationId] : [])))];
    const recipients = [...new Set(outputs.flatMap((output) => (output.catalog ? [output.catalog.ownerOrganizationId] : [])))];
    const agreements: AgreementRow[] = await this.dataSource.query(
      `${SELECT_AGREEMENT} WHERE a.id = $1 OR (a.provider_organization_id = ANY($2::uuid[]) AND a.recipient_organization_id = ANY($3::uuid[]))`,
      [run.agreement_id, providers, recipients],
    );
    const named = agreements.find((row) => row.id === run.agreement_id);

    const edges: Array<{ source_id: string; source: string; source_field: string; target: string; target_field: string; masking: boolean }> = await this.dataSource.query(
      `SELECT e.source_dataset_id::text AS source_id, 'dataset:' || s.namespace || ':' || s.name AS source, e.source_field,
              'dataset:' || t.namespace || ':' || t.name AS target, e.target_field, e.masking
         FROM lineage_column_edges e JOIN lineage_nodes s ON s.id = e.source_dataset_id JOIN lineage_nodes t ON t.id = e.target_dataset_id
        WHERE e.run_id = $1 ORDER BY target, e.target_field, source, e.source_field`,
      [runId],
    );
    const personal = await this.personal.fieldsOf([...new Set(edges.map((edge) => edge.source_id))]);
    const kinds = new Map(personal.map((row) => [`${row.node_id}\u0000${row.field}`, row.kind]));

    const releases: Array<{ id: string; name: string; k_achieved: number; agreement_id: string; reference: string; version: number; min_k: number }> = await this.dataSource.query(
      `SELECT r.id, r.name, r.k_achieved, r.agreement_id, a.reference, a.current_version AS version, (v.terms->'anonymization'->>'minK')::int AS min_k
         FROM releases r JOIN agreements a ON a.id = r.agreement_id JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version
        WHERE r.lineage_run_id = $1`,
      [runId],
    );

    return {
        runId,
        job: { namespace: run.namespace, name: run.name },
        eventTime: (run.event_time ?? run.updated_at).toISOString(),
        eventIds: eventIds.map((row) => row.id),
        agreementId: run.agreement_id,
        agreement: named ? toAgreement(named) : null,
        inputs,
        outputs,
        candidateAgreements: agreements.filter((row) => row.id !== run.agreement_id).map(toAgreement),
        columnEdges: edges.map((edge) => ({ source: edge.source, sourceField: edge.source_field, target: edge.target, targetField: edge.target_field, masking: edge.masking, sourcePersonal: kinds.get(`${edge.source_id}\u0000${edge.source_field}`) ?? null })),
        releases: releases.map((row) => ({ id: row.id, name: row.name, kAchieved: row.k_achieved, agreementId: row.agreement_id, agreementReference: row.reference, agreementVersion: row.version, minK: row.min_k })),
    };
  }
}
