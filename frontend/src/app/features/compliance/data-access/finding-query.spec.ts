import { DEFAULT_FINDING_QUERY, findingQueryParams, isFiltered, parseFindingQuery, sameFindingQuery, withFilter } from './finding-query';

const AGREEMENT = '00000000-0000-4000-8000-0000000000c1';

describe('findings query ⇄ URL', () => {
  it('reads what the API accepts and drops the rest', () => {
    expect(
      parseFindingQuery({ status: 'open', severity: 'critical', rule: 'run_under_inactive_agreement', agreementId: AGREEMENT.toUpperCase(), page: '2', pageSize: '500' }),
    ).toEqual({ status: 'open', severity: 'critical', rule: 'run_under_inactive_agreement', agreementId: AGREEMENT, page: 2, pageSize: 200 });
    expect(parseFindingQuery({ status: 'closed', severity: 'urgent', rule: 'nope', agreementId: 'not-a-uuid', page: '0', pageSize: 'x' })).toEqual(DEFAULT_FINDING_QUERY);
    expect(parseFindingQuery({})).toEqual(DEFAULT_FINDING_QUERY);
  });

  it('writes only what differs from the default, and round-trips', () => {
    expect(findingQueryParams(DEFAULT_FINDING_QUERY)).toEqual({});
    const query = { ...DEFAULT_FINDING_QUERY, status: 'acknowledged' as const, agreementId: AGREEMENT, page: 3, pageSize: 50 };
    expect(findingQueryParams(query)).toEqual({ status: 'acknowledged', agreementId: AGREEMENT, page: '3', pageSize: '50' });
    expect(parseFindingQuery(findingQueryParams(query))).toEqual(query);
  });

  it('goes back to page 1 when a filter changes', () => {
    const query = withFilter({ ...DEFAULT_FINDING_QUERY, page: 4 }, 'severity', 'high');
    expect(query).toEqual({ ...DEFAULT_FINDING_QUERY, severity: 'high' });
    expect(withFilter(query, 'severity', null)).toEqual(DEFAULT_FINDING_QUERY);
  });

  it('compares queries by what the URL says, and tells whether any filter is set', () => {
    expect(sameFindingQuery(DEFAULT_FINDING_QUERY, { ...DEFAULT_FINDING_QUERY })).toBe(true);
    expect(sameFindingQuery(DEFAULT_FINDING_QUERY, { ...DEFAULT_FINDING_QUERY, page: 2 })).toBe(false);
    expect(isFiltered(DEFAULT_FINDING_QUERY)).toBe(false);
    expect(isFiltered({ ...DEFAULT_FINDING_QUERY, page: 3 })).toBe(false);
    expect(isFiltered({ ...DEFAULT_FINDING_QUERY, rule: 'release_k_below_minimum' })).toBe(true);
  });
});
