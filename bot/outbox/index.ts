// The outbox's runner (src/domain/outbox.ts): the one way Løft sends a message it owes. A message is a `message` job;
// whoever wrote it sends it at once (sendNow, after the turn has answered), and the scheduler sends what that could not.
// Either way the job is claimed first (an ETag-checked write, so one runner on one instance sends it), then its kind
// decides from the store as it is now whom to tell what (or that it is no longer owed), the job is marked `sendingAt`
// the moment the request leaves, the message goes through the one reach policy (the member's chat, or one Løft starts
// from the team's roster), and the outcome is recorded where its readers look. A job found marked after a crash is
// recorded "unconfirmed" and never sent again; a send Teams refused for now is tried again later, with backoff.
import { countMessage } from "../../src/telemetry";
import type { JobOf, JobOutcome } from "../../src/domain/jobs";
import type { Corps, Delivery, Member } from "../../src/domain/model";
import { sendStep, type MessageKind, type MessageOf } from "../../src/domain/outbox";
import type { JobClaim, JobRunner } from "../../src/scheduler";
import type { BotDeps, Messenger, Reply } from "../context";
import { createReach } from "../reach";

/** Whom to tell what: a member (their chat, or one Løft starts) — or no one to tell (`to` undefined: "unreachable"). */
export interface Prepared {
  corps: Corps | undefined;
  to: Member | undefined;
  reply: Reply;
}

/** A post in the corps' channel (read by the whole team: it names no case and no citizen). */
export interface PreparedPost {
  corps: Corps;
  channel: true;
  reply: Reply;
}

export interface MessageKindHandler<W extends MessageKind> {
  /**
   * From the store as it is now: whom to tell what; "skip" when it is no longer owed (the change that owed it never
   * happened or was undone, or it is pointless now); `wait` when the change is not visible yet; `settled` when the
   * outcome is known without trying (the member left the team, Teams refused them this month already).
   */
  prepare(message: MessageOf<W>, job: JobOf<"message">): Promise<Prepared | PreparedPost | "skip" | { wait: Date } | { settled: Delivery }>;
  /** Records the outcome where readers look for it (a case's notices, a check-in's sends); optional. */
  record?(message: MessageOf<W>, delivery: Delivery, job: JobOf<"message">): Promise<void>;
}

export type MessageKinds = { [W in MessageKind]: MessageKindHandler<W> };

/** Tries after a send Teams refused for now (429/5xx beyond the connector client's own retries), with backoff. */
export const SEND_ATTEMPTS = 8;
const backoffMs = (attempts: number) => Math.min(3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));

/** The claim was lost meanwhile (it lapsed and another runner took the message): that runner finishes it. */
class ClaimLost extends Error {}

export function createOutbox(deps: Pick<BotDeps, "repos" | "log" | "clock"> & { messenger: Messenger }, kinds: MessageKinds) {
  const { log, clock } = deps;
  const reach = createReach(deps);
  let runner: JobRunner | undefined;
  const underWay = new Set<Promise<unknown>>();

  /** The `message` job's handler: one message, sent once. */
  async function handle(job: JobOf<"message">, claim: JobClaim): Promise<JobOutcome> {
    const m = job.message;
    const kind = kinds[m.what] as MessageKindHandler<MessageKind>;
    const what = m.what;
    if (job.delivered) {
      // Sent (or settled) by an earlier run whose record the store did not take: recorded now, never sent again.
      await kind.record?.(m, job.delivered, job);
      return "done";
    }
    if (sendStep(job) === "unconfirmed") {
      // A runner marked it and died: its request may have reached Teams. Recorded as such, never sent twice.
      await kind.record?.(m, "unconfirmed", job);
      log.warn({ event: "message.unconfirmed", what, jobId: job.id }, "message outcome unknown after a crash: not sent again");
      countMessage(what, "unconfirmed");
      return "done";
    }
    const prepared = await kind.prepare(m, job);
    if (prepared === "skip") return "skipped";
    if ("wait" in prepared) return { again: prepared.wait };
    let delivery: Delivery = "settled" in prepared ? prepared.settled : "unreachable";
    if ("channel" in prepared) {
      const corps = prepared.corps;
      if (corps.serviceUrl && corps.botId && !corps.removedAt) {
        const to = { serviceUrl: corps.serviceUrl, tenantId: corps.tenantId, botId: corps.botId, channelId: corps.channelId };
        const posted = await deps.messenger
          .post(to, prepared.reply, {
            beforeRequest: async () => {
              if (!(await claim.mark({ sendingAt: clock().toISOString() }))) throw new ClaimLost();
            },
          })
          .catch((e: unknown) => {
            throw e instanceof ClaimLost ? e : new Error(`post failed: ${(e as Error).message}`);
          });
        delivery = posted.outcome;
      }
    } else if ("reply" in prepared && prepared.to) {
      const to = prepared.to;
      delivery = await reach(prepared.corps, to, prepared.reply, {
        beforeRequest: async () => {
          if (!(await claim.mark({ sendingAt: clock().toISOString() }))) throw new ClaimLost();
        },
      }).catch((e: unknown) => {
        throw e instanceof ClaimLost ? e : new Error(`reach failed: ${(e as Error).message}`);
      });
    }
    log.info({ event: `message.${delivery}`, what, jobId: job.id, corpsId: job.corpsId }, "message");
    countMessage(what, delivery);
    if (delivery === "failed" && job.attempts < SEND_ATTEMPTS) {
      // Teams refused it for now: nothing reached anyone; tried again later (the mark is taken back).
      await kind.record?.(m, "failed", job);
      if (!(await claim.mark({ sendingAt: undefined }))) throw new ClaimLost();
      return { again: new Date(clock().getTime() + backoffMs(job.attempts)), keepAttempts: true };
    }
    // The outcome is on the job before it is recorded where readers look: a record the store refuses is made again by
    // the next run (from the job), instead of being lost or taken for a crash ("unconfirmed").
    if (!(await claim.mark({ delivered: delivery }))) throw new ClaimLost();
    await kind.record?.(m, delivery, job);
    return delivery === "failed" ? "failed" : "done";
  }

  return {
    handle,
    /** Given the job runner of this instance (the bot creates it with the handlers that include `handle`). */
    attach(r: JobRunner) {
      runner = r;
    },
    /** After the turn (or step) that wrote them: sends the messages now; the scheduler sends what this does not. */
    sendNow(corpsId: string, jobIds: readonly string[]): Promise<void> {
      const p = (async () => {
        for (const id of jobIds) {
          await runner?.runNow(corpsId, id).catch((err: Error) => log.warn({ event: "message.deferred", jobId: id, err: { message: err.message } }, "message left to the scheduler"));
        }
      })();
      underWay.add(p);
      void p.finally(() => underWay.delete(p));
      return p;
    },
    /** Waits for the sends under way (a graceful stop). */
    async drain(): Promise<void> {
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
