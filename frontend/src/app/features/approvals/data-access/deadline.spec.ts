import { deadlineStatus } from './deadline';

describe('deadlineStatus', () => {
  // Thursday 12 March 2026, 10:00 in Mexico City (16:00 UTC); Monday 16 March is a federal holiday.
  const now = new Date('2026-03-12T16:00:00Z');

  it('is overdue once the due time has passed, or when the API says so', () => {
    expect(deadlineStatus('2026-03-12T15:59:00Z', now)).toBe('overdue');
    expect(deadlineStatus('2026-03-20T16:00:00Z', now, true)).toBe('overdue');
  });

  it('is soon when due within one working day', () => {
    expect(deadlineStatus('2026-03-13T16:00:00Z', now)).toBe('soon');
  });

  it('counts working days: the weekend and the holiday do not bring a deadline closer', () => {
    // Tuesday 17 March is only the second working day after Thursday (Fri 13, [Sat, Sun, Mon holiday], Tue 17).
    expect(deadlineStatus('2026-03-17T16:00:00Z', now)).toBe('ok');
    // Due Monday (holiday) morning: still within Friday's single working day.
    expect(deadlineStatus('2026-03-16T12:00:00Z', now)).toBe('soon');
  });
});
