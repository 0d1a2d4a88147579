// A prepared conversation that was not held (cancelled, or the citizen did not come, 004 Trin 1: contact on the
// citizen's terms often takes many tries): recorded so the coach is not nudged to reflect on a meeting that never
// happened, the case's next step is to prepare again, and the method counts do not show a reflection missing.
import type { z } from "zod";
import { CardEnvelope, choiceProblem, entryId, staleness, type Decision } from "./forms";
import { NOT_HELD_REASONS, type Case, type NotHeld } from "./model";
import { openPlan } from "./preparation";

export type NotHeldEntry = z.infer<typeof NotHeld>;

/** The open plan's conversation marked not held, with why; stale when there is no open plan (reflected on, or already marked). */
export function decideNotHeld(values: Record<string, string>, c: Case | undefined, actorId: string, now: Date): Decision<NotHeldEntry> {
  const envelope = CardEnvelope.extend({ preparationId: CardEnvelope.shape.caseId }).safeParse(values);
  if (!envelope.success) return { kind: "stale", reason: "notFound" };
  const stale = staleness(c, envelope.data, actorId);
  if (stale || !c) return { kind: "stale", reason: stale ?? "notFound" };
  if (openPlan(c)?.entryId !== envelope.data.preparationId) return { kind: "stale", reason: "changed" };
  const problems = choiceProblem(values, "reason", NOT_HELD_REASONS, true);
  if (problems.length) return { kind: "refused", problems };
  return {
    kind: "ok",
    entry: {
      type: "notHeld",
      id: entryId("notheld", envelope.data.submissionId),
      corpsId: c.corpsId,
      caseId: c.id,
      authorId: actorId,
      createdAt: now.toISOString(),
      preparationId: envelope.data.preparationId,
      reason: values.reason as NotHeldEntry["reason"],
    },
  };
}

/** The case after it: its plan marked not held (only the plan the entry names, and only while it is the latest). */
export function applyNotHeld(c: Case, e: NotHeldEntry): Case {
  if (!c.plan || c.plan.entryId !== e.preparationId) return c;
  return { ...c, plan: { ...c.plan, notHeld: { entryId: e.id, at: e.createdAt, reason: e.reason } } };
}
