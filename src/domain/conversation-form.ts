// Samtaleskema (001 §4.3): the citizen's own perspectives and goals, in the citizen's words, filled in by the mentor
// together with the citizen (or from their conversations), at the start and along the way — beside the målskema,
// which holds the case's goals as coordinator and mentor set them.
import type { z } from "zod";
import { entryId, openSubmission, textProblems, type Decision } from "./forms";
import type { Case, ConversationForm } from "./model";

export type ConversationFormEntry = z.infer<typeof ConversationForm>;

export const FORM_GOAL_FIELDS = ["cg1", "cg2", "cg3", "cg4", "cg5"] as const;
export const FORM_PERSPECTIVE_FIELD = "perspective";

/** The card's values as the case holds them now (a new save replaces them). */
export function conversationFormValues(c: Pick<Case, "conversationForm">): Record<string, string> {
  return { [FORM_PERSPECTIVE_FIELD]: c.conversationForm?.perspective ?? "", ...Object.fromEntries(FORM_GOAL_FIELDS.map((f, i) => [f, c.conversationForm?.goals[i] ?? ""])) };
}

export function decideConversationForm(values: Record<string, string>, maybeCase: Case | undefined, actorId: string, now: Date): Decision<ConversationFormEntry> {
  const open = openSubmission(values, maybeCase, actorId);
  if (open.kind === "stale") return open;
  const c = open.case;
  const problems = textProblems(values, [FORM_PERSPECTIVE_FIELD, ...FORM_GOAL_FIELDS], []);
  const goals = FORM_GOAL_FIELDS.map((f) => (values[f] ?? "").trim()).filter((g) => g.length > 0);
  const perspective = (values[FORM_PERSPECTIVE_FIELD] ?? "").trim();
  // Something of the citizen's own: their perspective, a goal, or both.
  if (goals.length === 0 && !perspective && problems.length === 0) problems.push({ field: FORM_GOAL_FIELDS[0], code: "required" });
  if (problems.length > 0) return { kind: "refused", problems };
  return {
    kind: "ok",
    entry: {
      type: "conversationForm",
      id: entryId("conversationForm", open.submissionId),
      corpsId: c.corpsId,
      caseId: c.id,
      authorId: actorId,
      createdAt: now.toISOString(),
      ...(perspective ? { perspective } : {}),
      goals,
    },
  };
}

export function applyConversationForm(c: Case, e: ConversationFormEntry): Case {
  return { ...c, conversationForm: { entryId: e.id, at: e.createdAt, ...(e.perspective ? { perspective: e.perspective } : {}), goals: e.goals } };
}
