// The fixed periods of the leaders' figures (issue 20 §2): calendar quarters, half-years and years, Copenhagen time.
// No other window is ever answered: every figure of every answer is a cell of one table over these periods (see
// src/domain/dashboard.ts), so answers cannot be subtracted from each other to reach a period the table does not hold.
import { z } from "zod";
import { ZONE } from "./time";

/** "2026" (a year), "2026-H1" (a half-year), "2026-Q3" (a quarter). */
export const PeriodId = z.string().regex(/^\d{4}(-H[12]|-Q[1-4])?$/, "not a period (YYYY, YYYY-H1/H2 or YYYY-Q1…Q4)");
export type PeriodId = z.infer<typeof PeriodId>;

/** The current calendar year and the two before it: the years the tab offers. */
export const WINDOW_YEARS = 3;

export interface Period {
  id: PeriodId;
  level: "year" | "half" | "quarter";
  year: number;
  /** First and last month, "YYYY-MM". */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function periodOf(id: PeriodId): Period {
  const year = Number(id.slice(0, 4));
  const part = id.slice(5);
  if (!part) return { id, level: "year", year, from: `${year}-01`, to: `${year}-12` };
  const n = Number(part.slice(1));
  const [first, months] = part[0] === "H" ? [(n - 1) * 6 + 1, 6] : [(n - 1) * 3 + 1, 3];
  return { id, level: part[0] === "H" ? "half" : "quarter", year, from: `${year}-${pad(first)}`, to: `${year}-${pad(first + months - 1)}` };
}

/** "YYYY-MM" of an instant in Copenhagen, as `monthOf` (src/domain/time.ts), cheap enough for every score of a corps. */
const COPENHAGEN_MONTH = new Intl.DateTimeFormat("sv-SE", { timeZone: ZONE, year: "numeric", month: "2-digit" });
export const monthAt = (instant: Date | string): string => COPENHAGEN_MONTH.format(new Date(instant));

/** The quarter a month ("YYYY-MM") or an instant (Copenhagen) falls in. */
export const quarterOfMonth = (month: string): PeriodId => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
export const quarterOf = (instant: Date | string): PeriodId => quarterOfMonth(monthAt(instant));

/** The months of a period, oldest first. */
export function monthsOf(id: PeriodId): string[] {
  const { year, from, to } = periodOf(id);
  const out: string[] = [];
  for (let m = Number(from.slice(5)); m <= Number(to.slice(5)); m++) out.push(`${year}-${pad(m)}`);
  return out;
}

/** A year's halves, a half-year's quarters; a quarter has none. */
export function childrenOf(id: PeriodId): PeriodId[] {
  const p = periodOf(id);
  if (p.level === "year") return [`${p.year}-H1`, `${p.year}-H2`];
  if (p.level === "half") return monthsOf(id).filter((_, i) => i % 3 === 0).map(quarterOfMonth);
  return [];
}

/** The quarters of a period, oldest first. */
export const quartersOf = (id: PeriodId): PeriodId[] => [...new Set(monthsOf(id).map(quarterOfMonth))];

/** Every period of the window's years (future ones included: the table holds them, as zeros), years first. */
export function windowPeriods(now: Date): PeriodId[] {
  const last = Number(monthAt(now).slice(0, 4));
  const out: PeriodId[] = [];
  for (let y = last - WINDOW_YEARS + 1; y <= last; y++) out.push(String(y), `${y}-H1`, `${y}-H2`, ...[1, 2, 3, 4].map((q) => `${y}-Q${q}`));
  return out;
}

/** The periods a leader may ask for at `now`: those of the window that have begun, newest first within each level. */
export function periodsAt(now: Date): PeriodId[] {
  const month = monthAt(now);
  const begun = windowPeriods(now).filter((id) => periodOf(id).from <= month);
  const level = (l: Period["level"]) => begun.filter((id) => periodOf(id).level === l).reverse();
  return [...level("year"), ...level("half"), ...level("quarter")];
}

/** The period asked for when none is: the current year. */
export const defaultPeriod = (now: Date): PeriodId => monthAt(now).slice(0, 4);
