import { allowedTransitions, commentProblem, transitionErrorMessage } from './finding-transitions';

describe('finding transitions', () => {
  it('offers the moves FINDING_TRANSITIONS allows from the current status, to those who may update', () => {
    expect(allowedTransitions({ status: 'open' }, true)).toEqual(['acknowledged', 'resolved']);
    expect(allowedTransitions({ status: 'acknowledged' }, true)).toEqual(['open', 'resolved']);
    expect(allowedTransitions({ status: 'resolved' }, true)).toEqual(['open']);
    expect(allowedTransitions({ status: 'open' }, false)).toEqual([]);
    expect(allowedTransitions(null, true)).toEqual([]);
  });

  it('asks for a comment of 3 to 2000 characters, not counting the blanks around it', () => {
    expect(commentProblem('')).toBe('required');
    expect(commentProblem('   ')).toBe('required');
    expect(commentProblem(' ok ')).toBe('minlength');
    expect(commentProblem('Revisado con el área.')).toBeNull();
    expect(commentProblem('x'.repeat(2001))).toBe('maxlength');
  });

  it('tells a conflict and a refused comment apart from other errors', () => {
    expect(transitionErrorMessage({ statusCode: 409, error: 'Conflict', message: 'not allowed' })).toEqual({ key: 'compliance.finding.conflict' });
    expect(transitionErrorMessage({ statusCode: 400, error: 'Bad Request', message: 'comment too short' })).toEqual({
      key: 'compliance.finding.invalid',
      params: { message: 'comment too short' },
    });
    expect(transitionErrorMessage({ statusCode: 403, error: 'Forbidden', message: 'no' })).toEqual({ key: 'errors.forbidden' });
  });
});
