import { addWorkingDays, isWorkingDay, mexicanFederalHolidays, mexicoCityDate, workingDaysBetween } from './working-days';

describe('working days in Mexico', () => {
  it('lists the federal holidays of the Ley Federal del Trabajo (art. 74)', () => {
    expect(mexicanFederalHolidays(2026)).toEqual(['2026-01-01', '2026-02-02', '2026-03-16', '2026-05-01', '2026-09-16', '2026-11-16', '2026-12-25']);
    // 1 October of the year the federal executive changes hands.
    expect(mexicanFederalHolidays(2024)).toContain('2024-10-01');
    expect(mexicanFederalHolidays(2030)).toContain('2030-10-01');
    expect(mexicanFederalHolidays(2027)).not.toContain('2027-10-01');
    expect(mexicanFederalHolidays(2025)).toEqual(['2025-01-01', '2025-02-03', '2025-03-17', '2025-05-01', '2025-09-16', '2025-11-17', '2025-12-25']);
  });

  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-11-13')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-16')).toBe(false); // Revolution Day (third Monday)
    expect(isWorkingDay('2026-11-17')).toBe(true);
  });

  it('counts days in Mexico City time (UTC−6)', () => {
    expect(mexicoCityDate(new Date('2026-11-17T05:59:00Z'))).toBe('2026-11-16');
    expect(mexicoCityDate(new Date('2026-11-17T06:00:00Z'))).toBe('2026-11-17');
  });

  it('adds working days at the same time of day', () => {
    // Thursday 12 November 2026, 10:00 in Mexico City → 3 working days: Fri 13, (weekend, holiday Mon 16), Tue 17, Wed 18.
    const from = new Date('2026-11-12T16:00:00Z');
    expect(addWorkingDays(from, 3).toISOString()).toBe('2026-11-18T16:00:00.000Z');
    expect(addWorkingDays(from, 0).toISOString()).toBe(from.toISOString());
    // Over the year's end: 24 Dec (Thu) + 2 → Tue 29 Dec, since Fri 25 Dec is a holiday.
    expect(addWorkingDays(new Date('2026-12-24T18:00:00Z'), 2).toISOString()).toBe('2026-12-29T18:00:00.000Z');
    expect(() => addWorkingDays(from, -1)).toThrow(RangeError);
  });

  it('measures working days between two instants', () => {
    const from = new Date('2026-11-12T16:00:00Z');
    expect(workingDaysBetween(from, addWorkingDays(from, 5))).toBe(5);
    expect(workingDaysBetween(from, from)).toBe(0);
    expect(workingDaysBetween(from, new Date('2026-11-12T04:00:00Z'))).toBe(0);
  });
});
