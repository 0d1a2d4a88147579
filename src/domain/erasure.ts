// Erasing a case (issue 22; GDPR art. 17, and the corps' retention period): what of a case is removed where, the one
// access-log line that stays, and when a closed case is due. Pure: the store's eraser (src/store/erasure.ts) reads,
// applies these and deletes; the retention plan (bot/erasure.ts) asks `dueForErasure` every hour.
import { DateTime } from "luxon";
import type { AccessLine } from "./access-log";
import type { CheckInRequest, CheckInRound } from "./checkin";
import type { Job } from "./jobs";
import type { Problem } from "./forms";
import { isCoordinator } from "./coordination";
import { CaseCode, RETENTION_DEFAULT_MONTHS, type Case, type CaseIndex, type Corps, type Member, type Retention } from "./model";

/** The choices a corps has for the retention of closed cases (months after closing). */
export const RETENTION_CHOICES = [12, 24, 36, 60, 84, 120] as const;
/** Choices for stripping the free text of closed cases (months after closing); absent: kept as long as the case. */
export const FREE_TEXT_CHOICES = [6, 12, 24, 36] as const;

export const retentionOf = (corps: Pick<Corps, "retention">): Retention => corps.retention ?? { closedMonths: RETENTION_DEFAULT_MONTHS };

/** The instant before which a case must have closed to be due for erasure now (`months` after closing, in Copenhagen). */
export const closedBefore = (months: number, now: Date): string =>
  DateTime.fromJSDate(now, { zone: "Europe/Copenhagen" }).minus({ months }).toJSDate().toISOString();

/** Whether a case is due for erasure at `now`: closed more than the corps' period ago. */
export const dueForErasure = (c: Pick<Case, "status" | "closedAt">, retention: Retention, now: Date): boolean =>
  c.status === "closed" && !!c.closedAt && new Date(c.closedAt) < new Date(closedBefore(retention.closedMonths, now));

/** The day a closed case will be erased (for the case card and the export). */
export const erasureDate = (c: Pick<Case, "closedAt">, retention: Retention): string | undefined =>
  c.closedAt ? DateTime.fromISO(c.closedAt, { zone: "Europe/Copenhagen" }).plus({ months: retention.closedMonths }).toISODate()! : undefined;

// ── The corps' choice ───────────────────────────────────────────────────────────────────────────

/** The retention card's fields: the period, and the confirmation asked when the new period makes cases due at once. */
export const RETENTION_FIELD = "closedMonths";
export const RETENTION_CONFIRM_FIELD = "confirmErase";

export type RetentionDecision =
  | { kind: "ok"; retention: Retention; dueNow: number }
  | { kind: "refused"; problems: Problem[]; dueNow: number };

/**
 * A coordinator's or leader's change of the retention period. One of the offered periods only; a period that makes
 * closed cases due at once (erased within the hour) must be confirmed, with how many are named on the card.
 */
export function decideRetention(values: Record<string, string | undefined>, current: Retention, closed: ReadonlyArray<Pick<Case, "status" | "closedAt">>, by: string, now: Date): RetentionDecision {
  const months = Number(values[RETENTION_FIELD]);
  if (!(RETENTION_CHOICES as readonly number[]).includes(months)) return { kind: "refused", problems: [{ field: RETENTION_FIELD, code: values[RETENTION_FIELD] ? "invalid" : "required" }], dueNow: 0 };
  const retention: Retention = { ...current, closedMonths: months, changedBy: by.toLowerCase(), changedAt: now.toISOString() };
  const dueNow = closed.filter((c) => dueForErasure(c, retention, now)).length;
  if (dueNow > 0 && values[RETENTION_CONFIRM_FIELD] !== "true") return { kind: "refused", problems: [{ field: RETENTION_CONFIRM_FIELD, code: "required" }], dueNow };
  return { kind: "ok", retention, dueNow };
}

// ── The coordinator's request ─────────────────────────────────────────────────────────────────────

/** The field where the coordinator types the case's code to confirm the erasure. */
export const ERASE_CONFIRM_FIELD = "confirmCode";

export type EraseDecision = { kind: "ok" } | { kind: "refused"; problems: Problem[] } | { kind: "notFound" };

/**
 * A coordinator's erasure of a case of their corps, confirmed by typing its code (case and spaces do not matter). Any
 * other answer is refused and the card handed back; a case out of reach is not found.
 */
export function decideErase(values: Record<string, string | undefined>, c: Case | undefined, actor: Pick<Member, "roles" | "corpsId">): EraseDecision {
  if (!c || !isCoordinator(actor) || c.corpsId !== actor.corpsId) return { kind: "notFound" };
  const typed = (values[ERASE_CONFIRM_FIELD] ?? "").replace(/\s+/g, "").toUpperCase();
  if (typed === "") return { kind: "refused", problems: [{ field: ERASE_CONFIRM_FIELD, code: "required" }] };
  if (typed !== c.code) return { kind: "refused", problems: [{ field: ERASE_CONFIRM_FIELD, code: "codeMismatch" }] };
  return { kind: "ok" };
}

// ── What is removed where ─────────────────────────────────────────────────────────────────────────

/** Who erased: a coordinator, or the retention period (Løft itself). */
export type Eraser = { by: string; role: "coordinator" } | { role: "system" };
/** The id Løft itself acts under in the access log (no person). */
export const SYSTEM_ID = "00000000-0000-0000-0000-000000000000";

/** The line the access log keeps of an erased case: by whom, when, and its code — nothing else of the case. */
export function erasedLine(c: Pick<Case, "id" | "corpsId" | "code">, who: Eraser, at: Date): AccessLine {
  return {
    type: "access",
    id: `erased:${c.id}`,
    corpsId: c.corpsId,
    at: at.toISOString(),
    by: who.role === "system" ? SYSTEM_ID : who.by.toLowerCase(),
    role: who.role,
    action: "erase",
    flow: who.role === "system" ? "retention" : "erase",
    caseIds: [c.id],
    code: CaseCode.parse(c.code),
  };
}

/** A line of the access log without the case: the same line naming the others, "delete" if it named only this case. */
export function lineWithout(line: AccessLine, caseId: string): AccessLine | "delete" | undefined {
  if (line.action === "erase" || !line.caseIds.includes(caseId)) return undefined;
  const caseIds = line.caseIds.filter((id) => id !== caseId);
  return caseIds.length === 0 ? "delete" : { ...line, caseIds };
}

/** A coach's case index without the case (undefined: it was not there). */
export function indexWithout(ix: CaseIndex | undefined, caseId: string): CaseIndex | undefined {
  if (!ix || !ix.cases.some((x) => x.id === caseId)) return undefined;
  return { ...ix, cases: ix.cases.filter((x) => x.id !== caseId) };
}

/** A month's check-in round without the case among those asked (the dashboard's share answered follows). */
export function roundWithout(r: CheckInRound, caseId: string): CheckInRound | undefined {
  const asked = r.asked && caseId in r.asked;
  if (!asked && !r.snoozed.includes(caseId)) return undefined;
  const { [caseId]: _gone, ...rest } = r.asked ?? {};
  return { ...r, ...(r.asked ? { asked: rest } : {}), snoozed: r.snoozed.filter((id) => id !== caseId) };
}

/** What was sent one coach for a month, without the case (its status card's record too). */
export function requestWithout(r: CheckInRequest, caseId: string): CheckInRequest | undefined {
  const sendId = `ask:${caseId}`;
  if (!r.caseIds.includes(caseId) && !r.sends.some((s) => s.id === sendId)) return undefined;
  return { ...r, caseIds: r.caseIds.filter((id) => id !== caseId), sends: r.sends.filter((s) => s.id !== sendId) };
}

/** Another case of the family, no longer linked to the erased one. */
export function familyWithout(c: Case, caseId: string): Case {
  if (c.family?.caseId !== caseId) return c;
  const { family: _f, ...rest } = c;
  return rest;
}

/** A job about the case: "delete" if it is about this case only; a message about several cases without it; undefined: not about it. */
export function jobWithout(job: Job, caseId: string): Job | "delete" | undefined {
  if (job.kind === "message" && job.message.what === "coachLeft") {
    if (!job.message.caseIds.includes(caseId)) return undefined;
    const caseIds = job.message.caseIds.filter((id) => id !== caseId);
    return caseIds.length === 0 ? "delete" : { ...job, message: { ...job.message, caseIds } };
  }
  return job.kind !== "erase" && job.caseId === caseId ? "delete" : undefined;
}
