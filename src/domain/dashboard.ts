// The leaders' dashboard figures (issue 10) and their suppression (000 §3.2): no figure built from fewer than five
// cases leaves the server as a number — neither directly nor by subtraction from a total and the figures beside it.
// Pure functions over the corps' case documents (each a read model kept current as entries are derived) and its
// check-in rounds — never the entries; the API only reads and serializes.
import { methodSums } from "./fidelity";
import { measureSummary, type MeasureSums } from "./measures";
import { CLOSE_REASONS, type Case, type CaseKind } from "./model";
import { monthOf, nextMonth } from "./time";

export const MIN_CASES = 5;

/** A figure and how many cases it is built from, or hidden. */
export type Figure = { value: number; n: number } | { suppressed: true };
export const SUPPRESSED = { suppressed: true } as const;

export function figure(value: number, n: number): Figure {
  return n < MIN_CASES ? SUPPRESSED : { value, n };
}

/**
 * Counts that add up to a total (cases by kind, by month, by closing reason). A part under MIN_CASES is hidden; while
 * the hidden parts together come to fewer than MIN_CASES (so total minus the shown parts would give a small figure
 * away — a single hidden 2, or a hidden 0), the smallest shown part is hidden too. A total under MIN_CASES hides all.
 */
export function countsGroup<K extends string>(parts: Record<K, number>): { total: Figure; parts: Record<K, Figure> } {
  const keys = Object.keys(parts) as K[];
  const total = keys.reduce((s, k) => s + parts[k], 0);
  const hidden = new Set<K>(total < MIN_CASES ? keys : keys.filter((k) => parts[k] < MIN_CASES));
  const hiddenSum = () => [...hidden].reduce((s, k) => s + parts[k], 0);
  while (hidden.size > 0 && hidden.size < keys.length && hiddenSum() < MIN_CASES) {
    const smallest = keys.filter((k) => !hidden.has(k)).sort((a, b) => parts[a] - parts[b])[0];
    hidden.add(smallest);
  }
  const out = {} as Record<K, Figure>;
  for (const k of keys) out[k] = hidden.has(k) ? SUPPRESSED : { value: parts[k], n: parts[k] };
  return { total: figure(total, total), parts: out };
}

/** The months "YYYY-MM" from `from` to `to`, both included (at most 36). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 36; m = nextMonth(m)) out.push(m);
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

export interface DashboardQuery {
  from: string;
  to: string;
  kind?: CaseKind;
}

export interface Dashboard {
  period: { from: string; to: string };
  kind: CaseKind | "all";
  minCases: number;
  overview: {
    active: { total: Figure; parts: Record<CaseKind, Figure> };
    newPerMonth: { total: Figure; parts: Record<string, Figure> };
    closedPerMonth: { total: Figure; parts: Record<string, Figure> };
    closeReasons: { total: Figure; parts: Record<(typeof CLOSE_REASONS)[number], Figure> };
    /** Median days from opening to closing, over the cases closed in the period. */
    medianDays: Figure;
  };
  /** The citizen's progress (1–10, every second month) over the cases with at least two scores. */
  progress: { firstMean: Figure; latestMean: Figure; improvingShare: Figure };
  /** How many of the cases opened in the period the infohus' assessment pointed at each of the nine dimensions for. */
  referrals: { opened: Figure; dimensions: Record<string, Figure> };
  /** WHO-5 has a meaningful change (10 points) and so a share improved; GSE has no agreed threshold, so none. */
  measures: { who5: { preMean: Figure; postMean: Figure; improvedShare: Figure }; gse: { preMean: Figure; postMean: Figure } };
  /** Method fidelity (%): conversations held with a preparation, prepared ones reflected on, reflections within 24 h, check-ins answered. */
  method: { preparedShare: Figure; reflectedShare: Figure; timelyShare: Figure; checkInsAnsweredShare: Figure };
}

/** What the dashboard is computed from: the corps' cases and its check-in rounds of the period. */
export interface DashboardInput {
  cases: readonly Case[];
  rounds: ReadonlyArray<{ month: string; asked?: Record<string, CaseKind> }>;
}

const percent = (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : 0);

/** The dashboard for a period ("YYYY-MM" to "YYYY-MM", Copenhagen months) at `now`. */
export function dashboardOf({ cases, rounds }: DashboardInput, q: DashboardQuery, now: Date): Dashboard {
  const chosen = cases.filter((c) => !q.kind || c.kind === q.kind);
  const months = monthsBetween(q.from, q.to);
  const inPeriod = (iso: string | undefined) => !!iso && months.includes(monthOf(new Date(iso)));
  const active = { mentor: 0, relativeCoach: 0 } as Record<CaseKind, number>;
  for (const c of chosen) if (c.status !== "closed") active[c.kind] += 1;
  const perMonth = (at: (c: Case) => string | undefined) =>
    Object.fromEntries(months.map((m) => [m, chosen.filter((c) => at(c) && monthOf(new Date(at(c)!)) === m).length])) as Record<string, number>;
  const closed = chosen.filter((c) => c.status === "closed" && inPeriod(c.closedAt));
  const reasons = Object.fromEntries(CLOSE_REASONS.map((r) => [r, closed.filter((c) => (c.closeReason ?? "other") === r).length])) as Record<(typeof CLOSE_REASONS)[number], number>;
  const days = closed.map((c) => (Date.parse(c.closedAt!) - Date.parse(c.openedAt)) / 86_400_000);
  const measure = (r: MeasureSums) => ({
    preMean: figure(r.pre.n ? round1(r.pre.sum / r.pre.n) : 0, r.pre.n),
    postMean: figure(r.post.n ? round1(r.post.sum / r.post.n) : 0, r.post.n),
    improvedShare: figure(r.pairs ? Math.round((100 * r.improved) / r.pairs) : 0, r.pairs),
  });
  return {
    period: { from: q.from, to: q.to },
    kind: q.kind ?? "all",
    minCases: MIN_CASES,
    overview: {
      active: countsGroup(q.kind ? ({ [q.kind]: active[q.kind] } as Record<CaseKind, number>) : active),
      newPerMonth: countsGroup(perMonth((c) => c.openedAt)),
      closedPerMonth: countsGroup(perMonth((c) => (c.status === "closed" ? c.closedAt : undefined))),
      closeReasons: countsGroup(reasons),
      medianDays: figure(Math.round(median(days)), days.length),
    },
    // Each case's latest start and end measures (its read model), for the cases of the chosen kind.
    progress: (() => {
      const scored = chosen.filter((c) => (c.progress?.length ?? 0) >= 2).map((c) => [c.progress![0].value, c.progress![c.progress!.length - 1].value] as const);
      const n = scored.length;
      return {
        firstMean: figure(n ? round1(scored.reduce((s, p) => s + p[0], 0) / n) : 0, n),
        latestMean: figure(n ? round1(scored.reduce((s, p) => s + p[1], 0) / n) : 0, n),
        improvingShare: figure(n ? Math.round((100 * scored.filter((p) => p[1] > p[0]).length) / n) : 0, n),
      };
    })(),
    referrals: (() => {
      const opened = chosen.filter((c) => inPeriod(c.openedAt));
      const dims = Object.fromEntries(
        Array.from({ length: 9 }, (_, i) => i + 1).map((d) => {
          const n = opened.filter((c) => c.referral.dimensions.includes(d)).length;
          return [String(d), figure(n, n)];
        }),
      );
      return { opened: figure(opened.length, opened.length), dimensions: dims };
    })(),
    measures: {
      who5: measure(measureSummary("who5", chosen.map((c) => c.measures?.who5))),
      gse: (({ preMean, postMean }) => ({ preMean, postMean }))(measure(measureSummary("gse", chosen.map((c) => c.measures?.gse)))),
    },
    method: (() => {
      const m = methodSums(chosen, months, rounds, now, q.kind);
      return {
        preparedShare: figure(percent(m.reflectionsPrepared, m.reflections), m.cases.reflections),
        reflectedShare: figure(percent(m.preparedReflected, m.prepared), m.cases.prepared),
        timelyShare: figure(percent(m.reflectionsTimely, m.reflectionsPrepared), m.cases.reflectionsPrepared),
        checkInsAnsweredShare: figure(percent(m.checkInsAnswered, m.checkInsAsked), m.cases.checkInsAsked),
      };
    })(),
  };
}

/**
 * The dashboard as CSV for a spreadsheet (semicolons and decimal commas, as Danish Excel reads them): one line per
 * figure, `area;figure;value`; a hidden figure says so instead of a value.
 */
export function dashboardCsv(d: Dashboard, label: (path: string) => string, hidden: string): string {
  const lines: string[][] = [[label("area"), label("figure"), label("value")]];
  const value = (f: Figure) => ("suppressed" in f ? hidden : String(f.value).replace(".", ","));
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== "object") return;
    if ("suppressed" in node || ("value" in node && "n" in node)) {
      lines.push([label(path[0]), label(path.slice(1).join(".")), value(node as Figure)]);
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(d.overview, ["overview"]);
  walk(d.progress, ["progress"]);
  walk(d.referrals, ["referrals"]);
  walk(d.measures, ["measures"]);
  walk(d.method, ["method"]);
  const cell = (c: string) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return `${[[label("period"), `${d.period.from}–${d.period.to}`, label(`kind.${d.kind}`)], ...lines].map((l) => l.map(cell).join(";")).join("\r\n")}\r\n`;
}
