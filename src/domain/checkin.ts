// When the monthly status check-in happens (issue 9; 001 §4.2, §5.2): per corps a check-in day — by default the first
// Danish working day of the month at 09:00 Copenhagen, or a day and hour the coordinator chose, or skipped for a month —
// and the day mentors are asked, a few working days before. A send that fell due while no instance ran is made once
// if at most 7 days late; older ones are missed. Pure functions; the scheduler and the cards build on them.
// (Only the schedule is built so far: no cards, jobs or summaries yet.)
import { DateTime } from "luxon";
import { isWorkingDay, localToInstant, nextWorkingDay, ZONE } from "./time";

export interface CheckInSettings {
  /** Day of the month the coordinator chose (1–28), moved to the next working day; absent: the first working day. */
  day?: number;
  /** "HH:MM" in Copenhagen; default 09:00. */
  time?: string;
  /** Months ("YYYY-MM") without a check-in (e.g. July). */
  skipMonths?: readonly string[];
  /** How many working days before the check-in day mentors are asked; default 3. */
  askWorkingDaysBefore?: number;
}

export const LATE_LIMIT_DAYS = 7;

const firstWorkingDayFrom = (date: string, extraDaysOff: readonly string[]) => (isWorkingDay(date, extraDaysOff) ? date : nextWorkingDay(date, extraDaysOff));

function previousWorkingDay(date: string, extraDaysOff: readonly string[]): string {
  let dt = DateTime.fromISO(date, { zone: ZONE }).minus({ days: 1 });
  while (!isWorkingDay(dt.toISODate()!, extraDaysOff)) dt = dt.minus({ days: 1 });
  return dt.toISODate()!;
}

/** The check-in of a month ("YYYY-MM"): its instant, and when mentors are asked; undefined for a skipped month. */
export function checkInOf(month: string, settings: CheckInSettings = {}, extraDaysOff: readonly string[] = []): { month: string; at: Date; askAt: Date } | undefined {
  if (settings.skipMonths?.includes(month)) return undefined;
  const day = String(Math.min(Math.max(settings.day ?? 1, 1), 28)).padStart(2, "0");
  const date = firstWorkingDayFrom(`${month}-${day}`, extraDaysOff);
  const time = settings.time ?? "09:00";
  let ask = date;
  for (let i = 0; i < (settings.askWorkingDaysBefore ?? 3); i++) ask = previousWorkingDay(ask, extraDaysOff);
  return { month, at: localToInstant(date, time)!, askAt: localToInstant(ask, time)! };
}

/** The month after "YYYY-MM". */
export const nextMonth = (month: string) => DateTime.fromISO(`${month}-01`, { zone: ZONE }).plus({ months: 1 }).toFormat("yyyy-MM");

/**
 * What to do about a check-in at `now`: not yet due, send now (on time, or late by at most LATE_LIMIT_DAYS — an
 * instance was down when it fell due), or missed (too late: shown as missed in the next summary, never sent).
 */
export function dueState(at: Date, now: Date): "notYet" | "send" | "missed" {
  if (now.getTime() < at.getTime()) return "notYet";
  return now.getTime() - at.getTime() <= LATE_LIMIT_DAYS * 24 * 3600_000 ? "send" : "missed";
}
