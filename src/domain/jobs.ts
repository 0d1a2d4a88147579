// Durable jobs the scheduler runs: for now, the one nudge to reflect after a prepared conversation.
import { z } from "zod";
import { CorpsId, Guid, IsoTime } from "./model";
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
    attempts: 0,
  };
}

/** The nudge is pointless once the mentor has reflected on the case since preparing. */
export function nudgeStillNeeded(job: Job, lastReflectionAt: string | undefined, preparedAt: string): boolean {
  return !lastReflectionAt || Date.parse(lastReflectionAt) < Date.parse(preparedAt);
}
