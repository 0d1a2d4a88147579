// Completes what follows from a stored entry: the case's read model, the coach's case index, the nudge to reflect,
// and the message owed to the coordinator about the entry's flags (an outbox message, src/domain/outbox.ts). One
// idempotent step, run by the turn that stored the entry, again by a replay of the same submission, and by the durable
// job written before the entry if the turn could not finish (a crash, a conflict that outlasted the retries, a passing
// fault). Running it twice changes nothing and owes no message twice (a message's id is its entry's).
import type { Clock } from "../domain/clock";
import { applyEntry, emptyCaseIndex, needsNudge, withCase } from "../domain/derive";
import { rebuildCase } from "../domain/corrections";
import { messageJob, nudgeMessage } from "../domain/jobs";
import type { Case, Corps, Entry, Flag } from "../domain/model";
import type { Logger } from "../log";
import { ConflictError, type Repositories, type Versioned } from "../store/repositories";

export interface DeriverDeps {
  repos: Repositories;
  clock: Clock;
  log: Logger;
  /** Sends the messages just written now (the outbox; the scheduler sends what this does not). */
  sendNow(corpsId: string, jobIds: readonly string[]): Promise<void>;
}

export interface Derived {
  /** The case after the entry. */
  case: Case;
  /** The flags this entry raised (the message about them goes out after the turn). */
  flags: Flag[];
  /** Settles once the message the flags owe has been tried (never rejects): the turn answers without waiting. */
  sent: Promise<void>;
}
export type Deriver = ReturnType<typeof createDeriver>;

/** Derivations one member may have waiting on an instance before their next submit waits for them. */
const MAX_QUEUED = 3;

export function createDeriver(deps: DeriverDeps) {
  const { repos, log } = deps;
  /** Derivations under way after their turns answered, per member (their own next turn waits for them). */
  const pending = new Map<string, Promise<unknown>>();
  /** How many are queued per member: a member far ahead of their derivations is made to wait (backpressure). */
  const queued = new Map<string, number>();

  /** Keeps the case's projections current: its coach's index (and a former coach's). */
  async function projectCase(c: Case, formerCoachId?: string): Promise<void> {
    const coaches = formerCoachId && formerCoachId !== c.coachId ? [c.coachId, formerCoachId] : [c.coachId];
    await Promise.all(coaches.map((m) => repos.caseIndex.update(c.corpsId, m, (ix) => withCase(ix ?? emptyCaseIndex(c.corpsId, m), c))));
  }

  /**
   * The message the entry's flags owe the coordinator: written (once: its id is the entry's), then sent after the turn
   * has answered. Flags already told (a replay, a correction that kept them) owe nothing.
   */
  async function oweFlags(c: Case, entryId: string): Promise<{ sent: Promise<void> }> {
    if (!c.flags.some((f) => f.entryId === entryId && (f.delivery === undefined || f.delivery === "failed"))) return { sent: Promise.resolve() };
    const job = messageJob(c.corpsId, { what: "flags", caseId: c.id, entryId }, deps.clock());
    await repos.jobs.create(job);
    return { sent: deps.sendNow(c.corpsId, [job.id]) };
  }

  /**
   * Everything that follows from `entry`; undefined if its case no longer exists. `current`: the case as the caller
   * read it (it is read again only if it changed since). The read models are current when
   * it returns; the flags' delivery (a call to Teams that may be retried for seconds) goes on in `delivered`.
   */
  async function complete(entry: Entry, corps?: Pick<Corps, "extraDaysOff">, current?: Versioned<Case>): Promise<Derived | undefined> {
    const got = current ?? (await repos.cases.get(entry.corpsId, entry.caseId));
    if (!got) return undefined;
    const { after } = await repos.cases.update(entry.corpsId, entry.caseId, (c) => applyEntry(c, entry), got);
    await projectCase(after);
    if (needsNudge(entry)) {
      const extraDaysOff = (corps ?? (await repos.corps.get(entry.corpsId)))?.extraDaysOff ?? [];
      await repos.jobs.create(nudgeMessage(entry, extraDaysOff, deps.clock()));
    }
    const { sent } = await oweFlags(after, entry.id);
    // Done: the read models are current and the message is owed (the job written before the entry has nothing left).
    await repos.jobs.delete(entry.corpsId, `derive-${entry.id}`);
    return { case: after, flags: after.flags.filter((f) => f.entryId === entry.id), sent };
  }

  /**
   * After an entry was corrected or deleted: the case's read models built again from its entries, its projections,
   * the nudge of a corrected preparation, and the flags the corrected entry raises now (delivered once, as ever).
   * An entry derived meanwhile that the listing missed makes it list again rather than drop that entry.
   */
  async function rebuild(corpsId: string, caseId: string, entryId: string, corps?: Pick<Corps, "extraDaysOff">): Promise<Derived | undefined> {
    for (let attempt = 1; ; attempt++) {
      const entries = await repos.entries.listForCase(corpsId, caseId, { deleted: true });
      const listed = new Set(entries.map((e) => e.id));
      let missed = false;
      let after: Case;
      try {
        ({ after } = await repos.cases.update(corpsId, caseId, (c) => {
          missed = c.applied.some((id) => !listed.has(id));
          return missed ? c : rebuildCase(c, entries);
        }));
      } catch (err) {
        if (err instanceof ConflictError && /is gone/.test(err.message)) return undefined;
        throw err;
      }
      if (missed && attempt < 5) continue;
      await projectCase(after);
      const entry = entries.find((e) => e.id === entryId);
      if (entry && needsNudge(entry) && !entry.deletedAt) {
        const extraDaysOff = (corps ?? (await repos.corps.get(corpsId)))?.extraDaysOff ?? [];
        await repos.jobs.create(nudgeMessage(entry, extraDaysOff, deps.clock()));
      }
      const { sent } = await oweFlags(after, entryId);
      await repos.jobs.delete(corpsId, `derive-${entryId}`);
      return { case: after, flags: after.flags.filter((f) => f.entryId === entryId), sent };
    }
  }

  return {
    complete,
    /**
     * After the turn answered: completes what follows from the entry, in the background. One member's derivations run
     * one after another on this instance (fewer conflicts on their case); a failure is left to the derive job.
     */
    later(entry: Entry, corps?: Pick<Corps, "extraDaysOff">, current?: Versioned<Case>): void {
      const key = entry.authorId.toLowerCase();
      queued.set(key, (queued.get(key) ?? 0) + 1);
      const run = (pending.get(key) ?? Promise.resolve())
        .then(() => complete(entry, corps, current))
        .catch((err: Error) => log.warn({ event: "derive.deferred", entryId: entry.id, caseId: entry.caseId, err: { message: err.message } }, "derived work left to the job"))
        .finally(() => {
          const left = (queued.get(key) ?? 1) - 1;
          if (left > 0) queued.set(key, left);
          else queued.delete(key);
        });
      pending.set(key, run);
      void run.finally(() => pending.get(key) === run && pending.delete(key));
    },
    /** The member has more submits waiting to be derived than a person makes by hand: their next turn waits. */
    busy: (memberId: string): boolean => (queued.get(memberId.toLowerCase()) ?? 0) >= MAX_QUEUED,
    /** Waits for the member's own derivations under way on this instance: their next turn reads what they just wrote. */
    async settled(memberId: string): Promise<void> {
      await pending.get(memberId.toLowerCase());
    },
    /** Waits for every derivation under way (a graceful stop). */
    async drain(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending.values()]);
    },
    rebuild,
    projectCase,
    /** The durable job's step: the entry is read back; none (the turn died before storing it) means nothing to do. */
    async completeById(corpsId: string, entryId: string): Promise<"done" | "skipped"> {
      const entry = await repos.entries.get(corpsId, entryId);
      if (!entry) return "skipped";
      // A corrected or deleted entry: the case is built again from its entries (a correction whose turn died).
      const derived = entry.history?.length || entry.deletedAt ? await rebuild(corpsId, entry.caseId, entry.id) : await complete(entry);
      await derived?.sent; // in the job, the message is tried before the job ends (the scheduler sends it later if not)
      return derived ? "done" : "skipped";
    },
  };
}

