// Preparation before a conversation (001 §5.2; safety 004 Trin 2): card values in → entry out.
import { choiceProblem, entryId, splitMulti, textProblems, type Decision, type Problem, openSubmission } from "./forms";
import type { Case, SafetyAnswer } from "./model";
import { SAFETY_ANSWERS } from "./questions";
import { z } from "zod";
import { Preparation } from "./model";
import { localDate, localTime, localToInstant } from "./time";

export type PreparationEntry = z.infer<typeof Preparation>;

/** A case nobody has reflected on yet is at its first conversations: offer the checklist (001 §5.1). */
/** Reflections after which the first conversations are surely over, even if the coach never said so. */
export const FIRST_CONVERSATIONS_REFLECTIONS = 3;

/**
 * Are the first conversations still ahead (001 §5.1: the checklist is offered on each preparation)? Until the coach
 * says they are in place — or, failing that, after a few reflections.
 */
export const firstConversationsAhead = (c: Pick<Case, "firstConversationsDone" | "method">) =>
  !c.firstConversationsDone && (c.method?.months ?? []).reduce((n, m) => n + m.reflections, 0) < FIRST_CONVERSATIONS_REFLECTIONS;

export const PREP_TEXT_FIELDS = ["q1", "q2", "q3", "q4"] as const;

/** The safety checks before meeting (004 Trin 2), each answered ja / nej / ikke relevant on the card. */
export const SAFETY_KEYS = ["place", "roles", "assumptions", "risk"] as const;
export type SafetyKey = (typeof SAFETY_KEYS)[number];
export const safetyField = (k: SafetyKey) => `safety_${k}`;

/** Every check answered, none with "nej" (the old three ticks: all ticked). */
export function safetyInPlace(s: PreparationEntry["safety"]): boolean {
  if ("colleagueKnows" in s) return s.place && s.colleagueKnows && s.riskConsidered;
  const now = s as Partial<Record<SafetyKey, SafetyAnswer>>;
  return SAFETY_KEYS.every((k) => now[k] !== undefined && now[k] !== "no");
}
export const PREP_REQUIRED = ["q1"] as const;

/** A stored preparation as the card's values: what a correction starts from. */
export function preparationValues(e: PreparationEntry): Record<string, string> {
  const planned = e.plannedAt ? new Date(e.plannedAt) : undefined;
  const safety = "colleagueKnows" in e.safety ? {} : (e.safety as Partial<Record<SafetyKey, SafetyAnswer>>);
  return {
    ...Object.fromEntries(PREP_TEXT_FIELDS.map((f, i) => [f, e.answers[i] ?? ""])),
    focusGoals: e.focusGoalIds.join(","),
    ...Object.fromEntries(SAFETY_KEYS.map((k) => [safetyField(k), safety[k] ?? ""])),
    plannedDate: planned ? localDate(planned) : "",
    plannedTime: planned ? localTime(planned) : "",
  };
}

export function decidePreparation(
  values: Record<string, string>,
  maybeCase: Case | undefined,
  actorId: string,
  now: Date,
): Decision<PreparationEntry> {
  const open = openSubmission(values, maybeCase, actorId);
  if (open.kind === "stale") return open;
  const c = open.case;

  const problems: Problem[] = [...textProblems(values, PREP_TEXT_FIELDS, PREP_REQUIRED)];
  const goalIds = c.goalForm.goals.map((g) => g.id);
  const focus = splitMulti(values.focusGoals);
  if (focus.some((id) => !goalIds.includes(id))) problems.push({ field: "focusGoals", code: "invalid" });
  for (const k of SAFETY_KEYS) problems.push(...choiceProblem(values, safetyField(k), SAFETY_ANSWERS, false));

  let plannedAt: Date | undefined;
  if (!values.plannedDate) problems.push({ field: "plannedDate", code: "required" });
  if (!values.plannedTime) problems.push({ field: "plannedTime", code: "required" });
  if (values.plannedDate && values.plannedTime) {
    plannedAt = localToInstant(values.plannedDate, values.plannedTime);
    if (!plannedAt) problems.push({ field: "plannedDate", code: "invalid" });
  }
  if (problems.length > 0) return { kind: "refused", problems };

  return {
    kind: "ok",
    entry: {
      type: "preparation",
      id: entryId("preparation", open.submissionId),
      corpsId: c.corpsId,
      caseId: c.id,
      authorId: actorId,
      createdAt: now.toISOString(),
      answers: PREP_TEXT_FIELDS.map((f) => (values[f] ?? "").trim()),
      focusGoalIds: focus,
      safety: Object.fromEntries(SAFETY_KEYS.filter((k) => values[safetyField(k)]).map((k) => [k, values[safetyField(k)] as SafetyAnswer])),
      plannedAt: plannedAt!.toISOString(),
      ...(values.firstDone === "true" ? { firstDone: true } : {}),
    },
  };
}

/** The case's read model after a preparation: the plan the next reflection starts from. */
export function applyPreparation(c: Case, entry: PreparationEntry): Case {
  return {
    ...c,
    ...(entry.firstDone && !c.firstConversationsDone ? { firstConversationsDone: entry.createdAt } : {}),
    plan: { entryId: entry.id, at: entry.createdAt, ...(entry.plannedAt ? { plannedAt: entry.plannedAt } : {}), text: entry.answers[0], focusGoalIds: entry.focusGoalIds },
  };
}

/** The plan a reflection written now is about: the latest preparation, if no reflection has followed it. */
export function openPlan(c: Pick<Case, "plan" | "lastReflection">): Case["plan"] {
  if (!c.plan || c.plan.notHeld) return undefined;
  return !c.lastReflection || Date.parse(c.lastReflection.at) < Date.parse(c.plan.at) ? c.plan : undefined;
}
