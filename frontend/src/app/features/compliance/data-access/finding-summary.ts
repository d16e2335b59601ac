import type { ComplianceFinding } from '@convenio/contracts';
import { datasetLabel } from './finding-format';

/**
 * What a finding's one-line summary says, as data the page translates: which sentence
 * (`compliance.summaries.<kind>`) and its values, read from the finding and its evidence. The
 * API's `summary` stays as the English text for API clients; the portal never shows it.
 */
export type FindingSummary =
  | { readonly kind: 'crossOrg'; readonly provider: string; readonly source: string; readonly recipient: string; readonly target: string; readonly eventTime: string | null }
  | { readonly kind: 'agreementMissing'; readonly agreement: string }
  | { readonly kind: 'agreementNotYetActive'; readonly agreement: string; readonly state: string; readonly eventTime: string | null }
  | { readonly kind: 'agreementEnded'; readonly agreement: string; readonly state: string; readonly endedAt: string | null; readonly eventTime: string | null }
  | { readonly kind: 'directIdentifier'; readonly agreement: string; readonly fields: string }
  | { readonly kind: 'releaseK'; readonly agreement: string; readonly release: string; readonly k: number; readonly minK: number; readonly version: number | null }
  | { readonly kind: 'unknown' };

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

export function findingSummary(finding: ComplianceFinding): FindingSummary {
  const facts = finding.evidence.facts ?? {};
  const agreement = finding.agreementReference ?? text(facts['agreementId']) ?? finding.agreementId ?? '—';
  const eventTime = finding.eventTime ?? text(facts['eventTime']);
  switch (finding.rule) {
    case 'cross_org_flow_without_agreement': {
      const edge = finding.evidence.edges[0];
      return {
        kind: 'crossOrg',
        provider: text(facts['provider']) ?? '—',
        source: edge ? datasetLabel(edge.source) : '—',
        recipient: text(facts['recipient']) ?? '—',
        target: edge ? datasetLabel(edge.target) : '—',
        eventTime,
      };
    }
    case 'run_under_inactive_agreement': {
      const state = text(facts['state']);
      if (!state) return { kind: 'agreementMissing', agreement };
      const activatedAt = text(facts['activatedAt']);
      const notYet = !activatedAt || (eventTime !== null && Date.parse(activatedAt) > Date.parse(eventTime));
      return notYet ? { kind: 'agreementNotYetActive', agreement, state, eventTime } : { kind: 'agreementEnded', agreement, state, endedAt: text(facts['endedAt']), eventTime };
    }
    case 'direct_identifier_not_removed':
      return { kind: 'directIdentifier', agreement, fields: finding.evidence.edges.map((edge) => (edge.sourceField && edge.sourceField !== edge.targetField ? `${edge.targetField} ← ${edge.sourceField}` : (edge.targetField ?? '—'))).join(', ') };
    case 'release_k_below_minimum':
      return { kind: 'releaseK', agreement, release: text(facts['releaseName']) ?? '—', k: Number(facts['kAchieved']), minK: Number(facts['minK']), version: finding.agreementVersion };
    default:
      return { kind: 'unknown' };
  }
}
