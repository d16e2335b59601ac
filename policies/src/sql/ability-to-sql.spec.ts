import { buildMongoQueryMatcher, createMongoAbility, type MongoQuery, type RawRuleOf, type MongoAbility } from '@casl/ability';
import { $and, $nor, $or, and, nor, or } from '@ucast/mongo2js';
import { createAppAbility } from '../app-ability';
import { abilityToSql, sqlFilterToPositional, type SqlFieldMap } from './index';

type Rule = RawRuleOf<MongoAbility>;
const ORG = '6f1c1f4e-2b1a-4c55-9a0e-0c6b9f1d2a10';
const OTHER = '0b8e7f0a-8f7c-4c3d-b1a2-3e4f5a6b7c8d';

const FIELDS: SqlFieldMap = {
  organizationId: { column: '"d"."organization_id"', type: 'uuid' },
  partyIds: { column: '"d"."party_ids"', type: 'uuid', array: true },
  tags: { column: '"d"."tags"', array: true },
  title: { column: '"d"."title"', type: 'text' },
  score: { column: '"d"."score"', type: 'int' },
  active: { column: '"d"."active"', type: 'bool' },
  createdAt: { column: '"d"."created_at"', type: 'timestamptz' },
  meta: { column: '"d"."meta"', type: 'jsonb' },
  status: '"d"."status"',
  'owner.id': '"o"."id"',
};

const withLogic = { conditionsMatcher: buildMongoQueryMatcher({ $and, $or, $nor }, { and, or, nor }) };

function sqlFor(conditions: MongoQuery | undefined, more: Rule[] = [], logic = false) {
  const rules: Rule[] = [{ action: 'read', subject: 'Doc', ...(conditions ? { conditions } : {}) }, ...more];
  return abilityToSql(createMongoAbility(rules, logic ? withLogic : {}), 'read', 'Doc', FIELDS);
}

describe('abilityToSql: operators', () => {
  it.each([
    ['equality', { organizationId: ORG }, '"d"."organization_id" = CAST(:p0 AS uuid)', { p0: ORG }],
    ['$eq', { status: { $eq: 'open' } }, '"d"."status" = :p0', { p0: 'open' }],
    ['$ne', { status: { $ne: 'open' } }, '"d"."status" IS DISTINCT FROM :p0', { p0: 'open' }],
    ['null', { status: null }, '"d"."status" IS NULL', {}],
    ['$ne null', { status: { $ne: null } }, '"d"."status" IS NOT NULL', {}],
    ['$in', { status: { $in: ['a', 'b'] } }, '"d"."status" = ANY(:p0)', { p0: ['a', 'b'] }],
    ['$in with null', { status: { $in: ['a', null] } }, '("d"."status" = ANY(:p0) OR "d"."status" IS NULL)', { p0: ['a'] }],
    ['$nin', { status: { $nin: ['a'] } }, '("d"."status" IS NULL OR "d"."status" <> ALL(:p0))', { p0: ['a'] }],
    ['$nin with null', { status: { $nin: ['a', null] } }, '(("d"."status" IS NULL OR "d"."status" <> ALL(:p0)) AND "d"."status" IS NOT NULL)', { p0: ['a'] }],
    ['$lt (null matches, as in JS)', { score: { $lt: 5 } }, '("d"."score" < CAST(:p0 AS integer) OR "d"."score" IS NULL)', { p0: 5 }],
    ['$lte', { score: { $lte: -1 } }, '"d"."score" <= CAST(:p0 AS integer)', { p0: -1 }],
    ['$gt', { score: { $gt: 1.5 } }, '"d"."score" > CAST(:p0 AS numeric)', { p0: 1.5 }],
    ['$gte (null matches: 0 > -3)', { score: { $gte: -3 } }, '("d"."score" >= CAST(:p0 AS integer) OR "d"."score" IS NULL)', { p0: -3 }],
    ['text ordering in "C"', { title: { $gt: 'm' } }, '"d"."title" COLLATE "C" > CAST(:p0 AS text)', { p0: 'm' }],
    ['$exists true', { status: { $exists: true } }, '1 = 1', {}],
    ['$exists false', { status: { $exists: false } }, '1 = 0', {}],
    ['bool', { active: true }, '"d"."active" = CAST(:p0 AS boolean)', { p0: true }],
    ['jsonb null', { meta: null }, `("d"."meta" IS NULL OR "d"."meta" = CAST('null' AS jsonb))`, {}],
    ['mapped dotted path', { 'owner.id': 7 }, '"o"."id" = :p0', { p0: 7 }],
    ['several fields', { status: 'a', active: false }, '("d"."status" = :p0 AND "d"."active" = CAST(:p1 AS boolean))', { p0: 'a', p1: false }],
    ['value of another type never equals', { organizationId: 'not-a-uuid' }, '1 = 0', {}],
    ['$ne of another type always holds', { score: { $ne: 'x' } }, '1 = 1', {}],
  ])('%s', (_name, conditions, sql, params) => {
    expect(sqlFor(conditions as MongoQuery)).toEqual({ sql, params });
  });

  it('timestamptz values stay Dates (compared as epoch ms: a null date is "less")', () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    expect(sqlFor({ createdAt: { $gte: at } })).toEqual({ sql: '"d"."created_at" >= CAST(:p0 AS timestamptz)', params: { p0: at } });
    expect(sqlFor({ createdAt: { $lt: at } }).sql).toBe('("d"."created_at" < CAST(:p0 AS timestamptz) OR "d"."created_at" IS NULL)');
  });
});

describe('abilityToSql: array columns', () => {
  it.each([
    ['contains', { partyIds: ORG }, 'CAST(:p0 AS uuid) = ANY("d"."party_ids")', { p0: ORG }],
    ['$ne: does not contain', { partyIds: { $ne: ORG } }, 'array_position("d"."party_ids", CAST(:p0 AS uuid)) IS NULL', { p0: ORG }],
    ['$in: overlaps', { partyIds: { $in: [ORG, OTHER] } }, '"d"."party_ids" && CAST(:p0 AS uuid[])', { p0: [ORG, OTHER] }],
    ['$nin', { partyIds: { $nin: [ORG] } }, '("d"."party_ids" IS NULL OR NOT ("d"."party_ids" && CAST(:p0 AS uuid[])))', { p0: [ORG] }],
    ['null: null array or null element', { tags: null }, '("d"."tags" IS NULL OR array_position("d"."tags", NULL) IS NOT NULL)', {}],
    ['untyped contains', { tags: 'x' }, ':p0 = ANY("d"."tags")', { p0: 'x' }],
  ])('%s', (_name, conditions, sql, params) => {
    expect(sqlFor(conditions as MongoQuery)).toEqual({ sql, params });
  });

  it('refuses ordering and array values', () => {
    expect(() => sqlFor({ tags: { $lt: 'x' } })).toThrow(/ordering operators are not supported on field "tags"/);
    expect(() => sqlFor({ tags: ['x'] } as MongoQuery)).toThrow(/unsupported value/);
  });
});

describe('abilityToSql: rules', () => {
  const read = (conditions?: MongoQuery, inverted = false): Rule => ({ action: 'read', subject: 'Doc', inverted, ...(conditions ? { conditions } : {}) });

  it('no applicable rule is FALSE', () => {
    const ability = createMongoAbility([{ action: 'read', subject: 'Other' }, { action: 'update', subject: 'Doc' }]);
    expect(abilityToSql(ability, 'read', 'Doc', FIELDS)).toEqual({ sql: '1 = 0', params: {} });
  });

  it('an unconditional allow is TRUE, also through manage/all', () => {
    expect(abilityToSql(createMongoAbility([read()]), 'read', 'Doc', FIELDS).sql).toBe('1 = 1');
    expect(abilityToSql(createMongoAbility([{ action: 'manage', subject: 'all' }]), 'read', 'Doc', FIELDS).sql).toBe('1 = 1');
  });

  it('an inverted rule only denies what lower-priority rules allow', () => {
    const ability = createMongoAbility([read({ status: 'open' }), read({ status: 'secret' }, true), read({ active: true })]);
    expect(abilityToSql(ability, 'read', 'Doc', FIELDS)).toEqual({
      sql: '("d"."active" = CAST(:p0 AS boolean) OR ("d"."status" IS DISTINCT FROM :p1 AND "d"."status" = :p2))',
      params: { p0: true, p1: 'secret', p2: 'open' },
    });
  });

  it('an unconditional cannot after a can denies everything; before it, it is overridden', () => {
    expect(abilityToSql(createMongoAbility([read({ status: 'a' }), read(undefined, true)]), 'read', 'Doc', FIELDS)).toEqual({ sql: '1 = 0', params: {} });
    const ability = createMongoAbility([read(undefined, true), read({ status: 'a' })]);
    expect(abilityToSql(ability, 'read', 'Doc', FIELDS)).toEqual({ sql: '"d"."status" = :p0', params: { p0: 'a' } });
  });

  it('an unconditional allow over a cannot keeps the cannot, and stops at itself', () => {
    const ability = createMongoAbility([read({ nothing: 1 } as MongoQuery), read(), read({ status: 'x' }, true)]);
    expect(abilityToSql(ability, 'read', 'Doc', FIELDS)).toEqual({ sql: '"d"."status" IS DISTINCT FROM :p0', params: { p0: 'x' } });
  });

  it('a cannot limited to fields does not deny the row (as ability.can without a field)', () => {
    const ability = createMongoAbility([read(), { action: 'read', subject: 'Doc', fields: ['title'], inverted: true }]);
    expect(abilityToSql(ability, 'read', 'Doc', FIELDS).sql).toBe('1 = 1');
  });

  it('translates $and/$or/$nor when the matcher enables them', () => {
    const conditions = { $or: [{ status: 'a' }, { $nor: [{ active: true }], score: { $gt: 3 } }] } as MongoQuery;
    expect(sqlFor(conditions, [], true)).toEqual({
      sql: '("d"."status" = :p0 OR ("d"."active" IS DISTINCT FROM CAST(:p1 AS boolean) AND "d"."score" > CAST(:p2 AS integer)))',
      params: { p0: 'a', p1: true, p2: 3 },
    });
    expect(sqlFor({ $and: [{ status: 'a' }] } as MongoQuery, [read({ status: 'b' }, true)], true)).toEqual({
      sql: '("d"."status" IS DISTINCT FROM :p0 AND "d"."status" = :p1)',
      params: { p0: 'b', p1: 'a' },
    });
  });

  it('negates $or inside a cannot by De Morgan', () => {
    const ability = createMongoAbility([read(), read({ $or: [{ status: 'a' }, { score: { $lt: 0 } }] } as MongoQuery, true)], withLogic);
    expect(abilityToSql(ability, 'read', 'Doc', FIELDS, { paramPrefix: 'casl_' })).toEqual({
      sql: '("d"."status" IS DISTINCT FROM :casl_0 AND "d"."score" >= CAST(:casl_1 AS integer))',
      params: { casl_0: 'a', casl_1: 0 },
    });
  });
});

describe('abilityToSql: the app ability', () => {
  it('accepts an AppAbility', () => {
    const ability = createAppAbility([{ action: 'read', subject: 'User', conditions: { organizationId: ORG } }]);
    expect(abilityToSql(ability, 'read', 'User', { organizationId: { column: '"u"."organization_id"', type: 'uuid' } })).toEqual({
      sql: '"u"."organization_id" = CAST(:p0 AS uuid)',
      params: { p0: ORG },
    });
  });
});

describe('abilityToSql: refusals', () => {
  it('throws on a field missing from the map, naming it', () => {
    expect(() => sqlFor({ secret: 1 } as MongoQuery)).toThrow(/field "secret" of "Doc" is not in the SQL field map/);
  });

  it('throws on $or under the default matcher (CASL treats it as a field)', () => {
    expect(() => sqlFor({ $or: [{ status: 'a' }] } as MongoQuery)).toThrow(/field "\$or".*treats it as a field name/);
  });

  it('throws on unsupported operators, naming them', () => {
    expect(() => sqlFor({ title: { $regex: '^a' } })).toThrow(/unsupported operator "\$regex" on field "title"/);
    expect(() => sqlFor({ tags: { $all: ['a'] } })).toThrow(/unsupported operator "\$all"/);
    expect(() => sqlFor({ tags: { $size: 1 } })).toThrow(/unsupported operator "\$size"/);
    expect(() => sqlFor({ tags: { $elemMatch: { $eq: 'a' } } })).toThrow(/unsupported operator "\$elemMatch"/);
  });

  it('throws on values it cannot represent', () => {
    expect(() => sqlFor({ status: { a: 1 } } as MongoQuery)).toThrow(/unsupported value/);
    expect(() => sqlFor({ score: { $lt: 'ten' } })).toThrow(/cannot be ordered against field "score"/);
    expect(() => sqlFor({ meta: { $eq: 'x' } })).toThrow(/jsonb/);
    expect(() => sqlFor({ 'owner.id': { $exists: true } })).toThrow(/dotted path/);
    expect(() => abilityToSql(createMongoAbility([]), 'read', 'Doc', FIELDS, { paramPrefix: 'x;--' })).toThrow(/paramPrefix/);
  });
});

describe('abilityToSql: injection', () => {
  it('keeps SQL-looking values in parameters', () => {
    const evil = "x' OR 1=1; DROP TABLE users; --";
    const filter = sqlFor({ status: { $in: [evil, ':p1'] }, title: evil });
    expect(filter.sql).not.toContain('DROP');
    expect(filter.sql).not.toContain("'");
    expect(filter.params).toEqual({ p0: [evil, ':p1'], p1: evil });
    expect(sqlFilterToPositional(filter)).toEqual({
      sql: '("d"."status" = ANY($1) AND "d"."title" = CAST($2 AS text))',
      values: [[evil, ':p1'], evil],
    });
  });
});

describe('sqlFilterToPositional', () => {
  it('numbers from startIndex, reuses repeated names, leaves casts and unknown names alone', () => {
    const filter = { sql: 'a = :p0 AND b::text = :p1 AND c = :p0 AND d = :other', params: { p0: 1, p1: 'x' } };
    expect(sqlFilterToPositional(filter, 3)).toEqual({ sql: 'a = $3 AND b::text = $4 AND c = $3 AND d = :other', values: [1, 'x'] });
  });
});
