// Completes what follows from a stored entry: the case's read model, the coach's case index, the nudge to reflect,
// and the coordinator's flags. One idempotent step, run by the turn that stored the entry, again by a replay of the same submission, and by the durable job written before the entry if the turn
// could not finish (a crash, a conflict that outlasted the retries, a passing fault). Running it twice changes
// nothing and sends no flag twice once its delivery is recorded.
import type { Clock } from "../domain/clock";
import { randomUUID } from "node:crypto";
import { applyEntry, claimFlags, emptyCaseIndex, flagsToDeliver, needsNudge, withCase, withFlagDelivery } from "../domain/derive";
import { rebuildCase } from "../domain/corrections";
import { nudgeJob } from "../domain/jobs";
import type { Case, Corps, Entry, Flag } from "../domain/model";
import type { Logger } from "../log";
import { ConflictError, type Repositories, type Versioned } from "../store/repositories";

export type FlagDelivery = NonNullable<Flag["delivery"]>;

export interface DeriverDeps {
  repos: Repositories;
  clock: Clock;
  log: Logger;
  /** Tells the case's coordinator (in Teams) about an entry's flags, in one message; says how it went. */
  deliverFlags(c: Case, flags: readonly Flag[]): Promise<FlagDelivery>;
}

export interface Derived {
  /** The case after the entry. */
  case: Case;
  /** The flags this entry raised (their delivery may still be under way). */
  flags: Flag[];
  /** Settles once the flags' delivery is recorded (never rejects): the turn answers without waiting for it. */
  delivered: Promise<Flag[]>;
}

export type Deriver = ReturnType<typeof createDeriver>;

export function createDeriver(deps: DeriverDeps) {
  const { repos, log } = deps;

  /** Keeps the case's projections current: its coach's index (and a former coach's). */
  async function projectCase(c: Case, formerCoachId?: string): Promise<void> {
    const coaches = formerCoachId && formerCoachId !== c.coachId ? [c.coachId, formerCoachId] : [c.coachId];
    await Promise.all(coaches.map((m) => repos.caseIndex.update(c.corpsId, m, (ix) => withCase(ix ?? emptyCaseIndex(c.corpsId, m), c))));
  }

  /**
   * Tells the coordinator about the entry's undelivered flags and records how it went; the flags after it. The flags
   * are claimed first, so a replay of the same submission or the job running meanwhile does not send them too.
   */
  async function deliver(c: Case, entryId: string): Promise<Flag[]> {
    let after = c;
    const token = randomUUID();
    if (flagsToDeliver(c, entryId).length > 0) ({ after } = await repos.cases.update(c.corpsId, c.id, (x) => claimFlags(x, entryId, token, deps.clock())));
    const flags = flagsToDeliver(after, entryId).filter((f) => f.claim?.token === token);
    if (flags.length > 0) {
      const delivery = await deps.deliverFlags(c, flags);
      log.info({ event: `flag.${delivery}`, caseId: c.id, entryId, coordinator: c.coordinatorId }, "flags");
      ({ after } = await repos.cases.update(c.corpsId, c.id, (x) => flags.reduce((y, f) => withFlagDelivery(y, f.id, delivery), x)));
    }
    // A delivery that failed for a passing reason is tried again by the job; otherwise the work is done.
    if (flagsToDeliver(after, entryId).length === 0) await repos.jobs.delete(c.corpsId, `derive-${entryId}`);
    return after.flags.filter((f) => f.entryId === entryId);
  }

  /** Deliveries under way, so a graceful stop can wait for them. */
  const underWay = new Set<Promise<unknown>>();

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
      await repos.jobs.create(nudgeJob(entry, extraDaysOff));
    }
    const flags = after.flags.filter((f) => f.entryId === entry.id);
    const delivered = deliver(after, entry.id).catch((err: Error) => {
      // The job written before the entry tries again.
      log.warn({ event: "flag.deferred", caseId: after.id, entryId: entry.id, err: { message: err.message } }, "flag delivery left to the job");
      return flags;
    });
    underWay.add(delivered);
    void delivered.finally(() => underWay.delete(delivered));
    return { case: after, flags, delivered };
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
        await repos.jobs.create(nudgeJob(entry, extraDaysOff));
      }
      const flags = after.flags.filter((f) => f.entryId === entryId);
      const delivered = deliver(after, entryId).catch(() => flags);
      underWay.add(delivered);
      void delivered.finally(() => underWay.delete(delivered));
      return { case: after, flags, delivered };
    }
  }

  return {
    complete,
    rebuild,
    projectCase,
    /**
     * The durable job's step: the entry is read back; none (the turn died before storing it) means nothing to do.
     * Throws while a flag's delivery keeps failing, so the scheduler tries again.
     */
    async completeById(corpsId: string, entryId: string): Promise<"done" | "skipped"> {
      const entry = await repos.entries.get(corpsId, entryId);
      if (!entry) return "skipped";
      // A corrected or deleted entry: the case is built again from its entries (a correction whose turn died).
      const derived = entry.history?.length || entry.deletedAt ? await rebuild(corpsId, entry.caseId, entry.id) : await complete(entry);
      if (!derived) return "skipped";
      const flags = await derived.delivered;
      if (flags.some((f) => f.delivery === undefined || f.delivery === "failed")) throw new Error("a flag could not be delivered yet");
      return "done";
    },
    /** Waits for the deliveries under way (a graceful stop). */
    async drain(): Promise<void> {
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
    },
  };
}
