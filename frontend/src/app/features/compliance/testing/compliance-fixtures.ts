import type { ComplianceFinding, Page } from '@convenio/contracts';

/** Fixtures of the compliance specs. */
export const FINDING_ID = '00000000-0000-4000-8000-0000000000f1';
export const AGREEMENT_ID = '00000000-0000-4000-8000-0000000000c1';
export const RUN_ID = '7a1c9e20-0000-4000-8000-0000000000e1';

export function finding(overrides: Partial<ComplianceFinding> = {}): ComplianceFinding {
  return {
    id: FINDING_ID,
    rule: 'direct_identifier_not_removed',
    severity: 'high',
    status: 'open',
    summary: 'Output natalidad.anonimizada keeps curp through an unmasked edge.',
    runId: RUN_ID,
    job: { namespace: 'airflow://inegi', name: 'anonimizar_natalidad' },
    eventTime: '2026-03-01T10:00:00.000Z',
    agreementId: AGREEMENT_ID,
    agreementReference: 'CONV-2026-0001',
    agreementVersion: 2,
    evidence: {
      eventIds: ['00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000b2'],
      edges: [
        { source: 'dataset:postgres://inegi-dw:natalidad.registros', target: 'dataset:postgres://inegi-dw:natalidad.anonimizada', sourceField: 'curp', targetField: 'curp', masking: false },
      ],
      facts: { field: 'curp', removeDirectIdentifiers: true, agreementState: 'active' },
    },
    createdAt: '2026-03-01T10:00:05.000Z',
    updatedAt: '2026-03-01T10:00:05.000Z',
    history: [],
    ...overrides,
  };
}

export function page(items: ComplianceFinding[], overrides: Partial<Page<ComplianceFinding>> = {}): Page<ComplianceFinding> {
  return { items, total: items.length, page: 1, pageSize: 25, ...overrides };
}
