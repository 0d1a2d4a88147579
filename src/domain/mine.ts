// A mentor's or relative coach's own figures (issue 20 §5; the guide's data level 1, "refleksion som mentor … på
// tværs af egne forløb"): their own cases over time — goal scores, progress, measures — and how often they prepared
// and reflected. Shown to them alone, so small numbers are shown as they are (docs/privacy.md). Pure: the API reads
// the caller's own cases and their reflections.
import { methodOf, methodSums } from "./fidelity";
import { changeOf } from "./measures";
import type { Case, CaseKind, CaseStatus, CloseReason, Entry } from "./model";
import { monthAt } from "./periods";
import { previousMonth } from "./time";

export interface MyCase {
  code: string;
  kind: CaseKind;
  status: CaseStatus;
  openedAt: string;
  closedAt?: string;
  closeReason?: CloseReason;
  /** The målskema's goals, each with its scores over time (the start, then every reflection that scored it). */
  goals: Array<{ id: string; text: string; scores: Array<{ at: string; score: number }> }>;
  progress: Array<{ at: string; value: number }>;
  measures: Partial<Record<"who5" | "gse", { pre?: { at: string; score: number }; post?: { at: string; score: number }; change?: number }>>;
}

export interface MyMonth {
  month: string;
  /** Conversations held (prepared for) this month, and of those, the ones reflected on. */
  prepared: number;
  reflectedOn: number;
  /** Reflections written this month, those that followed a preparation, and those within 24 hours. */
  reflections: number;
  afterPreparation: number;
  within24h: number;
}

export interface Mine {
  /** The server's now (the tab draws up to it; the browser's clock decides nothing). */
  asOf: string;
  cases: MyCase[];
  /** The last twelve months, oldest first, over all the caller's cases. */
  months: MyMonth[];
}

const MONTHS = 12;

/**
 * `cases`: the caller's own (they hold them now); `entries`: those cases' entries, by case id. Goal scores are the
 * case's, whoever scored them; how often they prepared and reflected counts only the entries `me` wrote.
 */
export function mineOf(cases: readonly Case[], entries: ReadonlyMap<string, readonly Entry[]>, me: string, now: Date): Mine {
  const order = (c: Case) => (c.status === "closed" ? 1 : 0);
  const mine = [...cases].sort((a, b) => order(a) - order(b) || b.openedAt.localeCompare(a.openedAt));
  const months: string[] = [monthAt(now)];
  while (months.length < MONTHS) months.unshift(previousMonth(months[0]));
  return {
    asOf: now.toISOString(),
    cases: mine.map((c) => {
      const reflections = (entries.get(c.id) ?? []).filter((e) => e.type === "reflection" && !e.deletedAt).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const goals = c.goalForm.goals.map((g) => {
        const scored = reflections.flatMap((e) => (e.type === "reflection" ? e.goalScores.filter((s) => s.goalId === g.id).map((s) => ({ at: e.createdAt, score: s.score, previous: s.previous })) : []));
        // Where the scale started: the score the first reflection started at, or the målskema's if never scored.
        const start = scored[0]?.previous ?? (scored.length === 0 ? g.score : undefined);
        return { id: g.id, text: g.text, scores: [...(start === undefined ? [] : [{ at: c.openedAt, score: start }]), ...scored.map(({ at, score }) => ({ at, score }))] };
      });
      const measures = Object.fromEntries(
        (["who5", "gse"] as const).flatMap((i) => {
          const m = c.measures?.[i];
          if (!m?.pre && !m?.post) return [];
          return [[i, { ...m, ...(m.pre && m.post ? { change: changeOf(i, m.pre.score, m.post.score).delta } : {}) }]];
        }),
      );
      return { code: c.code, kind: c.kind, status: c.status, openedAt: c.openedAt, ...(c.closedAt ? { closedAt: c.closedAt, closeReason: c.closeReason } : {}), goals, progress: c.progress ?? [], measures };
    }),
    months: months.map((month) => {
      const own = cases.map((c) => ({ ...c, method: methodOf((entries.get(c.id) ?? []).filter((e) => e.authorId === me && !e.deletedAt).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) }));
      const s = methodSums(own, [month], [], now);
      return { month, prepared: s.prepared, reflectedOn: s.preparedReflected, reflections: s.reflections, afterPreparation: s.reflectionsPrepared, within24h: s.reflectionsTimely };
    }),
  };
}
