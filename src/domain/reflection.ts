// Reflection after a conversation (001 §5.2): eight questions, goal scales (målskema), the citizen's
// progress every second month (003), "am I the right match?" and "do I need sparring?".
import { z } from "zod";
import { choiceProblem, entryId, isTrue, textProblems, type Decision, type Problem, openSubmission } from "./forms";
import type { Case, Flag } from "./model";
import { Match, Reflection } from "./model";

export type ReflectionEntry = z.infer<typeof Reflection>;

export const REFL_TEXT_FIELDS = ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"] as const;
/** Rounding off the meeting (004 Trin 4): the agreements (free text) and the lifeline (ja/nej), both optional. */
export const LIFELINE = ["ja", "nej"] as const;
export const REFL_REQUIRED = ["r1"] as const;
export const SCORES_0_10 = Array.from({ length: 11 }, (_, i) => String(i));
export const SCORES_1_10 = SCORES_0_10.slice(1);

/** "Every second month" (003): due when no progress has been given for eight weeks, or never. */
export const PROGRESS_EVERY_DAYS = 56;

export function progressDue(c: Pick<Case, "progress">, now: Date): boolean {
  const last = c.progress?.[c.progress.length - 1];
  return !last || now.getTime() - Date.parse(last.at) >= PROGRESS_EVERY_DAYS * 86_400_000;
}

/** Progress history kept on the case (enough for years of bi-monthly scores). */
const PROGRESS_KEPT = 36;

export const goalField = (goalId: string) => `goal_${goalId}`;

/**
 * What the next preparation shows as "Sidst skrev du: …": did it succeed (question 1) and what the citizen
 * reacted to (question 6) — the two answers that help plan the next conversation.
 */
export function reflectionSummary(answers: readonly string[]): string {
  return [answers[0], answers[5]]
    .map((a) => (a ?? "").trim())
    .filter((a) => a.length > 0)
    .join(" · ");
}

/** The case's read model after a reflection: latest goal scores, the last reflection, the latest progress. */
export function applyReflection(c: Case, entry: ReflectionEntry): Case {
  const scoreOf = new Map(entry.goalScores.map((s) => [s.goalId, s.score]));
  return {
    ...c,
    goalForm: { ...c.goalForm, goals: c.goalForm.goals.map((g) => (scoreOf.has(g.id) ? { ...g, score: scoreOf.get(g.id) } : g)) },
    lastReflection: { entryId: entry.id, at: entry.createdAt, text: reflectionSummary(entry.answers) },
    ...(entry.progress !== undefined
      ? { progress: [...(c.progress ?? []), { at: entry.createdAt, value: entry.progress }].slice(-PROGRESS_KEPT) }
      : {}),
  };
}

/** The coordinator is told at once (case code and flag only) when the match is in doubt or sparring is wanted. */
export function reflectionFlags(entry: ReflectionEntry): Flag[] {
  const base = { entryId: entry.id, at: entry.createdAt, raisedBy: entry.authorId };
  return [
    ...(entry.match !== "ja" ? [{ ...base, id: `${entry.id}:match`, kind: "match" as const, match: entry.match }] : []),
    ...(entry.wantsSparring ? [{ ...base, id: `${entry.id}:sparring`, kind: "sparring" as const }] : []),
  ];
}

/** A stored reflection as the card's values: what a correction starts from. */
export function reflectionValues(e: ReflectionEntry): Record<string, string> {
  return {
    ...Object.fromEntries(REFL_TEXT_FIELDS.map((f, i) => [f, e.answers[i] ?? ""])),
    ...Object.fromEntries(e.goalScores.map((s) => [goalField(s.goalId), String(s.score)])),
    match: e.match,
    sparring: String(e.wantsSparring),
    progress: e.progress === undefined ? "" : String(e.progress),
    lifeline: e.lifeline ?? "",
    agreements: e.agreements ?? "",
  };
}

/**
 * The score each goal's scale starts at on the card, and is recorded as `previous`: the case's latest score — or, when
 * correcting a reflection, the score it started at then.
 */
export function startingScores(c: Pick<Case, "goalForm">, correcting?: ReflectionEntry): Map<string, number | undefined> {
  return new Map(correcting ? correcting.goalScores.map((x) => [x.goalId, x.previous]) : c.goalForm.goals.map((g) => [g.id, g.score]));
}

/**
 * `correcting`: the stored reflection a correction replaces — progress is asked if it was then, and each score keeps
 * the score it started from then.
 */
export function decideReflection(
  values: Record<string, string>,
  maybeCase: Case | undefined,
  actorId: string,
  now: Date,
  correcting?: ReflectionEntry,
): Decision<ReflectionEntry> {
  const open = openSubmission(values, maybeCase, actorId);
  if (open.kind === "stale") return open;
  const c = open.case;

  const problems: Problem[] = [
    ...textProblems(values, [...REFL_TEXT_FIELDS, "agreements"], REFL_REQUIRED),
    ...choiceProblem(values, "lifeline", LIFELINE, false),
    ...choiceProblem(values, "match", Match.options, true),
    ...choiceProblem(values, "sparring", ["true", "false"], false),
    ...c.goalForm.goals.flatMap((g) => choiceProblem(values, goalField(g.id), SCORES_0_10, true)),
  ];
  const due = correcting ? correcting.progress !== undefined : progressDue(c, now);
  const startedAt = startingScores(c, correcting);
  if (due) problems.push(...choiceProblem(values, "progress", SCORES_1_10, true));
  if (problems.length > 0) return { kind: "refused", problems };

  const answers = REFL_TEXT_FIELDS.map((f) => (values[f] ?? "").trim());
  const goalScores = c.goalForm.goals.map((g) => ({
    goalId: g.id,
    score: Number(values[goalField(g.id)]),
    ...(startedAt.get(g.id) !== undefined ? { previous: startedAt.get(g.id) } : {}),
  }));
  const agreements = (values.agreements ?? "").trim();
  const lifeline = values.lifeline ? (values.lifeline as (typeof LIFELINE)[number]) : undefined;
  const match = Match.parse(values.match);
  const wantsSparring = isTrue(values.sparring);
  const at = now.toISOString();
  const id = entryId("reflection", open.submissionId);
  const progress = due ? Number(values.progress) : undefined;
  const entry: ReflectionEntry = {
    type: "reflection",
    id,
    corpsId: c.corpsId,
    caseId: c.id,
    authorId: actorId,
    createdAt: at,
    answers,
    goalScores,
    ...(progress !== undefined ? { progress } : {}),
    match,
    wantsSparring,
    ...(agreements ? { agreements } : {}),
    ...(lifeline ? { lifeline } : {}),
  };
  return { kind: "ok", entry };
}
