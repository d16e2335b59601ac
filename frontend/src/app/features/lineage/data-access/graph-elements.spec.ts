import type { ElementDefinition } from 'cytoscape';
import { ANON, BIRTHS, ETL, PUBLISH, birthsGraph, edge, etlGraph, node } from '../testing/lineage-fixtures';
import { GRAPH_CLASSES, GRAPH_LAYOUT, GRAPH_STYLE, type GraphLabels, buildElements } from './graph-elements';
import { mergeGraphs } from './lineage-graph-model';

const labels: GraphLabels = {
  personalData: ({ direct, quasi }) => `PD ${direct}/${quasi}`,
  agreements: (count) => `A${count}`,
};

const byId = (elements: ElementDefinition[], id: string): ElementDefinition | undefined => elements.find((element) => element.data.id === id);

describe('buildElements (cytoscape elements of a lineage graph)', () => {
  const graph = mergeGraphs(birthsGraph(), etlGraph(), 1);

  it('draws datasets and jobs apart, and marks personal data, the catalog, the selection and the start', () => {
    const elements = buildElements(graph.nodes, graph.edges, { labels, selectedId: ETL, startId: BIRTHS });
    expect(byId(elements, BIRTHS)).toEqual({
      group: 'nodes',
      data: { id: BIRTHS, label: 'natalidad.registros\nPD 2/1', kind: 'dataset' },
      classes: [GRAPH_CLASSES.dataset, GRAPH_CLASSES.direct, GRAPH_CLASSES.catalog, GRAPH_CLASSES.start],
    });
    expect(byId(elements, ETL)?.classes).toEqual([GRAPH_CLASSES.job, GRAPH_CLASSES.selected]);
    expect(byId(elements, ETL)?.data['label']).toBe('anonimizar_natalidad');
    expect(byId(elements, ANON)?.classes).toEqual([GRAPH_CLASSES.dataset, GRAPH_CLASSES.quasi]);
  });

  it('labels governed edges with their agreements and dashes those carrying personal data', () => {
    const elements = buildElements(graph.nodes, graph.edges, { labels });
    expect(byId(elements, `${BIRTHS}->${ETL}`)).toEqual({
      group: 'edges',
      data: { id: `${BIRTHS}->${ETL}`, source: BIRTHS, target: ETL, label: 'A1' },
      classes: [GRAPH_CLASSES.governedEdge, GRAPH_CLASSES.personalEdge],
    });
    expect(byId(elements, `${ETL}->${ANON}`)?.classes).toEqual([GRAPH_CLASSES.governedEdge]);
    const plain = buildElements([node(ETL), node(PUBLISH)], [edge(ETL, PUBLISH)], { labels });
    expect(byId(plain, `${ETL}->${PUBLISH}`)?.classes).toEqual([]);
    expect(byId(plain, `${ETL}->${PUBLISH}`)?.data['label']).toBe('');
  });

  it('leaves out duplicates and edges whose ends are not drawn (a truncated graph)', () => {
    const elements = buildElements([node(BIRTHS), node(BIRTHS), node(ETL)], [edge(BIRTHS, ETL), edge(BIRTHS, ETL), edge(ETL, ANON)], { labels });
    expect(elements.map((element) => element.data.id)).toEqual([BIRTHS, ETL, `${BIRTHS}->${ETL}`]);
  });

  it('ignores personal data counted as zero', () => {
    const elements = buildElements([node(BIRTHS, { personalData: { direct: 0, quasi: 0 } })], [], { labels });
    expect(elements[0].classes).toEqual([GRAPH_CLASSES.dataset]);
    expect(elements[0].data['label']).toBe('natalidad.registros');
  });

  it('has a style for every class it sets, and a layout that ships with cytoscape', () => {
    const selectors = GRAPH_STYLE.map((block) => ('selector' in block ? block.selector : ''));
    for (const name of Object.values(GRAPH_CLASSES)) expect(selectors.some((selector) => selector.endsWith(`.${name}`))).toBe(true);
    expect(GRAPH_LAYOUT.name).toBe('breadthfirst');
  });
});
