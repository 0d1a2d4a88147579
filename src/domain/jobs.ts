// Durable jobs the scheduler runs: for now, the one nudge to reflect after a prepared conversation.
import { z } from "zod";
import { CorpsId, Guid, IsoTime, type Case } from "./model";
import type { PreparationEntry } from "./preparation";
import { localDate, reflectionNudgeAt } from "./time";

export const Job = z.object({
  type: z.literal("job"),
  id: z.string().min(1),
  corpsId: CorpsId,
  kind: z.literal("reflectNudge"),
  dueAt: IsoTime,
  status: z.enum(["pending", "claimed", "done", "skipped", "failed"]),
  caseId: z.string().min(1),
  memberId: Guid,
  preparationId: z.string().min(1),
  preparedAt: IsoTime,
  attempts: z.number().int().min(0),
  claimedAt: IsoTime.optional(),
  finishedAt: IsoTime.optional(),
});
export type Job = z.infer<typeof Job>;

/**
 * One nudge per case and conversation day: its id is made of both, so preparing the same conversation twice
 * still gives one nudge ("never more than one").
 */
export function nudgeJob(prep: PreparationEntry, extraDaysOff: readonly string[]): Job {
  const planned = new Date(prep.plannedAt!);
  return {
    type: "job",
    id: `nudge-${prep.caseId}-${localDate(planned)}`,
    corpsId: prep.corpsId,
    kind: "reflectNudge",
    dueAt: reflectionNudgeAt(planned, extraDaysOff).toISOString(),
    status: "pending",
    caseId: prep.caseId,
    memberId: prep.authorId,
    preparationId: prep.id,
    preparedAt: prep.createdAt,
    attempts: 0,
  };
}

/**
 * The nudge is pointless once the mentor has reflected on the case since preparing, and wrong once the case is
 * closed or has passed to another coach.
 */
export function nudgeStillNeeded(job: Pick<Job, "preparedAt" | "memberId">, c: Pick<Case, "status" | "coachId" | "lastReflection">): boolean {
  if (c.status === "closed" || c.coachId !== job.memberId) return false;
  return !c.lastReflection || Date.parse(c.lastReflection.at) < Date.parse(job.preparedAt);
}

export const MAX_ATTEMPTS = 3;
/** A claim older than this belongs to a runner that died; the job is run again. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

export type JobOutcome = "done" | "skipped" | "failed";
