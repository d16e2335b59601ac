import type { LineageDirection } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/core/database/data-source-options';
import { migrateDatabase } from '../../../src/core/database/migrate';
import { LineageGraphRepository } from '../../../src/modules/lineage/lineage-graph.repository';
import { adminQuery, databaseUrl } from '../support/test-services';

/** mulberry32: a small seeded PRNG, so a failing graph can be rebuilt from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Breadth-first search in memory: each reachable node at its smallest depth. */
function bfs(edges: Array<[number, number]>, start: number, direction: LineageDirection, maxDepth: number): Map<number, number> {
  const walk = (forward: boolean) => {
    const next = new Map<number, number[]>();
    for (const [source, target] of edges) {
      const [from, to] = forward ? [source, target] : [target, source];
      next.set(from, [...(next.get(from) ?? []), to]);
    }
    const depth = new Map([[start, 0]]);
    let frontier = [start];
    for (let level = 1; level <= maxDepth && frontier.length > 0; level++) {
      const found: number[] = [];
      for (const node of frontier) {
        for (const to of next.get(node) ?? []) {
          if (depth.has(to)) continue;
          depth.set(to, level);
          found.push(to);
        }
      }
      frontier = found;
    }
    return depth;
  };
  const result = new Map<number, number>();
  for (const forward of direction === 'both' ? [true, false] : [direction === 'downstream']) {
    for (const [node, depth] of walk(forward)) result.set(node, Math.min(depth, result.get(node) ?? Infinity));
  }
  return result;
}

describe('the recursive graph query agrees with a breadth-first search', () => {
  const name = `convenio_test_lineage_prop_${Date.now().toString(36)}_${process.pid}`;
  let db: DataSource;
  let graph: LineageGraphRepository;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    await migrateDatabase(databaseUrl(name));
    db = new DataSource(dataSourceOptions({ url: databaseUrl(name), poolSize: 2, applicationName: 'test-lineage-prop' }));
    await db.initialize();
    graph = new LineageGraphRepository(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  /** Loads a graph of `count` nodes (ids returned in creation order) and its edges. */
  async function load(count: number, edges: Array<[number, number]>): Promise<string[]> {
    await db.query(`TRUNCATE lineage_edges, lineage_nodes RESTART IDENTITY CASCADE`);
    await db.query(`INSERT INTO lineage_namespaces (name) VALUES ('prop') ON CONFLICT DO NOTHING`);
    const ids: Array<{ id: string }> = await db.query(
      `INSERT INTO lineage_nodes (kind, namespace, name) SELECT CASE WHEN i % 2 = 0 THEN 'dataset' ELSE 'job' END, 'prop', 'n' || i FROM generate_series(0, $1 - 1) i ORDER BY i RETURNING id`,
      [count],
    );
    const unique = [...new Map(edges.map(([source, target]) => [`${source}>${target}`, [source, target] as [number, number]])).values()];
    await db.query(`INSERT INTO lineage_edges (source_id, target_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])`, [unique.map(([source]) => ids[source].id), unique.map(([, target]) => ids[target].id)]);
    return ids.map((row) => String(row.id));
  }

  it.each(Array.from({ length: 30 }, (_, index) => index + 1))('random graph #%i (with cycles) gives the same nodes, depths and edges', async (seed) => {
    const random = prng(seed * 7919);
    const count = 2 + Math.floor(random() * 150);
    const density = 0.5 + random() * 2.5;
    const edges: Array<[number, number]> = [];
    for (let index = 0; index < count * density; index++) edges.push([Math.floor(random() * count), Math.floor(random() * count)]);
    const ids = await load(count, edges);
    const indexOf = new Map(ids.map((id, index) => [id, index]));
    for (let probe = 0; probe < 6; probe++) {
      const start = Math.floor(random() * count);
      const direction = (['upstream', 'downstream', 'both'] as const)[probe % 3];
      const depth = 1 + Math.floor(random() * 10);
      const expected = bfs(edges, start, direction, depth);
      const answer = await graph.graph(ids[start], direction, depth, 5000);
      expect(answer.truncated).toBe(false);
      const positions = answer.nodes.map((node) => indexOf.get(node[4])!);
      const actual = new Map(answer.nodes.map((node, at) => [positions[at], Number(node[3])]));
      expect({ seed, start, direction, depth, nodes: [...actual].sort((a, b) => a[0] - b[0]) }).toEqual({ seed, start, direction, depth, nodes: [...expected].sort((a, b) => a[0] - b[0]) });
      // Nearest first, and each node's kind and name as stored.
      expect(answer.nodes.map((node) => Number(node[3]))).toEqual(answer.nodes.map((node) => Number(node[3])).sort((a, b) => a - b));
      expect(answer.nodes.map((node) => `${node[0]}:${node[2]}`)).toEqual(positions.map((index) => `${index % 2 === 0 ? 'dataset' : 'job'}:n${index}`));
      const among: string[] = [];
      for (let at = 0; at < answer.edges.length; at += 2) among.push(`${positions[answer.edges[at]]}>${positions[answer.edges[at + 1]]}`);
      const expectedEdges = new Set(edges.filter(([source, target]) => expected.has(source) && expected.has(target)).map(([source, target]) => `${source}>${target}`));
      expect(among).toHaveLength(new Set(among).size);
      expect(new Set(among)).toEqual(expectedEdges);
    }
  });

  it('stops past the node cap, nearest nodes first, so the answer can say it was cut', async () => {
    // A hub with 6,000 outputs, each feeding one more node, and a cycle back to the hub.
    const edges: Array<[number, number]> = [];
    for (let leaf = 1; leaf <= 6000; leaf++) edges.push([0, leaf], [leaf, 6000 + leaf]);
    edges.push([12000, 0]);
    const ids = await load(12001, edges);
    const cut = await graph.graph(ids[0], 'downstream', 10, 5000);
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(5000);
    expect(cut.nodes[0]).toEqual(['dataset', 'prop', 'n0', 0, ids[0]]);
    expect(cut.nodes.every((node) => Number(node[3]) <= 1)).toBe(true);
    // Edges only among the nodes kept: the hub's 4,999 outputs that made the cut.
    expect(cut.edges).toHaveLength(2 * 4999);
    const small = await graph.graph(ids[0], 'upstream', 10, 5000);
    // Upstream the cycle closes: hub ← 12000 ← leaf 6000 ← hub (not visited twice).
    expect(small.truncated).toBe(false);
    expect(small.nodes.map((node) => [node[4], Number(node[3])])).toEqual([[ids[0], 0], [ids[12000], 1], [ids[6000], 2]]);
    // hub → leaf 6000, leaf 6000 → 12000, 12000 → hub, by source id.
    expect(small.edges).toEqual([0, 2, 2, 1, 1, 0]);
  });
});
