import { BIRTHS, ETL } from '../testing/lineage-fixtures';
import { DEFAULT_EXPLORER_QUERY, DEPTHS, explorerQueryParams, parseExplorerQuery, sameExplorerQuery } from './explorer-query';
import { datasetNodeId, datasetRef, isNodeId, nodeKindOf } from './lineage-node-id';

describe('explorer query ⇄ URL', () => {
  it('reads the node, direction and depth, dropping what the API would refuse', () => {
    expect(parseExplorerQuery({ node: BIRTHS, direction: 'upstream', depth: '5' })).toEqual({ node: BIRTHS, direction: 'upstream', depth: 5 });
    expect(parseExplorerQuery({ node: 'natalidad', direction: 'sideways', depth: '11' })).toEqual(DEFAULT_EXPLORER_QUERY);
    expect(parseExplorerQuery({ depth: '0' }).depth).toBe(3);
    expect(parseExplorerQuery({ node: ` ${ETL} ` }).node).toBe(ETL);
  });

  it('writes the node and only the non-default direction and depth, and round-trips', () => {
    expect(explorerQueryParams(DEFAULT_EXPLORER_QUERY)).toEqual({});
    expect(explorerQueryParams({ node: BIRTHS, direction: 'both', depth: 3 })).toEqual({ node: BIRTHS });
    const query = { node: ETL, direction: 'downstream' as const, depth: 10 };
    expect(explorerQueryParams(query)).toEqual({ node: ETL, direction: 'downstream', depth: '10' });
    expect(parseExplorerQuery(explorerQueryParams(query))).toEqual(query);
    expect(sameExplorerQuery(query, { ...query })).toBe(true);
    expect(sameExplorerQuery(query, { ...query, depth: 9 })).toBe(false);
    expect(DEPTHS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('names nodes and datasets the way the API does (namespaces may hold colons)', () => {
    expect(datasetNodeId('postgres://inegi-dw', 'natalidad.registros')).toBe(BIRTHS);
    expect(datasetRef('postgres://inegi-dw', 'natalidad.registros')).toBe('postgres://inegi-dw:natalidad.registros');
    expect(isNodeId(BIRTHS)).toBe(true);
    expect(isNodeId('dataset:solo')).toBe(false);
    expect(isNodeId('table:a:b')).toBe(false);
    expect(nodeKindOf(ETL)).toBe('job');
    expect(nodeKindOf('nada')).toBeNull();
  });
});
