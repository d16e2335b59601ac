import { buildMongoQueryMatcher, createMongoAbility, subject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { $and, $nor, $or, and, nor, or } from '@ucast/mongo2js';
import { abilityToSql, sqlFilterToPositional, type SqlFieldMap } from '@convenio/policies';
import fc from 'fast-check';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Property: for random CASL rule sets and random rows, the WHERE clause abilityToSql builds
 * selects, in the real PostgreSQL, exactly the rows `ability.can('read', subject('Probe', row))`
 * allows. Rows are the JS objects a query would return (SQL NULL = null, every column present).
 * CASL_SQL_RUNS=20000 runs a deeper search (raise --testTimeout).
 */
type Rule = RawRuleOf<MongoAbility>;
type Row = { id: number; js: Record<string, unknown>; sql: unknown[] };

const TABLE = `casl_sql_probe_${Math.random().toString(36).slice(2, 10)}`;
const COLUMNS = 'id, org, party_ids, tags, title, status, score, amount, active, created_at, day, meta, owner_level';
const CASTS = ['int', 'uuid', 'uuid[]', 'text[]', 'text', 'text', 'int', 'numeric', 'boolean', 'timestamptz', 'date', 'jsonb', 'int'];

const FIELDS: SqlFieldMap = {
  org: { column: '"t"."org"', type: 'uuid' },
  partyIds: { column: '"t"."party_ids"', type: 'uuid', array: true },
  tags: { column: '"t"."tags"', array: true }, // untyped on purpose
  title: { column: '"t"."title"', type: 'text' },
  status: '"t"."status"', // untyped on purpose (the database collation is C.UTF-8)
  score: { column: '"t"."score"', type: 'int' },
  amount: { column: '"t"."amount"', type: 'numeric' },
  active: { column: '"t"."active"', type: 'bool' },
  createdAt: { column: '"t"."created_at"', type: 'timestamptz' },
  day: { column: '"t"."day"', type: 'date' },
  meta: { column: '"t"."meta"', type: 'jsonb' },
  'owner.level': { column: '"t"."owner_level"', type: 'int' },
};

const UUIDS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '7f000000-0000-4000-8000-00000000000a', 'ffffffff-ffff-4fff-bfff-ffffffffffff'];
const STRINGS = ['', 'a', 'b', 'ab', 'B', 'é', '10', '-1', '0', ' ', 'Z', "x' OR '1'='1"];
const DATES = [new Date(-86_400_000), new Date(0), new Date('2024-02-29T12:00:00.000Z'), new Date('2025-06-01T00:00:00.123Z')];
const DAYS = ['1969-12-31', '2024-01-01', '2024-02-29', '2025-06-01'];
const AMOUNTS = [-1.5, 0, 0.25, 2];

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const uuid = fc.constantFrom(...UUIDS);
const str = fc.constantFrom(...STRINGS);
const int = fc.integer({ min: -3, max: 3 });
const date = fc.constantFrom(...DATES);
const day = fc.constantFrom(...DAYS);

/** Per field: values rows hold, values rules compare with (nulls, other types), values rules order by. */
interface FieldSpec {
  eq: fc.Arbitrary<unknown>;
  order?: fc.Arbitrary<unknown>;
}
const SPECS: Record<string, FieldSpec> = {
  org: { eq: fc.oneof(uuid, fc.constantFrom(null, 'NOT-A-UUID', UUIDS[0].toUpperCase())), order: uuid },
  partyIds: { eq: fc.oneof(uuid, fc.constantFrom(null, 'x')) },
  tags: { eq: nullable(str) },
  title: { eq: fc.oneof(nullable(str), fc.constant(5)), order: str },
  status: { eq: nullable(str), order: str },
  score: { eq: fc.oneof(nullable(int), fc.constantFrom(0.5, '1', 3e9)), order: fc.oneof(int, fc.constantFrom(-0.5, 0.5, 2.5, 3e9, -3e9)) },
  amount: { eq: nullable(fc.constantFrom(...AMOUNTS, 1)), order: fc.constantFrom(...AMOUNTS, 1, -2) },
  active: { eq: fc.oneof(nullable(fc.boolean()), fc.constant('true')) },
  createdAt: { eq: fc.oneof(nullable(date), fc.constant(DATES[1].toISOString())), order: date },
  day: { eq: fc.oneof(nullable(day), fc.constant('2024-13-01')), order: day },
  meta: { eq: fc.constant(null) },
  'owner.level': { eq: nullable(int), order: int },
};

/** `{ [name]: value }` with Object's prototype (CASL reads null-prototype objects as values, not operators). */
const op = (name: string, arb: fc.Arbitrary<unknown>) => arb.map((value): Record<string, unknown> => ({ [name]: value }));

function fieldCondition(field: string): fc.Arbitrary<unknown> {
  const { eq, order } = SPECS[field];
  const list = fc.array(eq, { maxLength: 3 });
  const ops = [op('$eq', eq), op('$ne', eq), op('$in', list), op('$nin', list)];
  if (order) ops.push(...['$lt', '$lte', '$gt', '$gte'].map((name) => op(name, order)));
  if (!field.includes('.')) ops.push(op('$exists', fc.boolean()));
  const anyOp = fc.oneof(...ops);
  return fc.oneof(eq, anyOp, fc.tuple(anyOp, anyOp).map(([a, b]) => ({ ...a, ...b })));
}

const fieldConditions: fc.Arbitrary<Record<string, unknown>> = fc
  .uniqueArray(fc.constantFrom(...Object.keys(SPECS)), { minLength: 1, maxLength: 2 })
  .chain((names) => fc.tuple(...names.map(fieldCondition)).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]]))));

const logical = (inner: fc.Arbitrary<Record<string, unknown>>) =>
  fc.oneof(
    op('$or', fc.array(inner, { minLength: 1, maxLength: 3 })),
    op('$and', fc.array(inner, { minLength: 1, maxLength: 2 })),
    op('$nor', fc.array(inner, { minLength: 1, maxLength: 2 })),
  );
const nested = fc.oneof(fieldConditions, logical(fieldConditions));
const withLogic = fc.oneof(nested, logical(nested), fc.tuple(fieldConditions, logical(fieldConditions)).map(([a, b]) => ({ ...a, ...b })));

const rule = (conditions: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Rule> =>
  fc
    .record({
      action: fc.constantFrom('read', 'read', 'read', 'read', 'manage', 'update'),
      subject: fc.constantFrom('Probe', 'Probe', 'Probe', 'Probe', 'all', 'Other'),
      inverted: fc.boolean(),
      conditions: fc.option(conditions, { nil: undefined, freq: 8 }),
      fields: fc.option(fc.constant(['title']), { nil: undefined, freq: 8 }),
    })
    .map((r) => r as Rule);

const scenario = fc.boolean().chain((logic) =>
  fc.record({
    logic: fc.constant(logic),
    rules: fc.array(rule(logic ? withLogic : fieldConditions), { minLength: 1, maxLength: 5 }),
    rows: fc.array(
      fc.record({
        org: nullable(uuid),
        partyIds: nullable(fc.array(nullable(uuid), { maxLength: 3 })),
        tags: nullable(fc.array(nullable(str), { maxLength: 3 })),
        title: nullable(str),
        status: nullable(str),
        score: nullable(int),
        amount: nullable(fc.constantFrom(...AMOUNTS)),
        active: nullable(fc.boolean()),
        createdAt: nullable(date),
        day: nullable(day),
        meta: fc.constantFrom(null, 'null', '{"a": 1}'), // SQL NULL, JSON null, an object
        ownerLevel: nullable(int),
      }),
      { minLength: 5, maxLength: 30 },
    ),
  }),
);

function toRow(id: number, r: { meta: string | null; ownerLevel: number | null } & Record<string, unknown>): Row {
  const { meta, ownerLevel, ...plain } = r;
  const js = { ...plain, meta: meta === null ? null : JSON.parse(meta), owner: { level: ownerLevel } };
  return { id, js, sql: [id, r.org, r.partyIds, r.tags, r.title, r.status, r.score, r.amount, r.active, r.createdAt, r.day, meta, ownerLevel] };
}

const conditionsMatcher = buildMongoQueryMatcher({ $and, $or, $nor }, { and, or, nor });

describe('abilityToSql against PostgreSQL', () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 1 });

  beforeAll(async () => {
    await client.connect();
    await dataSource.initialize();
    await client.query(`CREATE TABLE "${TABLE}" (id int PRIMARY KEY, org uuid, party_ids uuid[], tags text[], title text, status text,
      score int, amount numeric, active boolean, created_at timestamptz(3), day date, meta jsonb, owner_level int)`);
  });

  afterAll(async () => {
    await client.query(`DROP TABLE IF EXISTS "${TABLE}"`);
    await client.end();
    await dataSource.destroy();
  });

  async function load(rows: Row[]): Promise<void> {
    await client.query(`DELETE FROM "${TABLE}"`);
    if (rows.length === 0) return;
    const tuples = rows.map((_, r) => `(${CASTS.map((cast, c) => `$${r * CASTS.length + c + 1}::${cast}`).join(', ')})`);
    await client.query(`INSERT INTO "${TABLE}" (${COLUMNS}) VALUES ${tuples.join(', ')}`, rows.flatMap((row) => row.sql));
  }

  it('selects exactly the rows ability.can allows (pg positional and TypeORM named parameters)', async () => {
    let mixed = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ logic, rules, rows: records }) => {
        const ability = createMongoAbility(rules, logic ? { conditionsMatcher } : {});
        const rows = records.map((record, i) => toRow(i + 1, record));
        const expected = rows.filter((row) => ability.can('read', subject('Probe', { ...row.js }))).map((row) => row.id);
        const filter = abilityToSql(ability, 'read', 'Probe', FIELDS);
        await load(rows);
        const { sql, values } = sqlFilterToPositional(filter);
        const viaPg = await client.query<{ id: number }>(`SELECT t.id FROM "${TABLE}" AS t WHERE ${sql} ORDER BY t.id`, values);
        expect({ sql: filter.sql, ids: viaPg.rows.map((row) => row.id) }).toEqual({ sql: filter.sql, ids: expected });
        const viaTypeOrm = await dataSource.createQueryBuilder().select('t.id', 'id').from(TABLE, 't').where(filter.sql, filter.params).orderBy('t.id').getRawMany<{ id: number }>();
        expect(viaTypeOrm.map((row) => row.id)).toEqual(expected);
        if (expected.length > 0 && expected.length < rows.length) mixed++;
      }),
      { numRuns: Number(process.env.CASL_SQL_RUNS ?? 150) },
    );
    expect(mixed).toBeGreaterThan(15); // the generators are not vacuous
  });

  it('reads the rows an inverted rule of higher priority does not deny', async () => {
    const ability = createMongoAbility([
      { action: 'read', subject: 'Probe', conditions: { partyIds: UUIDS[0] } },
      { action: 'read', subject: 'Probe', conditions: { status: { $in: ['b', null] } }, inverted: true },
      { action: 'read', subject: 'Probe', conditions: { 'owner.level': { $gte: 2 } } },
    ] as Rule[]);
    const base = { meta: null, ownerLevel: null, status: null, partyIds: null };
    await load([
      toRow(1, { ...base, partyIds: [UUIDS[0]], status: 'a' }),
      toRow(2, { ...base, partyIds: [UUIDS[0], null] }),
      toRow(3, { ...base, partyIds: [UUIDS[1]], ownerLevel: 2, status: 'b' }),
      toRow(4, { ...base, status: 'b', partyIds: [UUIDS[0]] }),
    ]);
    const { sql, values } = sqlFilterToPositional(abilityToSql(ability, 'read', 'Probe', FIELDS));
    const result = await client.query<{ id: number }>(`SELECT t.id FROM "${TABLE}" AS t WHERE ${sql} ORDER BY t.id`, values);
    expect(result.rows.map((row) => row.id)).toEqual([1, 3]);
  });
});
