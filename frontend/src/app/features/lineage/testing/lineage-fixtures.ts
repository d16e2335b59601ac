import type { ComplianceFinding, LineageColumnEdge, LineageEdge, LineageGraph, LineageNode } from '@convenio/contracts';

/** Fixtures of the lineage specs: a small graph `births → job etl → births_anon → job publish → births_public`. */
export const NS = 'postgres://inegi-dw';
export const JOB_NS = 'airflow://inegi';
export const BIRTHS = `dataset:${NS}:natalidad.registros`;
export const ETL = `job:${JOB_NS}:anonimizar_natalidad`;
export const ANON = `dataset:${NS}:natalidad.anonimizada`;
export const PUBLISH = `job:${JOB_NS}:publicar_natalidad`;
export const PUBLIC = `dataset:${NS}:natalidad.publica`;
export const AGREEMENT_ID = '00000000-0000-4000-8000-0000000000c1';
export const CATALOG_DATASET_ID = '00000000-0000-4000-8000-00000000d001';
export const FINDING_ID = '00000000-0000-4000-8000-0000000000f1';

export function node(id: string, overrides: Partial<LineageNode> = {}): LineageNode {
  const [kind, ...rest] = id.split(':');
  const name = rest.slice(-1)[0];
  const namespace = rest.slice(0, -1).join(':');
  return { id, kind: kind as LineageNode['kind'], namespace, name, depth: 0, catalog: null, ...overrides };
}

export function edge(source: string, target: string, overrides: Partial<LineageEdge> = {}): LineageEdge {
  return { source, target, ...overrides };
}

/** The graph around the births dataset, depth 1 downstream. */
export function birthsGraph(overrides: Partial<LineageGraph> = {}): LineageGraph {
  return {
    nodes: [
      node(BIRTHS, { personalData: { direct: 2, quasi: 1 }, catalog: { datasetId: CATALOG_DATASET_ID, title: 'Registro de nacimientos', ownerOrganizationId: '00000000-0000-4000-8000-0000000000aa' } }),
      node(ETL, { depth: 1 }),
    ],
    edges: [edge(BIRTHS, ETL, { agreementIds: [AGREEMENT_ID], personalData: true })],
    truncated: false,
    ...overrides,
  };
}

/** The graph around the ETL job, depth 1. */
export function etlGraph(): LineageGraph {
  return {
    nodes: [node(ETL), node(BIRTHS, { depth: 1, personalData: { direct: 2, quasi: 1 } }), node(ANON, { depth: 1, personalData: { direct: 0, quasi: 2 } })],
    edges: [edge(BIRTHS, ETL, { agreementIds: [AGREEMENT_ID], personalData: true }), edge(ETL, ANON, { agreementIds: [AGREEMENT_ID], personalData: false })],
    truncated: false,
  };
}

export function columnEdge(overrides: Partial<LineageColumnEdge> = {}): LineageColumnEdge {
  return {
    source: { namespace: NS, name: 'natalidad.registros', field: 'curp' },
    target: { namespace: NS, name: 'natalidad.anonimizada', field: 'curp_hash' },
    transformationType: 'INDIRECT',
    transformationSubtype: 'HASH',
    description: null,
    masking: false,
    runId: null,
    depth: 1,
    personalData: 'direct',
    ...overrides,
  };
}

export function finding(overrides: Partial<ComplianceFinding> = {}): ComplianceFinding {
  return {
    id: FINDING_ID,
    rule: 'direct_identifier_not_removed',
    severity: 'high',
    status: 'open',
    summary: 'Output natalidad.anonimizada keeps curp through an unmasked edge.',
    runId: '00000000-0000-4000-8000-0000000000e1',
    job: { namespace: JOB_NS, name: 'anonimizar_natalidad' },
    eventTime: '2026-03-01T10:00:00.000Z',
    agreementId: AGREEMENT_ID,
    agreementReference: 'CONV-2026-0001',
    agreementVersion: 2,
    evidence: {
      eventIds: ['00000000-0000-4000-8000-0000000000b1'],
      edges: [{ source: BIRTHS, target: ANON, sourceField: 'curp', targetField: 'curp_hash', masking: false }],
      facts: { field: 'curp', removeDirectIdentifiers: true },
    },
    createdAt: '2026-03-01T10:00:05.000Z',
    updatedAt: '2026-03-01T10:00:05.000Z',
    history: [],
    ...overrides,
  };
}
