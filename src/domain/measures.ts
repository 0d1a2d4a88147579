// Scoring, change and flags for the pre/post instruments (003; rules in shared/DOMAIN.md "Instruments").
// The software never diagnoses: a low WHO-5 is a prompt to talk with the coordinator, nothing more.
import { z } from "zod";
import { choiceProblem, entryId, type Decision, type Problem, openSubmission } from "./forms";
import { INSTRUMENTS, type InstrumentId, type Phase } from "./instruments";
import type { Case, Flag } from "./model";
import { Assessment, PrePost } from "./model";

export type AssessmentEntry = z.infer<typeof Assessment>;

/** WHO-5: raw sum 0–25, ×4 → 0–100. GSE: sum of ten items 1–4 → 10–40. */
export function scoreOf(instrument: InstrumentId, items: readonly number[]): number {
  const sum = items.reduce((a, b) => a + b, 0);
  return instrument === "who5" ? sum * 4 : sum;
}

/** WHO-5's scoring note: a total (0–100) at or under 50 is poor well-being; at or under 28 much more so. */
export const WHO5_LOW = 50;
export const WHO5_VERY_LOW = 28;

/** How low a WHO-5 total is, by the total alone (the software never diagnoses: it is a prompt to talk). */
export function who5Level(score: number): "veryLow" | "low" | undefined {
  return score <= WHO5_VERY_LOW ? "veryLow" : score <= WHO5_LOW ? "low" : undefined;
}

/** The softer note: some single answer was 0 or 1 ("på intet tidspunkt", "lidt af tiden"), whatever the total. */
export const who5LowItem = (items: readonly number[]): boolean => items.some((i) => i <= 1);

/** The coordinator is told (case code and score only) when a WHO-5 total is low. */
export function assessmentFlags(entry: AssessmentEntry): Flag[] {
  if (entry.instrument !== "who5" || !who5Level(entry.score)) return [];
  return [{ id: `${entry.id}:lowWho5`, kind: "lowWho5", score: entry.score, entryId: entry.id, at: entry.createdAt, raisedBy: entry.authorId }];
}

/** A change of 10 points on WHO-5 is the usual threshold for a meaningful change; GSE has no official one. */
export const MEANINGFUL_CHANGE: Readonly<Record<InstrumentId, number | undefined>> = { who5: 10, gse: undefined };

export type ChangeVerdict = "improved" | "worsened" | "noMeaningfulChange" | undefined;

export function changeOf(instrument: InstrumentId, pre: number, post: number): { delta: number; verdict: ChangeVerdict } {
  const delta = post - pre;
  const threshold = MEANINGFUL_CHANGE[instrument];
  if (threshold === undefined) return { delta, verdict: undefined };
  return { delta, verdict: delta >= threshold ? "improved" : delta <= -threshold ? "worsened" : "noMeaningfulChange" };
}

/** The instruments still without a measure of this phase on the case (offered after a preparation / the closing). */
export function missingMeasures(c: Pick<Case, "measures">, phase: Phase): InstrumentId[] {
  return (["who5", "gse"] as const).filter((id) => !c.measures?.[id]?.[phase]);
}

/**
 * The first measure of a case is its start (pre). Once there is one, the mentor says which this is — the end measure,
 * or the start measure again — and the card says what it replaces: nothing is replaced silently.
 */
export const mustChoosePhase = (c: Pick<Case, "measures">, instrument: InstrumentId): boolean => !!c.measures?.[instrument]?.pre;

export const itemField = (i: number) => `item${i + 1}`;

/** The tick that says an end measure on a case not (yet) being closed is meant: the case is ending. */
export const END_CONFIRM_FIELD = "ending";
/** Is an end measure on this case asked about? Yes unless the coordinator has set it to closing. */
export const endAsked = (c: Pick<Case, "status">): boolean => c.status !== "closing";

export function decideAssessment(
  instrument: InstrumentId,
  values: Record<string, string>,
  maybeCase: Case | undefined,
  actorId: string,
  now: Date,
): Decision<AssessmentEntry> {
  const open = openSubmission(values, maybeCase, actorId);
  if (open.kind === "stale") return open;
  const c = open.case;
  const inst = INSTRUMENTS[instrument];
  const allowed = inst.choices.map((ch) => String(ch.value));
  const problems: Problem[] = inst.items.flatMap((_, i) => choiceProblem(values, itemField(i), allowed, true));
  const choosing = mustChoosePhase(c, instrument);
  if (choosing) problems.push(...choiceProblem(values, "phase", ["pre", "post"], true));
  // An end measure while the case is not being closed: asked whether it is ending (003: the post measure is at the end).
  if (choosing && values.phase === "post" && endAsked(c) && values[END_CONFIRM_FIELD] !== "true") problems.push({ field: END_CONFIRM_FIELD, code: "required" });
  if (problems.length > 0) return { kind: "refused", problems };

  const items = inst.items.map((_, i) => Number(values[itemField(i)]));
  const score = scoreOf(instrument, items);
  const phase: Phase = choosing ? (values.phase as Phase) : "pre";
  const at = now.toISOString();
  const entry: AssessmentEntry = {
    type: "assessment",
    id: entryId(`assessment-${instrument}`, open.submissionId),
    corpsId: c.corpsId,
    caseId: c.id,
    authorId: actorId,
    createdAt: at,
    instrument,
    phase,
    items,
    score,
  };
  return { kind: "ok", entry };
}

/** The case's read model of its measures: the latest pre and post score per instrument. */
export function applyAssessment(c: Case, e: AssessmentEntry): Case {
  const current = c.measures?.[e.instrument] ?? {};
  return { ...c, measures: { ...c.measures, [e.instrument]: { ...current, [e.phase]: { at: e.createdAt, score: e.score } } } };
}

// ── The dashboard's measure figures (computed from the cases' read models when read) ────────────

export interface MeasureSums {
  pre: { n: number; sum: number };
  post: { n: number; sum: number };
  /** Cases with both a pre and a post. */
  pairs: number;
  /** Pairs with a meaningful improvement (WHO-5: +10 points). */
  improved: number;
}

/** The figures for one instrument over the cases' measures. */
export function measureSummary(instrument: InstrumentId, cases: ReadonlyArray<PrePost | undefined>): MeasureSums {
  const out: MeasureSums = { pre: { n: 0, sum: 0 }, post: { n: 0, sum: 0 }, pairs: 0, improved: 0 };
  for (const m of cases) {
    if (m?.pre) {
      out.pre.n += 1;
      out.pre.sum += m.pre.score;
    }
    if (m?.post) {
      out.post.n += 1;
      out.post.sum += m.post.score;
    }
    if (m?.pre && m.post) {
      out.pairs += 1;
      if (changeOf(instrument, m.pre.score, m.post.score).verdict === "improved") out.improved += 1;
    }
  }
  return out;
}
