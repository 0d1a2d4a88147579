// Durable jobs: find the due ones, claim each with an ETag-conditioned write (so two app instances never
// run the same job), act, and record the outcome. What a job *does* is given by its kind's handler.
import type { Clock } from "../domain/clock";
import { CLAIM_TIMEOUT_MS, MAX_ATTEMPTS, MESSAGE_KEPT_MS, type Job, type JobOf, type JobOutcome } from "../domain/jobs";
import type { Logger } from "../log";
import { countJob } from "../telemetry";
import type { Repositories } from "../store/repositories";

/**
 * What a claimed job's handler may do besides its work: `mark` writes fields onto the job under the claim (an
 * ETag-checked replace), false if the claim was lost (it lapsed and another runner took the job).
 */
export interface JobClaim {
  mark(fields: Partial<Job>): Promise<boolean>;
}

export type JobHandlers = { [K in Job["kind"]]: (job: JobOf<K>, claim: JobClaim) => Promise<JobOutcome> };

export interface JobRunner {
  /** Claims the job as read (ETag `etag`) and runs it; false if another runner claimed it first. */
  runOne(job: Job, etag: string): Promise<boolean>;
  /** Runs a pending job now, due or not (the turn that wrote a message sends it at once); false if it is not there or taken. */
  runNow(corpsId: string, id: string): Promise<boolean>;
}

/** Claim, run, record: one job by one runner at a time, on every instance (the scheduler's ticks and the turns). */
export function createJobRunner(deps: { repos: Repositories; clock: Clock; log: Logger; handlers: JobHandlers }): JobRunner {
  const { repos, clock, log, handlers } = deps;

  async function runOne(job: Job, etag: string): Promise<boolean> {
    const now = clock();
    let current: Job = { ...job, status: "claimed", claimedAt: now.toISOString(), attempts: job.attempts + 1 };
    let claimEtag = await repos.jobs.replaceIfUnchanged(current, etag);
    if (!claimEtag) return false; // another instance got it first
    const claim: JobClaim = {
      async mark(fields) {
        const next = { ...current, ...fields } as Job;
        const got = await repos.jobs.replaceIfUnchanged(next, claimEtag!);
        if (!got) return false;
        current = next;
        claimEtag = got;
        return true;
      },
    };
    let finished: Job;
    try {
      const outcome: JobOutcome = await (handlers[job.kind] as (j: Job, c: JobClaim) => Promise<JobOutcome>)(current, claim);
      finished =
        typeof outcome === "object"
          ? { ...current, status: "pending", attempts: outcome.keepAttempts ? current.attempts : 0, dueAt: outcome.again.toISOString() }
          : { ...current, status: outcome, finishedAt: clock().toISOString() };
    } catch (err) {
      log.error({ event: "job.error", jobId: job.id, kind: job.kind, err: { message: (err as Error).message } }, "job failed");
      // Run again at the next tick, until the attempts are used up.
      finished =
        current.attempts >= MAX_ATTEMPTS
          ? { ...current, status: "failed", finishedAt: clock().toISOString() }
          : { ...current, status: "pending" };
    }
    // Finished jobs are removed (the due query scans the container); a failed one stays for an operator to see. A
    // finished message stays a while (MESSAGE_KEPT_MS) as the proof that it is no longer owed: owing it again (a step
    // run twice, a replay) then finds it and sends nothing.
    if ((finished.status === "done" || finished.status === "skipped") && job.kind !== "message") await repos.jobs.delete(job.corpsId, job.id);
    else await repos.jobs.replaceIfUnchanged(finished, claimEtag);
    log.info({ event: "job.finished", jobId: job.id, kind: job.kind, status: finished.status, attempts: current.attempts }, "job");
    countJob(job.kind, finished.status);
    return true;
  }

  return {
    runOne,
    async runNow(corpsId, id) {
      const got = await repos.jobs.get(corpsId, id);
      if (!got || got.doc.status !== "pending") return false;
      return runOne(got.doc, got.etag);
    },
  };
}

export interface Scheduler {
  /** Runs every due job once; returns how many it ran. */
  tick(): Promise<number>;
  /**
   * At start-up: runs now, due or not, the pending jobs of `kind` a previous process left (the derivations of entries
   * it confirmed and then died before deriving), so what a member sees next is current. Idempotent work only.
   */
  catchUp(kind: Job["kind"]): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/** How often the scheduler asks `plan` to create the jobs that follow from the calendar (the monthly check-ins). */
export const PLAN_EVERY_MS = 3_600_000;
/** Due jobs read per query; the tick reads again while batches come back full. */
const BATCH = 50;

export function createScheduler(deps: {
  repos: Repositories;
  clock: Clock;
  log: Logger;
  handlers: JobHandlers;
  /** Creates the jobs the calendar calls for (idempotent): run on the first tick and hourly after. */
  plan?: (now: Date) => Promise<void>;
}): Scheduler {
  const { repos, clock, log, handlers, plan } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let plannedAt: number | undefined;

  const { runOne } = createJobRunner({ repos, clock, log, handlers });

  async function planIfDue(now: Date) {
    if (plannedAt !== undefined && Math.abs(now.getTime() - plannedAt) < PLAN_EVERY_MS) return;
    plannedAt = now.getTime();
    await (plan?.(now) ?? Promise.resolve()).catch((err: Error) => {
      plannedAt = undefined; // try again at the next tick
      log.error({ event: "scheduler.planFailed", err: { message: err.message } }, "planning failed");
    });
    const purged = await repos.jobs.purgeFinishedMessages(new Date(now.getTime() - MESSAGE_KEPT_MS)).catch(() => 0);
    if (purged > 0) log.info({ event: "scheduler.messagesPurged", purged }, "finished messages purged");
  }

  async function tickOnce(): Promise<number> {
    await planIfDue(clock());
    let ran = 0;
    for (;;) {
      const now = clock();
      const due = await repos.jobs.due(now, new Date(now.getTime() - CLAIM_TIMEOUT_MS), BATCH);
      let here = 0;
      for (const { doc, etag } of due) {
        // One job the store would not claim or record (a passing fault) waits for the next tick; the others run now.
        const ran = await runOne(doc, etag).catch((err: Error) => {
          log.error({ event: "job.storeFailed", jobId: doc.id, kind: doc.kind, err: { message: err.message } }, "a job could not be claimed or recorded");
          return false;
        });
        if (ran) here++;
      }
      ran += here;
      if (due.length < BATCH || here === 0) return ran;
    }
  }

  return {
    async catchUp(kind) {
      let ran = 0;
      for (const { doc, etag } of await repos.jobs.pendingOfKind(kind)) if (await runOne(doc, etag)) ran++;
      if (ran > 0) log.info({ event: "scheduler.caughtUp", kind, ran }, "jobs a previous process left, run at start-up");
      return ran;
    },
    async tick() {
      while (running) await running.catch(() => undefined);
      running = tickOnce().finally(() => (running = undefined));
      return running;
    },
    start(intervalMs) {
      const tick = () => {
        if (!running) void this.tick().catch((err: Error) => log.error({ event: "scheduler.error", err: { message: err.message } }, "tick failed"));
      };
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick(); // what fell due while no instance ran is done at start, not an interval later
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
