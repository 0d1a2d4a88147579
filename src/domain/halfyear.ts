// The half-yearly questionnaire (001 §3.3: «Udfylde det halvårige spørgeskema om aktuelle forløb, som CDE udsender til
// korpsets koordinatorer»; issue 24). Løft prepares the coordinator's answers from its own data: the corps' figures for
// the half-year — new and closed cases by kind, closing reasons, durations, the dimensions cases were referred for, how
// the method was followed, measures at start and end. The coordinator sees them exactly (they are the corps' own cases,
// which the coordinator sees anyway); what leaves for the national centre is the same table with the leaders' hiding
// (src/domain/dashboard.ts: one decision per cell, no figure of 1–4 cases, none derivable) — so the export gives away
// nothing the leaders' dashboard does not. The coordinator adds a note for the centre (what Løft does not know).
import { z } from "zod";
import { viewOf, type Dashboard, type Release } from "./dashboard";
import { CorpsId, FreeText, Guid, IsoTime, type CaseKind } from "./model";
import { monthAt, PeriodId, periodOf, windowPeriods } from "./periods";
import { localToInstant, nextWorkingDay } from "./time";

/** The half-years that have ended at `now` and are in the figures' window, newest first. */
export function finishedHalves(now: Date): PeriodId[] {
  const month = monthAt(now);
  return windowPeriods(now)
    .filter((p) => periodOf(p).level === "half" && periodOf(p).to < month)
    .reverse();
}

/** The half-year a questionnaire is about by default: the latest that has ended. */
export const lastFinishedHalf = (now: Date): PeriodId | undefined => finishedHalves(now)[0];

/** "1. halvår 2026" / "first half of 2026". */
export function halfName(period: PeriodId, lang: "da" | "en"): string {
  const { year, id } = periodOf(period);
  const first = id.endsWith("H1");
  return lang === "da" ? `${first ? "1." : "2."} halvår ${year}` : `the ${first ? "first" : "second"} half of ${year}`;
}

export type Figures = Record<"all" | CaseKind, Dashboard>;

/** The coordinator's figures: every cell as counted, nothing hidden (their own corps' cases). */
export function exactFigures(r: Release, period: PeriodId, now: Date): Figures {
  const open: Release = { ...r, hidden: new Set() };
  return { all: viewOf(open, { period }, now), mentor: viewOf(open, { period, kind: "mentor" }, now), relativeCoach: viewOf(open, { period, kind: "relativeCoach" }, now) };
}

/** What leaves for the national centre: the leaders' view of the same table (hidden cells stay hidden). */
export function centreFigures(r: Release, period: PeriodId, now: Date): Figures {
  return { all: viewOf(r, { period }, now), mentor: viewOf(r, { period, kind: "mentor" }, now), relativeCoach: viewOf(r, { period, kind: "relativeCoach" }, now) };
}

/** The coordinator's note to the national centre for one half-year (one document per corps and half-year). */
export const HalfYearNote = z.object({
  type: z.literal("halfYearNote"),
  id: z.string().regex(/^halfyear:\d{4}-H[12]$/),
  corpsId: CorpsId,
  period: PeriodId,
  note: FreeText,
  by: Guid,
  at: IsoTime,
});
export type HalfYearNote = z.infer<typeof HalfYearNote>;
export const halfYearNoteId = (period: PeriodId) => `halfyear:${period}`;

/** When the coordinators are reminded that a half-year's figures are ready: 09:00 on the first working day after it. */
export function halfYearReminderAt(period: PeriodId, extraDaysOff: readonly string[]): Date {
  const { to } = periodOf(period);
  const lastDay = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 0)).toISOString().slice(0, 10);
  return localToInstant(nextWorkingDay(lastDay, extraDaysOff), "09:00")!;
}
