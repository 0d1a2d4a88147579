// The monthly check-in's schedule (issue 9, first part): Danish working days, the coordinator's choices, late sends.
import { casesToAsk, checkInFlags, checkInOf, decideCheckIn, decideCheckInSettings, decideMeeting, nextCheckIn, dueState, planned, stepAllowed, summaryOf, summaryRowOf, SUMMARY_ROWS, type SummaryRow } from "../../src/domain/checkin";
import { Case, Method, type Entry } from "../../src/domain/model";
import { localDate, localTime, nextMonth } from "../../src/domain/time";

const when = (d: Date) => `${localDate(d)} ${localTime(d)}`;

test.each([
  ["2026-01", "2026-01-02 09:00"], // 1 Jan is Nytårsdag
  ["2026-02", "2026-02-02 09:00"], // 1 Feb is a Sunday
  ["2026-04", "2026-04-01 09:00"],
  ["2026-05", "2026-05-01 09:00"], // 1 May is not a public holiday (an afternoon off by agreement at most)
  ["2026-06", "2026-06-01 09:00"],
  ["2026-11", "2026-11-02 09:00"], // 1 Nov is a Sunday
  ["2027-03", "2027-03-01 09:00"],
  ["2027-04", "2027-04-01 09:00"], // Easter 2027 is 28 March: 1 April is an ordinary Thursday
])("the default check-in of %s is the first working day at 09:00: %s", (month, expected) => {
  expect(when(checkInOf(month)!.at)).toBe(expected);
});

test("Easter: a check-in that falls on Skærtorsdag, Langfredag and 2. påskedag moves to the Tuesday after", () => {
  // Easter 2026: Skærtorsdag 2 April, Langfredag 3 April, 2. påskedag 6 April.
  expect(when(checkInOf("2026-04", { day: 2 })!.at)).toBe("2026-04-07 09:00");
});

test("mentors are asked three working days before, skipping weekends and holidays", () => {
  expect(when(checkInOf("2026-12")!.askAt)).toBe("2026-11-26 09:00"); // check-in Tue 1 Dec → Thu 26 Nov
  expect(when(checkInOf("2026-01")!.askAt)).toBe("2025-12-29 09:00"); // Fri 2 Jan → over Nytår, juledagene and the weekend
  // Tue 7 April 2026: 2. påskedag, Langfredag and Skærtorsdag are not working days → 1 April, 31 March, 30 March.
  expect(when(checkInOf("2026-04", { day: 7 })!.askAt)).toBe("2026-03-30 09:00");
});

test("the coordinator's day, hour, skipped months and extra days off", () => {
  expect(checkInOf("2026-07", { skipMonths: ["2026-07"] })).toBeUndefined();
  expect(when(checkInOf("2026-09", { day: 15, time: "13:30" })!.at)).toBe("2026-09-15 13:30");
  expect(when(checkInOf("2026-08", { day: 15 })!.at)).toBe("2026-08-17 09:00"); // Saturday → Monday
  expect(when(checkInOf("2026-12", {}, ["2026-12-01"])!.at)).toBe("2026-12-02 09:00");
});

test("daylight saving: 09:00 in Copenhagen is 08:00 UTC in winter and 07:00 UTC in summer", () => {
  expect(checkInOf("2026-03")!.at.toISOString()).toBe("2026-03-02T08:00:00.000Z");
  expect(checkInOf("2026-04")!.at.toISOString()).toBe("2026-04-01T07:00:00.000Z");
});

test("a year of check-ins: twelve, each on a working day, each in its month, in order", () => {
  let month = "2027-01";
  const seen: string[] = [];
  for (let i = 0; i < 12; i++, month = nextMonth(month)) seen.push(localDate(checkInOf(month)!.at));
  expect(seen.map((d) => d.slice(0, 7))).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2027-${m}`));
  expect([...seen].sort()).toEqual(seen);
});

test("a check-in found late is sent if at most seven days late, else missed", () => {
  const at = checkInOf("2026-12")!.at;
  expect(dueState(at, new Date(at.getTime() - 1))).toBe("notYet");
  expect(dueState(at, at)).toBe("send");
  expect(dueState(at, new Date(at.getTime() + 7 * 24 * 3600_000))).toBe("send");
  expect(dueState(at, new Date(at.getTime() + 7 * 24 * 3600_000 + 1))).toBe("missed");
});

test("a reminder the working day before, unless that is the day mentors are asked", () => {
  expect(when(checkInOf("2026-12")!.remindAt!)).toBe("2026-11-30 09:00"); // Tue 1 Dec → Monday
  expect(checkInOf("2026-12", { askWorkingDaysBefore: 1 })!.remindAt).toBeUndefined();
});

test("steps: asking and the summary until seven days late; the reminder only before the check-in day", () => {
  const times = checkInOf("2026-12")!;
  const at = (iso: string) => new Date(iso);
  expect(stepAllowed(times, "ask", at("2026-11-26T07:59:00Z"))).toBe(false);
  expect(stepAllowed(times, "ask", at("2026-11-26T08:00:00Z"))).toBe(true);
  expect(stepAllowed(times, "ask", at("2026-12-01T10:00:00Z"))).toBe(true); // late: an instance was down
  expect(stepAllowed(times, "ask", at("2026-12-08T08:00:01Z"))).toBe(false); // missed
  expect(stepAllowed(times, "remind", at("2026-11-30T08:00:00Z"))).toBe(true);
  expect(stepAllowed(times, "remind", at("2026-12-01T08:00:00Z"))).toBe(false);
  expect(stepAllowed(times, "summary", at("2026-11-30T08:00:00Z"))).toBe(false);
  expect(stepAllowed(times, "summary", at("2026-12-08T08:00:00Z"))).toBe(true);
});

test("planning: last, this and next month; nothing for a corps not set up or removed; skipped months left out", () => {
  const corps = { extraDaysOff: [], setup: "done" as const };
  const now = new Date("2026-11-25T09:00:00Z");
  expect(planned(corps, now).map((p) => [p.times.month, p.state])).toEqual([["2026-10", "missed"], ["2026-11", "missed"], ["2026-12", "notYet"]]);
  expect(planned({ ...corps, checkIn: { skipMonths: ["2026-12"] } }, now).map((p) => p.times.month)).toEqual(["2026-10", "2026-11"]);
  expect(planned({ ...corps, setup: "pending" }, now)).toEqual([]);
  expect(planned({ ...corps, removedAt: now.toISOString() }, now)).toEqual([]);
  expect(planned(corps, new Date("2026-12-03T09:00:00Z")).find((p) => p.times.month === "2026-12")!.state).toBe("send");
});

// ── A case in the summary ──
const MENTOR = "bbbbbbbb-0000-4000-8000-00000000000b";
const AT = new Date("2026-12-01T08:00:00Z");
const NOW = new Date("2026-12-01T08:00:00Z");
const day = (n: number) => new Date(AT.getTime() + n * 86_400_000).toISOString();
function aCase(over: Partial<Case> = {}): Case {
  return Case.parse({
    type: "case", id: "case-1", corpsId: "corps-x", code: "ME-7Q3F", kind: "mentor", coachId: MENTOR, coordinatorId: MENTOR, status: "active",
    referral: { receivedAt: day(-200), dimensions: [1] }, openedAt: day(-200), version: 1,
    goalForm: { worries: "", working: "", goals: [{ id: "g1", text: "Skole", score: 6 }, { id: "g2", text: "Fritid", score: 4 }] },
    ...over,
  });
}
const base = { id: "x", corpsId: "corps-x", caseId: "case-1", authorId: MENTOR };
const reflection = (at: string, g1: number, g2: number, n = 1): Entry => ({ ...base, id: `r${n}`, type: "reflection", createdAt: at, answers: ["a", "", "", "", "", "", "", ""], goalScores: [{ goalId: "g1", score: g1 }, { goalId: "g2", score: g2 }], match: "ja", wantsSparring: false });
const preparation = (at: string, n = 1): Entry => ({ ...base, id: `p${n}`, type: "preparation", createdAt: at, plannedAt: at, answers: ["", "", "", ""], focusGoalIds: [], safety: { place: true, colleagueKnows: true, riskConsidered: true } });

test("a case's line: the goals' mean a month ago and now, the last two progress scores, unanswered", () => {
  const c = aCase({ progress: [{ at: day(-70), value: 3 }, { at: day(-10), value: 5 }] });
  const row = summaryRowOf({ case: c, coachName: "Bo", entries: [reflection(day(-40), 4, 3), reflection(day(-5), 6, 4, 2)] }, AT, undefined, NOW);
  expect(row).toMatchObject({ code: "ME-7Q3F", coachName: "Bo", answer: "unanswered", goals: { from: 3.5, to: 5 }, progress: { from: 3, to: 5 }, flags: [], missingReflections: 0, considerEnding: false });
  expect(summaryRowOf({ case: c, coachName: "Bo", entries: [], delivery: "gone" }, AT, undefined, NOW).answer).toBe("unreachable");
});

test("no progress for three months: neither the goals nor the citizen's progress higher than then → consider ending", () => {
  const flat = aCase({ progress: [{ at: day(-120), value: 5 }, { at: day(-10), value: 5 }], goalForm: { worries: "", working: "", goals: [{ id: "g1", text: "Skole", score: 5 }, { id: "g2", text: "Fritid", score: 4 }] } });
  const entries = [reflection(day(-100), 5, 4), reflection(day(-3), 5, 4, 2)];
  expect(summaryRowOf({ case: flat, coachName: "Bo", entries }, AT, undefined, NOW).considerEnding).toBe(true);
  // Either one rising is progress.
  expect(summaryRowOf({ case: { ...flat, progress: [...flat.progress!, { at: day(-1), value: 6 }] }, coachName: "Bo", entries }, AT, undefined, NOW).considerEnding).toBe(false);
  // A case younger than three months is not judged; nor one with nothing to compare.
  expect(summaryRowOf({ case: { ...flat, openedAt: day(-60) }, coachName: "Bo", entries }, AT, undefined, NOW).considerEnding).toBe(false);
  expect(summaryRowOf({ case: { ...flat, progress: [] }, coachName: "Bo", entries: [] }, AT, undefined, NOW).considerEnding).toBe(false);
  // Holding at a high level (9 → 9) is a case going well, not one to end; 7 → 7 is not.
  const high = { ...flat, progress: [{ at: day(-120), value: 9 }, { at: day(-10), value: 9 }] };
  expect(summaryRowOf({ case: high, coachName: "Bo", entries: [reflection(day(-100), 9, 9), reflection(day(-3), 9, 9, 2)] }, AT, undefined, NOW).considerEnding).toBe(false);
  const middling = { ...flat, progress: [{ at: day(-120), value: 7 }, { at: day(-10), value: 7 }] };
  expect(summaryRowOf({ case: middling, coachName: "Bo", entries: [reflection(day(-100), 7, 7), reflection(day(-3), 7, 7, 2)] }, AT, undefined, NOW).considerEnding).toBe(true);
});

test("flags since the last check-in only; a low WHO-5 measured since then; prepared conversations without a reflection", () => {
  const flag = (kind: "sparring" | "match", at: string) => ({ id: `${at}:${kind}`, kind, entryId: "e", at, raisedBy: MENTOR });
  const c = aCase({
    flags: [flag("sparring", day(-40)), flag("match", day(-3))],
    measures: { who5: { pre: { at: day(-150), score: 32 } } },
  });
  const entries = [preparation(day(-20)), reflection(day(-19), 6, 4), preparation(day(-10), 2), preparation(day(-5), 3), preparation(day(0), 4)];
  const row = summaryRowOf({ case: c, coachName: "Bo", entries }, AT, new Date(day(-30)), NOW);
  expect(row.flags).toEqual(["match"]);
  expect(row.missingReflections).toBe(2); // the one today is not due yet
  const measured = summaryRowOf({ case: aCase({ measures: { who5: { pre: { at: day(-150), score: 60 }, post: { at: day(-2), score: 44 } } } }), coachName: "Bo", entries: [] }, AT, new Date(day(-30)), NOW);
  expect(measured.flags).toEqual(["lowWho5"]);
});

test("«Jeg har brug for sparring» on a status card is a sparring flag for the coordinator; the summary shows it as the answer, once", () => {
  const c = aCase({});
  const answer = (state: string) => {
    const d = decideCheckIn({ caseId: c.id, cardVersion: String(c.version), submissionId: "00000000-0000-4000-8000-000000000002", month: "2026-12", state, goalsStillRelevant: "true", feeling: "hard" }, c, MENTOR, new Date(NOW));
    if (d.kind !== "ok") throw new Error(d.kind);
    return d.entry!;
  };
  const help = answer("needsHelp");
  expect(checkInFlags(help)).toEqual([{ id: `${help.id}:sparring`, kind: "sparring", entryId: help.id, at: help.createdAt, raisedBy: MENTOR }]);
  for (const state of ["onTrack", "stalled", "readyToClose"]) expect(checkInFlags(answer(state))).toEqual([]);
  const row = summaryRowOf({ case: { ...c, flags: checkInFlags(help) }, coachName: "Bo", entries: [], answer: help }, AT, new Date(day(-30)), NOW);
  expect(row).toMatchObject({ answer: "needsHelp", flags: [] });
});

test("the summary: an urgent concern, then help wanted first, totals over every case, at most SUMMARY_ROWS lines, unreachable coaches named once", () => {
  const row = (code: string, answer: SummaryRow["answer"], more: Partial<SummaryRow> = {}): SummaryRow => ({ caseId: code, code, kind: "mentor", coachName: `Coach ${code}`, answer, flags: [], missingReflections: 0, considerEnding: false, ...more });
  const rows = [
    row("ME-AAAA", "onTrack"),
    row("ME-BBBB", "unanswered"),
    row("ME-CCCC", "needsHelp"),
    row("ME-DDDD", "unreachable", { coachName: "Dan" }),
    row("ME-EEEE", "unreachable", { coachName: "Dan" }),
    row("ME-FFFF", "onTrack", { considerEnding: true }),
    row("ME-GGGG", "onTrack", { flags: ["concern"] }),
    ...Array.from({ length: SUMMARY_ROWS }, (_, i) => row(`ME-Z${String(i).padStart(3, "0")}`, "onTrack")),
  ];
  const s = summaryOf("2026-12", rows, { paused: 2 });
  // An urgent concern goes before everything.
  expect(s.rows.slice(0, 6).map((r) => r.code)).toEqual(["ME-GGGG", "ME-CCCC", "ME-FFFF", "ME-DDDD", "ME-EEEE", "ME-BBBB"]);
  expect(s.rows).toHaveLength(SUMMARY_ROWS);
  expect(s.more).toBe(rows.length - SUMMARY_ROWS);
  expect(s.totals).toMatchObject({ cases: rows.length, answered: rows.length - 3, needsHelp: 1, considerEnding: 1, flagged: 1, paused: 2 });
  expect(s.unreachable).toEqual(["Dan"]);
});

test("the status answer: required choices, one optional line under the privacy guard, one entry per case and month", () => {
  const c = aCase();
  const values = { caseId: c.id, cardVersion: "1", submissionId: "00000000-0000-4000-8000-000000000001", month: "2026-12", state: "stalled", goalsStillRelevant: "false" };
  const ok = decideCheckIn(values, c, MENTOR, NOW);
  expect(ok).toMatchObject({ kind: "ok", entry: { id: "checkin-2026-12-case-1", state: "stalled", goalsStillRelevant: false, month: "2026-12" } });
  expect(decideCheckIn({ ...values, state: "" }, c, MENTOR, NOW)).toMatchObject({ kind: "refused", problems: [{ field: "state", code: "required" }] });
  expect(decideCheckIn({ ...values, state: "great" }, c, MENTOR, NOW)).toMatchObject({ kind: "refused", problems: [{ field: "state", code: "invalid" }] });
  expect(decideCheckIn({ ...values, note: "mail: a@b.dk" }, c, MENTOR, NOW)).toMatchObject({ kind: "refused", problems: [{ field: "note", code: "email" }] });
  expect(decideCheckIn({ ...values, note: "x".repeat(301) }, c, MENTOR, NOW)).toMatchObject({ kind: "refused" });
  // Someone else's case, a paused one: stale, nothing stored.
  expect(decideCheckIn(values, c, "dddddddd-0000-4000-8000-00000000000d", NOW)).toMatchObject({ kind: "stale", reason: "notFound" });
  expect(decideCheckIn(values, { ...c, status: "paused" }, MENTOR, NOW)).toMatchObject({ kind: "stale", reason: "paused" });
  // The coordinator changing the goals meanwhile does not make the status card stale.
  expect(decideCheckIn(values, { ...c, version: 2 }, MENTOR, NOW)).toMatchObject({ kind: "ok" });
});

test("each coach is asked about their active cases only", () => {
  const D = "dddddddd-0000-4000-8000-00000000000d";
  const cases = [aCase(), aCase({ id: "c2", code: "ME-2222", status: "paused" }), aCase({ id: "c3", code: "ME-3333", coachId: D }), aCase({ id: "c4", code: "ME-4444", status: "closing" })];
  expect([...casesToAsk(cases)].map(([coach, list]) => [coach, list.map((c) => c.code)])).toEqual([[D, ["ME-3333"]], [MENTOR, ["ME-7Q3F"]]]);
});

test("the coordinator's settings: first working day or a day 1–28, an hour, months among the next twelve to skip", () => {
  const now = new Date("2026-11-25T09:00:00Z");
  expect(decideCheckInSettings({ day: "", time: "09:00", skipMonths: "" }, undefined, now)).toEqual({ kind: "ok", settings: { skipMonths: [] } });
  expect(decideCheckInSettings({ day: "15", time: "13:30", skipMonths: "2027-07,2026-12" }, undefined, now)).toEqual({ kind: "ok", settings: { day: 15, time: "13:30", skipMonths: ["2026-12", "2027-07"] } });
  expect(decideCheckInSettings({ day: "29" }, undefined, now)).toMatchObject({ kind: "refused", problems: [{ field: "day", code: "invalid" }] });
  expect(decideCheckInSettings({ time: "25:00" }, undefined, now)).toMatchObject({ kind: "refused", problems: [{ field: "time", code: "invalid" }] });
  expect(decideCheckInSettings({ skipMonths: "2027-11" }, undefined, now)).toMatchObject({ kind: "refused", problems: [{ field: "skipMonths", code: "invalid" }] });
  expect(decideCheckInSettings({ skipMonths: "<script>" }, undefined, now)).toMatchObject({ kind: "refused" });
  // A month skipped before and now past stays in the record; a future one the coordinator unticked is gone.
  expect(decideCheckInSettings({ skipMonths: "" }, { skipMonths: ["2026-07", "2026-12"] }, now)).toEqual({ kind: "ok", settings: { skipMonths: ["2026-07"] } });
});

test("the next check-in skips skipped months and ones already past", () => {
  const now = new Date("2026-12-01T09:00:00Z"); // 10:00 on the December check-in day: already past
  expect(when(nextCheckIn({}, [], now)!.at)).toBe("2027-01-04 09:00"); // 1 Jan holiday, 2–3 Jan weekend
  expect(when(nextCheckIn({ skipMonths: ["2027-01"] }, [], now)!.at)).toBe("2027-02-01 09:00");
});

test("moving a status meeting: a real date, not in the past, at most a month after the check-in day", () => {
  const at = new Date("2026-12-01T08:00:00Z");
  const now = new Date("2026-12-01T09:00:00Z");
  expect(decideMeeting({ date: "2026-12-03", time: "10:00" }, at, now)).toEqual({ kind: "ok", at: new Date("2026-12-03T09:00:00Z") });
  expect(decideMeeting({ date: "2026-12-03" }, at, now)).toEqual({ kind: "ok", at: new Date("2026-12-03T08:00:00Z") }); // 09:00
  expect(decideMeeting({ date: "" }, at, now)).toMatchObject({ kind: "refused", problems: [{ field: "date", code: "required" }] });
  expect(decideMeeting({ date: "2026-02-30" }, at, now)).toMatchObject({ kind: "refused", problems: [{ field: "date", code: "invalid" }] });
  expect(decideMeeting({ date: "2026-11-30" }, at, now)).toMatchObject({ kind: "refused" });
  expect(decideMeeting({ date: "2027-01-05" }, at, now)).toMatchObject({ kind: "refused" });
});

// ── The steps, decided (what bot/checkins.ts carries out) ──
import { coachesToRemind, jobTimes, keepCurrent, newRound, planRound, stepDecision, stepJobsOf, summaryDecision } from "../../src/domain/checkin";

describe("the check-in's steps as decisions", () => {
  const dec = checkInOf("2026-12")!; // ask Thu 26 Nov 09:00, remind Mon 30 Nov 09:00, check-in Tue 1 Dec 09:00 (Copenhagen)
  const round = newRound("corps-x", dec);

  test("planning a month: create it, follow a moved day until the mentors are asked, keep it after", () => {
    expect(planRound(dec, "notYet", undefined, false)).toEqual({ kind: "create" });
    const moved = checkInOf("2026-12", { day: 3 })!;
    expect(planRound(moved, "notYet", round, false)).toEqual({ kind: "move" });
    expect(planRound(moved, "notYet", { ...round, askedAt: dec.askAt.toISOString() }, false)).toEqual({ kind: "keep" });
    expect(planRound(dec, "send", round, false)).toEqual({ kind: "keep" });
  });

  test("a month that fell due while no instance ran: missed — only for a corps that has had a check-in before", () => {
    expect(planRound(dec, "missed", undefined, true)).toEqual({ kind: "createMissed" });
    expect(planRound(dec, "missed", undefined, false)).toEqual({ kind: "none" });
    expect(planRound(dec, "missed", round, false)).toEqual({ kind: "markMissed" });
    expect(planRound(dec, "missed", { ...round, missed: true }, false)).toEqual({ kind: "none" });
    expect(planRound(dec, "missed", { ...round, channel: { ...round.channel, postedAt: dec.at.toISOString() } }, false)).toEqual({ kind: "none" });
  });

  test("the step jobs a round still needs, at the times it was asked with once under way", () => {
    expect(stepJobsOf(dec, round).map((j) => [j.step, j.dueAt.toISOString()])).toEqual([
      ["ask", dec.askAt.toISOString()],
      ["remind", dec.remindAt!.toISOString()],
      ["summary", dec.at.toISOString()],
    ]);
    const asked = { ...round, askedAt: dec.askAt.toISOString() };
    const movedLater = checkInOf("2026-12", { day: 10 })!;
    expect(stepJobsOf(movedLater, asked).map((j) => [j.step, j.dueAt.toISOString()])).toEqual([
      ["remind", dec.remindAt!.toISOString()],
      ["summary", dec.at.toISOString()],
    ]);
    expect(jobTimes(asked, movedLater)).toEqual(dec);
    expect(jobTimes(round, movedLater)).toEqual(movedLater);
  });

  test("a step job: waits for a day moved later, runs when due, is skipped when the month is skipped or too late", () => {
    expect(stepDecision(dec, "ask", new Date("2026-11-26T07:00:00Z"))).toEqual({ wait: dec.askAt });
    expect(stepDecision(dec, "ask", new Date("2026-11-26T08:00:00Z"))).toBe("run");
    expect(stepDecision(dec, "remind", new Date("2026-12-01T08:30:00Z"))).toBe("skip"); // after the check-in day began
    expect(stepDecision(dec, "ask", new Date("2026-12-09T08:00:00Z"))).toBe("skip"); // more than 7 days late
    expect(stepDecision(undefined, "ask", new Date("2026-11-26T08:00:00Z"))).toBe("skip"); // the month is skipped now
  });

  test("the summary: waits for the asking, is missed when never posted and too late, then kept current for 25 days", () => {
    const at = dec.at;
    expect(summaryDecision(dec, round, at)).toEqual({ wait: new Date(at.getTime() + 60_000) });
    expect(summaryDecision(dec, { ...round, askedAt: dec.askAt.toISOString() }, at)).toBe("show");
    expect(summaryDecision(dec, round, new Date(at.getTime() + 8 * 86_400_000))).toBe("missed");
    expect(summaryDecision(dec, { ...round, channel: { ...round.channel, postedAt: at.toISOString() } }, new Date(at.getTime() + 8 * 86_400_000))).toBe("show");
    expect(keepCurrent(dec, at)).toEqual({ again: new Date(at.getTime() + 3_600_000) });
    expect(keepCurrent(dec, new Date(at.getTime() + 25 * 86_400_000 - 60_000))).toEqual({ again: new Date(at.getTime() + 25 * 86_400_000) });
    expect(keepCurrent(dec, new Date(at.getTime() + 25 * 86_400_000))).toBe("done");
  });

  test("the reminder goes to the coaches Løft reached with a status card, not to those it could not", () => {
    const req = (memberId: string, delivery?: "sent" | "unconfirmed" | "gone" | "unreachable" | "failed") => ({ memberId, sends: [{ id: "ask:c", ...(delivery ? { delivery } : {}) }] });
    expect(coachesToRemind([req("A", "sent"), req("B", "unconfirmed"), req("C", "gone"), req("D", "unreachable"), req("E", "failed"), req("F")])).toEqual(["a", "b"]);
  });
});

import { monthForAnswers, statusesOwed } from "../../src/domain/checkin";
import { indexItemOf } from "../../src/domain/derive";

test("a missed status is offered again once its mentors were asked, until 25 days after the check-in day — or until the next month's are asked", () => {
  const corps = { checkIn: { skipMonths: [] }, extraDaysOff: [], checkInAsked: "2026-12" };
  // December 2026's check-in: Tuesday 1 December 09:00 (08:00 UTC); mentors asked Thursday 26 November 09:00.
  expect(monthForAnswers(corps, new Date("2026-11-26T08:00:00Z"))).toBe("2026-12");
  expect(monthForAnswers(corps, new Date("2026-12-26T08:00:00Z"))).toBe("2026-12");
  expect(monthForAnswers(corps, new Date("2026-12-26T08:01:00Z"))).toBeUndefined();
  // Not yet asked (the step has not run, or Løft was down and the round was missed): nothing is offered.
  expect(monthForAnswers({ ...corps, checkInAsked: "2026-11" }, new Date("2026-12-01T10:00:00Z"))).toBeUndefined();
  expect(monthForAnswers({ ...corps, checkInAsked: undefined }, new Date("2026-12-01T10:00:00Z"))).toBeUndefined();
  // November's (Monday 2 November) takes answers until 27 November, but once December's are asked only December's.
  expect(monthForAnswers({ ...corps, checkInAsked: "2026-11" }, new Date("2026-11-26T07:59:00Z"))).toBe("2026-11");
  expect(monthForAnswers({ ...corps, checkInAsked: "2026-11" }, new Date("2026-11-26T08:00:00Z"))).toBeUndefined();
  // January's mentors are asked Tuesday 29 December (the days between Christmas and New Year are working days).
  const jan = checkInOf("2027-01")!;
  expect(monthForAnswers({ ...corps, checkInAsked: "2027-01" }, new Date(jan.askAt.getTime() - 1))).toBeUndefined();
  expect(monthForAnswers({ ...corps, checkInAsked: "2027-01" }, jan.askAt)).toBe("2027-01");
  // A skipped month is never offered.
  expect(monthForAnswers({ ...corps, checkIn: { skipMonths: ["2026-12"] } }, new Date("2026-12-01T10:00:00Z"))).toBeUndefined();
});

test("owed: each active case without an answer for the month; paused and closing cases are not asked about", () => {
  const cases = [
    { id: "a", status: "active" as const, statusMonth: "2026-12" },
    { id: "b", status: "active" as const, statusMonth: "2026-11" },
    { id: "n", status: "active" as const },
    { id: "c", status: "paused" as const },
    { id: "d", status: "closing" as const },
  ];
  expect(statusesOwed("2026-12", cases).map((c) => c.id)).toEqual(["b", "n"]);
  expect(statusesOwed("2027-01", cases).map((c) => c.id)).toEqual(["a", "b", "n"]);
});

test("the case index knows the newest month a status was answered for, from the case's own record", () => {
  const c = aCase({ method: Method.parse({ months: [{ month: "2026-10", checkInAnswered: true }, { month: "2026-11", reflections: 2 }] }) });
  expect(indexItemOf(c).statusMonth).toBe("2026-10");
  expect(indexItemOf(aCase()).statusMonth).toBeUndefined();
});

import { withFlagsHandled } from "../../src/domain/derive";

test("a flag marked handled leaves the summary (a note says so); a low WHO-5 handled is not raised again from the measure", () => {
  const at = day(-5);
  const flagged = aCase({
    flags: [
      { id: "e1:sparring", kind: "sparring", entryId: "e1", at, raisedBy: "11111111-1111-4111-8111-111111111111" },
      { id: "e2:lowWho5", kind: "lowWho5", score: 28, entryId: "e2", at, raisedBy: "11111111-1111-4111-8111-111111111111" },
    ],
    measures: { who5: { post: { at, score: 28 } } },
  });
  const before = summaryRowOf({ case: flagged, coachName: "Bo", entries: [] }, AT, new Date(day(-30)), NOW);
  expect(before.flags.sort()).toEqual(["lowWho5", "sparring"]);
  const handled = withFlagsHandled(flagged, "22222222-2222-4222-8222-222222222222", NOW)!;
  expect(handled.flags.map((f) => f.handled)).toEqual([{ at: NOW.toISOString(), by: "22222222-2222-4222-8222-222222222222" }, { at: NOW.toISOString(), by: "22222222-2222-4222-8222-222222222222" }]);
  expect(handled.revision).toBe(flagged.revision + 1);
  expect(withFlagsHandled(handled, "22222222-2222-4222-8222-222222222222", NOW)).toBeUndefined(); // nothing open
  const after = summaryRowOf({ case: handled, coachName: "Bo", entries: [] }, AT, new Date(day(-30)), NOW);
  expect(after.flags).toEqual([]);
  expect(after.flagsHandled).toBe(true);
  // A new flag after the handled ones shows again.
  const raisedAgain = { ...handled, flags: [...handled.flags, { id: "e3:match", kind: "match" as const, match: "nej" as const, entryId: "e3", at: day(-1), raisedBy: "11111111-1111-4111-8111-111111111111" }] };
  expect(summaryRowOf({ case: raisedAgain, coachName: "Bo", entries: [] }, AT, new Date(day(-30)), NOW).flags).toEqual(["match"]);
});

import { meetingAtFor } from "../../src/domain/checkin";

test("a coach's own meeting time on the check-in day, kept month after month; a meeting moved for a month wins", () => {
  const checkIn = new Date("2027-02-01T08:00:00Z"); // Monday 1 February 09:00 in Copenhagen
  const settings = { meetingTimes: { [MENTOR.toLowerCase()]: "13:30" } };
  expect(meetingAtFor(settings, MENTOR.toUpperCase(), checkIn).toISOString()).toBe("2027-02-01T12:30:00.000Z");
  expect(meetingAtFor(settings, "22222222-2222-4222-8222-222222222222", checkIn)).toEqual(checkIn);
  expect(meetingAtFor(undefined, MENTOR, checkIn)).toEqual(checkIn);
  expect(meetingAtFor(settings, MENTOR, checkIn, "2027-02-03T09:00:00.000Z").toISOString()).toBe("2027-02-03T09:00:00.000Z");
  // Summer time: 13:30 in Copenhagen is 11:30 UTC in June.
  expect(meetingAtFor(settings, MENTOR, new Date("2027-06-01T07:00:00Z")).toISOString()).toBe("2027-06-01T11:30:00.000Z");
  const kept = decideMeeting({ date: "2027-02-01", time: "13:30", keepTime: "true" }, checkIn, new Date("2027-01-28T10:00:00Z"));
  expect(kept).toMatchObject({ kind: "ok", keepTime: "13:30" });
  expect(decideMeeting({ date: "2027-02-01", time: "13:30" }, checkIn, new Date("2027-01-28T10:00:00Z"))).not.toHaveProperty("keepTime");
});
