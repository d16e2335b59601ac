import { detailsOf, hasProblems, placeProblems } from './problem-placement';

describe('placing the API’s problems on the form', () => {
  const columns = ['curp', 'edad', 'cve.mun', 'cve'];

  it('puts policy.columns.<name> and bare column names (with lines) on their column', () => {
    const placed = placeProblems(
      [
        { path: 'policy.columns.edad.hierarchy.widths', message: 'must be increasing' },
        { path: 'curp', line: 12, message: 'holds a CURP: pseudonymize or drop it' },
        { path: 'body.policy.columns.cve.mun', message: 'is wrong' },
        { path: 'cve', line: 1, message: 'appears twice in the header' },
      ],
      columns,
    );
    expect(placed.columns).toEqual({
      edad: [{ path: 'policy.columns.edad.hierarchy.widths', message: 'must be increasing' }],
      curp: [{ path: 'curp', line: 12, message: 'holds a CURP: pseudonymize or drop it' }],
      'cve.mun': [{ path: 'body.policy.columns.cve.mun', message: 'is wrong' }],
      cve: [{ path: 'cve', line: 1, message: 'appears twice in the header' }],
    });
    expect(placed.other).toEqual([]);
  });

  it('puts the model’s numbers, the file, the dataset and the policy on their fields', () => {
    const placed = placeProblems(
      [
        { path: 'policy.k', message: 'must be a whole number of at least 2' },
        { path: 'policy.suppressionLimit', message: 'must be between 0 and 1' },
        { path: 'policy.lDiversity.column', message: 'must be sensitive' },
        { path: 'file', line: 7, message: 'has 3 cells, the header 4' },
        { path: 'datasetId', message: 'not found' },
        { path: 'policy', message: 'is not valid JSON' },
        { path: 'policy.columns', message: 'must name every column' },
      ],
      columns,
    );
    expect(Object.keys(placed.fields).sort()).toEqual(['datasetId', 'file', 'k', 'lDiversity', 'policy', 'suppressionLimit']);
    expect(placed.fields.file).toEqual([{ path: 'file', line: 7, message: 'has 3 cells, the header 4' }]);
    expect(placed.fields.policy).toHaveLength(2);
    expect(placed.columns).toEqual({});
  });

  it('keeps what names nothing on the form apart', () => {
    const placed = placeProblems(
      [
        { path: 'policy.columns.telefono', message: 'is not a column of the file' },
        { path: 'policy.extra', message: 'is not a policy field' },
        { path: 'otra', line: 1, message: '?' },
      ],
      columns,
    );
    expect(placed.other.map((problem) => problem.path)).toEqual(['policy.columns.telefono', 'policy.extra', 'otra']);
    expect(hasProblems(placed)).toBe(true);
    expect(hasProblems(placeProblems([], columns))).toBe(false);
  });

  it('reads details only when they are a list', () => {
    expect(detailsOf({ statusCode: 400, error: 'Bad Request', message: 'x', details: [{ path: 'file', message: 'empty' }] })).toHaveLength(1);
    expect(detailsOf({ statusCode: 409, error: 'Conflict', message: 'x', details: { allowed: [] } })).toEqual([]);
    expect(detailsOf(null)).toEqual([]);
  });
});
