import type { LineageDirection } from '@convenio/contracts';

/**
 * One breadth-first walk as a recursive CTE: one row per level holding the level's new nodes
 * (`frontier`) and every node reached so far (`visited`). `EXCEPT visited` makes it cycle-safe
 * (a node is reached once, at its smallest depth); `$2` bounds the depth and `$3` the nodes
 * (the walk stops once more than `$3` are reached, so a caller can tell it was cut).
 */
function walk(name: string, from: 'source_id' | 'target_id', to: 'source_id' | 'target_id'): string {
  return `${name}(depth, frontier, visited) AS (
    SELECT 0, ARRAY[$1::bigint], ARRAY[$1::bigint]
    UNION ALL
    SELECT w.depth + 1, n.next, w.visited || n.next
    FROM ${name} w
    CROSS JOIN LATERAL (
      SELECT array_agg(x.id) AS next FROM (
        SELECT e.${to} AS id FROM lineage_edges e WHERE e.${from} = ANY(w.frontier)
        EXCEPT SELECT unnest(w.visited)
        LIMIT $3::int + 1 - cardinality(w.visited)
      ) x
    ) n
    WHERE w.depth < $2::int AND cardinality(w.visited) <= $3::int AND n.next IS NOT NULL
  )`;
}

/** The recursive graph query alone (also what the benchmark measures bare). */
export function graphWalkSql(direction: LineageDirection): string {
  const names = [...(direction === 'upstream' ? [] : ['down']), ...(direction === 'downstream' ? [] : ['up'])];
  const walks = names.map((name) => (name === 'down' ? walk('down', 'source_id', 'target_id') : walk('up', 'target_id', 'source_id')));
  const levels = names.map((name) => `SELECT depth, unnest(frontier) AS id FROM ${name}`).join(' UNION ALL ');
  return `WITH RECURSIVE ${walks.join(',\n')}
    SELECT n.id, n.kind, n.namespace, n.name, r.depth
    FROM (SELECT id, min(depth) AS depth FROM (${levels}) l GROUP BY id) r
    JOIN lineage_nodes n ON n.id = r.id
    ORDER BY r.depth, n.id`;
}
