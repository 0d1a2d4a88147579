// The mentor's monthly status card (001 §4.2, §5.2): per active case, are the goals still relevant, how is it going
// for the mentor, and where does the case stand — sent by the check-in (bot/checkins.ts), opened again from the
// reminder, answered once per case and month.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CHECKIN_NOTE_FIELD, checkInEntryId, decideCheckIn, decideCheckInSettings, decideMeeting, meetingAtFor, monthForAnswers, nextCheckIn, openForAnswers, requestId, skippableMonths, type StatusCheckInEntry, statusesOwed } from "../../src/domain/checkin";
import { submittedValues, type Problem } from "../../src/domain/forms";
import { CHECKIN_STATES, inWork, MENTOR_FEELINGS, Month, type Case, type CaseIndexItem, type Corps } from "../../src/domain/model";
import { formatLocal, localDate, localTime, monthName, monthOf, shortDateOf } from "../../src/domain/time";
import checkinTemplate from "../cards/checkin.json";
import doneTemplate from "../cards/done.json";
import settingsTemplate from "../cards/checkin-settings.json";
import meetingTemplate from "../cards/checkin-meeting.json";
import { reachable } from "../../src/domain/corps";
import { messageJob } from "../../src/domain/jobs";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill, type Catalogue, type Lang } from "../locale";
import { activeCasesOf, kindTitle, notice, problemView, staleReply, submitEntry } from "./shared";

export function statusCard(
  view: { t: Catalogue; lang: Lang },
  c: Case,
  month: string,
  at: Date,
  coordinatorName: string,
  given: Record<string, string> = {},
  problems: readonly Problem[] = [],
): Reply {
  const { t, lang } = view;
  const goals = c.goalForm.goals.map((g) => fill(t.checkin.goalLine, { text: g.text, score: g.score ?? "–" })).join("\n");
  const latest = c.progress?.at(-1);
  const role = c.kind === "mentor" ? t.checkin.roleMentor : t.checkin.roleRelativeCoach;
  return {
    card: render(checkinTemplate, {
      t,
      title: fill(t.checkin.title, { code: c.code }),
      subtitle: fill(t.checkin.subtitle, { kind: kindTitle(view, c), coordinator: coordinatorName, date: formatLocal(at, lang) }),
      ...problemView(view, problems, { [CHECKIN_NOTE_FIELD]: t.checkin.note, state: t.checkin.state, goalsStillRelevant: t.checkin.relevant, feeling: fill(t.checkin.feeling, { role }) }),
      goals,
      progress: latest ? fill(t.checkin.progressNow, { value: latest.value, date: shortDateOf(new Date(latest.at), lang) }) : "",
      feelingLabel: fill(t.checkin.feeling, { role }),
      states: CHECKIN_STATES.map((s) => ({ title: t.checkin.states[s], value: s })),
      feelings: MENTOR_FEELINGS.map((f) => ({ title: t.checkin.feelings[f], value: f })),
      values: { goalsStillRelevant: "", state: "", feeling: "", note: "", ...given },
      caseId: c.id,
      cardVersion: c.version,
      submissionId: given.submissionId ?? randomUUID(),
      month,
    }),
  };
}

/** The coach's status meeting of the month, as stored now: moved for the month, at their own time, or the check-in. */
async function meetingOf(ctx: VerbContext, c: Case, month: string, checkInAt: Date): Promise<Date> {
  const [corps, request] = await Promise.all([ctx.repos.corps.get(c.corpsId), ctx.repos.checkIns.getRequest(c.corpsId, month, c.coachId)]);
  return meetingAtFor(corps?.checkIn, c.coachId, checkInAt, request?.meetingAt);
}

async function coordinatorName(ctx: VerbContext, c: Case): Promise<string> {
  return (await ctx.repos.members.get(c.corpsId, c.coordinatorId))?.name ?? ctx.t.setup.choices.coordinator;
}


const OpenData = z.object({ caseId: z.string().min(1).max(100), month: Month });

/** The case and month a status card names, and the check-in's instant — or the reply when the month takes no answers. */
function openRound(ctx: VerbContext, data: unknown): { caseId: string; month: string; at: Date } | { reply: Reply } {
  const parsed = OpenData.safeParse(data);
  if (!parsed.success) return { reply: staleReply(ctx, "notFound", "menu", "") };
  const { caseId, month } = parsed.data;
  const at = openForAnswers(ctx.who.corps, month, ctx.clock());
  if (!at) return { reply: notice(ctx, ctx.t.checkin.remindTitle, fill(ctx.t.checkin.notOpen, { month: monthName(month, ctx.lang) })) };
  return { caseId, month, at };
}

export type OwedStatus = { month: string; case: CaseIndexItem };

/**
 * The status answers this coach still owes while a check-in takes answers (a missed card is found again from the menu,
 * Mine forløb and the case): each active case with no answer for the month — from the case index, no further read.
 */
export async function owedStatuses(ctx: VerbContext, active?: readonly CaseIndexItem[]): Promise<OwedStatus[]> {
  const month = monthForAnswers(ctx.who.corps, ctx.clock());
  return month ? statusesOwed(month, active ?? (await activeCasesOf(ctx))).map((c) => ({ month, case: c })) : [];
}

/** «Svar for ME-38KJ»: the button that opens one owed status card. */
export function owedAction(ctx: VerbContext, o: OwedStatus) {
  return { title: fill(ctx.t.checkin.answerFor, { code: o.case.code }), verb: "checkin.open", data: { verb: "checkin.open", caseId: o.case.id, month: o.month } };
}

/** «Svar på status» from the menu: the one card owed, or a choice among them, or that nothing is owed. */
async function owedChoice(ctx: VerbContext): Promise<Reply> {
  const owed = await owedStatuses(ctx);
  if (owed.length === 1) return checkinOpen(ctx, { caseId: owed[0].case.id, month: owed[0].month });
  if (owed.length === 0) return notice(ctx, ctx.t.checkin.owedTitle, ctx.t.checkin.nothingOwed);
  return notice(ctx, ctx.t.checkin.owedTitle, fill(ctx.t.checkin.owed, { n: owed.length }), owed.map((o) => owedAction(ctx, o)));
}

/**
 * The status card of one case for one month, if the check-in is open and the case not answered (from the status card's
 * own message, the reminder, Mine forløb or the case); without a case, from the menu: the cards still owed.
 */
export async function checkinOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  if (!(data as { caseId?: unknown } | undefined)?.caseId) return owedChoice(ctx);
  const open = openRound(ctx, data);
  if ("reply" in open) return open.reply;
  const { caseId, month, at } = open;
  const got = await ctx.cases.get(caseId, "coach");
  if (!got) return staleReply(ctx, "notFound", "menu", caseId);
  if (got.doc.status === "closed" || got.doc.status === "paused") return staleReply(ctx, got.doc.status, "menu", caseId);
  if (await ctx.repos.entries.get(ctx.who.corps.corpsId, checkInEntryId(month, caseId))) {
    return notice(ctx, fill(ctx.t.checkin.title, { code: got.doc.code }), fill(ctx.t.checkin.already, { code: got.doc.code, month: monthName(month, ctx.lang) }));
  }
  return statusCard(ctx, got.doc, month, await meetingOf(ctx, got.doc, month, at), await coordinatorName(ctx, got.doc));
}

/** The status answer's done card; `told`: whether the coordinator is being told of a wish for sparring (undefined: none). */
function savedCard(ctx: VerbContext, c: Case, entry: StatusCheckInEntry, replayOfOther: boolean, month: string, told: boolean | undefined, owed: readonly OwedStatus[]): Reply {
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.checkin.saved, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [
        { title: ctx.t.checkin.stateFact, value: ctx.t.checkin.states[entry.state] },
        { title: ctx.t.checkin.relevantFact, value: entry.goalsStillRelevant ? ctx.t.checkin.relevantYes : ctx.t.checkin.relevantNo },
      ],
      notes: [
        replayOfOther ? fill(ctx.t.checkin.already, { code: c.code, month: monthName(month, ctx.lang) }) : ctx.t.checkin.savedText,
        ...(told === true ? [ctx.t.reflect.notified] : told === false ? [ctx.t.reflect.notReachable] : []),
      ],
      // The next card still owed, so several cases are answered in a row.
      actions: [...owed.slice(0, 1).map((o) => owedAction(ctx, o)), { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } }],
    }),
  };
}

/** The answer to a status card: stored once per case and month; the corps' summary follows after the reply. */
export async function checkinSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const open = openRound(ctx, data);
  if ("reply" in open) return open.reply;
  const { caseId, month, at } = open;
  const current = await ctx.cases.get(caseId, "coach");
  const coordinator = current ? await coordinatorName(ctx, current.doc) : "";
  const meeting = current ? await meetingOf(ctx, current.doc, month, at) : at;
  const done = await submitEntry(ctx, data, {
    name: "checkin",
    reopenVerb: "menu",
    decide: decideCheckIn,
    handBack: (c, values, problems) => statusCard(ctx, c, month, meeting, coordinator, values, problems),
  });
  if ("reply" in done) return done.reply;
  ctx.checkIns.answered(ctx.who.corps.corpsId, month);
  // A second card for the same case and month keeps the first answer, and says so.
  const values = data as Record<string, unknown>;
  const other = done.replay && (values.state !== done.entry.state || values.goalsStillRelevant !== String(done.entry.goalsStillRelevant));
  // «Jeg har brug for sparring» tells the coordinator at once (a flag, like a reflection's).
  const told = done.entry.state === "needsHelp" ? reachable(ctx.who.corps, await ctx.repos.members.get(done.case.corpsId, done.case.coordinatorId)) : undefined;
  // The case index follows the answer after this reply: the case just answered is not offered again.
  const owed = (await owedStatuses(ctx)).filter((o) => o.case.id !== done.case.id);
  return savedCard(ctx, done.case, done.entry, other, month, told, owed);
}

// ── The coordinator's settings: day, hour, months skipped ──────────────────────────────────────

/** The months whose mentors have been asked already (their check-in does not move): this month's, if so. */
async function heldMonths(ctx: VerbContext, corpsId: string): Promise<string[]> {
  const month = monthOf(ctx.clock());
  return (await ctx.repos.checkIns.getRound(corpsId, month))?.doc.askedAt ? [month] : [];
}

function nextText(ctx: VerbContext, next: ReturnType<typeof nextCheckIn>): string {
  return next ? fill(ctx.t.checkinSettings.next, { date: formatLocal(next.at, ctx.lang), ask: formatLocal(next.askAt, ctx.lang) }) : ctx.t.checkinSettings.none;
}

function settingsCard(ctx: VerbContext, corps: Corps, held: string[], given?: Record<string, string>, problems: readonly Problem[] = []): Reply {
  const now = ctx.clock();
  const settings = corps.checkIn ?? { skipMonths: [] };
  const next = nextCheckIn(settings, corps.extraDaysOff, now, held);
  const values = given ?? {
    day: settings.day ? String(settings.day) : "",
    time: settings.time ?? "09:00",
    skipMonths: settings.skipMonths.filter((m) => skippableMonths(now).includes(m)).join(","),
  };
  return {
    card: render(settingsTemplate, {
      t: ctx.t,
      ...problemView(ctx, problems, { day: ctx.t.checkinSettings.day, time: ctx.t.checkinSettings.time, skipMonths: ctx.t.checkinSettings.skip }),
      next: nextText(ctx, next),
      values,
      days: [{ title: ctx.t.checkinSettings.firstWorkingDay, value: "" }, ...Array.from({ length: 28 }, (_, i) => ({ title: fill(ctx.t.checkinSettings.dayN, { n: i + 1 }), value: String(i + 1) }))],
      months: skippableMonths(now).map((m) => ({ title: monthName(m, ctx.lang), value: m })),
    }),
  };
}


export async function checkinSettings(ctx: VerbContext): Promise<Reply> {
  return settingsCard(ctx, (await ctx.repos.corps.get(ctx.who.corps.corpsId)) ?? ctx.who.corps, await heldMonths(ctx, ctx.who.corps.corpsId));
}

export async function checkinSettingsSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const values = submittedValues(data);
  const corps = (await ctx.repos.corps.get(ctx.who.corps.corpsId)) ?? ctx.who.corps;
  const held = await heldMonths(ctx, corps.corpsId);
  const decision = decideCheckInSettings(values, corps.checkIn, ctx.clock());
  if (decision.kind === "refused") return settingsCard(ctx, corps, held, values, decision.problems);
  let saved: Corps;
  try {
    saved = (await ctx.repos.corps.update(corps.corpsId, (c) => ({ ...c, checkIn: decision.settings }))).after ?? corps;
    await ctx.checkIns.replan(saved);
  } catch (err) {
    ctx.log.error({ event: "checkin.settingsNotSaved", corpsId: corps.corpsId, err: { message: (err as Error).message } }, "check-in settings not saved");
    return settingsCard(ctx, corps, held, values, [{ field: "", code: "notSaved" }]);
  }
  ctx.log.info({ event: "checkin.settingsSaved", corpsId: corps.corpsId }, "check-in settings saved");
  const next = nextCheckIn(decision.settings, saved.extraDaysOff, ctx.clock(), held);
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: ctx.t.checkinSettings.saved,
      subtitle: "",
      facts: [],
      notes: [nextText(ctx, next)],
      actions: [{ title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } }],
    }),
  };
}

// ── Moving a mentor's status meeting (from the case card the summary opens) ─────────────────────

const MeetingData = z.object({ caseId: z.string().min(1).max(100), month: Month });

/** The case (active, in the coordinator's reach), its round and its coach; undefined if any is missing. */
async function meetingContext(ctx: VerbContext, data: unknown) {
  const parsed = MeetingData.safeParse(data);
  if (!parsed.success) return undefined;
  const { caseId, month } = parsed.data;
  const [got, round] = await Promise.all([ctx.cases.get(caseId, "coordinator"), ctx.repos.checkIns.getRound(ctx.who.corps.corpsId, month)]);
  if (!got || !inWork(got.doc) || !round) return undefined;
  const c = got.doc;
  const [coach, cases, request] = await Promise.all([
    ctx.repos.members.get(c.corpsId, c.coachId),
    ctx.cases.list("coordinator"),
    ctx.repos.checkIns.getRequest(c.corpsId, month, c.coachId),
  ]);
  const codes = cases.filter((x) => inWork(x) && x.coachId.toLowerCase() === c.coachId.toLowerCase()).map((x) => x.code);
  return { c, month, at: new Date(round.doc.at), coach, codes, request };
}

function meetingCard(ctx: VerbContext, m: NonNullable<Awaited<ReturnType<typeof meetingContext>>>, given?: Record<string, string>, problems: readonly Problem[] = []): Reply {
  const coach = m.coach?.name ?? ctx.t.notify.someone;
  const current = meetingAtFor(ctx.who.corps.checkIn, m.c.coachId, m.at, m.request?.meetingAt);
  return {
    card: render(meetingTemplate, {
      t: ctx.t,
      title: fill(ctx.t.checkin.meetingTitle, { coach }),
      intro: fill(ctx.t.checkin.meetingIntro, { date: formatLocal(m.at, ctx.lang), coach, codes: m.codes.join(", ") }),
      ...problemView(ctx, problems, { date: ctx.t.checkin.meetingDate }),
      values: given ?? { date: localDate(current), time: localTime(current), keepTime: "false" },
      keepTitle: fill(ctx.t.checkin.meetingKeep, { coach }),
      caseId: m.c.id,
      month: m.month,
    }),
  };
}

export async function checkinMeeting(ctx: VerbContext, data: unknown): Promise<Reply> {
  const m = await meetingContext(ctx, data);
  return m ? meetingCard(ctx, m) : staleReply(ctx, "notFound", "coord.cases", "");
}

export async function checkinMeetingSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const m = await meetingContext(ctx, data);
  if (!m) return staleReply(ctx, "notFound", "coord.cases", "");
  const values = submittedValues(data);
  const decision = decideMeeting(values, m.at, ctx.clock());
  if (decision.kind === "refused") return meetingCard(ctx, m, values, decision.problems);
  const coachId = m.c.coachId;
  await ctx.repos.checkIns.updateRequest(m.c.corpsId, m.month, coachId, (req) => ({
    ...(req ?? { type: "checkInRequest" as const, id: requestId(m.month, coachId), corpsId: m.c.corpsId, month: m.month, memberId: coachId, caseIds: [], sends: [] }),
    meetingAt: decision.at.toISOString(),
  }));
  if (decision.keepTime) {
    const time = decision.keepTime;
    await ctx.repos.corps.update(m.c.corpsId, (corps) =>
      corps.checkIn?.meetingTimes?.[coachId.toLowerCase()] === time ? undefined : { ...corps, checkIn: { skipMonths: [], ...corps.checkIn, meetingTimes: { ...corps.checkIn?.meetingTimes, [coachId.toLowerCase()]: time } } },
    );
  }
  ctx.log.info({ event: "checkin.meetingMoved", corpsId: m.c.corpsId, month: m.month, member: coachId, kept: !!decision.keepTime }, "status meeting moved");
  const coach = m.coach?.name ?? ctx.t.notify.someone;
  // The mentor is told through the outbox, after this answer; the note says whether Løft can reach them.
  const message = messageJob(m.c.corpsId, { what: "meetingMoved", month: m.month, to: coachId.toLowerCase(), at: decision.at.toISOString(), by: ctx.who.member.aadObjectId }, ctx.clock());
  await ctx.repos.jobs.create(message);
  void ctx.outbox.sendNow(m.c.corpsId, [message.id]);
  const told = reachable(ctx.who.corps, m.coach) ? "sent" : "unreachable";
  ctx.checkIns.answered(m.c.corpsId, m.month);
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.checkin.meetingMoved, { coach, date: formatLocal(decision.at, ctx.lang) }),
      subtitle: "",
      facts: [],
      notes: [fill(told === "sent" ? ctx.t.checkin.meetingTold : ctx.t.checkin.meetingNotTold, { coach }), ...(decision.keepTime ? [ctx.t.checkin.meetingKept] : [])],
      actions: [{ title: ctx.t.coord.caseTitleShort, verb: "coord.case", data: { verb: "coord.case", caseId: m.c.id, month: m.month } }, { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } }],
    }),
  };
}
