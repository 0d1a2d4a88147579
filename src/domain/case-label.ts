// The coach's own name for a case (issue 21: "ME-38KJ · mentorforløb" tells no one which citizen it is): a few words
// only they see, kept in their own case index (src/domain/model.ts CaseIndex.labels), under the same privacy guard as
// every free text — and never a name: the card says so, though no rule can tell a name from a word.
import { textProblems, type Problem } from "./forms";
import type { CaseIndex } from "./model";

export const LABEL_FIELD = "label";
/** Short enough to sit beside the case code on a phone. */
export const LABEL_MAX = 40;

const clean = (text: string) => text.replace(/\s+/g, " ").trim();

/** The label as given (the empty text: none), or the problems with it. */
export function decideCaseLabel(values: Record<string, string>): { kind: "ok"; label: string } | { kind: "refused"; problems: Problem[] } {
  const problems = textProblems(values, [LABEL_FIELD], []);
  const label = clean(values[LABEL_FIELD] ?? "");
  if (label.length > LABEL_MAX && !problems.some((p) => p.code === "tooLong")) problems.push({ field: LABEL_FIELD, code: "tooLongLabel" });
  return problems.length ? { kind: "refused", problems } : { kind: "ok", label };
}

/** The index with the case's label set (the empty text removes it); undefined: no change, or not one of the coach's open cases. */
export function withLabel(index: CaseIndex, caseId: string, label: string): CaseIndex | undefined {
  if (!index.cases.some((i) => i.id === caseId)) return undefined;
  const { [caseId]: had, ...others } = index.labels;
  const text = clean(label);
  if ((had ?? "") === text) return undefined;
  return { ...index, labels: text ? { ...others, [caseId]: text } : others };
}
