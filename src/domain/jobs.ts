// Durable jobs the scheduler runs: completing what follows from a stored entry when the turn that stored it could not
// (a crash, a conflict, a passing fault), the monthly check-in's steps, and the messages Løft owes (the outbox).
import { z } from "zod";
import { CaseCode, CorpsId, Delivery, Guid, IsoTime, type Case, type Entry } from "./model";
import type { PreparationEntry } from "./preparation";
import { localDate, reflectionNudgeAt } from "./time";
import { messageId, MESSAGE_GRACE_MS, OwedMessage } from "./outbox";

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

export const DeriveEntryJob = JobBase.extend({
  kind: z.literal("deriveEntry"),
  entryId: z.string().min(1),
});

/** A step of a corps' monthly check-in: ask the mentors, remind them, post the summary (and keep it current). */
export const CheckInJob = JobBase.omit({ caseId: true }).extend({
  kind: z.literal("checkIn"),
  caseId: z.string().optional(),
  step: z.enum(["ask", "remind", "summary"]),
  month: z.string().regex(/^\d{4}-\d{2}$/),
});

/** A message Løft owes someone (src/domain/outbox.ts), sent once by the outbox runner. */
export const MessageJob = JobBase.omit({ caseId: true }).extend({
  kind: z.literal("message"),
  caseId: z.string().optional(),
  message: OwedMessage,
  /** Marked the moment the request leaves: a runner finding it after a crash records "unconfirmed", never resends. */
  sendingAt: IsoTime.optional(),
  /** Marked once Teams answered: a runner that could not record the outcome (the store refused) records this one later. */
  delivered: Delivery.optional(),
});

/**
 * Erasing a case (src/store/erasure.ts): written before the erasure starts, so one cut short is finished by the
 * scheduler; when due it runs the erasure once more, sweeping up what a turn under way at the time wrote after it.
 */
export const EraseJob = JobBase.extend({
  kind: z.literal("erase"),
  code: CaseCode,
  /** The coordinator who erased it; absent: the corps' retention period. */
  by: Guid.optional(),
});

export const Job = z.discriminatedUnion("kind", [DeriveEntryJob, CheckInJob, MessageJob, EraseJob]);
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

/** How long after a coordinator's erasure it is run once more (a submit under way then has long finished). */
export const ERASE_SWEEP_MS = 10 * 60_000;
/** The erasure of a case: by a coordinator (swept again later), or by the retention period (`by` absent; due now). */
export function eraseJob(c: Pick<Case, "id" | "corpsId" | "code">, by: string | undefined, now: Date): JobOf<"erase"> {
  return {
    type: "job",
    id: `erase-${c.id}`,
    corpsId: c.corpsId,
    kind: "erase",
    dueAt: new Date(now.getTime() + (by ? ERASE_SWEEP_MS : 0)).toISOString(),
    status: "pending",
    caseId: c.id,
    code: c.code,
    ...(by ? { by: by.toLowerCase() } : {}),
    attempts: 0,
  };
}

/**
 * The nudge after a prepared conversation: one per case and conversation day (its id is made of both), so preparing
 * the same conversation twice still gives one nudge; due the morning after (src/domain/time.ts).
 */
export function nudgeMessage(prep: PreparationEntry, extraDaysOff: readonly string[], now: Date): JobOf<"message"> {
  const planned = new Date(prep.plannedAt!);
  const message = { what: "nudge" as const, caseId: prep.caseId, to: prep.authorId, day: localDate(planned), preparedAt: prep.createdAt };
  return messageJob(prep.corpsId, message, now, reflectionNudgeAt(planned, extraDaysOff));
}

/**
 * The nudge is pointless once the mentor has reflected on the case since preparing (or deleted the preparation),
 * and wrong once the case is closed or has passed to another coach.
 */
export function nudgeStillNeeded(job: { preparedAt: string; memberId: string }, c: Pick<Case, "status" | "coachId" | "lastReflection" | "plan">): boolean {
  if (c.status === "closed" || c.coachId !== job.memberId) return false;
  // The preparation was deleted (the case's plan is older, or none): nothing to remind of.
  if (!c.plan || Date.parse(c.plan.at) < Date.parse(job.preparedAt)) return false;
  if (c.plan.notHeld) return false; // the conversation was not held
  return !c.lastReflection || Date.parse(c.lastReflection.at) < Date.parse(job.preparedAt);
}

export const MAX_ATTEMPTS = 3;
/** How long a finished message is kept as the proof that it is no longer owed (then the hourly plan purges it). */
export const MESSAGE_KEPT_MS = 35 * 86_400_000;
/** A claim older than this belongs to a runner that died; the job is run again. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/**
 * How a job ended; `{ again }`: it is kept and runs again then (the summary, kept current while answers come in; a
 * message Teams refused for now, with `keepAttempts` so its tries are counted).
 */
export type JobOutcome = "done" | "skipped" | "failed" | { again: Date; keepAttempts?: boolean };

/** One job per corps, month and step: planning the same check-in twice gives the same job. */
export function checkInJob(corpsId: string, month: string, step: "ask" | "remind" | "summary", dueAt: Date): JobOf<"checkIn"> {
  return { type: "job", id: `checkin-${month}-${step}`, corpsId, kind: "checkIn", step, month, dueAt: dueAt.toISOString(), status: "pending", attempts: 0 };
}

/** The job that sends `message`: due after the grace (the one who wrote it sends it at once), or at `dueAt`. */
export function messageJob(corpsId: string, message: OwedMessage, now: Date, dueAt?: Date): JobOf<"message"> {
  return {
    type: "job",
    id: messageId(message),
    corpsId,
    kind: "message",
    dueAt: (dueAt ?? new Date(now.getTime() + MESSAGE_GRACE_MS)).toISOString(),
    status: "pending",
    ...("caseId" in message ? { caseId: message.caseId } : {}),
    message,
    attempts: 0,
  };
}
