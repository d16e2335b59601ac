import type { AnonymizationTerms, ComplianceRule, FindingEvidence, FindingEvidenceEdge, FindingSeverity } from '@convenio/contracts';

/** An agreement as the rules see it: its parties, when it was active, its current terms. */
export interface AgreementFacts {
  id: string;
  reference: string;
  state: string;
  version: number;
  activatedAt: string | null;
  endedAt: string | null;
  providerOrganizationId: string;
  recipientOrganizationId: string;
  datasetIds: string[];
  anonymization: AnonymizationTerms;
}

export interface RunDatasetFacts {
  /** `dataset:<namespace>:<name>`. */
  node: string;
  catalog: { datasetId: string; ownerOrganizationId: string; ownerName: string } | null;
}

/** Everything the rules need about one lineage run, gathered by RunFactsRepository. */
export interface RunFacts {
  runId: string;
  job: { namespace: string; name: string };
  /** The run's latest event time (when its outputs were written), ISO. */
  eventTime: string;
  eventIds: string[];
  /** From the run's `convenio_agreement` facet. */
  agreementId: string | null;
  /** That agreement, when it exists. */
  agreement: AgreementFacts | null;
  inputs: RunDatasetFacts[];
  outputs: RunDatasetFacts[];
  /** Agreements whose provider owns an input and whose recipient owns an output. */
  candidateAgreements: AgreementFacts[];
  columnEdges: Array<Required<Pick<FindingEvidenceEdge, 'source' | 'target' | 'sourceField' | 'targetField' | 'masking'>> & { sourcePersonal: 'direct' | 'quasi' | null }>;
  releases: Array<{ id: string; name: string; kAchieved: number; agreementId: string; agreementReference: string; agreementVersion: number; minK: number }>;
}

/** A finding as a rule produces it; its fingerprint makes re-checking a run idempotent. */
export interface FindingDraft {
  fingerprint: string;
  rule: ComplianceRule;
  severity: FindingSeverity;
  summary: string;
  agreementId: string | null;
  agreementVersion: number | null;
  evidence: FindingEvidence;
}

/** Was the agreement active at that instant (activated at or before it, not ended by then)? */
export function activeAt(agreement: Pick<AgreementFacts, 'activatedAt' | 'endedAt'>, at: string): boolean {
  const time = Date.parse(at);
  return agreement.activatedAt !== null && Date.parse(agreement.activatedAt) <= time && (agreement.endedAt === null || Date.parse(agreement.endedAt) > time);
}

const covers = (agreement: AgreementFacts, input: RunDatasetFacts, output: RunDatasetFacts, at: string) =>
  activeAt(agreement, at) &&
  agreement.providerOrganizationId === input.catalog!.ownerOrganizationId &&
  agreement.recipientOrganizationId === output.catalog!.ownerOrganizationId &&
  agreement.datasetIds.includes(input.catalog!.datasetId);

/**
 * The four rules, on one run:
 * - `cross_org_flow_without_agreement`: an input owned by one organization, an output owned by
 *   another, and no agreement active at the event time with that provider and recipient that
 *   covers the input dataset;
 * - `run_under_inactive_agreement`: the run names an agreement that does not exist or was not
 *   active at the event time (not yet active, or ended);
 * - `direct_identifier_not_removed`: the run's agreement requires removing direct identifiers and
 *   an output column derives, through an edge not flagged masking, from a field that carries a
 *   direct identifier (in the catalog, or derived from one upstream);
 * - `release_k_below_minimum`: a release written by this run has k below its agreement's minimum.
 */
export function evaluateRun(facts: RunFacts): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const base = (edges: FindingEvidenceEdge[], details: Record<string, unknown>): FindingEvidence => ({ eventIds: facts.eventIds, edges, facts: { runId: facts.runId, job: `${facts.job.namespace}:${facts.job.name}`, eventTime: facts.eventTime, ...details } });

  for (const input of facts.inputs.filter((dataset) => dataset.catalog)) {
    for (const output of facts.outputs.filter((dataset) => dataset.catalog && dataset.catalog.ownerOrganizationId !== input.catalog!.ownerOrganizationId)) {
      const named = facts.agreement && covers(facts.agreement, input, output, facts.eventTime) ? facts.agreement : null;
      const covering = named ?? facts.candidateAgreements.find((agreement) => covers(agreement, input, output, facts.eventTime));
      if (covering) continue;
      findings.push({
        fingerprint: `cross_org:${facts.runId}:${input.node}:${output.node}`,
        rule: 'cross_org_flow_without_agreement',
        severity: 'high',
        summary: `Data of ${input.catalog!.ownerName} (${input.node}) flowed into ${output.catalog!.ownerName} (${output.node}) with no agreement active at ${facts.eventTime} covering the source dataset`,
        agreementId: facts.agreement?.id ?? null,
        agreementVersion: facts.agreement?.version ?? null,
        evidence: base([{ source: input.node, target: output.node }], {
          provider: input.catalog!.ownerName,
          recipient: output.catalog!.ownerName,
          sourceDatasetId: input.catalog!.datasetId,
          agreementsBetweenThem: facts.candidateAgreements.filter((agreement) => agreement.providerOrganizationId === input.catalog!.ownerOrganizationId && agreement.recipientOrganizationId === output.catalog!.ownerOrganizationId).map((agreement) => ({ reference: agreement.reference, state: agreement.state, activatedAt: agreement.activatedAt, endedAt: agreement.endedAt, coversDataset: agreement.datasetIds.includes(input.catalog!.datasetId) })),
        }),
      });
    }
  }

  if (facts.agreementId && (!facts.agreement || !activeAt(facts.agreement, facts.eventTime))) {
    const agreement = facts.agreement;
    const why = !agreement ? 'does not exist' : agreement.activatedAt === null || Date.parse(agreement.activatedAt) > Date.parse(facts.eventTime) ? `was not yet active (it is ${agreement.state})` : `had ended (${agreement.state}) on ${agreement.endedAt}`;
    findings.push({
      fingerprint: `inactive_agreement:${facts.runId}`,
      rule: 'run_under_inactive_agreement',
      severity: 'high',
      summary: `The run names agreement ${agreement?.reference ?? facts.agreementId}, which ${why} at ${facts.eventTime}`,
      agreementId: agreement?.id ?? null,
      agreementVersion: agreement?.version ?? null,
      evidence: base([], { agreementId: facts.agreementId, state: agreement?.state ?? null, activatedAt: agreement?.activatedAt ?? null, endedAt: agreement?.endedAt ?? null }),
    });
  }

  if (facts.agreement?.anonymization.removeDirectIdentifiers) {
    const outputs = new Set(facts.outputs.map((output) => output.node));
    const leaks = facts.columnEdges.filter((edge) => outputs.has(edge.target) && !edge.masking && edge.sourcePersonal === 'direct');
    if (leaks.length > 0) {
      findings.push({
        fingerprint: `direct_identifier:${facts.runId}`,
        rule: 'direct_identifier_not_removed',
        severity: 'critical',
        summary: `Agreement ${facts.agreement.reference} requires removing direct identifiers, but ${leaks.map((edge) => `${edge.targetField} (from ${edge.sourceField})`).join(', ')} reached the output without masking`,
        agreementId: facts.agreement.id,
        agreementVersion: facts.agreement.version,
        evidence: base(leaks.map(({ sourcePersonal: _kind, ...edge }) => edge), { fields: leaks.map((edge) => edge.targetField) }),
      });
    }
  }

  for (const release of facts.releases.filter((candidate) => candidate.kAchieved < candidate.minK)) {
    findings.push({
      fingerprint: `release_k:${release.id}`,
      rule: 'release_k_below_minimum',
      severity: 'high',
      summary: `Release "${release.name}" under ${release.agreementReference} has k = ${release.kAchieved}; the agreement (version ${release.agreementVersion}) requires at least ${release.minK}`,
      agreementId: release.agreementId,
      agreementVersion: release.agreementVersion,
      evidence: base([], { releaseId: release.id, releaseName: release.name, kAchieved: release.kAchieved, minK: release.minK }),
    });
  }
  return findings;
}
