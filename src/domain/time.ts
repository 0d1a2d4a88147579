// Danish municipal time: Europe/Copenhagen, working days without weekends, public holidays
// (date-holidays, country DK; data CC-BY-3.0) and the corps' own extra days off.
import Holidays from "date-holidays";
import { DateTime } from "luxon";

export const ZONE = "Europe/Copenhagen";
const holidays = new Holidays("DK");

/** "2026-11-24" + "14:30" in Copenhagen → the instant; undefined if either is not a real date/time. */
export function localToInstant(date: string, time: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  return dt.isValid ? dt.toJSDate() : undefined;
}

export function localDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate()!;
}

export function localTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toFormat("HH:mm");
}

/** Whether a date is a Danish public holiday — asked of date-holidays once per date (it costs a millisecond or more). */
const publicHoliday = new Map<string, boolean>();
function isPublicHoliday(date: string, dt: DateTime): boolean {
  let known = publicHoliday.get(date);
  if (known === undefined) {
    const found = holidays.isHoliday(dt.set({ hour: 12 }).toJSDate());
    known = !!found && found.some((h) => h.type === "public");
    if (publicHoliday.size > 20_000) publicHoliday.clear();
    publicHoliday.set(date, known);
  }
  return known;
}

/** A weekday that is neither a Danish public holiday nor one of the corps' extra days off. */
export function isWorkingDay(date: string, extraDaysOff: readonly string[] = []): boolean {
  const dt = DateTime.fromISO(date, { zone: ZONE });
  if (dt.weekday >= 6 || extraDaysOff.includes(date)) return false;
  return !isPublicHoliday(date, dt);
}

export function nextWorkingDay(date: string, extraDaysOff: readonly string[] = []): string {
  let dt = DateTime.fromISO(date, { zone: ZONE }).plus({ days: 1 });
  while (!isWorkingDay(dt.toISODate()!, extraDaysOff)) dt = dt.plus({ days: 1 });
  return dt.toISODate()!;
}

const NUDGE_AFTER_MINUTES = 60;
const DAY_STARTS = 8;
const DAY_ENDS = 20;
const MORNING = "09:00";

/**
 * When to nudge the mentor to reflect after a prepared conversation: an hour after the planned time, the same day,
 * if that is a working day between 08:00 and 20:00 in Copenhagen; otherwise at 09:00 on the next working day.
 */
export function reflectionNudgeAt(plannedAt: Date, extraDaysOff: readonly string[] = []): Date {
  const due = DateTime.fromJSDate(plannedAt, { zone: ZONE }).plus({ minutes: NUDGE_AFTER_MINUTES });
  const day = due.toISODate()!;
  if (isWorkingDay(day, extraDaysOff) && due.hour >= DAY_STARTS && due.hour < DAY_ENDS) return due.toJSDate();
  const next = due.hour < DAY_STARTS && isWorkingDay(day, extraDaysOff) ? day : nextWorkingDay(day, extraDaysOff);
  return localToInstant(next, MORNING)!;
}

/** A day as practitioners write it: "24.11.2026" in Danish, "24/11/2026" in English (Copenhagen's date). */
export function shortDateOf(instant: Date, lang: "da" | "en"): string {
  const [y, m, d] = localDate(instant).split("-");
  return lang === "da" ? `${Number(d)}.${Number(m)}.${y}` : `${Number(d)}/${Number(m)}/${y}`;
}

/** "tirsdag 24. november kl. 14:30" / "Tuesday 24 November at 14:30". */
export function formatLocal(instant: Date, lang: "da" | "en"): string {
  const dt = DateTime.fromJSDate(instant, { zone: ZONE }).setLocale(lang === "da" ? "da" : "en-GB");
  return lang === "da" ? dt.toFormat("cccc d. MMMM 'kl.' HH:mm") : dt.toFormat("cccc d MMMM 'at' HH:mm");
}

/** "december 2026" / "December 2026" for "2026-12". */
export function monthName(month: string, lang: "da" | "en"): string {
  return DateTime.fromISO(`${month}-15`, { zone: ZONE }).setLocale(lang === "da" ? "da" : "en-GB").toFormat("LLLL yyyy");
}

/** "YYYY-MM" of an instant, in Copenhagen. */
export const monthOf = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE }).toFormat("yyyy-MM");

/** The month after "YYYY-MM". */
export const nextMonth = (month: string) => DateTime.fromISO(`${month}-01`, { zone: ZONE }).plus({ months: 1 }).toFormat("yyyy-MM");

/** The month before "YYYY-MM". */
export const previousMonth = (month: string) => DateTime.fromISO(`${month}-01`, { zone: ZONE }).minus({ months: 1 }).toFormat("yyyy-MM");
