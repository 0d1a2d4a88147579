// Cases as one member may reach them: the flows read cases only through this, so a role decides what is found
// whatever a card or a request names. A case out of reach is not found, exactly like one that does not exist. Every
// case reached is noted for the access log (src/domain/access-log.ts); the flow writes the log before it answers (and
// what the store cannot take now, it keeps writing until it can).
import { randomUUID } from "node:crypto";
import { accessLines, namedCases, type Access, type AccessAction, type AccessLine } from "../domain/access-log";
import { mayReach, type CaseRole } from "../domain/access";
import type { Case, Member } from "../domain/model";
import type { Repositories, Versioned } from "./repositories";
import { eraseNow } from "./erasure";
import type { Logger } from "../log";

export class AccessDenied extends Error {
  constructor() {
    super("not within the member's reach");
  }
}

/** What one request reached, to be written to the access log before it answers. */
export interface AccessRecorder {
  note(action: AccessAction, role: Access["role"], cases: ReadonlyArray<Pick<Case, "id">>): void;
  /**
   * Writes the lines (once each). Lines the store does not take now (a full disk, an outage) are kept and written again
   * until it does — the request still answers: a full disk must not cost a user the answers on their card.
   */
  flush(): Promise<void>;
}

/** Lines the store did not take yet, per store, retried with backoff while there are any (none: no timer, the app rests). */
const pending = new WeakMap<Repositories, { lines: AccessLine[]; timer?: NodeJS.Timeout; delay: number }>();
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;

async function writeLines(repos: Repositories, lines: readonly AccessLine[]): Promise<void> {
  const queue = pending.get(repos) ?? pending.set(repos, { lines: [], delay: RETRY_FIRST_MS }).get(repos)!;
  const failed: AccessLine[] = [];
  for (const line of lines) await repos.access.add(line).catch(() => failed.push(line));
  if (failed.length === 0) return;
  queue.lines.push(...failed);
  if (queue.timer) return;
  const retry = async () => {
    queue.timer = undefined;
    const again = queue.lines.splice(0);
    const still: AccessLine[] = [];
    for (const line of again) await repos.access.add(line).catch(() => still.push(line));
    if (still.length === 0) {
      queue.delay = RETRY_FIRST_MS;
      return;
    }
    queue.lines.unshift(...still);
    queue.delay = Math.min(RETRY_MAX_MS, queue.delay * 2);
    queue.timer = setTimeout(() => void retry(), queue.delay);
    queue.timer.unref();
  };
  queue.timer = setTimeout(() => void retry(), queue.delay);
  queue.timer.unref();
}

/**
 * One more try for the lines still waiting (a stop: App Service's SIGTERM) — what the store takes now is not lost with
 * the instance; how many are still left.
 */
export async function flushAccessLines(repos: Repositories): Promise<number> {
  const queue = pending.get(repos);
  if (!queue || queue.lines.length === 0) return 0;
  if (queue.timer) clearTimeout(queue.timer);
  queue.timer = undefined;
  const still: AccessLine[] = [];
  for (const line of queue.lines.splice(0)) await repos.access.add(line).catch(() => still.push(line));
  queue.lines.push(...still);
  return still.length;
}

/** How many access-log lines wait for the store (health and tests). */
export const accessLinesPending = (repos: Repositories): number => pending.get(repos)?.lines.length ?? 0;

/** A recorder for one request of `member` through `flow` (a card's verb, an API route). */
export function accessRecorder(repos: Repositories, member: Pick<Member, "corpsId" | "aadObjectId">, flow: string, now: () => Date): AccessRecorder {
  const noted: Access[] = [];
  const requestId = randomUUID();
  let written = 0;
  return {
    note(action, role, cases) {
      if (cases.length > 0) noted.push({ action, role, caseIds: cases.map((c) => c.id) });
    },
    async flush() {
      // Only what was noted since the last flush (a turn may flush, then read again and flush again).
      const fresh = noted.slice(written);
      written = noted.length;
      await writeLines(repos, accessLines(`${requestId}:${written}`, member.corpsId, member.aadObjectId, flow, now(), fresh));
    },
  };
}

export function casesFor(repos: Repositories, member: Member, log?: AccessRecorder) {
  return {
    async get(caseId: string, as: CaseRole): Promise<Versioned<Case> | undefined> {
      const got = await repos.cases.get(member.corpsId, caseId);
      if (!got || !mayReach(member, got.doc, as)) return undefined;
      log?.note("read", as, [got.doc]);
      return got;
    },
    /** A new case: only a coordinator, only in their own corps. */
    async create(c: Case): Promise<"created" | "duplicate"> {
      if (!mayReach(member, c, "coordinator")) throw new AccessDenied();
      const made = await repos.cases.create(c);
      log?.note("create", "coordinator", [c]);
      return made;
    },
    /** A coordinator's change of a case they may reach (as read in `current`), re-applied on a concurrent write. */
    async update(current: Versioned<Case>, change: (c: Case) => Case, as: CaseRole) {
      if (!mayReach(member, current.doc, as)) throw new AccessDenied();
      const done = await repos.cases.update(current.doc.corpsId, current.doc.id, change, current);
      log?.note("update", as, [current.doc]);
      return done;
    },
    /**
     * A coordinator's erasure of a case they may reach (src/store/erasure.ts). What this request noted is written first,
     * so the erasure removes it with the rest; the log keeps only the erasure's own line.
     */
    async erase(c: Case, now: () => Date, logger: Logger) {
      if (!mayReach(member, c, "coordinator")) throw new AccessDenied();
      await log?.flush();
      return eraseNow(repos, { corpsId: c.corpsId, caseId: c.id, code: c.code }, member.aadObjectId, now, logger);
    },
    /** A case exported whole for an access request (a coordinator's): in the log as exported. */
    exported(c: Pick<Case, "id">): void {
      log?.note("export", "coordinator", [c]);
    },
    /** Cases counted in figures shown to this member (a coordinator's half-year figures): in the log as counted, never seen. */
    counted(items: ReadonlyArray<Pick<Case, "id">>): void {
      log?.note("aggregate", member.roles.includes("coordinator") ? "coordinator" : "leader", items);
    },
    /** Cases a coordinator's view names (the month's summary: codes, answers, flags): in the log as seen. */
    listedForCoordinator(caseIds: readonly string[]): void {
      log?.note("read", "coordinator", caseIds.map((id) => ({ id })));
    },
    /** The coach's own cases as their case index lists them (codes, cues, next conversations): in the log as seen. */
    listedFromIndex(items: ReadonlyArray<Pick<Case, "id">>): void {
      log?.note("read", "coach", items);
    },
    /** A coordinator's: the corps' cases; a coach's: their own; anyone else's: none. */
    async list(as: CaseRole): Promise<Case[]> {
      const probe = { corpsId: member.corpsId, coachId: member.aadObjectId };
      if (!mayReach(member, probe, as)) return [];
      const found = as === "coordinator" ? await repos.cases.list(member.corpsId) : await repos.cases.listForCoach(member.corpsId, member.aadObjectId);
      log?.note("read", as, found);
      return found;
    },
  };
}

export type CaseAccess = ReturnType<typeof casesFor>;

/** One line of the corps' access log as its DPO and coordinators read it: who (by name), the cases by code. */
export interface CorpsLogLine extends Pick<AccessLine, "at" | "by" | "role" | "action" | "flow"> {
  name: string;
  codes: string[];
  /** When the line named more cases than are listed: how many. */
  more: number;
}

/**
 * The corps' newest access-log lines, for its DPO (who reads the log, never a case) and its coordinators. Reading it
 * reaches no case's content: the codes come from the cases' documents and the erasures' lines.
 */
export async function corpsAccessLog(repos: Repositories, corpsId: string, max: number): Promise<CorpsLogLine[]> {
  const [lines, cases, members] = await Promise.all([repos.access.listForCorps(corpsId, max), repos.cases.list(corpsId), repos.members.list(corpsId)]);
  const codes = new Map(cases.map((c) => [c.id, c.code as string]));
  const names = new Map(members.map((m) => [m.aadObjectId.toLowerCase(), m.name]));
  return lines.map(({ at, by, role, action, flow, caseIds, code }) => ({ at, by, role, action, flow, name: names.get(by) ?? "", ...namedCases({ caseIds, code }, codes) }));
}
