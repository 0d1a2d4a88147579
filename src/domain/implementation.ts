// The corps' implementation plan and the two checklists of the implementation guide's appendix (000, "Bilagsmateriale"):
// the plan table (timeline, area, activities, milestones, responsible, status, evaluation of the result) and the
// checklists for the preparation and for the ongoing implementation, each question answered Ja / Delvist / Nej.
// One document per corps, edited by its leaders and coordinators in the tab; pure rules here, I/O in src/api/.
import { z } from "zod";
import { CorpsId, Guid, IsoTime } from "./model";
import { findIdentifiers, type IdentifierKind } from "./privacy";

/** The themes the guide names for a plan's areas (000, "Tematikker til implementeringsplanen"). */
export const PLAN_AREAS = ["leadership", "communication", "involvement", "processAndCulture", "organisation", "training", "followUp", "evaluation"] as const;
export const PLAN_STATUSES = ["notStarted", "underway", "done"] as const;
export const CHECK_ANSWERS = ["ja", "delvist", "nej"] as const;

/** The checklists' questions by id (the texts, Danish and English, are the tab's): Tabel 1 has 7, Tabel 2 has 8. */
export const CHECKLISTS = {
  preparation: ["p1", "p2", "p3", "p4", "p5", "p6", "p7"],
  ongoing: ["o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8"],
} as const;
export type ChecklistId = keyof typeof CHECKLISTS;
export const CHECK_ITEMS: readonly string[] = [...CHECKLISTS.preparation, ...CHECKLISTS.ongoing];

/** How long each text of a plan row may be. */
export const PLAN_TEXT_MAX = { timeline: 200, activities: 1000, milestones: 500, responsible: 200, evaluation: 1000 } as const;
export const PLAN_ROWS_MAX = 100;

const text = (max: number) => z.string().trim().max(max);
export const PlanRowInput = z
  .object({
    timeline: text(PLAN_TEXT_MAX.timeline),
    area: z.enum(PLAN_AREAS),
    activities: text(PLAN_TEXT_MAX.activities),
    milestones: text(PLAN_TEXT_MAX.milestones),
    responsible: text(PLAN_TEXT_MAX.responsible),
    status: z.enum(PLAN_STATUSES),
    evaluation: text(PLAN_TEXT_MAX.evaluation),
  })
  .strict();
export type PlanRowInput = z.infer<typeof PlanRowInput>;

export const PlanRow = PlanRowInput.extend({
  id: Guid,
  /** Bumped on every change: an edit made on an older version is refused rather than overwrite another's. */
  version: z.number().int().min(1),
  updatedAt: IsoTime,
  updatedBy: Guid,
});
export type PlanRow = z.infer<typeof PlanRow>;

export const CheckAnswer = z.object({ answer: z.enum(CHECK_ANSWERS), at: IsoTime, by: Guid });

export const Implementation = z.object({
  type: z.literal("implementation"),
  id: z.literal("implementation"),
  corpsId: CorpsId,
  /** In the order they were added. */
  rows: z.array(PlanRow).max(PLAN_ROWS_MAX).default([]),
  /** Checklist item id → its answer (no entry: not answered yet). */
  checklist: z.record(z.string(), CheckAnswer).default({}),
});
export type Implementation = z.infer<typeof Implementation>;

export const emptyImplementation = (corpsId: string): Implementation => ({ type: "implementation", id: "implementation", corpsId, rows: [], checklist: {} });

export type PlanProblem = { field: string; code: IdentifierKind | "tooLong" | "invalid" | "required" };

/** What is wrong with a row as sent (zod's shape checks, then the privacy guard on every text); empty if nothing. */
export function planRowProblems(body: unknown): { row?: PlanRowInput; problems: PlanProblem[] } {
  const parsed = PlanRowInput.safeParse(body);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({
        field: String(i.path[0] ?? "row"),
        code: i.code === "too_big" ? "tooLong" : i.code === "invalid_type" && i.received === "undefined" ? "required" : "invalid",
      })),
    };
  }
  const row = parsed.data;
  const problems: PlanProblem[] = [];
  for (const field of ["timeline", "activities", "milestones", "responsible", "evaluation"] as const) {
    for (const code of findIdentifiers(row[field])) problems.push({ field, code });
  }
  if (!row.activities) problems.push({ field: "activities", code: "required" });
  return problems.length ? { problems } : { row, problems };
}

export type PlanChange =
  | { kind: "saved"; doc: Implementation; row: PlanRow }
  | { kind: "unchanged"; row: PlanRow }
  | { kind: "conflict"; row?: PlanRow }
  | { kind: "full" };

const sameContent = (a: PlanRowInput, b: PlanRowInput) => (Object.keys(PlanRowInput.shape) as Array<keyof PlanRowInput>).every((k) => a[k] === b[k]);

/**
 * Saves a row: a new one (no `version`: the id is the editor's, so a resent request finds it saved), or an edit of the
 * version the editor saw. An edit of an older version — someone saved meanwhile — is a conflict; the current row is
 * returned so the editor can see it.
 */
export function savePlanRow(doc: Implementation, id: string, input: PlanRowInput, version: number | undefined, by: string, now: Date): PlanChange {
  const have = doc.rows.find((r) => r.id === id);
  if (have && sameContent(have, input)) return { kind: "unchanged", row: have };
  if (have ? version !== have.version : version !== undefined) return { kind: "conflict", row: have };
  if (!have && doc.rows.length >= PLAN_ROWS_MAX) return { kind: "full" };
  const row: PlanRow = { ...input, id, version: (have?.version ?? 0) + 1, updatedAt: now.toISOString(), updatedBy: by };
  return { kind: "saved", row, doc: { ...doc, rows: have ? doc.rows.map((r) => (r.id === id ? row : r)) : [...doc.rows, row] } };
}

/** Removes a row if it is still the version the editor saw; a row already gone is fine (a resent request). */
export function deletePlanRow(doc: Implementation, id: string, version: number): { kind: "deleted"; doc: Implementation } | { kind: "gone" } | { kind: "conflict"; row: PlanRow } {
  const have = doc.rows.find((r) => r.id === id);
  if (!have) return { kind: "gone" };
  if (have.version !== version) return { kind: "conflict", row: have };
  return { kind: "deleted", doc: { ...doc, rows: doc.rows.filter((r) => r.id !== id) } };
}

/** Answers (or, with null, clears) one checklist question; the document unchanged when it already says so. */
export function answerCheck(doc: Implementation, item: string, answer: (typeof CHECK_ANSWERS)[number] | null, by: string, now: Date): Implementation {
  const have = doc.checklist[item];
  if (answer === null) {
    if (!have) return doc;
    const { [item]: _, ...rest } = doc.checklist;
    return { ...doc, checklist: rest };
  }
  if (have?.answer === answer) return doc;
  return { ...doc, checklist: { ...doc.checklist, [item]: { answer, at: now.toISOString(), by } } };
}
