/**
 * Working days in Mexico: Monday to Friday, except the federal holidays of the Ley Federal
 * del Trabajo, art. 74 — 1 January; first Monday of February; third Monday of March;
 * 1 May; 16 September; third Monday of November; 25 December; and 1 October of each
 * sexennial transfer of the federal executive (2024, 2030, …). Days are counted in
 * Mexico City's calendar (UTC−6 all year since daylight saving ended in 2022).
 */
const MEXICO_CITY_OFFSET_MS = -6 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The n-th Monday (1-based) of a month, as a day of the month. */
function nthMonday(year: number, month: number, n: number): number {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const firstMonday = 1 + ((8 - firstWeekday) % 7);
  return firstMonday + (n - 1) * 7;
}

const holidayCache = new Map<number, Set<string>>();

/** The federal holidays of a year, as `YYYY-MM-DD`. */
export function mexicanFederalHolidays(year: number): string[] {
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = (month: number, dayOfMonth: number) => `${year}-${pad(month)}-${pad(dayOfMonth)}`;
  const days = [
    day(1, 1),
    day(2, nthMonday(year, 2, 1)),
    day(3, nthMonday(year, 3, 3)),
    day(5, 1),
    day(9, 16),
    day(11, nthMonday(year, 11, 3)),
    day(12, 25),
  ];
  if (year >= 2024 && (year - 2024) % 6 === 0) days.push(day(10, 1));
  return days.sort();
}

function holidaysOf(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(mexicanFederalHolidays(year));
    holidayCache.set(year, set);
  }
  return set;
}

/** `YYYY-MM-DD` of an instant in Mexico City. */
export function mexicoCityDate(instant: Date): string {
  return new Date(instant.getTime() + MEXICO_CITY_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a calendar day (`YYYY-MM-DD`) is a working day. */
export function isWorkingDay(isoDate: string): boolean {
  const date = new Date(`${isoDate}T00:00:00Z`);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaysOf(date.getUTCFullYear()).has(isoDate);
}

/**
 * The instant `days` working days after `from`, at the same time of day. Starting on a
 * weekend or holiday counts from the next working day. `days` may be fractional only in
 * whole hours' worth of a day; 0 returns `from`.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isFinite(days) || days < 0) throw new RangeError('addWorkingDays: days must be a non-negative number');
  let instant = from.getTime();
  let remaining = Math.floor(days);
  while (remaining > 0) {
    instant += DAY_MS;
    if (isWorkingDay(mexicoCityDate(new Date(instant)))) remaining -= 1;
  }
  return new Date(instant + (days - Math.floor(days)) * DAY_MS);
}

/** Whole working days from `from` to `to` (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  let count = 0;
  let instant = from.getTime();
  while (instant + DAY_MS <= to.getTime()) {
    instant += DAY_MS;
    if (isWorkingDay(mexicoCityDate(new Date(instant)))) count += 1;
  }
  // The part-day left counts as a fraction of a working day when it ends on one.
  const rest = (to.getTime() - instant) / DAY_MS;
  return rest > 0 && isWorkingDay(mexicoCityDate(to)) ? count + rest : count;
}
