// Preparation before a conversation (001 §5.2; safety 004 Trin 2): card values in → entry out.
import { choiceProblem, entryId, isTrue, splitMulti, textProblems, type Decision, type Problem, openSubmission } from "./forms";
import type { Case } from "./model";
import { z } from "zod";
import { Preparation } from "./model";
import { localToInstant } from "./time";

export type PreparationEntry = z.infer<typeof Preparation>;

/** A case nobody has reflected on yet is at its first conversations: offer the checklist (001 §5.1). */
export const firstConversationsAhead = (c: Pick<Case, "lastReflection">) => !c.lastReflection;

export const PREP_TEXT_FIELDS = ["q1", "q2", "q3", "q4"] as const;
export const PREP_REQUIRED = ["q1"] as const;

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
  for (const f of ["safetyPlace", "safetyColleague", "safetyRisk"]) problems.push(...choiceProblem(values, f, ["true", "false"], false));

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
      safety: {
        place: isTrue(values.safetyPlace),
        colleagueKnows: isTrue(values.safetyColleague),
        riskConsidered: isTrue(values.safetyRisk),
      },
      plannedAt: plannedAt!.toISOString(),
    },
  };
}
