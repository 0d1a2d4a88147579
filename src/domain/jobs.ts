// Durable jobs the scheduler runs: the nudge to reflect after a prepared conversation, and completing what
// follows from a stored entry when the turn that stored it could not (a crash, a conflict, a passing fault).
import { z } from "zod";
import { CorpsId, Guid, IsoTime, type Case, type Entry } from "./model";
import type { PreparationEntry } from "./preparation";
import { localDate, reflectionNudgeAt } from "./time";

const JobBase = z.object({
  type: z.literal("job"),
  id: z.string().min(1),
  corpsId: CorpsId,
  dueAt: IsoTime,
  status: z.enum(["pending", "claimed", "done", "skipped", "failed"]),
  caseId: z.string().min(1),
  attempts: z.number().int().min(0),
  claimedAt: IsoTime.optional(),
  finishedAt: IsoTime.optional(),
});

export const ReflectNudgeJob = JobBase.extend({
  kind: z.literal("reflectNudge"),
  memberId: Guid,
  preparationId: z.string().min(1),
  preparedAt: IsoTime,
});

export const DeriveEntryJob = JobBase.extend({
  kind: z.literal("deriveEntry"),
  entryId: z.string().min(1),
});

/** The notices a coordinator's change of a case owes coaches: written before the change, removed once all are delivered. */
export const CaseNoticeJob = JobBase.extend({
  kind: z.literal("caseNotice"),
  actionId: z.string().min(1),
});

/** A step of a corps' monthly check-in: ask the mentors, remind them, post the summary (and keep it current). */
export const CheckInJob = JobBase.omit({ caseId: true }).extend({
  kind: z.literal("checkIn"),
  caseId: z.string().optional(),
  step: z.enum(["ask", "remind", "summary"]),
  month: z.string().regex(/^\d{4}-\d{2}$/),
});

export const Job = z.discriminatedUnion("kind", [ReflectNudgeJob, DeriveEntryJob, CaseNoticeJob, CheckInJob]);
export type Job = z.infer<typeof Job>;
export type JobOf<K extends Job["kind"]> = Extract<Job, { kind: K }>;

/**
 * Written before the entry, removed once everything that follows from the entry is done: if the process dies in
 * between, the scheduler finds it when due and completes the work (or finds no entry and drops it).
 */
export const DERIVE_GRACE_MS = 60_000;
export function deriveJob(entry: Pick<Entry, "id" | "corpsId" | "caseId">, now: Date): JobOf<"deriveEntry"> {
  return {
    type: "job",
    id: `derive-${entry.id}`,
    corpsId: entry.corpsId,
    kind: "deriveEntry",
    dueAt: new Date(now.getTime() + DERIVE_GRACE_MS).toISOString(),
    status: "pending",
    caseId: entry.caseId,
    entryId: entry.id,
    attempts: 0,
  };
}

export function noticeJob(corpsId: string, caseId: string, actionId: string, now: Date): JobOf<"caseNotice"> {
  return {
    type: "job",
    id: `notice-${actionId}`,
    corpsId,
    kind: "caseNotice",
    dueAt: new Date(now.getTime() + DERIVE_GRACE_MS).toISOString(),
    status: "pending",
    caseId,
    actionId,
    attempts: 0,
  };
}

/**
 * At most one pending nudge per case and conversation day: its id is made of both, so preparing the same
 * conversation twice still gives one nudge.
 */
export function nudgeJob(prep: PreparationEntry, extraDaysOff: readonly string[]): JobOf<"reflectNudge"> {
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
 * The nudge is pointless once the mentor has reflected on the case since preparing (or deleted the preparation),
 * and wrong once the case is closed or has passed to another coach.
 */
export function nudgeStillNeeded(job: Pick<JobOf<"reflectNudge">, "preparedAt" | "memberId">, c: Pick<Case, "status" | "coachId" | "lastReflection" | "plan">): boolean {
  if (c.status === "closed" || c.coachId !== job.memberId) return false;
  // The preparation was deleted (the case's plan is older, or none): nothing to remind of.
  if (!c.plan || Date.parse(c.plan.at) < Date.parse(job.preparedAt)) return false;
  return !c.lastReflection || Date.parse(c.lastReflection.at) < Date.parse(job.preparedAt);
}

export const MAX_ATTEMPTS = 3;
/** A claim older than this belongs to a runner that died; the job is run again. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/** How a job ended; `{ again }`: it is kept and runs again then (the summary, kept current while answers come in). */
export type JobOutcome = "done" | "skipped" | "failed" | { again: Date };

/** One job per corps, month and step: planning the same check-in twice gives the same job. */
export function checkInJob(corpsId: string, month: string, step: "ask" | "remind" | "summary", dueAt: Date): JobOf<"checkIn"> {
  return { type: "job", id: `checkin-${month}-${step}`, corpsId, kind: "checkIn", step, month, dueAt: dueAt.toISOString(), status: "pending", attempts: 0 };
}
