/**
 * Working days in Beijing time: Monday–Friday, minus public holidays, plus 调休 make-up workdays,
 * both kept as data (table `holidays`, seeded from seed/taxonomy/holidays.json).
 */

export interface Calendar {
  /** Weekdays off. */
  holidays: Set<string>;
  /** Weekend days worked. */
  workdays: Set<string>;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The calendar date (YYYY-MM-DD) in Beijing of an instant. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Year and month (1–12) in Beijing of an instant. */
export function beijingYearMonth(at: Date): { year: number; month: number } {
  const d = beijingDate(at);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)) };
}

const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);

/** Whether a calendar date is a working day. */
export function isWorkingDay(cal: Calendar, date: string): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (the day itself does not count). */
export function addWorkingDays(cal: Calendar, date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = nextDay(d);
    if (isWorkingDay(cal, d)) left--;
  }
  return d;
}

/** The review deadline of a submission: the end (Beijing time) of the 15th working day after it. */
export function reviewDueAt(cal: Calendar, submittedAt: Date, workingDays = 15): Date {
  const due = addWorkingDays(cal, beijingDate(submittedAt), workingDays);
  return new Date(`${due}T23:59:59.999+08:00`);
}
