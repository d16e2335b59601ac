import { defaultPeriod } from './agreement-form';

describe('defaultPeriod', () => {
  it('starts on Mexico City\'s day, even when UTC has already moved to the next one', () => {
    // 02:30 UTC on 29 November is still 20:30 of 28 November in Mexico City (UTC−6).
    expect(defaultPeriod(new Date('2026-11-29T02:30:00Z'))).toEqual({ startsOn: '2026-11-28', endsOn: '2027-11-28' });
  });

  it('runs one year', () => {
    expect(defaultPeriod(new Date('2026-03-15T18:00:00Z'))).toEqual({ startsOn: '2026-03-15', endsOn: '2027-03-15' });
  });
});
