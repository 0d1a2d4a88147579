// Erasing a case everywhere it is held (issue 22): the case, its entries, its jobs and messages owed, the coaches'
// indexes, the check-in rounds and requests that name it, a family link to it, and every access-log line about it — all
// but the one line that says who erased it and when. Idempotent: the erase job (src/domain/jobs.ts) runs it again to
// finish one cut short, and once more later to sweep up what a turn under way at the time wrote. The retention period
// creates such jobs for closed cases that are due (`planRetention`, run by the scheduler's hourly plan).
import type { Clock } from "../domain/clock";
import {
  caseWithoutText,
  closedBefore,
  dueForTextRemoval,
  entryWithoutText,
  erasedLine,
  familyWithout,
  indexWithout,
  jobWithout,
  lineWithout,
  requestWithout,
  retentionOf,
  roundWithout,
  SYSTEM_ID,
  TTL_AFTER_CLOSING_DAYS,
  ttlSeconds,
  type Eraser,
} from "../domain/erasure";
import { eraseJob } from "../domain/jobs";
import type { Case } from "../domain/model";
import type { Logger } from "../log";
import type { Repositories } from "./repositories";
import { revokeGuest } from "./lending";

export interface ErasedCase {
  corpsId: string;
  caseId: string;
  code: Case["code"];
}

/** What one run removed (for the log: counts only). */
export interface Erased {
  entries: number;
  jobs: number;
  accessLines: number;
}

export async function eraseCase(repos: Repositories, c: ErasedCase, who: Eraser, now: Date): Promise<Erased> {
  const { corpsId, caseId } = c;
  // The line that stays comes first: whatever happens next, the erasure is on record.
  await repos.access.add(erasedLine({ id: caseId, corpsId, code: c.code }, who, now));
  // Then the case itself: from here on every card and request about it finds nothing.
  await repos.cases.delete(corpsId, caseId);

  const entryIds = await repos.entries.idsForCase(corpsId, caseId);
  for (const id of entryIds) await repos.entries.delete(corpsId, id);

  let jobs = 0;
  for (const job of await repos.jobs.listForCase(corpsId, caseId)) {
    const next = jobWithout(job, caseId);
    if (next === "delete") await repos.jobs.delete(corpsId, job.id);
    else if (next) await repos.jobs.upsert(next);
    if (next) jobs++;
  }

  for (const memberId of await repos.caseIndex.listMemberIds(corpsId)) await repos.caseIndex.update(corpsId, memberId, (ix) => indexWithout(ix, caseId));
  for (const r of await repos.checkIns.listRounds(corpsId, "0000-01", "9999-12")) {
    if (roundWithout(r, caseId)) await repos.checkIns.updateRound(corpsId, r.month, (x) => roundWithout(x, caseId));
  }
  for (const r of await repos.checkIns.listRequestsNaming(corpsId, caseId)) {
    await repos.checkIns.updateRequest(corpsId, r.month, r.memberId, (x) => (x ? requestWithout(x, caseId) : undefined));
  }
  for (const other of await repos.cases.listFamilyOf(corpsId, caseId)) {
    await repos.cases.update(corpsId, other.id, (x) => familyWithout(x, caseId)).catch(() => undefined); // (gone meanwhile: nothing to unlink)
  }

  // A lending for the case: a guest coaching it loses the membership it gave them; the lending and the lending corps'
  // pointer to it go (they name the case).
  for (const l of (await repos.lendings.list(corpsId)).filter((x) => x.caseId === caseId)) {
    if (l.status === "agreed") await revokeGuest(repos, l, now);
    await repos.lendings.delete(l.lenderCorpsId, l.id);
    await repos.lendings.delete(corpsId, l.id);
  }

  let accessLines = 0;
  for (const line of await repos.access.allForCase(corpsId, caseId)) {
    const next = lineWithout(line, caseId);
    if (next === "delete") await repos.access.delete(corpsId, line.id);
    else if (next) await repos.access.replace(next);
    if (next) accessLines++;
  }
  return { entries: entryIds.length, jobs, accessLines };
}

/**
 * A coordinator's erasure: the job first (durable: it finishes an erasure cut short, and sweeps once more later), then
 * the erasure itself, so the coordinator's answer says it is done.
 */
export async function eraseNow(repos: Repositories, c: ErasedCase, by: string, clock: Clock, log: Logger): Promise<Erased> {
  await repos.jobs.create(eraseJob({ id: c.caseId, corpsId: c.corpsId, code: c.code }, by, clock()));
  const erased = await eraseCase(repos, c, { role: "coordinator", by }, clock());
  log.info({ event: "case.erased", corpsId: c.corpsId, caseId: c.caseId, by, ...erased }, "case erased by a coordinator");
  return erased;
}

/** The erase job's handler: the erasure again (finishing or sweeping), by whoever asked for it. */
export async function runEraseJob(repos: Repositories, job: { corpsId: string; caseId: string; code: Case["code"]; by?: string }, clock: Clock, log: Logger): Promise<void> {
  const erased = await eraseCase(repos, job, job.by ? { role: "coordinator", by: job.by } : { role: "system" }, clock());
  log.info({ event: job.by ? "case.eraseSwept" : "case.erased", corpsId: job.corpsId, caseId: job.caseId, retention: !job.by, ...erased }, "erase job");
}

/**
 * The corps' choice to let free text age out: the case's entries and the case itself without their free text (the
 * figures stay), and a line in its access log. Idempotent: an entry already without text is left as it is.
 */
export async function removeFreeText(repos: Repositories, c: Case, now: Date): Promise<number> {
  let entries = 0;
  for (const id of await repos.entries.idsForCase(c.corpsId, c.id)) {
    const { before, after } = await repos.entries.update(c.corpsId, id, entryWithoutText);
    if (before !== after) entries++;
  }
  await repos.access.add({
    type: "access",
    id: `textRemoved:${c.id}`,
    corpsId: c.corpsId,
    at: now.toISOString(),
    by: SYSTEM_ID,
    role: "system",
    action: "update",
    flow: "retention.text",
    caseIds: [c.id],
  });
  await repos.cases.update(c.corpsId, c.id, (x) => (x.freeTextRemovedAt ? x : caseWithoutText(x, now)));
  return entries;
}

/**
 * Cosmos DB's time to live on a closed case's documents (the case, its entries), set once nothing more is written to
 * them and again whenever the corps changes its retention period (a longer period must never be cut short by an
 * older ttl). The access log's lines keep none: the erasure takes them, and the erasure's own line stays.
 */
export async function stampTtl(repos: Repositories, c: Case, months: number, ttl: number): Promise<void> {
  for (const id of await repos.entries.idsForCase(c.corpsId, c.id)) await repos.entries.update(c.corpsId, id, (e) => (e.ttl === ttl ? undefined : { ...e, ttl }));
  await repos.cases.update(c.corpsId, c.id, (x) => (x.ttlMonths === months ? x : { ...x, ttl, ttlMonths: months }));
}

/**
 * The retention period: an erase job for every closed case of every corps that closed longer ago than the corps keeps
 * them (one job per case: its id is the case's, so two instances planning at once create it once).
 */
const dueIdsOf = (cases: readonly Case[]) => new Set(cases.map((c) => c.id));

export async function planRetention(repos: Repositories, now: Date, log: Logger): Promise<number> {
  let planned = 0;
  for (const corps of await repos.corps.list()) {
    const retention = retentionOf(corps);
    const due = await repos.cases.listClosedBefore(corps.corpsId, closedBefore(retention.closedMonths, now));
    for (const c of due) if ((await repos.jobs.create(eraseJob(c, undefined, now))) === "created") planned++;
    // Time to live on the closed cases nothing more is written to, whose ttl is not (yet) for this period.
    const settled = new Date(now.getTime() - TTL_AFTER_CLOSING_DAYS * 86_400_000).toISOString();
    for (const c of await repos.cases.listClosedBefore(corps.corpsId, settled)) {
      const ttl = dueIdsOf(due).has(c.id) ? undefined : ttlSeconds(c, retention, now);
      if (ttl !== undefined) await stampTtl(repos, c, retention.closedMonths, ttl);
    }
    if (retention.freeTextMonths === undefined) continue;
    // The free text of closed cases past the corps' choice (not those being erased anyway).
    const dueIds = new Set(due.map((c) => c.id));
    for (const c of await repos.cases.listClosedBefore(corps.corpsId, closedBefore(retention.freeTextMonths, now))) {
      if (dueIds.has(c.id) || !dueForTextRemoval(c, retention, now)) continue;
      const entries = await removeFreeText(repos, c, now);
      log.info({ event: "retention.textRemoved", corpsId: corps.corpsId, caseId: c.id, entries }, "free text of a closed case removed");
    }
  }
  if (planned > 0) log.info({ event: "retention.planned", cases: planned }, "closed cases past the retention period, to be erased");
  return planned;
}
