// The coordinator's work on cases (001 §3.3, §4.1–§4.2, §5.3–§5.4): open a case from a referral with its målskema,
// change the goals, hand the case to another coach, pause and resume it, start closing it, and close it with a reason
// (the after-reflection follows: src/domain/after-reflection.ts). Pure rules: card values and the case in, a decision out. Each change is applied once
// (the action id is remembered on the case), and names the notices the coach is owed.
import { z } from "zod";
import { CardEnvelope, choiceProblem, splitMulti, textProblems, type Problem, type Stale } from "./forms";
import {
  PAUSE_REASONS,
  type Pause,
  CLOSE_REASONS,
  CONTACT_CLOSE_REASONS,
  DIMENSIONS,
  inContactPhase,
  type Case,
  type CaseKind,
  type CloseReason,
  type Goal,
  type GoalForm,
  type Member,
  type Notice,
  type Role,
} from "./model";
import { APPLIED_KEPT, FLAGS_KEPT } from "./derive";
import { withDelivery } from "./delivery";
import { localToInstant } from "./time";

/** At most five goals on a målskema (001 §4.2: a few goals the citizen can work towards). */
export const MAX_GOALS = 5;
export const GOAL_SLOTS = Array.from({ length: MAX_GOALS }, (_, i) => i + 1);
export const goalField = (slot: number) => `goal${slot}`;
export const scoreField = (slot: number) => `score${slot}`;
export const GOAL_FORM_TEXT_FIELDS = ["worries", "working", ...GOAL_SLOTS.map(goalField)] as const;
/** How many notices a case keeps (the newest; older ones were delivered long ago). */
export const NOTICES_KEPT = 20;

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I). */
export const CODE_CHARS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/** A pseudonymous case code: "ME-7Q3F" for a mentor case, "PC-…" for a relative-coach case. Never derived from a person. */
export function caseCode(kind: CaseKind, random: () => number, taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    const code = `${kind === "mentor" ? "ME" : "PC"}-${Array.from({ length: 4 }, () => CODE_CHARS[Math.floor(random() * CODE_CHARS.length)]).join("")}`;
    if (!taken.has(code)) return code;
  }
}

/** The role a coach needs to hold a case of this kind. */
export const roleFor = (kind: CaseKind): Role => (kind === "mentor" ? "mentor" : "relativeCoach");
export const isCoordinator = (m: Pick<Member, "roles">) => m.roles.includes("coordinator");
/** The members who may hold a case of this kind. */
/** The corps' own coaches of a kind (a guest lent by another corps coaches only the case they were lent for). */
export const coachesFor = (members: readonly Member[], kind: CaseKind) => members.filter((m) => m.roles.includes(roleFor(kind)) && !m.guest);

function notice(actionId: string, kind: Notice["kind"], to: string, by: string, now: Date): Notice {
  return { id: `${actionId}:${kind}`, kind, to: to.toLowerCase(), by: by.toLowerCase(), at: now.toISOString() };
}

export function withNoticeDelivery(c: Case, noticeId: string, delivery: NonNullable<Notice["delivery"]>): Case {
  const notices = withDelivery(c.notices, noticeId, delivery);
  return notices ? { ...c, notices, revision: c.revision + 1 } : c;
}

/**
 * A coach removed from the corps' team: each of their open cases gets a flag for the coordinator to hand it over.
 * `eventId`: the Teams event, so a repeated event adds no second flag.
 */
export function withCoachLeft(c: Case, eventId: string, now: Date): Case {
  const id = `left-${eventId}:coachLeft`;
  if (c.status === "closed" || c.flags.some((f) => f.id === id)) return c;
  const flag = { id, kind: "coachLeft" as const, entryId: `left-${eventId}`, at: now.toISOString(), raisedBy: c.coachId };
  return { ...c, flags: [...c.flags, flag].slice(-FLAGS_KEPT), revision: c.revision + 1 };
}

/** Someone with a role in the corps: the one a change of their case is for (someone who left is not told). */
export const hasRole = (m: Pick<Member, "roles">) => m.roles.length > 0;

/** Notices Løft could not deliver to a coach still in the corps, newest last: the coordinator must tell them directly. */
export function unreachedNotices(c: Case, members: readonly Member[]): Notice[] {
  const inCorps = (id: string) => members.some((m) => m.aadObjectId.toLowerCase() === id.toLowerCase() && hasRole(m));
  return c.notices.filter((n) => (n.delivery === "unreachable" || n.delivery === "gone") && inCorps(n.to));
}

/** The coordinator's list order: a flag in the last 30 days first, then the case reflected on longest ago (or never). */
export function byAttention(now: Date): (a: Case, b: Case) => number {
  const since = now.getTime() - 30 * 24 * 3600_000;
  const flagged = (c: Case) => c.flags.some((f) => Date.parse(f.at) >= since);
  const last = (c: Case) => (c.lastReflection ? Date.parse(c.lastReflection.at) : 0);
  return (a, b) => Number(flagged(b)) - Number(flagged(a)) || last(a) - last(b) || a.code.localeCompare(b.code);
}

// ── The målskema (new case and change of goals) ─────────────────────────────────────────────────

/** The målskema from the card: what worries, what works, and up to five goals each with a 0–10 score. */
function goalFormFrom(values: Record<string, string>, previous: readonly Goal[] = []): { form?: GoalForm; problems: Problem[] } {
  const problems: Problem[] = [...textProblems(values, GOAL_FORM_TEXT_FIELDS, [])];
  const goals: Goal[] = [];
  const usedIds = new Set<string>();
  let nextId = previous.reduce((n, g) => Math.max(n, Number(/^g(\d+)$/.exec(g.id)?.[1] ?? 0)), 0);
  for (const slot of GOAL_SLOTS) {
    const text = (values[goalField(slot)] ?? "").trim();
    const rawScore = (values[scoreField(slot)] ?? "").trim();
    if (!text) {
      if (rawScore) problems.push({ field: goalField(slot), code: "required" });
      continue;
    }
    const score = Number(rawScore);
    if (!rawScore) problems.push({ field: scoreField(slot), code: "required" });
    else if (!Number.isInteger(score) || score < 0 || score > 10) problems.push({ field: scoreField(slot), code: "invalid" });
    // A goal keeps its id where it stood (its earlier scores belong to it); a new goal gets a new id.
    const kept = previous[slot - 1];
    const id = kept && !usedIds.has(kept.id) ? kept.id : `g${++nextId}`;
    usedIds.add(id);
    goals.push({ id, text, score: Number.isInteger(score) ? score : undefined });
  }
  if (goals.length === 0 && !problems.some((p) => p.field.startsWith("goal"))) problems.push({ field: goalField(1), code: "required" });
  if (problems.length > 0) return { problems };
  return { form: { worries: (values.worries ?? "").trim(), working: (values.working ?? "").trim(), goals }, problems };
}

// ── A new case ──────────────────────────────────────────────────────────────────────────────────

const NewCaseEnvelope = z.object({ submissionId: z.string().uuid() });
export const caseIdFor = (submissionId: string) => `case-${submissionId}`;

export type NewCaseDecision = { kind: "stale"; reason: Stale } | { kind: "refused"; problems: Problem[] } | { kind: "ok"; case: Case; notices: Notice[] };

/**
 * "Nyt forløb": the kind, the coach (a member holding that kind's role), the referral date (not in the future), the
 * dimensions the referral pointed at, and the målskema. The case id comes from the card's submission id, so a
 * replayed submission creates nothing new; the code is Løft's own (`code`, free of the corps' other codes).
 */
/** The field naming another case of the same family (optional), and the cases it may name: the corps' cases not closed. */
export const FAMILY_FIELD = "family";
export const familyChoices = <C extends Pick<Case, "id" | "status">>(cases: readonly C[]): C[] => cases.filter((c) => c.status !== "closed");

/**
 * A new case from the infohus' referral: it starts as «henvist» — the coach seeks contact on the citizen's terms (004
 * Trin 1) — and becomes active when the citizen says yes. `cases`: the corps' cases, for a family link.
 */
export function decideNewCase(values: Record<string, string>, actor: Member, members: readonly Member[], now: Date, code: string, today: string, cases: readonly Pick<Case, "id" | "status" | "code">[] = []): NewCaseDecision {
  const envelope = NewCaseEnvelope.safeParse(values);
  if (!envelope.success || !isCoordinator(actor)) return { kind: "stale", reason: "notFound" };
  const problems: Problem[] = [...choiceProblem(values, "kind", ["mentor", "relativeCoach"], true)];
  const kind = values.kind as CaseKind;
  const coachId = (values.coachId ?? "").toLowerCase();
  if (!coachId) problems.push({ field: "coachId", code: "required" });
  else if (problems.length === 0 && !coachesFor(members, kind).some((m) => m.aadObjectId.toLowerCase() === coachId)) problems.push({ field: "coachId", code: "wrongRole" });
  const referral = values.referralDate ?? "";
  // Noon in Copenhagen on the referral's day; a date that does not exist or lies ahead is refused.
  const receivedAt = localToInstant(referral, "12:00");
  if (!referral) problems.push({ field: "referralDate", code: "required" });
  else if (!receivedAt || referral > today) problems.push({ field: "referralDate", code: "invalid" });
  const dimensions = splitMulti(values.dimensions).map(Number);
  if (dimensions.some((d) => !DIMENSIONS.some((x) => x.id === d))) problems.push({ field: "dimensions", code: "invalid" });
  const goalForm = goalFormFrom(values);
  problems.push(...goalForm.problems);
  const linked = values[FAMILY_FIELD] ? familyChoices(cases).find((c) => c.id === values[FAMILY_FIELD]) : undefined;
  if (values[FAMILY_FIELD] && !linked) problems.push({ field: FAMILY_FIELD, code: "invalid" });
  if (problems.length > 0 || !goalForm.form) return { kind: "refused", problems };

  const actionId = envelope.data.submissionId;
  const notices = [notice(actionId, "assigned", coachId, actor.aadObjectId, now)];
  return {
    kind: "ok",
    notices,
    case: {
      type: "case",
      id: caseIdFor(actionId),
      corpsId: actor.corpsId,
      code,
      kind,
      coachId,
      coordinatorId: actor.aadObjectId.toLowerCase(),
      status: "referred",
      referral: { receivedAt: receivedAt!.toISOString(), dimensions: [...new Set(dimensions)].sort((a, b) => a - b) },
      goalForm: goalForm.form,
      openedAt: now.toISOString(),
      ...(linked ? { family: { caseId: linked.id, code: linked.code } } : {}),
      flags: [],
      notices,
      version: 1,
      revision: 0,
      applied: [actionId],
    },
  };
}

// ── Changes to a case ───────────────────────────────────────────────────────────────────────────

export type Change = (c: Case) => Case;
export type ChangeDecision =
  | { kind: "stale"; reason: Stale }
  | { kind: "refused"; problems: Problem[] }
  | { kind: "ok"; actionId: string; change: Change; notices: Notice[]; formerCoachId?: string; pause?: Pause };

/** The card's envelope against the case and the coordinator: stale, or fresh with the action's id. */
/** What a coordinator can change about a case. */
export type CaseChange = "goals" | "reassign" | "contactMade" | "start" | "pause" | "resume" | "startClosing" | "close";

/**
 * The changes a case allows as it is now: the coordinator's case card offers exactly these, and each decision below
 * refuses a change that is not among them (a card pressed after the case moved on).
 */
export function changesOffered(c: Pick<Case, "status">): CaseChange[] {
  if (c.status === "closed") return [];
  const open = c.status === "active" || c.status === "paused";
  return [
    "goals",
    "reassign",
    ...(c.status === "referred" ? (["contactMade"] as const) : []),
    ...(c.status === "clarifying" ? (["start"] as const) : []),
    ...(c.status === "active" ? (["pause"] as const) : []),
    ...(c.status === "paused" ? (["resume"] as const) : []),
    ...(open ? (["startClosing"] as const) : []),
    "close",
  ];
}

function openChange(values: Record<string, string>, c: Case | undefined, actor: Member, change: CaseChange): { stale: Stale } | { actionId: string; case: Case } {
  const envelope = CardEnvelope.safeParse(values);
  if (!envelope.success || !c || !isCoordinator(actor) || c.corpsId !== actor.corpsId) return { stale: "notFound" };
  // A replay of a change already made is not stale: it answers as the first time did.
  if (c.applied.includes(envelope.data.submissionId)) return { actionId: envelope.data.submissionId, case: c };
  if (c.status === "closed") return { stale: "closed" };
  if (c.version !== envelope.data.cardVersion || !changesOffered(c).includes(change)) return { stale: "changed" };
  return { actionId: envelope.data.submissionId, case: c };
}

/**
 * A change made meanwhile by someone else (another coordinator, another press): the card's decision no longer holds.
 * Thrown from inside a change when the case, as re-read after a concurrent write, is not the one the card was for.
 */
export class ChangedMeanwhile extends Error {
  constructor() {
    super("the case changed meanwhile");
  }
}

/**
 * A change applied once: a case that remembers the action is returned as it is. `holds`: whether the case (as read
 * now, perhaps re-read after a concurrent write) is still the one the decision was made for.
 */
function once(actionId: string, notices: Notice[], change: Change, staleCards: boolean, holds: (c: Case) => boolean): Change {
  return (c) => {
    if (c.applied.includes(actionId)) return c;
    if (!holds(c)) throw new ChangedMeanwhile();
    const next = change(c);
    return {
      ...next,
      notices: [...c.notices, ...notices].slice(-NOTICES_KEPT),
      applied: [...c.applied, actionId].slice(-APPLIED_KEPT),
      version: staleCards ? c.version + 1 : c.version,
      revision: c.revision + 1,
    };
  };
}

/**
 * «Målskemaet er aftalt»: the målskema agreed with the citizen at the start-up meeting (001 §4.1–4.2: made together,
 * "en rød tråd"). Offered while the goals can change; the coach's open cards stay valid; recorded once.
 */
export function decideGoalsAgreed(values: Record<string, string>, c: Case | undefined, actor: Member, now: Date): ChangeDecision {
  const open = openChange(values, c, actor, "goals");
  if ("stale" in open) return { kind: "stale", reason: open.stale };
  const agreed = { at: now.toISOString(), by: actor.aadObjectId.toLowerCase() };
  return { kind: "ok", actionId: open.actionId, notices: [], change: once(open.actionId, [], (x) => (x.goalsAgreed ? x : { ...x, goalsAgreed: agreed }), false, () => true) };
}

/** New goals (or new wording, scores, worries): the open cards of the coach become stale ("changed"). */
export function decideGoals(values: Record<string, string>, c: Case | undefined, actor: Member): ChangeDecision {
  const open = openChange(values, c, actor, "goals");
  if ("stale" in open) return { kind: "stale", reason: open.stale };
  const { form, problems } = goalFormFrom(values, open.case.goalForm.goals);
  if (!form) return { kind: "refused", problems };
  const version = open.case.version;
  return { kind: "ok", actionId: open.actionId, notices: [], change: once(open.actionId, [], (x) => ({ ...x, goalForm: form }), true, (x) => x.version === version) };
}

/** Hand the case to another coach of its kind: both are told; the former's open cards answer as for a case not theirs. */
export function decideReassign(values: Record<string, string>, c: Case | undefined, actor: Member, members: readonly Member[], now: Date): ChangeDecision {
  const open = openChange(values, c, actor, "reassign");
  if ("stale" in open) return { kind: "stale", reason: open.stale };
  const to = (values.coachId ?? "").toLowerCase();
  const former = open.case.coachId.toLowerCase();
  if (!to) return { kind: "refused", problems: [{ field: "coachId", code: "required" }] };
  if (!coachesFor(members, open.case.kind).some((m) => m.aadObjectId.toLowerCase() === to)) return { kind: "refused", problems: [{ field: "coachId", code: "wrongRole" }] };
  if (to === former && !open.case.applied.includes(open.actionId)) return { kind: "refused", problems: [{ field: "coachId", code: "sameCoach" }] };
  const notices = [notice(open.actionId, "handedOver", to, actor.aadObjectId, now), notice(open.actionId, "handedAway", former, actor.aadObjectId, now)];
  return { kind: "ok", actionId: open.actionId, notices, formerCoachId: former, change: once(open.actionId, notices, (x) => ({ ...x, coachId: to }), true, (x) => x.version === open.case.version) };
}

/**
 * A lending agreed (src/domain/lending.ts): the case goes to the guest lent by another corps, as a reassign does —
 * the guest and the former coach are told (by the borrowing coordinator who asked); a closed case is not lent.
 */
export function lentTo(c: Case, guestId: string, by: string, actionId: string, now: Date): { notices: Notice[]; formerCoachId: string; change: Change } {
  const to = guestId.toLowerCase();
  const former = c.coachId.toLowerCase();
  const notices = [notice(actionId, "handedOver", to, by, now), ...(former !== to ? [notice(actionId, "handedAway", former, by, now)] : [])];
  return { notices, formerCoachId: former, change: once(actionId, notices, (x) => ({ ...x, coachId: to }), true, (x) => x.status !== "closed") };
}

/** When a pause expected to end on `until` (a local date) reminds the coordinator: 09:00 that morning in Copenhagen. */
export const pauseEndsAt = (until: string): Date | undefined => localToInstant(until, "09:00");

/** A pause is planned for at most this long; the coordinator is reminded on its last day and can pause again. */
export const PAUSE_MAX_DAYS = 183;

/**
 * Pause an active case — why, and until about when (a local date from tomorrow to PAUSE_MAX_DAYS ahead; the
 * coordinator is reminded that morning) — or resume a paused one; the coach is told.
 */
export function decidePause(values: Record<string, string>, c: Case | undefined, actor: Member, now: Date, pause: boolean): ChangeDecision {
  const open = openChange(values, c, actor, pause ? "pause" : "resume");
  if ("stale" in open) return { kind: "stale", reason: open.stale };
  const notices = [notice(open.actionId, pause ? "paused" : "resumed", open.case.coachId, actor.aadObjectId, now)];
  const holds = (x: Case) => x.status === (pause ? "active" : "paused") && x.version === open.case.version;
  if (!pause) return { kind: "ok", actionId: open.actionId, notices, change: once(open.actionId, notices, ({ pause: _ended, ...x }) => ({ ...x, status: "active" }), true, holds) };
  // A replay of a pause already made answers as the first time (its values are the case's).
  if (open.case.applied.includes(open.actionId)) return { kind: "ok", actionId: open.actionId, notices, pause: open.case.pause, change: (x) => x };
  const until = (values.until ?? "").trim();
  const untilAt = pauseEndsAt(until);
  const problems = [
    ...choiceProblem(values, "reason", PAUSE_REASONS, true),
    ...(!until ? [{ field: "until", code: "required" as const }] : !untilAt || untilAt.getTime() <= now.getTime() || untilAt.getTime() > now.getTime() + PAUSE_MAX_DAYS * 86_400_000 ? [{ field: "until", code: "invalid" as const }] : []),
  ];
  if (problems.length) return { kind: "refused", problems };
  const p: Pause = { reason: values.reason as Pause["reason"], until, at: now.toISOString(), by: actor.aadObjectId.toLowerCase(), actionId: open.actionId };
  return { kind: "ok", actionId: open.actionId, notices, pause: p, change: once(open.actionId, notices, (x) => ({ ...x, status: "paused", pause: p }), true, holds) };
}

/**
 * The contact phase (004 Trin 1): contact with the citizen is made («afklaring»: does a case make sense for both?), and
 * the citizen says yes — the case starts (its duration counts from here). The coach's open cards stay valid.
 */
export function decideContact(step: "contactMade" | "start") {
  return (values: Record<string, string>, c: Case | undefined, actor: Member, now: Date): ChangeDecision => {
    const open = openChange(values, c, actor, step);
    if ("stale" in open) return { kind: "stale", reason: open.stale };
    const change: Change = step === "contactMade" ? (x) => ({ ...x, status: "clarifying" }) : (x) => ({ ...x, status: "active", startedAt: now.toISOString() });
    return { kind: "ok", actionId: open.actionId, notices: [], change: once(open.actionId, [], change, false, (x) => x.status === (step === "contactMade" ? "referred" : "clarifying")) };
  };
}

/** The reasons a case can be closed with as it is now: «kontakt ikke etableret» and «takkede nej» only before it started. */
export const closeReasonsFor = (c: Pick<Case, "status">) => CLOSE_REASONS.filter((r) => inContactPhase(c) || !CONTACT_CLOSE_REASONS.includes(r));

/** Start closing: the coach is asked to hold the closing dialogue with the citizen (001 §5.3). */
export function decideStartClosing(values: Record<string, string>, c: Case | undefined, actor: Member, now: Date): ChangeDecision {
  const open = openChange(values, c, actor, "startClosing");
  if ("stale" in open) return { kind: "stale", reason: open.stale };
  const notices = [notice(open.actionId, "closing", open.case.coachId, actor.aadObjectId, now)];
  // The coach's open cards stay valid: the last conversations are still prepared and reflected on.
  return {
    kind: "ok",
    actionId: open.actionId,
    notices,
    change: once(open.actionId, notices, (x) => ({ ...x, status: "closing" }), false, (x) => x.status === "active" || x.status === "paused"),
  };
}

/** The few words «Andet» needs, and the confirmation a close needs (a case is not closed by a slip of the finger). */
export const CLOSE_OTHER_FIELD = "reasonText";
export const CLOSE_CONFIRM_FIELD = "confirm";

/**
 * Close the case with a reason — «Andet» with a few words — confirmed. The after-reflection follows the closing: the
 * coach is asked for theirs at once (the "closed" notice), the coordinator adds theirs on the case
 * (src/domain/after-reflection.ts).
 */
export function decideClose(values: Record<string, string>, c: Case | undefined, actor: Member, now: Date): ChangeDecision {
  const open = openChange(values, c, actor, "close");
  if ("stale" in open) return { kind: "stale", reason: open.stale };
  const problems = [
    ...choiceProblem(values, "reason", closeReasonsFor(open.case), true),
    ...textProblems(values, [CLOSE_OTHER_FIELD], values.reason === "other" ? [CLOSE_OTHER_FIELD] : []),
    ...(values[CLOSE_CONFIRM_FIELD] === "true" ? [] : [{ field: CLOSE_CONFIRM_FIELD, code: "required" as const }]),
  ];
  if (problems.length > 0) return { kind: "refused", problems };
  const reason = values.reason as CloseReason;
  const at = now.toISOString();
  const text = reason === "other" ? { closeReasonText: (values[CLOSE_OTHER_FIELD] ?? "").trim() } : {};
  const notices = [notice(open.actionId, "closed", open.case.coachId, actor.aadObjectId, now)];
  return {
    kind: "ok",
    actionId: open.actionId,
    notices,
    change: once(open.actionId, notices, (x) => ({ ...x, status: "closed", closedAt: at, closeReason: reason, ...text }), true, (x) => x.status !== "closed"),
  };
}
