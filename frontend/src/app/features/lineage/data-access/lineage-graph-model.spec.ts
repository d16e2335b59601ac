import { AGREEMENT_ID, ANON, BIRTHS, ETL, JOB_NS, PUBLISH, birthsGraph, edge, etlGraph, finding, node } from '../testing/lineage-fixtures';
import { EMPTY_GRAPH, agreementsOf, edgeKey, findingsMentioning, mergeGraphs } from './lineage-graph-model';

describe('lineage graph model', () => {
  it('merges an expanded node’s graph without duplicate nodes or edges, counting depth from the start', () => {
    const merged = mergeGraphs(birthsGraph(), etlGraph(), 1);
    expect(merged.nodes.map((item) => item.id)).toEqual([BIRTHS, ETL, ANON]);
    expect(merged.nodes.map((item) => item.depth)).toEqual([0, 1, 2]);
    expect(merged.edges.map(edgeKey)).toEqual([`${BIRTHS}->${ETL}`, `${ETL}->${ANON}`]);
    expect(merged.truncated).toBe(false);
    // The catalog link of the first answer survives the second, which lacks it.
    expect(merged.nodes[0].catalog?.title).toBe('Registro de nacimientos');
  });

  it('joins the agreements of a repeated edge and keeps personal data if either answer says so', () => {
    const other = '00000000-0000-4000-8000-0000000000c2';
    const merged = mergeGraphs(
      { nodes: [node(BIRTHS), node(ETL)], edges: [edge(BIRTHS, ETL, { agreementIds: [AGREEMENT_ID], personalData: false })], truncated: false },
      { nodes: [node(ETL)], edges: [edge(BIRTHS, ETL, { agreementIds: [other, AGREEMENT_ID], personalData: true })], truncated: true },
    );
    expect(merged.edges).toEqual([edge(BIRTHS, ETL, { agreementIds: [AGREEMENT_ID, other], personalData: true })]);
    expect(merged.truncated).toBe(true);
    expect(mergeGraphs(EMPTY_GRAPH, { nodes: [], edges: [edge(BIRTHS, ETL)], truncated: false }).edges[0]).toEqual(edge(BIRTHS, ETL));
  });

  it('is idempotent', () => {
    const once = mergeGraphs(birthsGraph(), etlGraph(), 1);
    expect(mergeGraphs(once, etlGraph(), 1)).toEqual(once);
  });

  it('lists the agreements on the edges touching a node', () => {
    const merged = mergeGraphs(birthsGraph(), etlGraph(), 1);
    expect(agreementsOf(merged, ETL)).toEqual([AGREEMENT_ID]);
    expect(agreementsOf(merged, PUBLISH)).toEqual([]);
  });

  it('finds the findings whose evidence edges, or whose job, mention a node', () => {
    const onAnon = finding();
    const elsewhere = finding({ id: 'other', job: { namespace: JOB_NS, name: 'otro' }, evidence: { eventIds: [], edges: [{ source: 'dataset:x:a', target: 'dataset:x:b' }], facts: {} } });
    expect(findingsMentioning([onAnon, elsewhere], ANON)).toEqual([onAnon]);
    expect(findingsMentioning([onAnon, elsewhere], BIRTHS)).toEqual([onAnon]);
    expect(findingsMentioning([onAnon, elsewhere], ETL)).toEqual([onAnon]);
    expect(findingsMentioning([onAnon, elsewhere], PUBLISH)).toEqual([]);
  });
});
