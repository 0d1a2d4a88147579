// The closing dialogue with the citizen (001 §5.3), recorded by the mentor when a case is closing.
import { z } from "zod";
import { CardEnvelope, entryId, isTrue, staleness, textProblems, type Decision, choiceProblem } from "./forms";
import type { Case } from "./model";
import { Closing } from "./model";

export type ClosingEntry = z.infer<typeof Closing>;

export const CLOSING_TEXT_FIELDS = ["c1", "c2", "c3", "c4", "c5", "c6"] as const;
export const CLOSING_REQUIRED = ["c1"] as const;
export const MADE_CLEAR_FIELDS = ["clear1", "clear2", "clear3"] as const;

export function decideClosing(values: Record<string, string>, c: Case | undefined, actorId: string, now: Date): Decision<ClosingEntry> {
  const envelope = CardEnvelope.safeParse(values);
  if (!envelope.success) return { kind: "stale", reason: "notFound" };
  const stale = staleness(c, envelope.data, actorId);
  if (stale || !c) return { kind: "stale", reason: stale ?? "notFound" };
  const problems = [
    ...textProblems(values, CLOSING_TEXT_FIELDS, CLOSING_REQUIRED),
    ...choiceProblem(values, "goalsReached", ["true", "false"], false),
    ...MADE_CLEAR_FIELDS.flatMap((f) => choiceProblem(values, f, ["true", "false"], false)),
  ];
  if (problems.length > 0) return { kind: "refused", problems };
  return {
    kind: "ok",
    entry: {
      type: "closing",
      id: entryId("closing", envelope.data.submissionId),
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
