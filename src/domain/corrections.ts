// Correcting and deleting one's own entry (issue 11): the author may, within CORRECT_WITHIN_DAYS of writing it. A
// correction keeps the entry's id and time and records what it said before; a deletion blanks its free text and
// leaves a tombstone. Either way the case's read models are built again from the case's remaining entries
// (`rebuildCase`), so goal scores, the last reflection, progress, measures, method counts and flags follow.
import { applyEntry } from "./derive";
import type { Case, Entry, Flag } from "./model";

export const CORRECT_WITHIN_DAYS = 7;
/** What a mentor records about a conversation; check-in answers and closings have their own ways to be changed. */
export const CORRECTABLE = ["preparation", "reflection", "assessment"] as const;
export type CorrectableType = (typeof CORRECTABLE)[number];

const DAY_MS = 86_400_000;
const BOOKKEEPING = new Set(["type", "id", "corpsId", "caseId", "authorId", "createdAt", "history", "deletedAt"]);

export const isCorrectable = (e: Entry): e is Extract<Entry, { type: CorrectableType }> => (CORRECTABLE as readonly string[]).includes(e.type);

/** Whether `actorId` may still correct or delete the entry now: their own, not deleted, at most seven days old. */
export function mayCorrect(e: Entry, actorId: string, now: Date): boolean {
  return (
    isCorrectable(e) &&
    !e.deletedAt &&
    e.authorId.toLowerCase() === actorId.toLowerCase() &&
    now.getTime() - Date.parse(e.createdAt) <= CORRECT_WITHIN_DAYS * DAY_MS
  );
}

/** What an entry says (everything but its bookkeeping). */
const contentOf = (e: Entry): Record<string, unknown> => Object.fromEntries(Object.entries(e).filter(([k]) => !BOOKKEEPING.has(k)));

/**
 * The entry as corrected: the new content under the old id and time, the old content in its history. The same
 * correction replayed (same submission) changes nothing: undefined.
 */
export function correctedEntry(old: Entry, next: Entry, by: string, submissionId: string, now: Date): Entry | undefined {
  if (old.history?.some((r) => r.submissionId === submissionId)) return undefined;
  const revision = { at: now.toISOString(), by, submissionId, previous: contentOf(old) };
  return {
    ...next,
    id: old.id,
    corpsId: old.corpsId,
    caseId: old.caseId,
    authorId: old.authorId,
    createdAt: old.createdAt,
    history: [...(old.history ?? []), revision].slice(-50),
  } as Entry;
}

/** The tombstone of a deleted entry: its free text blanked and its history dropped; numbers and choices stay. */
export function deletedEntry(old: Entry, now: Date): Entry {
  const { history: _history, ...rest } = old;
  const blank = (xs: readonly string[]) => xs.map(() => "");
  switch (rest.type) {
    case "preparation":
      return { ...rest, answers: blank(rest.answers), deletedAt: now.toISOString() };
    case "reflection": {
      const { agreements: _a, ...r } = rest;
      return { ...r, answers: blank(r.answers), deletedAt: now.toISOString() };
    }
    default:
      return { ...rest, deletedAt: now.toISOString() } as Entry;
  }
}

/**
 * The case's read models built again from its entries (oldest first; deleted ones left out), as if each had been
 * derived once: the plan, the last reflection, progress, measures, method counts and the flags the entries raise
 * (a flag already delivered keeps its delivery; one whose entry no longer raises it goes). A goal's score is the
 * latest remaining reflection's; with none, the score the first reflection started from; else as it stands.
 */
export function rebuildCase(c: Case, entries: readonly Entry[]): Case {
  const mine = [...entries].filter((e) => e.caseId === c.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const live = mine.filter((e) => !e.deletedAt);
  const before = new Map<string, number>();
  for (const e of mine) if (e.type === "reflection") for (const s of e.goalScores) if (!before.has(s.goalId) && s.previous !== undefined) before.set(s.goalId, s.previous);
  const scored = new Set(mine.flatMap((e) => (e.type === "reflection" ? e.goalScores.map((s) => s.goalId) : [])));
  const base: Case = {
    ...c,
    goalForm: { ...c.goalForm, goals: c.goalForm.goals.map((g) => (scored.has(g.id) ? { ...g, score: before.get(g.id) } : g)) },
    plan: undefined,
    lastReflection: undefined,
    conversationForm: undefined,
    progress: undefined,
    measures: undefined,
    method: undefined,
    flags: [],
    applied: [],
  };
  const rebuilt = live.reduce(applyEntry, base);
  // The flags the remaining entries raise, with the delivery (and claim) the case knew for them: told once is told.
  const known = new Map(c.flags.map((f) => [f.id, f]));
  const withKnown = (f: Flag): Flag => {
    const k = known.get(f.id);
    return { ...f, ...(k?.delivery ? { delivery: k.delivery } : {}), ...(k?.claim ? { claim: k.claim } : {}) };
  };
  const flags = [...c.flags.filter((f) => f.kind === "coachLeft"), ...rebuilt.flags.map(withKnown)].sort((a, b) => a.at.localeCompare(b.at));
  return { ...rebuilt, flags, revision: c.revision + 1 };
}
