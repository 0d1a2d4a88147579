// What follows from a stored entry (ARCHITECTURE: "the entry is the commit point; everything else is derived").
// Pure functions: the case's read model after an entry, the flags it raises for the coordinator, and the
// projections of a case kept elsewhere (the coach's case index). Applying the same entry twice changes nothing:
// the case remembers the entries it applied, and projections keep only a newer revision of a case.
import { applyAfterReflection } from "./after-reflection";
import { checkInFlags } from "./checkin";
import { concernFlags, meetingRequestFlags } from "./concern";
import { applyNotHeld } from "./not-held";
import { applyGoalProposal, goalProposalFlags } from "./goal-proposal";
import { applyConversationForm } from "./conversation-form";
import { withDelivery } from "./delivery";
import { applyPreparation, openPlan, type PreparationEntry } from "./preparation";
import { withMethod } from "./fidelity";
import { applyAssessment, assessmentFlags } from "./measures";
import type { Case, CaseIndex, CaseIndexItem, Entry, Flag } from "./model";
import { caseIndexId } from "./model";
import { applyReflection, reflectionFlags } from "./reflection";

/** How many applied entry ids a case remembers: far more than can race on one case before a derivation ends. */
export const APPLIED_KEPT = 50;
/** How many flags a case keeps (the coordinator's list shows the recent ones). */
export const FLAGS_KEPT = 20;

/** The case after the entry, or the case unchanged when the entry was applied before. */
export function applyEntry(c: Case, entry: Entry): Case {
  if (c.applied.includes(entry.id) || entry.deletedAt) return c;
  let next: Case = c;
  if (entry.type === "preparation") next = applyPreparation(c, entry);
  else if (entry.type === "reflection") next = applyReflection(c, entry);
  else if (entry.type === "assessment") next = applyAssessment(c, entry);
  else if (entry.type === "conversationForm") next = applyConversationForm(c, entry);
  else if (entry.type === "notHeld") next = applyNotHeld(c, entry);
  else if (entry.type === "goalProposal") next = applyGoalProposal(c, entry);
  else if (entry.type === "afterReflection") next = applyAfterReflection(c, entry);
  const known = new Set(c.flags.map((f) => f.id));
  const raised = flagsOf(entry).filter((f) => !known.has(f.id));
  if (raised.length > 0) next = { ...next, flags: [...next.flags, ...raised].slice(-FLAGS_KEPT) };
  const method = withMethod(c.method, entry);
  if (method !== c.method) next = { ...next, method };
  return { ...next, applied: [...c.applied, entry.id].slice(-APPLIED_KEPT), revision: c.revision + 1 };
}

/** What an entry tells the coordinator at once. */
function flagsOf(entry: Entry): Flag[] {
  if (entry.type === "reflection") return reflectionFlags(entry);
  if (entry.type === "assessment") return assessmentFlags(entry);
  if (entry.type === "statusCheckIn") return checkInFlags(entry);
  if (entry.type === "concern") return concernFlags(entry);
  if (entry.type === "meetingRequest") return meetingRequestFlags(entry);
  if (entry.type === "goalProposal") return goalProposalFlags(entry);
  return [];
}

/** The case's flags still to be seen to (not handled by a coordinator), oldest first. */
export const openFlags = (c: Pick<Case, "flags">): Flag[] => c.flags.filter((f) => !f.handled);

/** Every open flag of the case marked handled by `by` at `at`; undefined if none was open (pressed twice, or by two). */
export function withFlagsHandled(c: Case, by: string, at: Date): Case | undefined {
  if (openFlags(c).length === 0) return undefined;
  const handled = { at: at.toISOString(), by: by.toLowerCase() };
  return { ...c, flags: c.flags.map((f) => (f.handled ? f : { ...f, handled })), revision: c.revision + 1 };
}

/** Records how a flag's delivery went (a flag once sent stays sent). */
export function withFlagDelivery(c: Case, flagId: string, delivery: NonNullable<Flag["delivery"]>): Case {
  const flags = withDelivery(c.flags, flagId, delivery);
  return flags ? { ...c, flags, revision: c.revision + 1 } : c;
}

/**
 * What a preparation needs after it is stored: the nudge to reflect (a job) — unless the conversation's time had
 * passed when it was prepared (the done card asks about that at once).
 */
export const needsNudge = (entry: Entry): entry is PreparationEntry =>
  entry.type === "preparation" && entry.plannedAt !== undefined && Date.parse(entry.plannedAt) > Date.parse(entry.createdAt);

// ── The coach's case index ──────────────────────────────────────────────────────────────────────

export function indexItemOf(c: Case): CaseIndexItem {
  return {
    id: c.id,
    code: c.code,
    kind: c.kind,
    status: c.status,
    openedAt: c.openedAt,
    ...(c.lastReflection ? { lastReflectionAt: c.lastReflection.at } : {}),
    ...(openPlan(c) ? { plannedAt: openPlan(c)!.plannedAt ?? openPlan(c)!.at } : {}),
    ...statusMonthOf(c),
    ...(c.goalForm.goals[0] ? { cue: shortened(c.goalForm.goals[0].text, CUE_CHARS) } : {}),
    revision: c.revision,
  };
}

/** How much of the first goal a picker shows. */
export const CUE_CHARS = 50;

/** The text cut at a word within `max` characters, with "…" when cut. */
export function shortened(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const atWord = t[max - 1] === " " ? cut.length : cut.lastIndexOf(" ");
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

function statusMonthOf(c: Case): { statusMonth?: string } {
  const answered = (c.method?.months ?? []).filter((m) => m.checkInAnswered).map((m) => m.month).sort();
  return answered.length ? { statusMonth: answered.at(-1) } : {};
}

/** The prepared conversation's time has come, and no reflection has followed it yet. */
export const heldUnreflected = (i: Pick<CaseIndexItem, "plannedAt">, now: Date): boolean => !!i.plannedAt && Date.parse(i.plannedAt) <= now.getTime();

/** A case's one next step for its coach: reflect on a conversation held, else the closing dialogue of a closing case, else prepare. */
export function nextStep(i: Pick<CaseIndexItem, "plannedAt" | "status">, now: Date): "reflect.open" | "closing.open" | "prepare.open" {
  if (heldUnreflected(i, now)) return "reflect.open";
  return i.status === "closing" ? "closing.open" : "prepare.open";
}

/**
 * The order a coach's cases are offered in: by the prepared conversation (a held one not yet reflected on comes
 * first, then the next ones), then the cases with nothing planned, by code.
 */
export function byNextConversation(a: Pick<CaseIndexItem, "code" | "plannedAt">, b: Pick<CaseIndexItem, "code" | "plannedAt">): number {
  if (a.plannedAt && b.plannedAt && a.plannedAt !== b.plannedAt) return a.plannedAt.localeCompare(b.plannedAt);
  if (!!a.plannedAt !== !!b.plannedAt) return a.plannedAt ? -1 : 1;
  return a.code.localeCompare(b.code);
}

export const emptyCaseIndex = (corpsId: string, memberId: string): CaseIndex => ({
  type: "caseIndex",
  id: caseIndexId(memberId),
  corpsId,
  memberId,
  cases: [],
  labels: {},
});

const sameItem = (a: CaseIndexItem, b: CaseIndexItem) => JSON.stringify({ ...a, revision: 0 }) === JSON.stringify({ ...b, revision: 0 });

/**
 * The coach's index with the case as it is now: listed while it is open and theirs, gone once it is closed or
 * passed to someone else. Undefined when nothing changes (or the index already shows a newer revision).
 */
export function withCase(index: CaseIndex, c: Case): CaseIndex | undefined {
  const have = index.cases.find((i) => i.id === c.id);
  if (have && have.revision >= c.revision) return undefined;
  const belongs = c.status !== "closed" && c.coachId.toLowerCase() === index.memberId.toLowerCase();
  if (!belongs) {
    // Closed or passed on: the case leaves the list, and the coach's own name for it goes with it.
    const { [c.id]: _gone, ...labels } = index.labels;
    return have || _gone !== undefined ? { ...index, cases: index.cases.filter((i) => i.id !== c.id), labels } : undefined;
  }
  const item = indexItemOf(c);
  if (have && sameItem(have, item)) return undefined;
  const cases = have ? index.cases.map((i) => (i.id === c.id ? item : i)) : [...index.cases, item];
  return { ...index, cases: cases.sort((a, b) => a.code.localeCompare(b.code)) };
}

/** The index built from scratch over a coach's cases (seeding, repair). */
export function caseIndexOf(corpsId: string, memberId: string, cases: readonly Case[]): CaseIndex {
  return cases.reduce((ix, c) => withCase(ix, c) ?? ix, emptyCaseIndex(corpsId, memberId));
}
