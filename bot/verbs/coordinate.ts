// The coordinator's cases: «Nyt forløb», «Forløb» (the corps' cases), and from each case its målskema, a new mentor,
// pause/resume, start closing, and closing with the after-reflection. Coordinators only; the rules are in
// src/domain/coordination.ts, this file reads, writes and renders.
import { randomUUID } from "node:crypto";
import {
  byAttention,
  caseCode,
  ChangedMeanwhile,
  changesOffered,
  coachesFor,
  type CaseChange,
  closeReasonsFor,
  decideClose,
  decideContact,
  decideGoals,
  decideNewCase,
  decidePause,
  decideReassign,
  decideStartClosing,
  GOAL_SLOTS,
  goalField,
  scoreField,
  unreachedNotices,
  type ChangeDecision,
  PAUSE_MAX_DAYS,
  decideGoalsAgreed,
  pauseEndsAt,
  FAMILY_FIELD,
  familyChoices,
} from "../../src/domain/coordination";
import { submittedValues, type Problem } from "../../src/domain/forms";
import { messageJob } from "../../src/domain/jobs";
import { DIMENSIONS, inContactPhase, inWork, Month, PAUSE_REASONS, type AfterReflectionEntry, type Case, type Entry, type Member, type Notice } from "../../src/domain/model";
import { AFTER_REFLECTION_DAYS, afterReflectionOpen, afterReflectionParts, afterReflectionUntil } from "../../src/domain/after-reflection";
import { partText } from "./after-reflection";
import { SCORES_0_10 } from "../../src/domain/reflection";
import { localDate, localTime, monthName, monthOf, previousMonth } from "../../src/domain/time";
import { flowName } from "../../src/domain/access-log";
import { decideErase, ERASE_CONFIRM_FIELD, erasureDate, retentionOf } from "../../src/domain/erasure";
import { openFlags, withFlagsHandled } from "../../src/domain/derive";
import type { Versioned } from "../../src/store/repositories";
import adminTemplate from "../cards/case-admin.json";
import pauseTemplate from "../cards/case-pause.json";
import closeTemplate from "../cards/case-close.json";
import eraseTemplate from "../cards/case-erase.json";
import formTemplate from "../cards/case-form.json";
import reassignTemplate from "../cards/case-reassign.json";
import listTemplate from "../cards/corps-cases.json";
import doneTemplate from "../cards/done.json";
import { render } from "../cards/render";
import { corpsName, currentLending } from "../../src/domain/lending";
import { endLendingsOfCase, lendingOnCase, tellErased } from "./lending";
import { lendingsUnderWay } from "../../src/store/lending";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { capitalised, caseDetail, kindLabel, kindTitle, notice, problemView, shortDate, staleReply } from "./shared";

const corpsIdOf = (ctx: VerbContext) => ctx.who.corps.corpsId;
const byId = (members: readonly Member[], id: string | undefined) => members.find((m) => m.aadObjectId.toLowerCase() === id?.toLowerCase());
const nameOf = (ctx: VerbContext, members: readonly Member[], id: string | undefined) => byId(members, id)?.name ?? ctx.t.notify.someone;
const action = (title: string, verb: string, data: object = {}) => ({ title, verb, data: { verb, ...data } });
const backToCase = (ctx: VerbContext, caseId: string) => action(ctx.t.coord.caseTitleShort, "coord.case", { caseId });

/** Every coordinator verb: anyone else gets their menu, as if the button did not exist. */

function coachChoices(ctx: VerbContext, members: readonly Member[], kind?: Case["kind"]) {
  const coaches = kind ? coachesFor(members, kind) : members.filter((m) => !m.guest && (m.roles.includes("mentor") || m.roles.includes("relativeCoach")));
  return [...coaches]
    .sort((a, b) => a.name.localeCompare(b.name, "da"))
    .map((m) => ({
      value: m.aadObjectId,
      title: `${m.name} · ${m.roles.filter((r) => r === "mentor" || r === "relativeCoach").map((r) => ctx.t.setup.choices[r]).join(", ")}`,
    }));
}

const formLabels = (ctx: VerbContext): Record<string, string> => ({
  kind: ctx.t.coord.kind,
  coachId: ctx.t.coord.coach,
  referralDate: ctx.t.coord.referralDate,
  dimensions: ctx.t.coord.dimensions,
  [FAMILY_FIELD]: ctx.t.coord.family,
  worries: ctx.t.coord.worries,
  working: ctx.t.coord.working,
  ...Object.fromEntries(GOAL_SLOTS.flatMap((n) => [[goalField(n), fill(ctx.t.coord.goal, { n })], [scoreField(n), fill(ctx.t.coord.score, { n })]])),
});

/** The case form: new (kind, coach, referral, dimensions, målskema) or the målskema of an existing case. */
function caseForm(ctx: VerbContext, members: readonly Member[], c: Case | undefined, given: Record<string, string>, problems: readonly Problem[] = [], cases: readonly Case[] = []): Reply {
  const values: Record<string, string> = {
    kind: "",
    coachId: "",
    dimensions: "",
    family: "",
    worries: c?.goalForm.worries ?? "",
    working: c?.goalForm.working ?? "",
    referralDate: localDate(ctx.clock()),
    ...Object.fromEntries(GOAL_SLOTS.flatMap((n) => [[goalField(n), c?.goalForm.goals[n - 1]?.text ?? ""], [scoreField(n), String(c?.goalForm.goals[n - 1]?.score ?? "")]])),
    ...given,
  };
  const submissionId = given.submissionId ?? randomUUID();
  const data = c
    ? { verb: "coord.goalsSubmit", caseId: c.id, cardVersion: c.version, submissionId }
    : { verb: "coord.create", submissionId };
  return {
    card: render(formTemplate, {
      t: ctx.t,
      title: c ? fill(ctx.t.coord.goalsTitle, { code: c.code }) : ctx.t.coord.newTitle,
      // The coach's proposals, for the coordinator to take in or not.
      intro: c ? [ctx.t.coord.goalsIntro, ...(c.goalProposals?.length ? [`${fill(ctx.t.coord.proposals, { coach: ctx.t.coord.theCoach[c.kind] })}\n${c.goalProposals.map((p) => `- ${p.text}`).join("\n")}`] : [])].join("\n\n") : ctx.t.coord.newIntro,
      ...problemView(ctx, problems, formLabels(ctx)),
      isNew: !c,
      values,
      today: localDate(ctx.clock()),
      kinds: (["mentor", "relativeCoach"] as const).map((k) => ({ value: k, title: capitalised(ctx.t.common.caseKind[k]) })),
      coaches: coachChoices(ctx, members),
      // Another case of the same family (a new case only): the corps' cases not closed.
      families: c ? [] : familyChoices(cases).map((x) => ({ value: x.id, title: `${x.code} · ${kindLabel(ctx, x)} · ${nameOf(ctx, members, x.coachId)}` })),
      dimensions: DIMENSIONS.map((d) => ({ value: String(d.id), title: `${d.id}. ${d.da}` })),
      goals: GOAL_SLOTS.map((n) => ({ goalId: goalField(n), scoreId: scoreField(n), goalLabel: fill(ctx.t.coord.goal, { n }), goal: values[goalField(n)], score: values[scoreField(n)] })),
      scale0to10: SCORES_0_10,
      save: c ? ctx.t.coord.goalsSave : ctx.t.coord.create,
      verb: data.verb,
      data,
      back: c ? backToCase(ctx, c.id) : action(ctx.t.coord.allCases, "coord.cases"), // (the card has its own «Menu»)
    }),
  };
}

// ── «Nyt forløb» ────────────────────────────────────────────────────────────────────────────────

async function newCaseOpen(ctx: VerbContext): Promise<Reply> {
  const [members, cases] = await Promise.all([ctx.repos.members.list(corpsIdOf(ctx)), ctx.cases.list("coordinator")]);
  if (coachChoices(ctx, members).length === 0) return notice(ctx, ctx.t.coord.newTitle, ctx.t.coord.noCoaches, [action(ctx.t.menu.corps, "setup.open")]);
  return caseForm(ctx, members, undefined, {}, [], cases);
}

async function newCaseSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const values = submittedValues(data);
  const corpsId = corpsIdOf(ctx);
  const [members, cases] = await Promise.all([ctx.repos.members.list(corpsId), ctx.cases.list("coordinator")]);
  const kind = values.kind === "relativeCoach" ? "relativeCoach" : "mentor";
  const code = caseCode(kind, Math.random, new Set(cases.map((c) => c.code)));
  const now = ctx.clock();
  const decision = decideNewCase(values, ctx.who.member, members, now, code, localDate(now), cases);
  if (decision.kind === "stale") return newCaseOpen(ctx);
  if (decision.kind === "refused") {
    ctx.log.info({ event: "case.create.refused", corpsId, problems: decision.problems }, "new case refused");
    return caseForm(ctx, members, undefined, values, decision.problems, cases);
  }
  let c = decision.case;
  let owed: string[];
  try {
    owed = await oweNotices(ctx, c.id, c.applied[0], c.notices);
    if ((await ctx.cases.create(c)) === "duplicate") {
      // A replayed submission: the case made the first time (by this coordinator), nothing new.
      const existing = await ctx.cases.get(c.id, "coordinator");
      if (!existing || !existing.doc.applied.includes(c.applied[0])) return staleReply(ctx, "notFound", "coord.new", "");
      c = existing.doc;
    }
    await ctx.deriver.projectCase(c);
  } catch (err) {
    ctx.log.error({ event: "case.create.notSaved", corpsId, err: { message: (err as Error).message } }, "the store did not take the case");
    return caseForm(ctx, members, undefined, values, [{ field: "", code: "notSaved" }], cases);
  }
  void ctx.outbox.sendNow(corpsId, owed);
  ctx.log.info({ event: "case.created", corpsId, caseId: c.id, coach: c.coachId }, "case created");
  if (c.family) await linkBack(ctx, c);
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.coord.created, { code: c.code }),
      subtitle: `${kindTitle(ctx, c)} · ${nameOf(ctx, members, c.coachId)}`,
      facts: [],
      notes: [fill(ctx.t.coord.createdText, { coach: nameOf(ctx, members, c.coachId) })],
      actions: [action(fill(ctx.t.coord.open, { code: c.code }), "coord.case", { caseId: c.id }), action(ctx.t.menu.newCase, "coord.new"), action(ctx.t.common.menu, "menu")],
    }),
  };
}

/** The family link kept on the other case too (once; a case already linked keeps its link). Not saved: logged, the new case stands. */
async function linkBack(ctx: VerbContext, c: Case): Promise<void> {
  const other = await ctx.cases.get(c.family!.caseId, "coordinator");
  if (!other || other.doc.family) return;
  await ctx.cases
    .update(other, (x) => (x.family ? x : { ...x, family: { caseId: c.id, code: c.code }, revision: x.revision + 1 }), "coordinator")
    .catch((err: Error) => ctx.log.warn({ event: "case.familyNotLinked", caseId: other.doc.id, err: { message: err.message } }, "family link not kept on the other case"));
}

// ── «Forløb»: the corps' cases ──────────────────────────────────────────────────────────────────

/** The case's flags still to be seen to (the latest three); with none open, who handled the last one and when. */
function flagsLine(ctx: VerbContext, c: Case, members: readonly Member[]): string {
  const recent = openFlags(c).slice(-3).map((f) =>
    f.kind === "coachLeft"
      ? fill(ctx.t.coord.flagCoachLeft, { theCoach: ctx.t.coord.theCoach[c.kind], coach: c.kind === "mentor" ? ctx.t.checkin.roleMentor : ctx.t.checkin.roleRelativeCoach, date: shortDate(ctx, f.at) })
      : f.kind === "sparring"
      ? fill(ctx.t.coord.flagSparring, { date: shortDate(ctx, f.at) })
      : f.kind === "lowWho5"
      ? fill(ctx.t.coord.flagLowWho5, { score: f.score ?? "", date: shortDate(ctx, f.at) })
      : f.kind === "concern"
      ? fill(ctx.t.coord.flagConcern, { date: shortDate(ctx, f.at) })
      : f.kind === "proposal"
      ? fill(ctx.t.coord.flagProposal, { date: shortDate(ctx, f.at) })
      : fill(ctx.t.coord.flagMatch, { match: f.match === "nej" ? ctx.t.reflect.matchNo.toLowerCase() : ctx.t.reflect.matchUnsure.toLowerCase(), date: shortDate(ctx, f.at) }),
  );
  if (recent.length > 0) return fill(ctx.t.coord.flags, { flags: recent.join(" · ") });
  const last = c.flags.at(-1)?.handled;
  return last ? fill(ctx.t.coord.flagsHandledBy, { name: nameOf(ctx, members, last.by), date: shortDate(ctx, last.at) }) : "";
}

/**
 * «Markér flag som håndteret»: every open flag of the case, marked with who and when — it leaves the lists and the
 * month's summary (updated after the answer). Undefined: the case is not in the coordinator's reach.
 */
export async function markFlagsHandled(ctx: VerbContext, caseId: string): Promise<Case | undefined> {
  const got = await ctx.cases.get(caseId, "coordinator");
  if (!got) return undefined;
  const { before, after } = await ctx.repos.cases.update(got.doc.corpsId, caseId, (c) => withFlagsHandled(c, ctx.who.member.aadObjectId, ctx.clock()) ?? c, got);
  if (after !== before) {
    ctx.log.info({ event: "flags.handled", corpsId: after.corpsId, caseId, member: ctx.who.member.aadObjectId }, "flags handled");
    const month = monthOf(ctx.clock());
    for (const m of [previousMonth(month), month]) ctx.checkIns.answered(after.corpsId, m);
  }
  return after;
}

async function flagsHandled(ctx: VerbContext, data: unknown): Promise<Reply> {
  const caseId = submittedValues(data).caseId;
  const c = caseId ? await markFlagsHandled(ctx, caseId) : undefined;
  if (!c) return staleReply(ctx, "notFound", "coord.cases", "");
  const members = await ctx.repos.members.list(corpsIdOf(ctx));
  return caseCard(ctx, c, members, await ctx.repos.entries.listForCase(corpsIdOf(ctx), c.id), [], false, fill(ctx.t.coord.flagsHandledDone, { code: c.code }));
}

/** Notices Løft could not deliver: the coordinator must tell the coach directly. */
function warnings(ctx: VerbContext, c: Case, members: readonly Member[]): string[] {
  return unreachedNotices(c, members).slice(-2).map((n) => fill(ctx.t.coord.notTold, { coach: nameOf(ctx, members, n.to), what: ctx.t.coord.notices[n.kind] }));
}

const STATUS_ORDER: ReadonlyArray<Case["status"]> = ["referred", "clarifying", "active", "paused", "closing"];

async function corpsCases(ctx: VerbContext, data: unknown): Promise<Reply> {
  const corpsId = corpsIdOf(ctx);
  const [cases, members, lendings] = await Promise.all([ctx.cases.list("coordinator"), ctx.repos.members.list(corpsId), lendingsUnderWay(ctx, corpsId)]);
  const open = cases.filter((c) => c.status !== "closed");
  // A case with a coach lent by another corps says so (the «Udlån» card has both ways).
  const borrowed = new Map(lendings.borrowed.map((l) => [l.caseId, l]));
  const lenders = borrowed.size > 0 ? new Map((await ctx.repos.corps.list()).map((x) => [x.corpsId, corpsName(x)])) : new Map<string, string>();
  const lendingLine = (c: Case) => {
    const l = borrowed.get(c.id);
    const corps = l ? (lenders.get(l.lenderCorpsId) ?? "?") : "";
    return !l ? [] : [l.guest ? fill(ctx.t.lending.caseFactAgreed, { guest: l.guest.name, corps }) : fill(ctx.t.lending.caseFactAsked, { corps, date: shortDate(ctx, l.askedAt) })];
  };
  const closed = cases.filter((c) => c.status === "closed");
  if (submittedValues(data).show === "closed") return closedCases(ctx, closed, members, open.length);
  const groups = STATUS_ORDER.map((status) => ({
    heading: `${capitalised(ctx.t.common.caseStatus[status])} (${open.filter((c) => c.status === status).length})`,
    cases: open
      .filter((c) => c.status === status)
      .sort(byAttention(ctx.clock()))
      .map((c) => ({
        id: c.id,
        code: c.code,
        line: fill(ctx.t.coord.line, { kind: kindLabel(ctx, c), coach: nameOf(ctx, members, c.coachId) }),
        detail: caseDetail(ctx, { openedAt: c.startedAt ?? c.openedAt, lastReflectionAt: c.lastReflection?.at, status: c.status }),
        flags: flagsLine(ctx, c, members),
        warnings: warnings(ctx, c, members),
        lending: lendingLine(c),
      })),
  })).filter((g) => g.cases.length > 0);
  const underWay = lendings.borrowed.length + lendings.lent.length;
  return {
    card: render(listTemplate, {
      t: ctx.t,
      title: ctx.t.coord.listTitle,
      groups,
      switchTitle: closed.length > 0 ? fill(ctx.t.coord.closedCount, { n: closed.length }) : "",
      switchShow: "closed",
      lendingTitle: underWay > 0 ? `${ctx.t.lending.menu} (${underWay})` : "",
    }),
  };
}

/** The newest closed cases a card lists (a card stays under Teams' size limit; the tab has the figures for the rest). */
const CLOSED_SHOWN = 30;

/** «Afsluttede forløb»: the closed cases, newest first — each opens with its history and after-reflection. */
function closedCases(ctx: VerbContext, closed: readonly Case[], members: readonly Member[], openCount: number): Reply {
  const cases = [...closed]
    .sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""))
    .slice(0, CLOSED_SHOWN)
    .map((c) => ({
      id: c.id,
      code: c.code,
      line: fill(ctx.t.coord.line, { kind: kindLabel(ctx, c), coach: nameOf(ctx, members, c.coachId) }),
      detail: fill(ctx.t.coord.closedDetail, { date: c.closedAt ? shortDate(ctx, c.closedAt) : "–", reason: c.closeReason ? ctx.t.coord.reasons[c.closeReason] : "–" }),
      flags: "",
      warnings: [],
      lending: [],
    }));
  return {
    card: render(listTemplate, {
      t: ctx.t,
      title: ctx.t.coord.closedTitle,
      groups: cases.length ? [{ heading: fill(ctx.t.coord.closedHeading, { n: closed.length }), cases }] : [],
      switchTitle: `${ctx.t.coord.openCases} (${openCount})`,
      switchShow: "open",
      lendingTitle: "",
    }),
  };
}

// ── One case ────────────────────────────────────────────────────────────────────────────────────

async function readCase(ctx: VerbContext, data: unknown): Promise<Versioned<Case> | undefined> {
  const caseId = submittedValues(data).caseId;
  return caseId ? ctx.cases.get(caseId, "coordinator") : undefined;
}

/**
 * The case's last monthly statuses, newest first: the state, the goals, how it is going for the coach (told to the
 * coordinators only, here) and the coach's line.
 */
function statusLines(ctx: VerbContext, c: Case, entries: readonly Entry[]): string {
  return entries
    .filter((e): e is Extract<Entry, { type: "statusCheckIn" }> => e.type === "statusCheckIn")
    .sort((a, b) => b.month.localeCompare(a.month))
    .slice(0, STATUSES_SHOWN)
    .map((e) => {
      const feeling = e.feeling ? [fill(ctx.t.coord.coachFeeling, { coach: ctx.t.coord.theCoach[c.kind], feeling: ctx.t.checkin.feelings[e.feeling].toLowerCase() })] : [];
      const parts = [ctx.t.summary.answers[e.state], ...(e.goalsStillRelevant ? [] : [ctx.t.summary.goalsNotRelevant]), ...feeling].join(" · ");
      return `- ${monthName(e.month, ctx.lang)}: ${parts}${e.note ? ` — »${e.note}«` : ""}`;
    })
    .join("\n");
}

/**
 * A closed case's after-reflection (001 §5.4): the coach's part and the coordinator's, question by question — what the
 * coordinator reads back later, and copies the learning for the infohus from.
 */
function afterReflectionText(ctx: VerbContext, c: Case, entries: readonly Entry[]): string {
  const parts = afterReflectionParts(entries);
  const coach = capitalised(ctx.t.coord.theCoach[c.kind]);
  const section = (heading: string, part: AfterReflectionEntry | undefined) =>
    part ? `**${heading}** (${shortDate(ctx, part.createdAt)})\n\n${partText(ctx, c, part)}` : "";
  const text = [section(fill(ctx.t.after.coachHeading, { Coach: coach }), parts.coach), section(ctx.t.after.coordinatorHeading, parts.coordinator)].filter(Boolean).join("\n\n");
  return text || ctx.t.coord.afterReflectionNone;
}

/** Six months: enough to see how the coach's feeling about the case moves. */
const STATUSES_SHOWN = 6;

/** The case's card; `notSaved`: a change pressed on it could not be saved (the card says so above the rest). */
function caseCard(
  ctx: VerbContext,
  c: Case,
  members: readonly Member[],
  entries: readonly Entry[] = [],
  extra: ReturnType<typeof action>[] = [],
  notSaved = false,
  done = "",
  lending: { facts: Array<{ title: string; value: string }>; instead?: ReturnType<typeof action> } = { facts: [] },
): Reply {
  const press = (title: string, verb: string) => action(title, verb, { caseId: c.id, cardVersion: c.version, submissionId: randomUUID() });
  // Exactly the changes the case allows now: the same rule the decisions apply (src/domain/coordination.ts).
  const offered: Record<CaseChange, () => ReturnType<typeof action>> = {
    goals: () => action(ctx.t.coord.editGoals, "coord.goals", { caseId: c.id }),
    // While a coach is lent (or asked for) from another corps, the lending is ended first (then another chosen).
    reassign: () => lending.instead ?? action(ctx.t.coord.reassign[c.kind], "coord.reassign", { caseId: c.id }),
    pause: () => action(ctx.t.coord.pause, "coord.pauseOpen", { caseId: c.id }),
    contactMade: () => press(ctx.t.coord.contactMade, "coord.contactMade"),
    start: () => press(ctx.t.coord.start, "coord.start"),
    resume: () => press(ctx.t.coord.resume, "coord.resume"),
    startClosing: () => press(ctx.t.coord.startClosing, "coord.startClosing"),
    close: () => action(ctx.t.coord.close, "coord.close", { caseId: c.id }),
  };
  const handle = openFlags(c).length > 0 ? [action(ctx.t.coord.flagsHandle, "coord.flagsHandled", { caseId: c.id })] : [];
  const agree = !c.goalsAgreed && changesOffered(c).includes("goals") ? [press(ctx.t.coord.goalsAgree, "coord.goalsAgreed")] : [];
  const after = afterReflectionOpen(c, ctx.clock()) ? [action(ctx.t.after.action, "coord.after", { caseId: c.id })] : [];
  const actions = [...handle, ...agree, ...changesOffered(c).map((k) => offered[k]()), ...after, ...extra, action(ctx.t.coord.allCases, "coord.cases")];
  const dims = c.referral.dimensions.map((d) => DIMENSIONS.find((x) => x.id === d)?.da).filter(Boolean);
  return {
    card: render(adminTemplate, {
      t: ctx.t,
      title: fill(ctx.t.coord.caseTitle, { code: c.code }),
      facts: [
        { title: ctx.t.coord.factKind, value: kindLabel(ctx, c) },
        { title: ctx.t.coord.factCoach[c.kind], value: nameOf(ctx, members, c.coachId) },
        ...lending.facts,
        { title: ctx.t.coord.goalsAgreedFact, value: c.goalsAgreed ? fill(ctx.t.coord.goalsAgreedAt, { date: shortDate(ctx, c.goalsAgreed.at), name: nameOf(ctx, members, c.goalsAgreed.by) }) : ctx.t.coord.goalsNotAgreed },
        { title: ctx.t.coord.factStatus, value: ctx.t.common.caseStatus[c.status] + (c.closeReason ? ` · ${ctx.t.coord.reasons[c.closeReason]}${c.closeReasonText ? `: ${c.closeReasonText}` : ""}` : "") },
        ...(c.status === "paused" && c.pause
          ? [{ title: ctx.t.coord.pauseFact, value: fill(ctx.t.coord.pauseFactValue, { reason: ctx.t.coord.pauseReasons[c.pause.reason], date: shortDate(ctx, `${c.pause.until}T12:00:00Z`) }) }]
          : []),
        ...(c.family ? [{ title: ctx.t.coord.familyFact, value: c.family.code }] : []),
        // A closed case: when the corps' retention period erases it (the corps as known this minute).
        ...(c.status === "closed" && c.closedAt ? [{ title: ctx.t.coord.erasedOnFact, value: shortDate(ctx, `${erasureDate(c, retentionOf(ctx.who.corps))}T12:00:00Z`) }] : []),
        { title: ctx.t.coord.factReferral, value: shortDate(ctx, c.referral.receivedAt) },
        {
          title: ctx.t.coord.factOpened,
          value: c.status === "referred" ? ctx.t.coord.notStarted : c.status === "clarifying" ? ctx.t.coord.notStartedClarifying : shortDate(ctx, c.startedAt ?? c.openedAt),
        },
        { title: ctx.t.coord.factLast, value: c.lastReflection ? shortDate(ctx, c.lastReflection.at) : ctx.t.coord.none },
        { title: ctx.t.coord.factDimensions, value: dims.length > 0 ? dims.join(", ") : ctx.t.coord.none },
      ],
      goals: c.goalForm.goals.map((g) => `- ${g.text}${g.score === undefined ? "" : ` (${g.score}/10)`}`).join("\n") || ctx.t.coord.none,
      statuses: statusLines(ctx, c, entries),
      afterReflection: c.status === "closed" ? afterReflectionText(ctx, c, entries) : "",
      flags: flagsLine(ctx, c, members),
      done,
      warnings: [...(notSaved ? [ctx.t.coord.changeNotSaved] : []), ...warnings(ctx, c, members)],
      actions,
      caseId: c.id,
    }),
  };
}

/**
 * Opens a card about one case the coordinator may reach: a case not found (or out of reach) goes back to the list; a
 * closed one says so, unless the card is for closed cases too (the case card).
 */
async function withCaseOf(ctx: VerbContext, data: unknown, open: (c: Case, members: readonly Member[]) => Reply | Promise<Reply>, closedToo = false): Promise<Reply> {
  const got = await readCase(ctx, data);
  if (!got) return staleReply(ctx, "notFound", "coord.cases", "");
  if (got.doc.status === "closed" && !closedToo) return staleReply(ctx, "closed", "coord.case", got.doc.id);
  return open(got.doc, await ctx.repos.members.list(corpsIdOf(ctx)));
}

async function caseOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  // Opened from a month's summary: the status meeting with the case's mentor can be moved from here.
  const month = Month.safeParse(submittedValues(data).month);
  const extra = (c: Case) => (month.success && inWork(c) ? [action(ctx.t.checkin.moveMeeting, "checkin.meeting", { caseId: c.id, month: month.data })] : []);
  // The entries (the status notes) are read only once the case is known to be in reach.
  return withCaseOf(
    ctx,
    data,
    async (c, members) => {
      const [entries, lendings, corps] = await Promise.all([ctx.repos.entries.listForCase(corpsIdOf(ctx), c.id), ctx.repos.lendings.list(corpsIdOf(ctx)), ctx.repos.corps.list()]);
      const lending = lendingOnCase(ctx, c, currentLending(lendings, c.id), new Map(corps.map((x) => [x.corpsId, x])));
      return caseCard(ctx, c, members, entries, extra(c), false, "", lending);
    },
    true,
  );
}

// ── Changes ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The messages a change owes the coaches, one per notice: written before the change (each once — its id is the
 * notice's), sent after the answer; a message whose change never happened is dropped by its sender.
 */
async function oweNotices(ctx: VerbContext, caseId: string, actionId: string, notices: readonly Notice[]): Promise<string[]> {
  const corpsId = corpsIdOf(ctx);
  const ids: string[] = [];
  for (const n of notices) {
    const job = messageJob(corpsId, { what: "notice", caseId, actionId, noticeId: n.id, to: n.to }, ctx.clock());
    await ctx.repos.jobs.create(job);
    ids.push(job.id);
  }
  return ids;
}

/**
 * Every change: decide on the case as read; hand the card back, or answer a stale card; else write the notices' job,
 * then the case (ETag-checked, re-applied on a concurrent write), keep the coaches'
 * case indexes current, and send the notices after answering.
 */
async function change(
  ctx: VerbContext,
  data: unknown,
  decide: (values: Record<string, string>, c: Case | undefined, members: readonly Member[]) => ChangeDecision,
  handBack: (c: Case, members: readonly Member[], values: Record<string, string>, problems: readonly Problem[]) => Reply,
  done: (c: Case, members: readonly Member[], notices: readonly Notice[]) => Reply,
): Promise<Reply> {
  const values = submittedValues(data);
  const corpsId = corpsIdOf(ctx);
  const [got, members] = await Promise.all([values.caseId ? ctx.cases.get(values.caseId, "coordinator") : undefined, ctx.repos.members.list(corpsId)]);
  const d = decide(values, got?.doc, members);
  if (d.kind === "stale") return staleReply(ctx, d.reason, "coord.case", values.caseId ?? "");
  const c = got!.doc;
  if (d.kind === "refused") return handBack(c, members, values, d.problems);
  let after: Case;
  let owed: string[];
  try {
    owed = await oweNotices(ctx, c.id, d.actionId, d.notices);
    const updated = await ctx.cases.update(got!, d.change, "coordinator");
    after = updated.after;
    const former = d.formerCoachId ?? (updated.before.coachId !== after.coachId ? updated.before.coachId : undefined);
    await ctx.deriver.projectCase(after, former);
  } catch (err) {
    if (err instanceof ChangedMeanwhile) return staleReply(ctx, "changed", "coord.case", c.id);
    ctx.log.error({ event: "case.change.notSaved", corpsId, caseId: c.id, err: { message: (err as Error).message } }, "the store did not take the change");
    return handBack(c, members, values, [{ field: "", code: "notSaved" }]);
  }
  void ctx.outbox.sendNow(corpsId, owed);
  if (d.pause && after.pause?.actionId === d.actionId) {
    // The coordinator is reminded the morning the pause was expected to end (sent then by the scheduler; once).
    const remindAt = pauseEndsAt(d.pause.until);
    if (remindAt) await ctx.repos.jobs.create(messageJob(corpsId, { what: "pauseEnds", caseId: c.id, actionId: d.actionId, to: after.coordinatorId.toLowerCase() }, ctx.clock(), remindAt)).catch(() => undefined);
  }
  // A lent coach's case that closes ends the lending (the guest loses the case; both corps are told).
  if (after.status === "closed") await endLendingsOfCase(ctx, corpsId, after.id).catch((err) => ctx.log.error({ event: "lending.end.failed", corpsId, caseId: c.id, err: { message: (err as Error).message } }, "lending not ended"));
  ctx.log.info({ event: "case.changed", corpsId, caseId: c.id, actionId: d.actionId, status: after.status }, "case changed");
  return done(after, members, after.notices.filter((n) => n.id.startsWith(`${d.actionId}:`)));
}

function doneCard(ctx: VerbContext, c: Case, title: string, notes: string[], actions = [backToCase(ctx, c.id), action(ctx.t.coord.allCases, "coord.cases")]): Reply {
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title,
      subtitle: kindTitle(ctx, c),
      facts: [],
      notes,
      actions: [...actions, action(ctx.t.common.menu, "menu")],
    }),
  };
}

const toldNote = (ctx: VerbContext, members: readonly Member[], notices: readonly Notice[]) =>
  notices.length > 0 ? [fill(ctx.t.coord.coachTold, { coach: nameOf(ctx, members, notices[0].to) })] : [];

const goalsOpen = (ctx: VerbContext, data: unknown) => withCaseOf(ctx, data, (c, members) => caseForm(ctx, members, c, {}));

const goalsSubmit = (ctx: VerbContext, data: unknown) =>
  change(
    ctx,
    data,
    (values, c) => decideGoals(values, c, ctx.who.member),
    (c, members, values, problems) => caseForm(ctx, members, c, values, problems),
    (c) => doneCard(ctx, c, fill(ctx.t.coord.goalsSaved, { code: c.code }), [c.goalForm.goals.map((g) => `- ${g.text} (${g.score ?? "–"}/10)`).join("\n")]),
  );

function reassignCard(ctx: VerbContext, c: Case, members: readonly Member[], given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  return {
    card: render(reassignTemplate, {
      t: ctx.t,
      title: fill(ctx.t.coord.reassignTitle, { code: c.code }),
      intro: fill(ctx.t.coord.reassignIntro, { coach: nameOf(ctx, members, c.coachId) }),
      ...problemView(ctx, problems, { coachId: ctx.t.coord.reassignTo }),
      value: given.coachId ?? "",
      coaches: coachChoices(ctx, members, c.kind).filter((m) => m.value.toLowerCase() !== c.coachId.toLowerCase()),
      // Or a coach of another corps, for this one case (bot/verbs/lending.ts).
      borrowTitle: ctx.t.lending.ask[c.kind],
      caseId: c.id,
      data: { verb: "coord.reassignSubmit", caseId: c.id, cardVersion: c.version, submissionId: given.submissionId ?? randomUUID() },
    }),
  };
}

const reassignOpen = (ctx: VerbContext, data: unknown) => withCaseOf(ctx, data, (c, members) => reassignCard(ctx, c, members));

const reassignSubmit = (ctx: VerbContext, data: unknown) =>
  change(
    ctx,
    data,
    (values, c, members) => decideReassign(values, c, ctx.who.member, members, ctx.clock()),
    (c, members, values, problems) => reassignCard(ctx, c, members, values, problems),
    (c, members, notices) => {
      const former = notices.find((n) => n.kind === "handedAway")?.to;
      return doneCard(ctx, c, fill(ctx.t.coord.reassigned, { code: c.code, coach: nameOf(ctx, members, c.coachId) }), [
        fill(ctx.t.coord.bothTold, { new: nameOf(ctx, members, c.coachId), former: nameOf(ctx, members, former) }),
      ]);
    },
  );

/** Pause, resume and start closing are one press on the case card; a refusal cannot happen (no inputs). */
/** The pause card: why, and until about when (the coordinator is reminded that morning). */
function pauseCard(ctx: VerbContext, c: Case, given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  const now = ctx.clock();
  const coach = ctx.t.coord.theCoach[c.kind];
  return {
    card: render(pauseTemplate, {
      t: ctx.t,
      title: fill(ctx.t.coord.pauseTitle, { code: c.code }),
      intro: fill(ctx.t.coord.pauseIntro, { coach, Coach: capitalised(coach) }),
      ...problemView(ctx, problems, { reason: ctx.t.coord.pauseReason, until: ctx.t.coord.pauseUntil }),
      reasons: PAUSE_REASONS.map((r) => ({ title: ctx.t.coord.pauseReasons[r], value: r })),
      values: { reason: given.reason ?? "", until: given.until ?? "" },
      min: localDate(new Date(now.getTime() + 86_400_000)),
      max: localDate(new Date(now.getTime() + PAUSE_MAX_DAYS * 86_400_000)),
      caseId: c.id,
      data: { verb: "coord.pauseSubmit", caseId: c.id, cardVersion: c.version, submissionId: given.submissionId ?? randomUUID() },
    }),
  };
}

const pauseOpen = (ctx: VerbContext, data: unknown) => withCaseOf(ctx, data, (c) => (c.status === "active" ? pauseCard(ctx, c) : staleReply(ctx, "changed", "coord.case", c.id)));

const pauseSubmit = (ctx: VerbContext, data: unknown) =>
  change(
    ctx,
    data,
    (values, c) => decidePause(values, c, ctx.who.member, ctx.clock(), true),
    (c, _members, values, problems) => pauseCard(ctx, c, values, problems),
    (c, members, notices) =>
      doneCard(ctx, c, fill(ctx.t.coord.paused, { code: c.code }), [
        ...(c.pause ? [fill(ctx.t.coord.pauseFactValue, { reason: ctx.t.coord.pauseReasons[c.pause.reason], date: shortDate(ctx, `${c.pause.until}T12:00:00Z`) })] : []),
        ...toldNote(ctx, members, notices),
        ...(c.pause ? [fill(ctx.t.coord.pauseReminder, { date: shortDate(ctx, `${c.pause.until}T12:00:00Z`) })] : []),
      ]),
  );

function simpleChange(kind: "resume" | "startClosing") {
  return (ctx: VerbContext, data: unknown) =>
    change(
      ctx,
      data,
      (values, c) => (kind === "startClosing" ? decideStartClosing(values, c, ctx.who.member, ctx.clock()) : decidePause(values, c, ctx.who.member, ctx.clock(), false)),
      // No inputs, so the only refusal is a store that did not take it: the case card again, saying so.
      (c, members) => caseCard(ctx, c, members, [], [], true),
      (c, members, notices) =>
        doneCard(ctx, c, fill(kind === "resume" ? ctx.t.coord.resumed : ctx.t.coord.closingStarted, { code: c.code }), toldNote(ctx, members, notices)),
    );
}

/** The contact phase's steps, pressed on the case card: the case card again, saying what changed. */
function contactChange(step: "contactMade" | "start") {
  return (ctx: VerbContext, data: unknown) =>
    change(
      ctx,
      data,
      (values, c) => decideContact(step)(values, c, ctx.who.member, ctx.clock()),
      (c, members) => caseCard(ctx, c, members, [], [], true),
      (c, members) => caseCard(ctx, c, members, [], [], false, fill(step === "start" ? ctx.t.coord.startDone : ctx.t.coord.contactMadeDone, { code: c.code })),
    );
}

/** The close card; `noDialogue`: the mentor has not saved the closing dialogue with the citizen (closing now is allowed). */
function closeCard(ctx: VerbContext, c: Case, given: Record<string, string> = {}, problems: readonly Problem[] = [], noDialogue = false): Reply {
  const labels: Record<string, string> = { reason: ctx.t.coord.reason, reasonText: ctx.t.coord.reasonText, confirm: ctx.t.coord.confirmLabel };
  return {
    card: render(closeTemplate, {
      t: ctx.t,
      title: fill(ctx.t.coord.closeTitle, { code: c.code }),
      ...problemView(ctx, problems, labels, { reasonText: ctx.t.coord.reasonTextMissing, confirm: fill(ctx.t.coord.confirmMissing, { code: c.code }) }),
      values: { reason: given.reason ?? "", reasonText: given.reasonText ?? "" },
      noDialogue,
      confirmTitle: fill(ctx.t.coord.confirmTitle, { code: c.code }),
      noDialogueText: fill(ctx.t.coord.noClosingDialogue, { Coach: capitalised(ctx.t.coord.theCoach[c.kind]) }),
      afterNote: fill(ctx.t.coord.afterNote, { coach: ctx.t.coord.theCoach[c.kind], days: AFTER_REFLECTION_DAYS }),
      reasons: closeReasonsFor(c).map((r) => ({ value: r, title: ctx.t.coord.reasons[r] })),
      caseId: c.id,
      // (The warning travels with the card, so a card handed back still shows it.)
      data: { verb: "coord.closeSubmit", caseId: c.id, cardVersion: c.version, submissionId: given.submissionId ?? randomUUID(), noDialogue: String(noDialogue) },
    }),
  };
}

/** Has the mentor saved the closing dialogue with the citizen (001 §5.3)? The close card warns when not. */
const hasClosingDialogue = async (ctx: VerbContext, c: Case) => (await ctx.repos.entries.listForCase(c.corpsId, c.id)).some((e) => e.type === "closing");

// A case that never started has no closing dialogue to hold.
const closeOpen = (ctx: VerbContext, data: unknown) => withCaseOf(ctx, data, async (c) => closeCard(ctx, c, {}, [], !inContactPhase(c) && !(await hasClosingDialogue(ctx, c))));

const closeSubmit = (ctx: VerbContext, data: unknown) =>
  change(
    ctx,
    data,
    (values, c) => decideClose(values, c, ctx.who.member, ctx.clock()),
    (c, _members, values, problems) => closeCard(ctx, c, values, problems, !problems.some((p) => p.code === "notSaved") && values.noDialogue === "true"),
    (c, members, notices) =>
      doneCard(ctx, c, fill(ctx.t.coord.closed, { code: c.code }), [
        fill(ctx.t.coord.closedText, { reason: c.closeReason ? ctx.t.coord.reasons[c.closeReason] : "" }),
        ...toldNote(ctx, members, notices),
        fill(ctx.t.coord.closedAfter, { Coach: capitalised(ctx.t.coord.theCoach[c.kind]), date: shortDate(ctx, afterReflectionUntil(c)!.toISOString()) }),
      ]),
  );

/** How many of a case's access-log lines the card shows (newest first). */
const ACCESS_SHOWN = 30;

/**
 * «Adgangslog»: who reached the case, when, as what and through which flow — what a citizen may ask for (issue 22).
 * Reading it is itself in the log (this flow).
 */
async function accessLog(ctx: VerbContext, data: unknown): Promise<Reply> {
  return withCaseOf(
    ctx,
    data,
    async (c, members) => {
      const lines = await ctx.repos.access.listForCase(c.corpsId, c.id, ACCESS_SHOWN);
      const text = lines
        .map((l) =>
          fill(ctx.t.coord.accessLine, {
            when: `${shortDate(ctx, l.at)} ${localTime(new Date(l.at))}`,
            name: nameOf(ctx, members, l.by),
            role: ctx.t.coord.accessRoles[l.role === "coach" ? c.kind : l.role],
            action: ctx.t.coord.accessActions[l.action],
            flow: flowName(l.flow, ctx.lang),
          }),
        )
        .join("\n");
      return notice(ctx, fill(ctx.t.coord.accessTitle, { code: c.code }), `${ctx.t.coord.accessIntro}\n\n${text || ctx.t.coord.none}`, [backToCase(ctx, c.id)]);
    },
    true,
  );
}

// ── Erasure (issue 22: a citizen's request, src/store/erasure.ts) ───────────────────────────────────

function eraseCard(ctx: VerbContext, c: Case, value = "", problems: readonly Problem[] = []): Reply {
  const confirmLabel = fill(ctx.t.coord.eraseConfirm, { code: c.code });
  const missing = fill(ctx.t.coord.eraseMissing, { code: c.code });
  return {
    card: render(eraseTemplate, {
      t: ctx.t,
      title: fill(ctx.t.coord.eraseTitle, { code: c.code }),
      ...problemView(ctx, problems, { [ERASE_CONFIRM_FIELD]: confirmLabel }, { [ERASE_CONFIRM_FIELD]: missing }),
      confirmLabel,
      missing,
      value,
      caseId: c.id,
    }),
  };
}

const eraseOpen = (ctx: VerbContext, data: unknown) => withCaseOf(ctx, data, (c) => eraseCard(ctx, c), true);

/**
 * Erases the case once its code is typed: the case card's last step. A wrong code hands the card back; a store that
 * cannot finish now says so (the erase job finishes it).
 */
async function eraseSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const values = submittedValues(data);
  const got = await readCase(ctx, data);
  const d = decideErase(values, got?.doc, ctx.who.member);
  if (d.kind === "notFound") return staleReply(ctx, "notFound", "coord.cases", "");
  const c = got!.doc;
  if (d.kind === "refused") return eraseCard(ctx, c, values[ERASE_CONFIRM_FIELD] ?? "", d.problems);
  try {
    await tellErased(ctx, c.corpsId, c.id);
    await ctx.cases.erase(c, ctx.clock, ctx.log);
  } catch (err) {
    ctx.log.error({ event: "case.erase.unfinished", corpsId: c.corpsId, caseId: c.id, err: { message: (err as Error).message } }, "erasure not finished");
    return eraseCard(ctx, c, values[ERASE_CONFIRM_FIELD] ?? "", [{ field: "", code: "notSaved" }]);
  }
  const now = ctx.clock().toISOString();
  return doneCard(ctx, c, fill(ctx.t.coord.erased, { code: c.code }), [fill(ctx.t.coord.erasedText, { name: ctx.who.member.name, date: shortDate(ctx, now) })], [
    action(ctx.t.coord.allCases, "coord.cases"),
  ]);
}

/** The coordinator's verbs (the verb table, bot/verbs/index.ts, lets only coordinators press them). */
export const COORDINATOR_VERBS = {
  "coord.new": newCaseOpen,
  "coord.create": newCaseSubmit,
  "coord.cases": corpsCases,
  "coord.case": caseOpen,
  "coord.goals": goalsOpen,
  "coord.goalsSubmit": goalsSubmit,
  "coord.reassign": reassignOpen,
  "coord.reassignSubmit": reassignSubmit,
  "coord.pauseOpen": pauseOpen,
  "coord.pauseSubmit": pauseSubmit,
  "coord.contactMade": contactChange("contactMade"),
  "coord.start": contactChange("start"),
  "coord.resume": simpleChange("resume"),
  "coord.startClosing": simpleChange("startClosing"),
  "coord.close": closeOpen,
  "coord.closeSubmit": closeSubmit,
  "coord.flagsHandled": flagsHandled,
  "coord.access": accessLog,
  "coord.erase": eraseOpen,
  "coord.eraseSubmit": eraseSubmit,
  "coord.goalsAgreed": (ctx: VerbContext, data: unknown) =>
    change(
      ctx,
      data,
      (values, c) => decideGoalsAgreed(values, c, ctx.who.member, ctx.clock()),
      (c, members) => caseCard(ctx, c, members, [], [], true),
      (c, members) => caseCard(ctx, c, members, [], [], false, fill(ctx.t.coord.goalsAgreedDone, { code: c.code })),
    ),
};
