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

function walks(direction: LineageDirection): { sql: string; levels: string } {
  const names = [...(direction === 'upstream' ? [] : ['down']), ...(direction === 'downstream' ? [] : ['up'])];
  const sql = names.map((name) => (name === 'down' ? walk('down', 'source_id', 'target_id') : walk('up', 'target_id', 'source_id'))).join(',\n');
  const levels = names.map((name) => `SELECT depth, unnest(frontier) AS id FROM ${name}`).join(' UNION ALL ');
  return { sql, levels };
}

/** The recursive graph query alone (also what the benchmark measures bare). */
export function graphWalkSql(direction: LineageDirection): string {
  const { sql, levels } = walks(direction);
  return `WITH RECURSIVE ${sql}
    SELECT n.id, n.kind, n.namespace, n.name, r.depth
    FROM (SELECT id, min(depth) AS depth FROM (${levels}) l GROUP BY id) r
    JOIN lineage_nodes n ON n.id = r.id
    ORDER BY r.depth, n.id`;
}

/**
 * The whole graph answer in one statement: the same walk, the first `$3` nodes reached (by
 * depth, then id) numbered from 0, the edges among them as pairs of those numbers, and the
 * catalog datasets declaring the identity of one of their datasets (the caller filters those by
 * what it may read). One row: `truncated` (more than `$3` reached), and `nodes`
 * (`[kind, namespace, name, depth, id]`) and `catalog` (`[node, id, title, owner, status, sensitivity]`)
 * as JSON arrays, and `edges` as the text of one flat JSON array of numbers, source then target
 * of each edge (ordered by source, then target id).
 */
export function graphAnswerSql(direction: LineageDirection): string {
  const { sql, levels } = walks(direction);
  return `WITH RECURSIVE ${sql},
    reached AS (SELECT id, min(depth) AS depth FROM (${levels}) l GROUP BY id),
    kept AS MATERIALIZED (
      SELECT k.*, n.kind, n.namespace, n.name
      FROM (SELECT id, depth, (row_number() OVER (ORDER BY depth, id) - 1)::int AS at FROM reached ORDER BY depth, id LIMIT $3::int) k
      JOIN lineage_nodes n ON n.id = k.id)
    SELECT
      (SELECT count(*) FROM reached) > $3::int AS truncated,
      (SELECT coalesce(json_agg(json_build_array(kind, namespace, name, depth, id::text) ORDER BY at), '[]') FROM kept) AS nodes,
      (SELECT '[' || coalesce(string_agg(s.at || ',' || t.at, ',' ORDER BY s.id, t.id), '') || ']'
         FROM kept s JOIN lineage_edges e ON e.source_id = s.id JOIN kept t ON t.id = e.target_id) AS edges,
      (SELECT coalesce(json_agg(json_build_array(k.at, d.id, d.title, d.owner_organization_id, d.status, d.sensitivity)), '[]')
         FROM kept k JOIN datasets d ON d.lineage_namespace = k.namespace AND d.lineage_name = k.name
        WHERE k.kind = 'dataset' AND d.lineage_namespace IS NOT NULL) AS catalog`;
}
