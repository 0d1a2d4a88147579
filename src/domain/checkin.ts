// When the monthly status check-in happens (issue 9; 001 §4.2, §5.2): per corps a check-in day — by default the first
// Danish working day of the month at 09:00 Copenhagen, or a day and hour the coordinator chose, or skipped for a month —
// and the day mentors are asked, a few working days before. A send that fell due while no instance ran is made once
// if at most 7 days late; older ones are missed. Pure functions; the scheduler and the cards build on them.
import { DateTime } from "luxon";
import { z } from "zod";
import { CardEnvelope, choiceProblem, isTrue, staleness, textProblems, type Decision, type Problem } from "./forms";
import {
  CaseKind,
  CHECKIN_STATES,
  Claim,
  CorpsId,
  Delivery,
  Guid,
  inWork,
  IsoTime,
  MENTOR_FEELINGS,
  Month,
  StatusCheckIn,
  type Case,
  type CaseIndexItem,
  type CheckInSettings as Settings,
  type Corps,
  type Entry,
  type Flag,
} from "./model";
import { WHO5_LOW } from "./measures";
import { isWorkingDay, localDate, localToInstant, monthOf, nextMonth, nextWorkingDay, previousMonth, ZONE } from "./time";

export type CheckInSettings = Partial<Settings>;

export const LATE_LIMIT_DAYS = 7;

const firstWorkingDayFrom = (date: string, extraDaysOff: readonly string[]) => (isWorkingDay(date, extraDaysOff) ? date : nextWorkingDay(date, extraDaysOff));

function previousWorkingDay(date: string, extraDaysOff: readonly string[]): string {
  let dt = DateTime.fromISO(date, { zone: ZONE }).minus({ days: 1 });
  while (!isWorkingDay(dt.toISODate()!, extraDaysOff)) dt = dt.minus({ days: 1 });
  return dt.toISODate()!;
}

/** The check-in of a month ("YYYY-MM"): its instant, and when mentors are asked; undefined for a skipped month. */
export function checkInOf(month: string, settings: CheckInSettings = {}, extraDaysOff: readonly string[] = []): CheckInTimes | undefined {
  if (settings.skipMonths?.includes(month)) return undefined;
  const day = String(Math.min(Math.max(settings.day ?? 1, 1), 28)).padStart(2, "0");
  const date = firstWorkingDayFrom(`${month}-${day}`, extraDaysOff);
  const time = settings.time ?? "09:00";
  let ask = date;
  for (let i = 0; i < (settings.askWorkingDaysBefore ?? 3); i++) ask = previousWorkingDay(ask, extraDaysOff);
  const askAt = localToInstant(ask, time)!;
  // One reminder on the working day before, unless that is the day mentors were asked (or earlier).
  const remind = previousWorkingDay(date, extraDaysOff);
  const remindAt = remind > ask ? localToInstant(remind, time) : undefined;
  return { month, at: localToInstant(date, time)!, askAt, ...(remindAt ? { remindAt } : {}) };
}

export interface CheckInTimes {
  month: string;
  /** The check-in day: the summary goes to the corps' channel. */
  at: Date;
  /** Mentors get their status cards. */
  askAt: Date;
  /** Mentors who have not answered every card get one reminder. */
  remindAt?: Date;
}




/**
 * What to do about a check-in at `now`: not yet due, send now (on time, or late by at most LATE_LIMIT_DAYS — an
 * instance was down when it fell due), or missed (too late: shown as missed in the next summary, never sent).
 */
export function dueState(at: Date, now: Date): "notYet" | "send" | "missed" {
  if (now.getTime() < at.getTime()) return "notYet";
  return now.getTime() - at.getTime() <= LATE_LIMIT_DAYS * 24 * 3600_000 ? "send" : "missed";
}

// ── What is stored about a month's check-in ─────────────────────────────────────────────────────

/**
 * One message of the check-in to one coach, `ask:{caseId}` (a status card) or `remind`, and how it went: recorded by
 * the outbox (bot/outbox/checkin.ts), which sends it once. (`claim` and `sendingAt`: the older, own claiming.)
 */
const Send = z.object({
  id: z.string().regex(/^(ask:.+|remind)$/),
  delivery: Delivery.optional(),
  claim: Claim.optional(),
  sendingAt: IsoTime.optional(),
  at: IsoTime.optional(),
});
export type Send = z.infer<typeof Send>;
export const askSendId = (caseId: string) => `ask:${caseId}`;

/** A corps' check-in of one month (id `checkin:{month}`, in the corps' partition): when, and its channel summary. */
export const CheckInRound = z.object({
  type: z.literal("checkInRound"),
  id: z.string().min(1),
  corpsId: CorpsId,
  month: Month,
  at: IsoTime,
  askAt: IsoTime,
  remindAt: IsoTime.optional(),
  /** It fell due while no instance ran and was more than LATE_LIMIT_DAYS late: never sent; the next summary says so. */
  missed: z.boolean().default(false),
  /** Every mentor's cards (and the reminders) were sent — or given up on — by then. */
  askedAt: IsoTime.optional(),
  /** The cases asked about (id → kind), recorded with `askedAt`: the dashboard's share of check-ins answered. */
  asked: z.record(z.string(), CaseKind).optional(),
  remindedAt: IsoTime.optional(),
  /** The summary in the corps' channel: claimed before posting, like any message Løft sends once. */
  channel: z
    .object({
      id: z.literal("summary"),
      delivery: Delivery.optional(),
      claim: Claim.optional(),
      conversationId: z.string().optional(),
      activityId: z.string().optional(),
      postedAt: IsoTime.optional(),
      /** Marked the moment the post's request leaves: a poster that died after it never posts it again. */
      postingAt: IsoTime.optional(),
      /** What the posted summary shows (a hash): it is updated only when this would change. */
      fingerprint: z.string().optional(),
    })
    .default({ id: "summary" }),
  /** Bumped by whoever finds the summary being updated by someone else: the updater then renders once more. */
  revision: z.number().int().min(0).default(0),
  /** No longer written (flags are marked handled on the case now); kept so older rounds still read. */
  snoozed: z.array(z.string().min(1)).max(500).default([]),
});
export type CheckInRound = z.infer<typeof CheckInRound>;
export const roundId = (month: string) => `checkin:${month}`;

/** What Løft sent one mentor for a month (id `checkin:{month}:{memberId}`): their cases, the ask and the reminder. */
export const CheckInRequest = z.object({
  type: z.literal("checkInRequest"),
  id: z.string().min(1),
  corpsId: CorpsId,
  month: Month,
  memberId: Guid,
  caseIds: z.array(z.string().min(1)).max(200),
  sends: z.array(Send),
  /** The coordinator moved this mentor's status meeting (from the corps' check-in day) to this time. */
  meetingAt: IsoTime.optional(),
});
export type CheckInRequest = z.infer<typeof CheckInRequest>;
export const requestId = (month: string, memberId: string) => `checkin:${month}:${memberId.toLowerCase()}`;

export type StatusCheckInEntry = z.infer<typeof StatusCheckIn>;
/** One answer per case and month: a replayed or second card changes nothing. */
const CHECKIN_ENTRY_PREFIX = "checkin-";
export const checkInEntryId = (month: string, caseId: string) => `${CHECKIN_ENTRY_PREFIX}${month}-${caseId}`;

export function newRound(corpsId: string, times: CheckInTimes): CheckInRound {
  return CheckInRound.parse({
    type: "checkInRound",
    id: roundId(times.month),
    corpsId,
    month: times.month,
    at: times.at.toISOString(),
    askAt: times.askAt.toISOString(),
    ...(times.remindAt ? { remindAt: times.remindAt.toISOString() } : {}),
  });
}

// ── Planning: which months to act on, and may a step still run ──────────────────────────────────

export const STEPS = ["ask", "remind", "summary"] as const;
export type Step = (typeof STEPS)[number];

/**
 * The check-ins to keep planned at `now`: last month's (it may still be sent late), this month's and next month's,
 * each with whether it is still to come, to be sent now, or missed. None for a corps not set up or removed.
 */
export function planned(corps: Pick<Corps, "checkIn" | "extraDaysOff" | "setup" | "removedAt">, now: Date): Array<{ times: CheckInTimes; state: ReturnType<typeof dueState> }> {
  if (corps.setup === "pending" || corps.removedAt) return [];
  const month = monthOf(now);
  return [previousMonth(month), month, nextMonth(month)]
    .map((m) => checkInOf(m, corps.checkIn ?? {}, corps.extraDaysOff))
    .filter((t): t is CheckInTimes => t !== undefined)
    .map((times) => ({ times, state: dueState(times.at, now) }));
}

/** When a step of a check-in is due (undefined: this check-in has no such step). */
export function stepDueAt(times: CheckInTimes, step: Step): Date | undefined {
  return step === "ask" ? times.askAt : step === "remind" ? times.remindAt : times.at;
}

/**
 * May the step run at `now`? Asking and the summary: from their time until the check-in is more than
 * LATE_LIMIT_DAYS late. A reminder only before the check-in day (after it, the summary has been posted).
 */
export function stepAllowed(times: CheckInTimes, step: Step, now: Date): boolean {
  const due = stepDueAt(times, step);
  if (!due || now.getTime() < due.getTime()) return false;
  if (step === "remind") return now.getTime() < times.at.getTime();
  return dueState(times.at, now) !== "missed";
}

/** Has the round done this step (the summary: posted, or given up on for good)? */
export function stepDone(r: CheckInRound, step: Step): boolean {
  return step === "ask" ? !!r.askedAt : step === "remind" ? !!r.remindedAt : r.channel.delivery !== undefined && r.channel.delivery !== "failed";
}

/**
 * When a month's check-in takes answers: from the moment mentors are asked until KEEP_CURRENT_DAYS after the check-in
 * day. Its check-in instant, or undefined if it takes none at `now` (skipped, not yet, or over).
 */
export function openForAnswers(corps: Pick<Corps, "checkIn" | "extraDaysOff">, month: string, now: Date): Date | undefined {
  const times = checkInOf(month, corps.checkIn ?? {}, corps.extraDaysOff);
  if (!times || now.getTime() < times.askAt.getTime() || now.getTime() > times.at.getTime() + KEEP_CURRENT_DAYS * 86_400_000) return undefined;
  return times.at;
}

/**
 * The month whose status cards a coach is offered again at `now` (from the menu, Mine forløb, the case): the newest
 * check-in taking answers whose mentors were asked (`checkInAsked`; a round missed while Løft was down asked no one).
 * Once the next month's mentors are asked the older month is no longer offered (its cards and reminder still take an
 * answer). Undefined most of the month.
 */
export function monthForAnswers(corps: Pick<Corps, "checkIn" | "extraDaysOff" | "checkInAsked">, now: Date): string | undefined {
  const month = monthOf(now);
  const newest = [nextMonth(month), month, previousMonth(month)].find((m) => openForAnswers(corps, m, now) !== undefined);
  return newest !== undefined && newest === corps.checkInAsked ? newest : undefined;
}

/** The coach's cases whose status for `month` is still owed: in work (the summary counts them all), with no answer for it. */
export function statusesOwed<C extends Pick<CaseIndexItem, "status" | "statusMonth">>(month: string, cases: readonly C[]): C[] {
  return cases.filter((c) => inWork(c) && (c.statusMonth ?? "") < month);
}

/** The coaches to ask, each with their cases in work — in the contact phase or active (paused, closing and closed cases are not asked about). */
export function casesToAsk(cases: readonly Case[]): Map<string, Case[]> {
  const byCoach = new Map<string, Case[]>();
  for (const c of [...cases].filter(inWork).sort((a, b) => a.code.localeCompare(b.code))) {
    const key = c.coachId.toLowerCase();
    byCoach.set(key, [...(byCoach.get(key) ?? []), c]);
  }
  return byCoach;
}

// ── The answer to a status card ─────────────────────────────────────────────────────────────────

export const CHECKIN_NOTE_FIELD = "note";

/** A status card's answer: the state, are the goals still relevant, how the mentor is doing, one optional line. */
export function decideCheckIn(values: Record<string, string>, maybeCase: Case | undefined, actorId: string, now: Date): Decision<StatusCheckInEntry> {
  const envelope = CardEnvelope.extend({ month: Month }).safeParse(values);
  if (!envelope.success) return { kind: "stale", reason: "notFound" };
  const stale = staleness(maybeCase, { ...envelope.data, cardVersion: maybeCase?.version ?? envelope.data.cardVersion }, actorId);
  if (stale || !maybeCase) return { kind: "stale", reason: stale ?? "notFound" };
  const c = maybeCase;
  const problems = [
    ...choiceProblem(values, "state", CHECKIN_STATES, true),
    ...choiceProblem(values, "goalsStillRelevant", ["true", "false"], true),
    ...choiceProblem(values, "feeling", MENTOR_FEELINGS, false),
    ...textProblems(values, [CHECKIN_NOTE_FIELD], []),
  ];
  if ((values[CHECKIN_NOTE_FIELD] ?? "").trim().length > NOTE_MAX) problems.push({ field: CHECKIN_NOTE_FIELD, code: "tooLong" });
  if (problems.length > 0) return { kind: "refused", problems };
  const note = (values[CHECKIN_NOTE_FIELD] ?? "").trim();
  return {
    kind: "ok",
    entry: {
      type: "statusCheckIn",
      id: checkInEntryId(envelope.data.month, c.id),
      corpsId: c.corpsId,
      caseId: c.id,
      authorId: actorId,
      createdAt: now.toISOString(),
      month: envelope.data.month,
      state: values.state as StatusCheckInEntry["state"],
      goalsStillRelevant: isTrue(values.goalsStillRelevant),
      ...(values.feeling ? { feeling: values.feeling as NonNullable<StatusCheckInEntry["feeling"]> } : {}),
      ...(note ? { note } : {}),
    },
  };
}
/**
 * What a status answer tells the coordinator at once: «Jeg har brug for sparring» is a wish for sparring, as in a
 * reflection (case code and flag only; the line to the coordinator is on the case).
 */
export function checkInFlags(entry: StatusCheckInEntry): Flag[] {
  return entry.state === "needsHelp" ? [{ id: `${entry.id}:sparring`, kind: "sparring", entryId: entry.id, at: entry.createdAt, raisedBy: entry.authorId }] : [];
}

/** How long after the check-in day answers are still taken and the channel's summary kept current. */
export const KEEP_CURRENT_DAYS = 25;

/** The optional line is one line: a sentence or two. */
export const NOTE_MAX = 300;

// ── The channel summary ─────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
/** "No progress for three months" (001 §5.2): compared with the scores as of this long before the check-in. */
export const NO_PROGRESS_DAYS = 90;
/** A goal mean or progress score at or above this (of 10) is doing well, even when it does not rise. */
export const HIGH_SCORE = 8;
/** How far back the summary reads a case's entries. */
export const SUMMARY_WINDOW_DAYS = 120;
/** A prepared conversation without a reflection a day after its time counts as missing one. */
const REFLECTION_GRACE_MS = DAY_MS;

export type SummaryFlag = "sparring" | "match" | "lowWho5" | "coachLeft" | "concern";
export type Answer = StatusCheckInEntry["state"] | "unanswered" | "unreachable";

export interface SummaryRow {
  caseId: string;
  code: string;
  kind: Case["kind"];
  coachName: string;
  answer: Answer;
  goalsStillRelevant?: boolean;
  /** Mean goal score a month before the check-in and now. */
  goals?: { from: number; to: number };
  /** The citizen's last two progress scores (1–10). */
  progress?: { from: number; to: number };
  flags: SummaryFlag[];
  /** Prepared conversations (in the last two months) without a reflection. */
  missingReflections: number;
  /** No progress for three months: "overvej afslutning eller anden indsats". */
  considerEnding: boolean;
  /** Flags raised since the last check-in, every one marked handled by a coordinator. */
  flagsHandled?: boolean;
  /** The mentor's status meeting, if the coordinator moved it from the check-in day. */
  meetingAt?: string;
}

export interface SummaryCaseInput {
  case: Case;
  coachName: string;
  answer?: StatusCheckInEntry;
  /** The case's entries of the last SUMMARY_WINDOW_DAYS. */
  entries: readonly Entry[];
  /** How the coach's status cards went ("unreachable"/"gone": Løft could not reach them). */
  delivery?: Delivery;
  /** The coach's status meeting, moved by the coordinator. */
  meetingAt?: string;
}

const mean = (xs: readonly number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;

/** Each goal's score as of an instant, from the reflections up to it. */
function goalScoresAsOf(entries: readonly Entry[], at: number): Map<string, number> {
  const scores = new Map<string, number>();
  for (const e of [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (e.type !== "reflection" || Date.parse(e.createdAt) > at) continue;
    for (const g of e.goalScores) scores.set(g.goalId, g.score);
  }
  return scores;
}

/** Mean of the current goals' scores then and now, over the goals scored at both times. */
function goalTrend(c: Case, entries: readonly Entry[], then: number): { from: number; to: number } | undefined {
  const before = goalScoresAsOf(entries, then);
  const pairs = c.goalForm.goals.filter((g) => g.score !== undefined && before.has(g.id)).map((g) => [before.get(g.id)!, g.score!] as const);
  return pairs.length === 0 ? undefined : { from: mean(pairs.map((p) => p[0])), to: mean(pairs.map((p) => p[1])) };
}

function progressAsOf(c: Case, at: number): number | undefined {
  return [...(c.progress ?? [])].filter((p) => Date.parse(p.at) <= at).pop()?.value;
}

function missingReflections(entries: readonly Entry[], now: number): number {
  const sorted = [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let missing = 0;
  sorted.forEach((e, i) => {
    if (e.type !== "preparation" || sorted.some((x) => x.type === "notHeld" && x.preparationId === e.id)) return;
    const heldAt = Date.parse(e.plannedAt ?? e.createdAt);
    if (heldAt + REFLECTION_GRACE_MS > now || now - heldAt > 60 * DAY_MS) return;
    const nextPrep = sorted.slice(i + 1).find((x) => x.type === "preparation");
    const reflected = sorted.slice(i + 1).some((x) => x.type === "reflection" && (!nextPrep || x.createdAt <= nextPrep.createdAt));
    if (!reflected) missing++;
  });
  return missing;
}

/** One case's line in the summary of the check-in at `at` (the previous one at `previousAt`). */
export function summaryRowOf(input: SummaryCaseInput, at: Date, previousAt: Date | undefined, now: Date): SummaryRow {
  const c = input.case;
  const since = (previousAt ?? new Date(at.getTime() - 31 * DAY_MS)).getTime();
  const flags = new Set<SummaryFlag>();
  let handled = 0;
  for (const f of c.flags) {
    // A status answer's own sparring flag: the answer («Brug for sparring») says it already.
    if (Date.parse(f.at) <= since || f.entryId.startsWith(CHECKIN_ENTRY_PREFIX)) continue;
    if (f.handled) handled++;
    else if (f.kind === "sparring") flags.add("sparring");
    else if (f.kind === "match") flags.add("match");
    else if (f.kind === "coachLeft") flags.add("coachLeft");
    else if (f.kind === "concern") flags.add("concern");
  }
  // A low WHO-5 measured since the last check-in (one at the start is why many cases begin; it is news only once).
  // (Unless a coordinator has marked the case's low WHO-5 flag since then handled.)
  const who5 = [c.measures?.who5?.pre, c.measures?.who5?.post].filter((m) => m && Date.parse(m.at) > since);
  const who5Handled = c.flags.some((f) => f.kind === "lowWho5" && f.handled && Date.parse(f.at) > since);
  if (who5.some((m) => m!.score <= WHO5_LOW) && !who5Handled) flags.add("lowWho5");

  const goals = goalTrend(c, input.entries, at.getTime() - 30 * DAY_MS);
  const latest = (c.progress ?? []).slice(-2);
  const progress = latest.length === 2 && now.getTime() - Date.parse(latest[1].at) <= SUMMARY_WINDOW_DAYS * DAY_MS ? { from: latest[0].value, to: latest[1].value } : undefined;

  // No progress for three months: neither the goals' mean nor the citizen's progress is higher than then — unless it
  // holds at a high level (9 → 9 is a case going well, not one to end).
  const then = at.getTime() - NO_PROGRESS_DAYS * DAY_MS;
  const longGoals = goalTrend(c, input.entries, then);
  const progressThen = progressAsOf(c, then);
  const progressNow = progressAsOf(c, now.getTime());
  const better = (from: number, to: number) => to > from || to >= HIGH_SCORE;
  const comparisons = [
    ...(longGoals ? [better(longGoals.from, longGoals.to)] : []),
    ...(progressThen !== undefined && progressNow !== undefined ? [better(progressThen, progressNow)] : []),
  ];
  const considerEnding = Date.parse(c.openedAt) <= then && comparisons.length > 0 && comparisons.every((improved) => !improved);

  const answer: Answer = input.answer?.state ?? (input.delivery === "unreachable" || input.delivery === "gone" ? "unreachable" : "unanswered");
  return {
    caseId: c.id,
    code: c.code,
    kind: c.kind,
    coachName: input.coachName,
    answer,
    ...(input.answer ? { goalsStillRelevant: input.answer.goalsStillRelevant } : {}),
    ...(goals ? { goals } : {}),
    ...(progress ? { progress } : {}),
    flags: [...flags],
    ...(handled > 0 && flags.size === 0 ? { flagsHandled: true } : {}),
    ...(input.meetingAt ? { meetingAt: input.meetingAt } : {}),
    missingReflections: missingReflections(input.entries, now.getTime()),
    considerEnding,
  };
}

/** Most in need of the coordinator first: an urgent concern, help wanted, stalled, no progress, flags, unreachable… */
function attention(r: SummaryRow): number {
  if (r.flags.includes("concern")) return -1;
  if (r.answer === "needsHelp") return 0;
  if (r.answer === "stalled") return 1;
  if (r.considerEnding) return 2;
  if (r.flags.length > 0) return 3;
  if (r.answer === "unreachable") return 4;
  if (r.answer === "unanswered") return 5;
  if (r.answer === "readyToClose") return 6;
  if (r.missingReflections > 0 || r.goalsStillRelevant === false) return 7;
  return 8;
}

/** At most this many cases get a line of their own; the rest (on track) are counted. Keeps the card under Teams' size. */
export const SUMMARY_ROWS = 25;

export interface Summary {
  month: string;
  totals: {
    cases: number;
    answered: number;
    onTrack: number;
    needsHelp: number;
    stalled: number;
    readyToClose: number;
    considerEnding: number;
    flagged: number;
    paused: number;
    /** Conversations held without a reflection (over the cases). */
    missingReflections: number;
    /** Cases whose coach Løft could not reach. */
    unreachable: number;
  };
  /** Coaches Løft could not reach (no chat, or the app blocked). */
  unreachable: string[];
  rows: SummaryRow[];
  /** Cases without a line of their own. */
  more: number;
  /** Last month's check-in was missed (no instance ran in time). */
  previousMissed?: string;
}

export function summaryOf(month: string, rows: readonly SummaryRow[], opts: { paused: number; previousMissed?: string }): Summary {
  const sorted = [...rows].sort((a, b) => attention(a) - attention(b) || a.code.localeCompare(b.code));
  const count = (p: (r: SummaryRow) => boolean) => rows.filter(p).length;
  return {
    month,
    totals: {
      cases: rows.length,
      answered: count((r) => r.answer !== "unanswered" && r.answer !== "unreachable"),
      onTrack: count((r) => r.answer === "onTrack"),
      needsHelp: count((r) => r.answer === "needsHelp"),
      stalled: count((r) => r.answer === "stalled"),
      readyToClose: count((r) => r.answer === "readyToClose"),
      considerEnding: count((r) => r.considerEnding),
      flagged: count((r) => r.flags.length > 0),
      paused: opts.paused,
      missingReflections: rows.reduce((n, r) => n + r.missingReflections, 0),
      unreachable: count((r) => r.answer === "unreachable"),
    },
    unreachable: [...new Set(rows.filter((r) => r.answer === "unreachable").map((r) => r.coachName))].sort(),
    rows: sorted.slice(0, SUMMARY_ROWS),
    more: Math.max(0, sorted.length - SUMMARY_ROWS),
    ...(opts.previousMissed ? { previousMissed: opts.previousMissed } : {}),
  };
}

// ── The coordinator's choices ───────────────────────────────────────────────────────────────────

/** The months a coordinator can skip on the card: this one and the next eleven. */
export function skippableMonths(now: Date): string[] {
  const out = [monthOf(now)];
  while (out.length < 12) out.push(nextMonth(out[out.length - 1]));
  return out;
}

/**
 * The settings card's answer: the day ("" = the first working day, or 1–28), the hour ("HH:MM"), the months to skip
 * (comma-separated, among the next twelve). Months skipped before and now in the past are kept as they were.
 */
export function decideCheckInSettings(values: Record<string, string>, before: CheckInSettings | undefined, now: Date): { kind: "ok"; settings: Settings } | { kind: "refused"; problems: Problem[] } {
  const problems: Problem[] = [];
  const day = (values.day ?? "").trim();
  const time = (values.time ?? "").trim() || "09:00";
  const offered = skippableMonths(now);
  const skip = (values.skipMonths ?? "").split(",").map((m) => m.trim()).filter(Boolean);
  if (day !== "" && !/^([1-9]|1\d|2[0-8])$/.test(day)) problems.push({ field: "day", code: "invalid" });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) problems.push({ field: "time", code: "invalid" });
  if (skip.some((m) => !offered.includes(m))) problems.push({ field: "skipMonths", code: "invalid" });
  if (problems.length > 0) return { kind: "refused", problems };
  const kept = (before?.skipMonths ?? []).filter((m) => m < offered[0]);
  return {
    kind: "ok",
    settings: {
      ...(day ? { day: Number(day) } : {}),
      ...(time !== "09:00" ? { time } : {}),
      skipMonths: [...new Set([...kept, ...skip])].sort().slice(-24),
      ...(before?.askWorkingDaysBefore ? { askWorkingDaysBefore: before.askWorkingDaysBefore } : {}),
    },
  };
}

/**
 * The next check-in from `now`: this month's if still to come (and not `held` already — the mentors were asked), else
 * the next month not skipped.
 */
export function nextCheckIn(settings: CheckInSettings, extraDaysOff: readonly string[], now: Date, held: readonly string[] = []): CheckInTimes | undefined {
  let month = monthOf(now);
  for (let i = 0; i < 13; i++, month = nextMonth(month)) {
    const t = checkInOf(month, settings, extraDaysOff);
    if (t && t.at.getTime() > now.getTime() && !held.includes(month)) return t;
  }
  return undefined;
}

/** A round's times as fixed when its mentors were asked (later settings do not move a check-in under way). */
export function timesOfRound(r: CheckInRound): CheckInTimes {
  return { month: r.month, at: new Date(r.at), askAt: new Date(r.askAt), ...(r.remindAt ? { remindAt: new Date(r.remindAt) } : {}) };
}

/** How far after the check-in day a mentor's status meeting can be moved. */
export const MEETING_MAX_DAYS_AFTER = 31;

/**
 * Moving a mentor's status meeting: a real date and time ("YYYY-MM-DD", "HH:MM", Copenhagen), not in the past, at
 * most MEETING_MAX_DAYS_AFTER days after the check-in day.
 */
export function decideMeeting(values: Record<string, string>, checkInAt: Date, now: Date): { kind: "ok"; at: Date; keepTime?: string } | { kind: "refused"; problems: Problem[] } {
  const time = (values.time ?? "").trim() || "09:00";
  const at = localToInstant((values.date ?? "").trim(), time);
  if (!at) return { kind: "refused", problems: [{ field: "date", code: (values.date ?? "").trim() ? "invalid" : "required" }] };
  if (at.getTime() < now.getTime() || at.getTime() > checkInAt.getTime() + MEETING_MAX_DAYS_AFTER * 86_400_000) return { kind: "refused", problems: [{ field: "date", code: "invalid" }] };
  // «Hver måned»: the time is kept for this coach's meetings on the check-in days to come.
  return { kind: "ok", at, ...(values.keepTime === "true" ? { keepTime: time } : {}) };
}

/**
 * A coach's status meeting of a month: moved for this month by the coordinator (`movedAt`), else on the check-in day
 * at the coach's own time if the coordinator set one, else the check-in itself.
 */
export function meetingAtFor(settings: CheckInSettings | undefined, coachId: string, checkInAt: Date, movedAt?: string): Date {
  if (movedAt) return new Date(movedAt);
  const own = settings?.meetingTimes?.[coachId.toLowerCase()];
  return (own && localToInstant(localDate(checkInAt), own)) || checkInAt;
}

// ── The check-in's steps, decided ───────────────────────────────────────────────────────────────
// What the planner and the step jobs do, as values (bot/checkins.ts carries them out).

/**
 * What planning does with one month's round, given what is stored: create it (and its step jobs), move it (the
 * coordinator moved the day before the mentors were asked), record it as missed (it fell due more than
 * LATE_LIMIT_DAYS before any instance ran — only for a corps that has had a check-in before), or keep it.
 */
export type RoundPlan = { kind: "create" } | { kind: "move" } | { kind: "keep" } | { kind: "createMissed" } | { kind: "markMissed" } | { kind: "none" };

export function planRound(times: CheckInTimes, state: ReturnType<typeof dueState>, stored: CheckInRound | undefined, hadPrevious: boolean): RoundPlan {
  if (state === "missed") {
    if (!stored) return hadPrevious ? { kind: "createMissed" } : { kind: "none" };
    return !stored.missed && !stored.channel.postedAt ? { kind: "markMissed" } : { kind: "none" };
  }
  if (!stored) return { kind: "create" };
  if (!stored.askedAt && stored.at !== times.at.toISOString()) return { kind: "move" };
  return { kind: "keep" };
}

/** The step jobs a round still needs, each due at its time: a check-in under way keeps the times it was asked with. */
export function stepJobsOf(times: CheckInTimes, round: CheckInRound): Array<{ step: Step; dueAt: Date }> {
  const fixed = round.askedAt ? timesOfRound(round) : times;
  return STEPS.flatMap((step) => {
    const dueAt = stepDueAt(fixed, step);
    return dueAt && !stepDone(round, step) ? [{ step, dueAt }] : [];
  });
}

/** The times a step job works with: once the mentors are asked the round's own, before that the settings as they are now. */
export const jobTimes = (held: CheckInRound | undefined, settingsNow: CheckInTimes | undefined): CheckInTimes | undefined =>
  held?.askedAt ? timesOfRound(held) : settingsNow;

/** What a step job does at `now`: nothing (the month is skipped now, has no such step, or it is too late), wait, or run. */
export function stepDecision(times: CheckInTimes | undefined, step: Step, now: Date): "skip" | { wait: Date } | "run" {
  const due = times && stepDueAt(times, step);
  if (!times || !due) return "skip";
  if (now.getTime() < due.getTime()) return { wait: due }; // moved later by the coordinator
  if (step !== "summary" && !stepAllowed(times, step, now)) return "skip";
  return "run";
}

/**
 * The summary step: the month is missed (never posted and too late), it waits for the mentors being asked (an
 * instance fanning out, or a late start running both at once), or the summary is posted or brought up to date.
 */
export function summaryDecision(times: CheckInTimes, round: Pick<CheckInRound, "askedAt" | "channel">, now: Date): "missed" | { wait: Date } | "show" {
  if (round.channel.postedAt) return "show";
  if (!stepAllowed(times, "summary", now)) return "missed";
  if (!round.askedAt && stepAllowed(times, "ask", now)) return { wait: new Date(now.getTime() + 60_000) };
  return "show";
}

/** After the summary was shown: kept current hourly while answers may still come (KEEP_CURRENT_DAYS), then done. */
export function keepCurrent(times: CheckInTimes, now: Date): { again: Date } | "done" {
  const until = times.at.getTime() + KEEP_CURRENT_DAYS * 86_400_000;
  return now.getTime() < until ? { again: new Date(Math.min(now.getTime() + 3_600_000, until)) } : "done";
}

/** The coaches reminded the working day before: those Løft reached with a status card (the summary names the rest). */
export const coachesToRemind = (requests: readonly Pick<CheckInRequest, "memberId" | "sends">[]): string[] =>
  requests.filter((req) => req.sends.some((s) => s.id.startsWith("ask:") && (s.delivery === "sent" || s.delivery === "unconfirmed"))).map((req) => req.memberId.toLowerCase());

/**
 * What the corps' channel shows of a month's summary: totals only. The whole team reads the channel — colleagues,
 * leaders, people without a role — so no case code, no name beside a case, no per-case flag, and no one's name at all
 * (who could not be reached is for the coordinator's view). Zero lines are left out, but for the cases asked and answered.
 */
export function channelTotals(s: Summary): Array<{ key: "cases" | "answered" | "needsHelp" | "stalled" | "considerEnding" | "readyToClose" | "missingReflections" | "unreachable" | "paused"; value: number }> {
  const always = (["cases", "answered"] as const).map((key) => ({ key, value: s.totals[key] }));
  const some = (["needsHelp", "stalled", "considerEnding", "readyToClose", "missingReflections", "unreachable", "paused"] as const)
    .map((key) => ({ key, value: s.totals[key] }))
    .filter((x) => x.value > 0);
  return [...always, ...some];
}
