// Erasing a case (issue 22; GDPR art. 17, and the corps' retention period): what of a case is removed where, the one
// access-log line that stays, and when a closed case is due. Pure: the store's eraser (src/store/erasure.ts) reads,
// applies these and deletes; the retention plan (bot/erasure.ts) asks `dueForErasure` every hour.
import { DateTime } from "luxon";
import type { AccessLine } from "./access-log";
import type { CheckInRequest, CheckInRound } from "./checkin";
import type { Job } from "./jobs";
import type { Problem } from "./forms";
import { isCoordinator } from "./coordination";
import { CaseCode, RETENTION_DEFAULT_MONTHS, type Case, type CaseIndex, type Corps, type Entry, type Member, type Retention } from "./model";

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

/** The retention card's fields: the period, the free text's, and the confirmation asked when cases are due at once. */
export const RETENTION_FIELD = "closedMonths";
export const FREE_TEXT_FIELD = "freeTextMonths";
export const RETENTION_CONFIRM_FIELD = "confirmErase";
/** The free-text choice "keep it as long as the case" (a choice needs a value a card can show as selected). */
export const KEEP_TEXT = "keep";

/** What a new choice would do within the hour: erase this many closed cases, strip the free text of this many more. */
export interface DueNow {
  erase: number;
  text: number;
}

export type RetentionDecision = { kind: "ok"; retention: Retention; dueNow: DueNow } | { kind: "refused"; problems: Problem[]; dueNow: DueNow };

/**
 * A coordinator's or leader's choice of how long closed cases are kept, and (optionally) how long their free text is.
 * Only the offered periods; a choice that makes closed cases due at once (erased, or their text removed, within the
 * hour) must be confirmed, with how many named on the card.
 */
export function decideRetention(
  values: Record<string, string | undefined>,
  current: Retention,
  closed: ReadonlyArray<Pick<Case, "status" | "closedAt" | "freeTextRemovedAt">>,
  by: string,
  now: Date,
): RetentionDecision {
  const none = { erase: 0, text: 0 };
  const months = Number(values[RETENTION_FIELD]);
  const textGiven = values[FREE_TEXT_FIELD] ?? "";
  const textMonths = textGiven === "" || textGiven === KEEP_TEXT ? undefined : Number(textGiven);
  const problems: Problem[] = [
    ...((RETENTION_CHOICES as readonly number[]).includes(months) ? [] : [{ field: RETENTION_FIELD, code: values[RETENTION_FIELD] ? ("invalid" as const) : ("required" as const) }]),
    ...(textMonths === undefined || (FREE_TEXT_CHOICES as readonly number[]).includes(textMonths) ? [] : [{ field: FREE_TEXT_FIELD, code: "invalid" as const }]),
  ];
  if (problems.length > 0) return { kind: "refused", problems, dueNow: none };
  const { freeTextMonths: _old, ...rest } = current;
  const retention: Retention = { ...rest, closedMonths: months, ...(textMonths ? { freeTextMonths: textMonths } : {}), changedBy: by.toLowerCase(), changedAt: now.toISOString() };
  const erase = closed.filter((c) => dueForErasure(c, retention, now));
  const dueNow = { erase: erase.length, text: closed.filter((c) => !erase.includes(c) && dueForTextRemoval(c, retention, now)).length };
  if ((dueNow.erase > 0 || dueNow.text > 0) && values[RETENTION_CONFIRM_FIELD] !== "true") return { kind: "refused", problems: [{ field: RETENTION_CONFIRM_FIELD, code: "required" }], dueNow };
  return { kind: "ok", retention, dueNow };
}

// ── Cosmos DB's time to live: the second line of defence ─────────────────────────────────────────────

/** Days after closing when nothing more is written to a case (the after-reflection's 30 days, and a day). */
export const TTL_AFTER_CLOSING_DAYS = 31;
/** How long after its erasure is due Cosmos DB may delete a document itself (the job erases it first). */
export const TTL_MARGIN_MONTHS = 1;

/**
 * The `ttl` (seconds from now, Cosmos DB counting from the document's last write) that has a closed case's documents
 * deleted by the store a month after the retention period would have erased them — never before. Undefined while
 * the case may still be written to (open, or within the after-reflection's days) or while its ttl stands for this period.
 */
export function ttlSeconds(c: Pick<Case, "status" | "closedAt" | "ttlMonths">, retention: Retention, now: Date): number | undefined {
  if (c.status !== "closed" || !c.closedAt || c.ttlMonths === retention.closedMonths) return undefined;
  const closed = DateTime.fromISO(c.closedAt, { zone: "Europe/Copenhagen" });
  if (closed.plus({ days: TTL_AFTER_CLOSING_DAYS }).toMillis() > now.getTime()) return undefined;
  const expires = closed.plus({ months: retention.closedMonths + TTL_MARGIN_MONTHS }).toMillis();
  return Math.max(86_400, Math.ceil((expires - now.getTime()) / 1000));
}

// ── Free text ageing out ──────────────────────────────────────────────────────────────────────────

/** Whether a closed case's free text is due for removal: the corps chose a period, it has passed, not done yet. */
export const dueForTextRemoval = (c: Pick<Case, "status" | "closedAt" | "freeTextRemovedAt">, retention: Retention, now: Date): boolean =>
  c.status === "closed" && !!c.closedAt && !c.freeTextRemovedAt && retention.freeTextMonths !== undefined && new Date(c.closedAt) < new Date(closedBefore(retention.freeTextMonths, now));

/** What stands where a text that must not be empty was: a goal, a proposal, a goal in the citizen's words. */
export const REMOVED_TEXT = "–";

/**
 * An entry without its free text — the figures, scores and choices stay; the corrections' history (which holds the
 * earlier text) goes. Undefined: nothing to remove.
 */
export function entryWithoutText(e: Entry): Entry | undefined {
  const { history: _h, ...rest } = e;
  const blank = (xs: readonly string[]) => xs.map(() => "");
  let next: Entry;
  switch (rest.type) {
    case "preparation":
    case "closing":
      next = { ...rest, answers: blank(rest.answers) };
      break;
    case "reflection": {
      const { agreements: _a, ...r } = rest;
      next = { ...r, answers: blank(r.answers) };
      break;
    }
    case "statusCheckIn": {
      const { note: _n, ...r } = rest;
      next = r;
      break;
    }
    case "afterReflection": {
      const { colleagues: _c, learning: _l, ...r } = rest;
      next = { ...r, answers: blank(r.answers) };
      break;
    }
    case "conversationForm": {
      const { perspective: _p, ...r } = rest;
      next = { ...r, goals: r.goals.map(() => REMOVED_TEXT) };
      break;
    }
    case "goalProposal":
      next = { ...rest, text: REMOVED_TEXT };
      break;
    default:
      next = rest as Entry;
  }
  return JSON.stringify(next) === JSON.stringify(e) ? undefined : next;
}

/** The case without its free text: the målskema's words, the referral's, the read models' quotes; its figures stay. */
export function caseWithoutText(c: Case, now: Date): Case {
  const { closeReasonText: _t, ...rest } = c;
  return {
    ...rest,
    goalForm: { worries: "", working: "", goals: c.goalForm.goals.map((g) => ({ ...g, text: REMOVED_TEXT })) },
    ...(c.goalProposals ? { goalProposals: c.goalProposals.map((p) => ({ ...p, text: REMOVED_TEXT })) } : {}),
    ...(c.plan ? { plan: { ...c.plan, text: "" } } : {}),
    ...(c.conversationForm ? { conversationForm: { entryId: c.conversationForm.entryId, at: c.conversationForm.at, goals: c.conversationForm.goals.map(() => REMOVED_TEXT) } } : {}),
    ...(c.lastReflection ? { lastReflection: { ...c.lastReflection, text: "" } } : {}),
    freeTextRemovedAt: now.toISOString(),
  };
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

/** A coach's case index without the case, and without their own name for it (undefined: it was in neither). */
export function indexWithout(ix: CaseIndex | undefined, caseId: string): CaseIndex | undefined {
  if (!ix || (!ix.cases.some((x) => x.id === caseId) && ix.labels[caseId] === undefined)) return undefined;
  const { [caseId]: _label, ...labels } = ix.labels;
  return { ...ix, cases: ix.cases.filter((x) => x.id !== caseId), labels };
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
