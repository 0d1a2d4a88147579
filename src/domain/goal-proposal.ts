// The coach proposes a goal for the målskema (001 §4.1–4.2: the goals are made together, from the infohus' assessment):
// a few words, under the privacy guard; the coordinator is told at once (a flag) and sees the proposals when editing
// the målskema. The coordinator decides what goes in.
import type { z } from "zod";
import { entryId, openAnyVersion, textProblems, type Decision } from "./forms";
import type { Case, Flag, GoalProposal } from "./model";

export type GoalProposalEntry = z.infer<typeof GoalProposal>;
export const PROPOSAL_FIELD = "proposal";
export const PROPOSAL_MAX = 300;
/** The proposals a case keeps (the coordinator's card shows them). */
export const PROPOSALS_KEPT = 5;

export function decideGoalProposal(values: Record<string, string>, c: Case | undefined, actorId: string, now: Date): Decision<GoalProposalEntry> {
  const open = openAnyVersion(values, c, actorId);
  if (open.kind === "stale") return open;
  const problems = textProblems(values, [PROPOSAL_FIELD], [PROPOSAL_FIELD]);
  const text = (values[PROPOSAL_FIELD] ?? "").trim();
  if (text.length > PROPOSAL_MAX && !problems.length) problems.push({ field: PROPOSAL_FIELD, code: "tooLong" });
  if (problems.length) return { kind: "refused", problems };
  const k = open.case;
  return { kind: "ok", entry: { type: "goalProposal", id: entryId("goalproposal", open.submissionId), corpsId: k.corpsId, caseId: k.id, authorId: actorId, createdAt: now.toISOString(), text } };
}

export function applyGoalProposal(c: Case, e: GoalProposalEntry): Case {
  return { ...c, goalProposals: [...(c.goalProposals ?? []), { entryId: e.id, at: e.createdAt, text: e.text }].slice(-PROPOSALS_KEPT) };
}

export function goalProposalFlags(e: GoalProposalEntry): Flag[] {
  return [{ id: `${e.id}:proposal`, kind: "proposal", entryId: e.id, at: e.createdAt, raisedBy: e.authorId }];
}
