// The closing dialogue with the citizen (001 §5.3), recorded by the mentor when a case is closing.
import { z } from "zod";
import { entryId, isTrue, textProblems, type Decision, choiceProblem, openSubmission } from "./forms";
import type { Case } from "./model";
import { Closing } from "./model";

export type ClosingEntry = z.infer<typeof Closing>;

export const CLOSING_TEXT_FIELDS = ["c1", "c2", "c3", "c4", "c5", "c6"] as const;
export const CLOSING_REQUIRED = ["c1"] as const;
export const MADE_CLEAR_FIELDS = ["clear1", "clear2", "clear3"] as const;

export function decideClosing(values: Record<string, string>, maybeCase: Case | undefined, actorId: string, now: Date): Decision<ClosingEntry> {
  const open = openSubmission(values, maybeCase, actorId);
  if (open.kind === "stale") return open;
  const c = open.case;
  const problems = [
    ...textProblems(values, CLOSING_TEXT_FIELDS, CLOSING_REQUIRED),
    // An explicit answer: left alone, a checkbox said "Nej" for the mentor.
    ...choiceProblem(values, "goalsReached", ["true", "false"], true),
    ...MADE_CLEAR_FIELDS.flatMap((f) => choiceProblem(values, f, ["true", "false"], false)),
  ];
  if (problems.length > 0) return { kind: "refused", problems };
  return {
    kind: "ok",
    entry: {
      type: "closing",
      id: entryId("closing", open.submissionId),
      corpsId: c.corpsId,
      caseId: c.id,
      authorId: actorId,
      createdAt: now.toISOString(),
      answers: CLOSING_TEXT_FIELDS.map((f) => (values[f] ?? "").trim()),
      goalsReached: isTrue(values.goalsReached),
      madeClear: MADE_CLEAR_FIELDS.map((f) => isTrue(values[f])),
    },
  };
}
