import { workingDaysBetween } from '@convenio/contracts';

/** `overdue`: past the deadline (red); `soon`: due within one working day (amber); `ok` otherwise. */
export type DeadlineStatus = 'overdue' | 'soon' | 'ok';

/** Working days count as in the backend's workflow (Mexico's federal holidays, Mexico City's calendar). */
export const SOON_WORKING_DAYS = 1;

export function deadlineStatus(dueAt: string | Date, now: Date, overdueFlag = false): DeadlineStatus {
  const due = new Date(dueAt);
  if (overdueFlag || due.getTime() <= now.getTime()) return 'overdue';
  return workingDaysBetween(now, due) <= SOON_WORKING_DAYS ? 'soon' : 'ok';
}
