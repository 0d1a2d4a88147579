// Durable jobs: find the due ones, claim each with an ETag-conditioned write (so two app instances never
// run the same job), act, and record the outcome. What a job *does* is given by its kind's handler.
import type { Clock } from "../domain/clock";
import { CLAIM_TIMEOUT_MS, MAX_ATTEMPTS, type Job, type JobOf, type JobOutcome } from "../domain/jobs";
import type { Logger } from "../log";
import type { Repositories } from "../store/repositories";

export type JobHandlers = { [K in Job["kind"]]: (job: JobOf<K>) => Promise<JobOutcome> };

export interface Scheduler {
  /** Runs every due job once; returns how many it ran. */
  tick(): Promise<number>;
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

  async function runOne(job: Job, etag: string): Promise<boolean> {
    const now = clock();
    const claimed: Job = { ...job, status: "claimed", claimedAt: now.toISOString(), attempts: job.attempts + 1 };
    const claimEtag = await repos.jobs.replaceIfUnchanged(claimed, etag);
    if (!claimEtag) return false; // another instance got it first
    let finished: Job;
    try {
      const outcome: JobOutcome = await (handlers[job.kind] as (j: Job) => Promise<JobOutcome>)(claimed);
      finished =
        typeof outcome === "object"
          ? { ...claimed, status: "pending", attempts: 0, dueAt: outcome.again.toISOString() }
          : { ...claimed, status: outcome, finishedAt: clock().toISOString() };
    } catch (err) {
      log.error({ event: "job.error", jobId: job.id, kind: job.kind, err: { message: (err as Error).message } }, "job failed");
      // Run again at the next tick, until the attempts are used up.
      finished =
        claimed.attempts >= MAX_ATTEMPTS
          ? { ...claimed, status: "failed", finishedAt: clock().toISOString() }
          : { ...claimed, status: "pending" };
    }
    // Finished jobs are removed (the due query scans the container); a failed one stays for an operator to see.
    if (finished.status === "done" || finished.status === "skipped") await repos.jobs.delete(job.corpsId, job.id);
    else await repos.jobs.replaceIfUnchanged(finished, claimEtag);
    log.info({ event: "job.finished", jobId: job.id, kind: job.kind, status: finished.status, attempts: claimed.attempts }, "job");
    return true;
  }

  async function planIfDue(now: Date) {
    if (!plan || (plannedAt !== undefined && Math.abs(now.getTime() - plannedAt) < PLAN_EVERY_MS)) return;
    plannedAt = now.getTime();
    await plan(now).catch((err: Error) => {
      plannedAt = undefined; // try again at the next tick
      log.error({ event: "scheduler.planFailed", err: { message: err.message } }, "planning failed");
    });
  }

  async function tickOnce(): Promise<number> {
    await planIfDue(clock());
    let ran = 0;
    for (;;) {
      const now = clock();
      const due = await repos.jobs.due(now, new Date(now.getTime() - CLAIM_TIMEOUT_MS), BATCH);
      let here = 0;
      for (const { doc, etag } of due) if (await runOne(doc, etag)) here++;
      ran += here;
      if (due.length < BATCH || here === 0) return ran;
    }
  }

  return {
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
