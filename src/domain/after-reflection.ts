// The after-reflection over a closed case (001 §5.4): held together. The coach answers the seven questions first, in
// their own chat, as soon as the case is closed; the coordinator adds theirs — with what colleagues brought, the
// learning to pass on to the infohus and the themes the reflection raised — on the closed case. Either may save again
// (the latest of each counts) until AFTER_REFLECTION_DAYS after the closing. Only the themes leave the case: counted,
// never the text, in the leaders' learning meeting (src/domain/dashboard.ts), under the five-case rule.
import { CardEnvelope, entryId, splitMulti, textProblems, type Decision, type Problem, type Stale } from "./forms";
import { THEMES, type AfterReflectionEntry, type Case, type Theme } from "./model";

export { THEMES, type Theme };

/** How long after the closing the after-reflection can be written (the meeting is held within weeks). */
export const AFTER_REFLECTION_DAYS = 30;
/** The seven questions' fields (AFTER_REFLECTION_QUESTIONS, in order). */
export const AFTER_FIELDS = ["a1", "a2", "a3", "a4", "a5", "a6", "a7"] as const;
/** The coordinator's own fields besides the questions. */
export const COLLEAGUES_FIELD = "colleagues";
export const LEARNING_FIELD = "learning";
export const THEMES_FIELD = "themes";

/** The themes' names, as the coordinator ticks them and the learning meeting counts them. */
export const THEME_NAMES: Readonly<Record<Theme, { da: string; en: string }>> = {
  relation: { da: "Relationen og matchet", en: "The relation and the match" },
  network: { da: "Familie og netværk", en: "Family and network" },
  otherActors: { da: "Samarbejde med andre fagligheder og aktører", en: "Working with other professions and actors" },
  unexpected: { da: "Noget uventet", en: "Something unexpected" },
  safety: { da: "Sikkerhed og bekymring", en: "Safety and concern" },
  method: { da: "Metoden og samtalerne", en: "The method and the conversations" },
  contact: { da: "Kontakt og motivation", en: "Contact and motivation" },
  nextStep: { da: "Videre forløb eller anden indsats", en: "A further course or another measure" },
  coachSupport: { da: "Støtte og sparring til mentor eller pårørendecoach", en: "Support and sparring for the mentor or relative coach" },
};

/** The last moment the after-reflection of a closed case can be saved (undefined: the case is not closed). */
export function afterReflectionUntil(c: Pick<Case, "status" | "closedAt">): Date | undefined {
  if (c.status !== "closed" || !c.closedAt) return undefined;
  return new Date(Date.parse(c.closedAt) + AFTER_REFLECTION_DAYS * 86_400_000);
}

/** Can the after-reflection be written now? */
export const afterReflectionOpen = (c: Pick<Case, "status" | "closedAt">, now: Date): boolean => {
  const until = afterReflectionUntil(c);
  return until !== undefined && now.getTime() <= until.getTime();
};

type Role = AfterReflectionEntry["role"];

/** The card's envelope against the case: closed, in reach of this author, and still open for the after-reflection. */
function openAfter(values: Record<string, string>, c: Case | undefined, actorId: string, role: Role, now: Date): { stale: Stale } | { case: Case; submissionId: string } {
  const envelope = CardEnvelope.omit({ cardVersion: true }).safeParse(values);
  if (!envelope.success || !c || c.status !== "closed") return { stale: "notFound" };
  // The coach's part is the coach's; the coordinator's part any coordinator of the corps may write (the caller checks the role).
  if (role === "coach" && c.coachId.toLowerCase() !== actorId.toLowerCase()) return { stale: "notFound" };
  if (!afterReflectionOpen(c, now)) return { stale: "afterWindow" };
  return { case: c, submissionId: envelope.data.submissionId };
}

/**
 * One part of the after-reflection, the coach's or the coordinator's. Every field may be left empty but not all of
 * them; free text passes the privacy guard; themes are the coordinator's only, from THEMES.
 */
export function decideAfterReflection(role: Role) {
  return (values: Record<string, string>, c: Case | undefined, actorId: string, now: Date): Decision<AfterReflectionEntry> => {
    const open = openAfter(values, c, actorId, role, now);
    if ("stale" in open) return { kind: "stale", reason: open.stale };
    const own = role === "coordinator" ? [COLLEAGUES_FIELD, LEARNING_FIELD] : [];
    const problems: Problem[] = textProblems(values, [...AFTER_FIELDS, ...own], []);
    const themes = role === "coordinator" ? splitMulti(values[THEMES_FIELD]) : [];
    if (themes.some((t) => !(THEMES as readonly string[]).includes(t))) problems.push({ field: THEMES_FIELD, code: "invalid" });
    const text = (f: string) => (values[f] ?? "").trim();
    if (!problems.length && [...AFTER_FIELDS, ...own].every((f) => !text(f)) && themes.length === 0) problems.push({ field: "", code: "required" });
    if (problems.length) return { kind: "refused", problems };
    const k = open.case;
    const entry: AfterReflectionEntry = {
      type: "afterReflection",
      id: entryId("afterReflection", open.submissionId),
      corpsId: k.corpsId,
      caseId: k.id,
      authorId: actorId.toLowerCase(),
      createdAt: now.toISOString(),
      role,
      answers: AFTER_FIELDS.map(text),
      ...(role === "coordinator"
        ? { ...(text(COLLEAGUES_FIELD) ? { colleagues: text(COLLEAGUES_FIELD) } : {}), ...(text(LEARNING_FIELD) ? { learning: text(LEARNING_FIELD) } : {}), themes: [...new Set(themes)] as Theme[] }
        : {}),
    };
    return { kind: "ok", entry };
  };
}

/** The case's read model after a part: who wrote it and when; the themes from the coordinator's latest part. */
export function applyAfterReflection(c: Case, e: AfterReflectionEntry): Case {
  const part = { entryId: e.id, at: e.createdAt, by: e.authorId };
  const before = c.afterReflection ?? {};
  const latest = (old: typeof part | undefined) => !old || old.at <= part.at;
  if (e.role === "coach") return latest(before.coach) ? { ...c, afterReflection: { ...before, coach: part } } : c;
  return latest(before.coordinator) ? { ...c, afterReflection: { ...before, coordinator: part, themes: e.themes ?? [] } } : c;
}

/** The latest part of each role among a case's entries (what the cards show). */
export function afterReflectionParts(entries: readonly { type: string }[]): { coach?: AfterReflectionEntry; coordinator?: AfterReflectionEntry } {
  const parts = entries.filter((e): e is AfterReflectionEntry => e.type === "afterReflection" && !(e as AfterReflectionEntry).deletedAt);
  const latest = (role: Role) => parts.filter((p) => p.role === role).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  return { coach: latest("coach"), coordinator: latest("coordinator") };
}

/** One closed case's learning for the infohus: what the coordinator's export lists. */
export interface LearningRow {
  code: string;
  kind: Case["kind"];
  closedAt: string;
  themes: Theme[];
  learning: string;
}

/**
 * The learning to pass on to the infohus (001 §5.4: "viderebringer denne læring til infohuset"), for the coordinator to
 * export: every closed case whose joint after-reflection holds learning or themes, newest closing first.
 * `parts`: the coordinator's latest part per case id.
 */
export function learningRows(cases: readonly Case[], parts: ReadonlyMap<string, AfterReflectionEntry>): LearningRow[] {
  return cases
    .flatMap((c) => {
      const part = parts.get(c.id);
      if (c.status !== "closed" || !c.closedAt || !part || part.role !== "coordinator" || part.deletedAt) return [];
      if (!part.learning && !part.themes?.length) return [];
      return [{ code: c.code, kind: c.kind, closedAt: c.closedAt, themes: part.themes ?? [], learning: part.learning ?? "" }];
    })
    .sort((a, b) => b.closedAt.localeCompare(a.closedAt));
}
