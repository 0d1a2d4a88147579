// Completes what follows from a stored entry: the case's read model, the coach's case index, the corps' measures
// rollup, the nudge to reflect, and the coordinator's flags. One idempotent step, run by the turn that stored the
// entry, again by a replay of the same submission, and by the durable job written before the entry if the turn
// could not finish (a crash, a conflict that outlasted the retries, a passing fault). Running it twice changes
// nothing and sends no flag twice once its delivery is recorded.
import type { Clock } from "../domain/clock";
import { applyEntry, emptyCaseIndex, flagsToDeliver, needsNudge, withCase, withFlagDelivery } from "../domain/derive";
import { nudgeJob } from "../domain/jobs";
import { withCaseMeasures } from "../domain/measures";
import type { Case, Corps, Entry, Flag } from "../domain/model";
import type { Logger } from "../log";
import type { Repositories } from "../store/repositories";

export type FlagDelivery = NonNullable<Flag["delivery"]>;

export interface DeriverDeps {
  repos: Repositories;
  clock: Clock;
  log: Logger;
  /** Tells the case's coordinator (in Teams) about an entry's flags, in one message; says how it went. */
  deliverFlags(c: Case, flags: readonly Flag[]): Promise<FlagDelivery>;
}

export interface Derived {
  /** The case after the entry (and after recording the flags' delivery). */
  case: Case;
  /** The flags this entry raised, with their delivery. */
  flags: Flag[];
}

export type Deriver = ReturnType<typeof createDeriver>;

export function createDeriver(deps: DeriverDeps) {
  const { repos, log } = deps;

  /** Keeps the case's projections current: its coach's index (and a former coach's). */
  async function projectCase(c: Case, formerCoachId?: string): Promise<void> {
    const coaches = formerCoachId && formerCoachId !== c.coachId ? [c.coachId, formerCoachId] : [c.coachId];
    await Promise.all(coaches.map((m) => repos.caseIndex.update(c.corpsId, m, (ix) => withCase(ix ?? emptyCaseIndex(c.corpsId, m), c))));
  }

  /** Everything that follows from `entry`; undefined if its case no longer exists. */
  async function complete(entry: Entry, corps?: Pick<Corps, "extraDaysOff">): Promise<Derived | undefined> {
    const got = await repos.cases.get(entry.corpsId, entry.caseId);
    if (!got) return undefined;
    let { after } = await repos.cases.update(entry.corpsId, entry.caseId, (c) => applyEntry(c, entry), got);
    await projectCase(after);
    if (entry.type === "assessment") await repos.rollups.updateMeasures(entry.corpsId, (r) => withCaseMeasures(r, after));
    if (needsNudge(entry)) {
      const extraDaysOff = (corps ?? (await repos.corps.get(entry.corpsId)))?.extraDaysOff ?? [];
      await repos.jobs.create(nudgeJob(entry, extraDaysOff));
    }
    const flags = flagsToDeliver(after, entry.id);
    if (flags.length > 0) {
      const delivery = await deps.deliverFlags(after, flags);
      log.info({ event: `flag.${delivery}`, caseId: after.id, entryId: entry.id, coordinator: after.coordinatorId }, "flags");
      ({ after } = await repos.cases.update(entry.corpsId, entry.caseId, (c) => flags.reduce((x, f) => withFlagDelivery(x, f.id, delivery), c)));
    }
    // A delivery that failed for a passing reason is tried again by the job; otherwise the work is done.
    if (flagsToDeliver(after, entry.id).length === 0) await repos.jobs.delete(entry.corpsId, `derive-${entry.id}`);
    return { case: after, flags: after.flags.filter((f) => f.entryId === entry.id) };
  }

  return {
    complete,
    projectCase,
    /**
     * The durable job's step: the entry is read back; none (the turn died before storing it) means nothing to do.
     * Throws while a flag's delivery keeps failing, so the scheduler tries again.
     */
    async completeById(corpsId: string, entryId: string): Promise<"done" | "skipped"> {
      const entry = await repos.entries.get(corpsId, entryId);
      if (!entry) return "skipped";
      const derived = await complete(entry);
      if (!derived) return "skipped";
      if (derived.flags.some((f) => f.delivery === "failed")) throw new Error("a flag could not be delivered yet");
      return "done";
    },
  };
}
