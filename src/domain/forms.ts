// What every card submission shares: the envelope ({caseId, cardVersion, submissionId}), the freshness
// rules (is this card still valid for this case and this person?), and how form problems are reported.
// Teams sends an Action.Execute's data merged with the card's input values, all as strings.
import { z } from "zod";
import { StorableId, type Case } from "./model";
import { findIdentifiersIn, type IdentifierKind } from "./privacy";

export const MAX_TEXT = 2000;

export const CardEnvelope = z.object({
  caseId: StorableId.pipe(z.string().max(100)),
  cardVersion: z.coerce.number().int().min(1),
  submissionId: z.string().uuid(),
});
export type CardEnvelope = z.infer<typeof CardEnvelope>;

/**
 * What is wrong with a field ("notSaved": the store did not take the submission; "noCoordinator": a corps' set-up
 * leaves no one as coordinator; neither has a field).
 */
export type ProblemCode = "required" | "tooLong" | "tooLongLabel" | "invalid" | "notSaved" | "noCoordinator" | "wrongRole" | "sameCoach" | "holdsCases" | "codeMismatch" | GatheringCode | IdentifierKind;
/** A corps gathering's refusals (src/domain/gatherings.ts). */
type GatheringCode = "past" | "tooMany" | "notCoach" | "tooManyPresenters" | "notYet" | "notPlanned";
export interface Problem {
  field: string;
  code: ProblemCode;
}

/** The outcome of a submission: a stale card, a refusal (hand the card back), or what to store. */
export type Decision<E, X = object> =
  | { kind: "stale"; reason: Stale }
  | { kind: "refused"; problems: Problem[] }
  | ({ kind: "ok"; entry: E } & X);

/** Entry ids derive from the card's submission id: a replayed submission writes nothing new. */
export const entryId = (type: string, submissionId: string) => `${type}-${submissionId}`;

/**
 * Why a card can no longer be used. Someone else's case is "notFound": the answer must not tell them it exists.
 * "paused": the coordinator has paused the case. "afterWindow": the after-reflection's time after the closing is over.
 */
export type Stale = "notFound" | "closed" | "changed" | "paused" | "afterWindow" | "notClosed";

/** The card's envelope checked against the case: stale, or fresh with the case and the submission id. */
export function openSubmission(
  values: Record<string, string>,
  c: Case | undefined,
  actorId: string,
): { kind: "stale"; reason: Stale } | { kind: "fresh"; case: Case; submissionId: string } {
  const envelope = CardEnvelope.safeParse(values);
  if (!envelope.success) return { kind: "stale", reason: "notFound" };
  const stale = staleness(c, envelope.data, actorId);
  if (stale || !c) return { kind: "stale", reason: stale ?? "notFound" };
  return { kind: "fresh", case: c, submissionId: envelope.data.submissionId };
}

/**
 * A coach's submission that no change to the case makes stale (an urgent concern, a meeting asked for, a goal proposed):
 * any version of the card, a paused case too — only a case that is not theirs, or is closed, is refused.
 */
export function openAnyVersion(values: Record<string, string>, c: Case | undefined, actorId: string): { kind: "stale"; reason: Stale } | { kind: "fresh"; case: Case; submissionId: string } {
  const envelope = CardEnvelope.omit({ cardVersion: true }).safeParse(values);
  if (!envelope.success || !c || c.coachId.toLowerCase() !== actorId.toLowerCase()) return { kind: "stale", reason: "notFound" };
  if (c.status === "closed") return { kind: "stale", reason: "closed" };
  return { kind: "fresh", case: c, submissionId: envelope.data.submissionId };
}

export function staleness(c: Case | undefined, envelope: CardEnvelope, actorId: string): Stale | undefined {
  if (!c) return "notFound";
  if (c.coachId.toLowerCase() !== actorId.toLowerCase()) return "notFound";
  if (c.status === "closed") return "closed";
  if (c.status === "paused") return "paused";
  if (c.version !== envelope.cardVersion) return "changed";
  return undefined;
}

/** The values of a submission as strings (as inputs send them), to decide on and to hand the card back filled in. */
export function submittedValues(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (data && typeof data === "object") {
    for (const [k, v] of Object.entries(data)) {
      if (typeof v === "string") out[k] = v;
      else if (typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    }
  }
  return out;
}

/** Free-text fields: trimmed, required or optional, at most MAX_TEXT characters. */
export function textProblems(values: Record<string, string>, fields: readonly string[], required: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const f of fields) {
    const v = (values[f] ?? "").trim();
    if (required.includes(f) && v.length === 0) problems.push({ field: f, code: "required" });
    else if (v.length > MAX_TEXT) problems.push({ field: f, code: "tooLong" });
  }
  const texts = Object.fromEntries(fields.map((f) => [f, values[f]]));
  for (const finding of findIdentifiersIn(texts)) {
    for (const kind of finding.kinds) problems.push({ field: finding.field, code: kind });
  }
  return problems;
}

/** A choice among `allowed` (Input.ChoiceSet values), or a problem. */
export function choiceProblem(values: Record<string, string>, field: string, allowed: readonly string[], required: boolean): Problem[] {
  const v = values[field];
  if (v === undefined || v === "") return required ? [{ field, code: "required" }] : [];
  return allowed.includes(v) ? [] : [{ field, code: "invalid" }];
}

export const isTrue = (v: string | undefined) => v === "true";

/** Input.ChoiceSet with isMultiSelect sends "a,b,c". */
export const splitMulti = (v: string | undefined) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []);
