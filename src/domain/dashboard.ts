// The leaders' figures (issue 10, issue 20 §2–4) and their suppression (000 §3.2, docs/privacy.md). Pure functions over
// the corps' case documents (each a read model kept current as entries are derived) and its check-in rounds — never
// the entries; the API only reads and serializes.
//
// Every figure of every answer is a cell of ONE table per corps, built here whatever is asked: kind (all, mentor,
// relative coach) × fixed period (the window's years, half-years and quarters) × category. Suppression is decided
// once over that table (src/domain/suppression.ts); an answer — any period, any kind filter, JSON or CSV — only reads
// cells of it. So a cell hidden in one answer is hidden in every answer, and no set of answers shows more than the
// table, whose hidden cells no combination of its shown cells determines.
import { toCsv } from "./csv";
import { methodSums } from "./fidelity";
import { changeOf } from "./measures";
import { CLOSE_REASONS, THEMES, type Case, type CaseKind, type CloseReason, type Theme } from "./model";
import { childrenOf, monthAt, monthsOf, periodOf, periodsAt, quarterOfMonth, quartersOf, windowPeriods, type PeriodId } from "./periods";
import { ruleIndex, rulesOf, suppressor, type Relation } from "./suppression";

export const MIN_CASES = 5;
/** Method figures describe the practitioners' own work: shown only when at least this many coaches' cases are in them. */
export const MIN_PRACTITIONERS = 3;

/** A figure and how many cases it rests on; none (no case at all); or hidden. */
export type Figure = { value: number; n: number; practitioners?: number } | { value: null; n: 0 } | { suppressed: true };
export const SUPPRESSED = { suppressed: true } as const;
const NONE = { value: null, n: 0 } as const;

type KindNode = "all" | CaseKind;
const KINDS: readonly KindNode[] = ["all", "mentor", "relativeCoach"];
const KIND_PARTS: readonly CaseKind[] = ["mentor", "relativeCoach"];
const DIMENSIONS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/**
 * The count families and how each total splits (every split is a partition: each case is in exactly one part).
 * `new` splits once per assessment dimension into named / not named, so "named for dimension 3" is never shown beside
 * a total that would give away the few cases not named for it. `closed` splits by reason and by whether the joint
 * after-reflection was saved; `learning` counts the closed cases with one (its total is `closed`'s "reflected" cell:
 * the two are one figure, hidden together) and splits once per theme into named / not named.
 */
const FAMILIES: Record<string, ReadonlyArray<readonly string[]>> = {
  new: DIMENSIONS.map((d) => [`d${d}`, `not${d}`]),
  closed: [CLOSE_REASONS, ["reflected", "unreflected"], ["started", "notStarted"]],
  learning: THEMES.map((t) => [`t:${t}`, `not:${t}`]),
  who5pre: [],
  who5post: [["improved", "notImproved", "noStart"]],
  gsepre: [],
  gsepost: [],
  progress: [["up", "notUp"]],
};
const METHOD = ["preparedShare", "reflectedShare", "timelyShare", "checkInsAnsweredShare"] as const;
type MethodShare = (typeof METHOD)[number];

/** A cell's key: family | kind | period | category ("" is the family's total). */
const key = (family: string, kind: KindNode, period: string, cat = "") => `${family}|${kind}|${period}|${cat}`;
/** A quarter and the half-year and year it is part of. */
const upFrom = (q: PeriodId): PeriodId[] => [q, `${q.slice(0, 4)}-H${Number(q.slice(-1)) <= 2 ? 1 : 2}`, q.slice(0, 4)];

const round1 = (x: number) => Math.round(x * 10) / 10;
const percent = (part: number, whole: number) => Math.round((100 * part) / whole);

/** What the figures are computed from: the corps' cases and its check-in rounds of the window. */
export interface DashboardInput {
  cases: readonly Case[];
  rounds: ReadonlyArray<{ month: string; asked?: Record<string, CaseKind> }>;
}

interface MethodCell {
  num: number;
  den: number;
  cases: number;
  coaches: Set<string>;
}

/** A method share's cell as released: its sums, how many cases and how many practitioners (coaches) it rests on. */
export interface MethodFigure {
  num: number;
  den: number;
  cases: number;
  practitioners: number;
}

/** The corps' table at `now`: every cell's value, its sums (for means) and method shares, and which cells are hidden. */
export interface Release {
  periods: PeriodId[];
  count(family: string, kind: KindNode, period: string, cat?: string): number;
  sum(name: string, kind: KindNode, period: string): number;
  method(share: MethodShare | "any", kind: KindNode, period: string): MethodFigure;
  hidden: ReadonlySet<string>;
  /** The table as plain data, to store (the national table, src/domain/national.ts); `releaseFrom` reads it back. */
  data(): ReleaseData;
}

export interface ReleaseData {
  periods: PeriodId[];
  counts: Array<[string, number]>;
  sums: Array<[string, number]>;
  methods: Array<[string, MethodFigure]>;
  hidden: string[];
}

/** A stored table as a release: the same figures and the same hidden cells as when it was made. */
export function releaseFrom(d: ReleaseData): Release {
  const counts = new Map(d.counts);
  const sums = new Map(d.sums);
  const methods = new Map(d.methods);
  return {
    periods: d.periods,
    count: (family, kind, period, cat = "") => counts.get(key(family, kind, period, cat)) ?? 0,
    sum: (name, kind, period) => sums.get(key(name, kind, period)) ?? 0,
    method: (share, kind, period) => methods.get(key(`m:${share}`, kind, period)) ?? { num: 0, den: 0, cases: 0, practitioners: 0 },
    hidden: new Set(d.hidden),
    data: () => d,
  };
}

/** The table's shape — its relations along kind, period and each split of a total — and the rules they give. */
function structureOf(periods: readonly PeriodId[]) {
  const relations: Relation[] = [];
  const alongKindAndPeriod = (family: string, cats: readonly string[]) => {
    for (const p of periods)
      for (const c of ["", ...cats]) {
        relations.push({ total: key(family, "all", p, c), parts: KIND_PARTS.map((k) => key(family, k, p, c)) });
        // Progress is counted per period over the cases scored in it: a half-year is not the sum of its quarters.
        if (childrenOf(p).length > 0 && family !== "progress") for (const k of KINDS) relations.push({ total: key(family, k, p, c), parts: childrenOf(p).map((ch) => key(family, k, ch, c)) });
      }
  };
  for (const [family, splits] of Object.entries(FAMILIES)) {
    alongKindAndPeriod(family, splits.flat());
    for (const p of periods) for (const k of KINDS) for (const split of splits) relations.push({ total: key(family, k, p), parts: split.map((c) => key(family, k, p, c)) });
  }
  // One figure in two places: the closed cases with an after-reflection, and the total of their themes.
  for (const p of periods)
    for (const k of KINDS) {
      relations.push({ total: key("closed", k, p, "reflected"), parts: [key("learning", k, p)] });
      relations.push({ total: key("learning", k, p), parts: [key("closed", k, p, "reflected")] });
    }
  for (const share of METHOD) alongKindAndPeriod(`m:${share}`, []);
  relations.push({ total: key("active", "all", "now"), parts: KIND_PARTS.map((k) => key("active", k, "now")) });
  return { rules: ruleIndex(relations.flatMap(rulesOf)), years: periods.filter((p) => periodOf(p).level === "year") };
}
/** The shape depends only on the window's years: the same for every corps until the new year. */
const structures = new Map<string, ReturnType<typeof structureOf>>();
const cachedStructureOf = (periods: readonly PeriodId[]) => structures.get(periods[0]) ?? structures.set(periods[0], structureOf(periods)).get(periods[0])!;

/**
 * The corps' table at `now` and its suppression (`cause`, if given, records which cell hid each: tests, debugging).
 * `alsoHidden`: cells hidden from the start besides the small ones (the national table's, src/domain/national.ts).
 */
export function releaseOf(input: DashboardInput, now: Date, cause?: Map<string, string>, alsoHidden: Iterable<string> = []): Release {
  return release(tableOf(input, now), cause, alsoHidden);
}

/** A table before suppression: every cell's count, sum and method sums with its coaches, and the first year with a case. */
export interface Table {
  periods: PeriodId[];
  counts: Map<string, number>;
  sums: Map<string, number>;
  methodCells: Map<string, MethodCell>;
  /** The year the first case was opened ("9999": none). */
  firstYear: string;
}

/** The cells of the cases and check-in rounds given, at `now`: the expensive part, done once per corps. */
export function tableOf({ cases, rounds }: DashboardInput, now: Date): Table {
  // Copenhagen months of instants, worked out once each (every score is looked at for every period).
  const months = new Map<string, string>();
  const month = (iso: string) => months.get(iso) ?? months.set(iso, monthAt(iso)).get(iso)!;
  const quarterAt = (iso: string) => quarterOfMonth(month(iso));
  const periods = windowPeriods(now);
  const inWindow = new Set(periods);
  const quartersIn = new Map(periods.map((p) => [p, quartersOf(p)]));
  const counts = new Map<string, number>();
  const sums = new Map<string, number>();
  const add = (map: Map<string, number>, family: string, kind: CaseKind, at: readonly string[], cats: readonly string[], amount = 1) => {
    for (const p of at) if (inWindow.has(p) || p === "now") for (const k of [kind, "all"] as const) for (const c of ["", ...cats]) map.set(key(family, k, p, c), (map.get(key(family, k, p, c)) ?? 0) + amount);
  };
  const methodCells = new Map<string, MethodCell>();
  const methodCell = (share: string, k: KindNode, p: string) => {
    const id = key(`m:${share}`, k, p);
    return methodCells.get(id) ?? methodCells.set(id, { num: 0, den: 0, cases: 0, coaches: new Set() }).get(id)!;
  };

  // The rounds that asked about each case (a national table pools thousands of rounds: found once, not per case).
  const askedAbout = new Map<string, Array<{ month: string; asked: Record<string, CaseKind> }>>();
  for (const r of rounds) for (const [id, kind] of Object.entries(r.asked ?? {})) (askedAbout.get(id) ?? askedAbout.set(id, []).get(id)!).push({ month: r.month, asked: { [id]: kind } });

  for (const c of cases) {
    // Cases opened and closed in a period (each case counts in the quarter of the event, so periods add up).
    add(counts, "new", c.kind, upFrom(quarterAt(c.openedAt)), DIMENSIONS.map((d) => (c.referral.dimensions.includes(Number(d)) ? `d${d}` : `not${d}`)));
    if (c.status === "closed" && c.closedAt) {
      const at = upFrom(quarterAt(c.closedAt));
      // The joint after-reflection: the coordinator's part saved (its themes, never its text, counted).
      const themes = c.afterReflection?.coordinator ? (c.afterReflection.themes ?? []) : undefined;
      add(counts, "closed", c.kind, at, [c.closeReason ?? "other", themes ? "reflected" : "unreflected", c.startedAt ? "started" : "notStarted"]);
      if (themes) add(counts, "learning", c.kind, at, THEMES.map((t) => (themes.includes(t) ? `t:${t}` : `not:${t}`)));
      // Durations from the start (the citizen's yes) to the closing: a case closed in its contact phase has none.
      if (c.startedAt) add(sums, "duration", c.kind, at, [], (Date.parse(c.closedAt) - Date.parse(c.startedAt)) / 86_400_000);
    } else add(counts, "active", c.kind, ["now"], []);
    // Start and end measures taken in a period (the case's latest of each).
    for (const instrument of ["who5", "gse"] as const) {
      const { pre, post } = c.measures?.[instrument] ?? {};
      if (pre) {
        add(counts, `${instrument}pre`, c.kind, upFrom(quarterAt(pre.at)), []);
        add(sums, `${instrument}pre`, c.kind, upFrom(quarterAt(pre.at)), [], pre.score);
      }
      if (post) {
        const change = pre && changeOf(instrument, pre.score, post.score).verdict;
        add(counts, `${instrument}post`, c.kind, upFrom(quarterAt(post.at)), instrument === "who5" ? [!pre ? "noStart" : change === "improved" ? "improved" : "notImproved"] : []);
        add(sums, `${instrument}post`, c.kind, upFrom(quarterAt(post.at)), [], post.score);
      }
    }
    // Progress in a period: the cases scored in it (with a score before or in it to compare with) — first score and
    // the period's latest. A case scored in two quarters is in both and once in their half-year.
    const scores = c.progress ?? [];
    for (const p of periods) {
      const { from, to } = periodOf(p);
      const upTo = scores.filter((s) => month(s.at) <= to);
      const latest = upTo[upTo.length - 1];
      if (upTo.length < 2 || month(latest.at) < from) continue;
      add(counts, "progress", c.kind, [p], [latest.value > upTo[0].value ? "up" : "notUp"]);
      add(sums, "progressFirst", c.kind, [p], [], upTo[0].value);
      add(sums, "progressLatest", c.kind, [p], [], latest.value);
    }
    // How the method was followed, from the case's monthly counts: per quarter, then summed into each period.
    const asked = askedAbout.get(c.id) ?? [];
    const busy = new Set([...(c.method?.months ?? []).map((m) => m.month), ...asked.map((r) => r.month)].map(quarterOfMonth));
    const byQuarter = new Map([...busy].filter((q) => inWindow.has(q)).map((q) => [q, methodSums([c], monthsOf(q), asked, now)]));
    for (const p of periods) {
      const s = quartersIn.get(p)!.flatMap((q) => byQuarter.get(q) ?? []);
      if (s.length === 0) continue;
      const total = (f: (x: ReturnType<typeof methodSums>) => number) => s.reduce((a, x) => a + f(x), 0);
      const shares: Record<MethodShare, [number, number]> = {
        preparedShare: [total((x) => x.reflectionsPrepared), total((x) => x.reflections)],
        reflectedShare: [total((x) => x.preparedReflected), total((x) => x.prepared)],
        timelyShare: [total((x) => x.reflectionsTimely), total((x) => x.reflectionsPrepared)],
        checkInsAnsweredShare: [total((x) => x.checkInsAnswered), total((x) => x.checkInsAsked)],
      };
      for (const k of [c.kind, "all"] as const) {
        for (const share of METHOD) {
          const [num, den] = shares[share];
          if (den === 0) continue;
          const m = methodCell(share, k, p);
          m.num += num;
          m.den += den;
          m.cases += 1;
          m.coaches.add(c.coachId);
          methodCell("any", k, p).coaches.add(c.coachId);
        }
      }
    }
  }

  const firstYear = cases.reduce((y, c) => (quarterAt(c.openedAt).slice(0, 4) < y ? quarterAt(c.openedAt).slice(0, 4) : y), "9999");
  return { periods, counts, sums, methodCells, firstYear };
}

/**
 * Tables of several corps as one (the national table): counts, sums and method sums added, the coaches of a method
 * cell united (a coach lent to another corps is one practitioner), the earliest first year. The same table as one
 * computed over all their cases and rounds at once (all made at the same moment: `periods` is its window).
 */
export function mergeTables(tables: readonly Table[], periods: PeriodId[]): Table {
  const counts = new Map<string, number>();
  const sums = new Map<string, number>();
  const methodCells = new Map<string, MethodCell>();
  for (const t of tables) {
    for (const [k, v] of t.counts) counts.set(k, (counts.get(k) ?? 0) + v);
    for (const [k, v] of t.sums) sums.set(k, (sums.get(k) ?? 0) + v);
    for (const [k, m] of t.methodCells) {
      const into = methodCells.get(k) ?? methodCells.set(k, { num: 0, den: 0, cases: 0, coaches: new Set() }).get(k)!;
      into.num += m.num;
      into.den += m.den;
      into.cases += m.cases;
      for (const c of m.coaches) into.coaches.add(c);
    }
  }
  const firstYear = tables.reduce((y, t) => (t.firstYear < y ? t.firstYear : y), "9999");
  return { periods, counts, sums, methodCells, firstYear };
}

/** A table's suppression, released (see releaseOf). */
export function release({ periods, counts, sums, methodCells, firstYear }: Table, cause?: Map<string, string>, alsoHidden: Iterable<string> = []): Release {
  const { rules, years } = cachedStructureOf(periods);
  // Hidden first: 1–4 cases; method shares resting on fewer than five cases or three practitioners.
  const primary = [...counts].filter(([, v]) => v >= 1 && v < MIN_CASES).map(([k]) => k).concat([...alsoHidden]);
  for (const [k, m] of methodCells) if (!k.startsWith("m:any|") && (m.cases < MIN_CASES || m.coaches.size < MIN_PRACTITIONERS)) primary.push(k);
  const { hidden, hide } = suppressor(rules, cause);
  hide(primary);
  // One relation crosses periods: the cases active today are the cases ever opened minus those closed, so for each
  // kind, today's count and every year's new and closed cases add up. Where only one of them is hidden, a partner is
  // hidden with it that can really move with it — a case more or less, opened in the partner's year and closed in the
  // hidden one's (or the other way round), or still open today; never a year before the corps' first case; today's
  // count last — the smallest such.
  const partners = (k: KindNode, hiddenOne: string): string[] => {
    const [family, , year] = hiddenOne.split("|");
    const roots = years.filter((y) => y >= firstYear);
    const others =
      family === "closed" ? roots.filter((y) => y <= year).map((y) => key("new", k, y))
      : family === "new" ? roots.filter((y) => y >= year).map((y) => key("closed", k, y))
      : roots.map((y) => key("new", k, y));
    const value = (m: string) => counts.get(m) ?? 0;
    return [...others.sort((a, b) => value(a) - value(b)), ...(family === "active" ? [] : [key("active", k, "now")])];
  };
  for (let again = true; again; ) {
    again = false;
    for (const k of KINDS) {
      const members = [...years.flatMap((y) => [key("new", k, y), key("closed", k, y)]), key("active", k, "now")];
      const alone = members.filter((m) => hidden.has(m));
      if (alone.length !== 1) continue;
      hide([[...partners(k, alone[0]), ...members].find((m) => !hidden.has(m))!], alone[0]);
      again = true;
    }
  }

  const methods = new Map([...methodCells].map(([k, m]) => [k, { num: m.num, den: m.den, cases: m.cases, practitioners: m.coaches.size }]));
  return releaseFrom({ periods, counts: [...counts], sums: [...sums], methods: [...methods], hidden: [...hidden] });
}

export interface DashboardQuery {
  period: PeriodId;
  kind?: CaseKind;
}

type Group<K extends string> = { total: Figure; parts: Record<K, Figure> };

export interface Dashboard {
  period: { id: PeriodId; level: "year" | "half" | "quarter"; from: string; to: string; quarters: PeriodId[] };
  /** Every period that may be asked for now, years first, newest first. */
  periods: PeriodId[];
  kind: CaseKind | "all";
  minCases: number;
  minPractitioners: number;
  overview: {
    /** Cases not closed, today (whatever the period: a count of today). */
    active: Group<CaseKind>;
    /** Cases opened in the period, by quarter. */
    newPerQuarter: Group<string>;
    /** Cases closed in the period, by quarter. */
    closedPerQuarter: Group<string>;
    closeReasons: Group<CloseReason>;
    /** Mean days from the start (the citizen's yes) to closing, over the cases closed in the period that had started. */
    meanDays: Figure;
  };
  /** The citizen's progress (1–10) over the cases scored in the period: the first score and the period's latest. */
  progress: { firstMean: Figure; latestMean: Figure; improvingShare: Figure };
  /**
   * The cases closed in the period whose joint after-reflection is saved, and how many of those named each theme (for
   * the learning meeting: what the corps' after-reflections were about; never their text).
   */
  learning: { reflected: Figure; themes: Record<Theme, Figure> };
  /** The cases opened in the period, and for how many of them the infohus' assessment named each dimension. */
  referrals: { opened: Figure; dimensions: Record<string, Figure> };
  /**
   * Start measures taken in the period, end measures taken in the period; WHO-5 has a meaningful change (10 points),
   * so the share improved of the end measures with a start measure; GSE has no agreed threshold, so none.
   */
  measures: { who5: { preMean: Figure; postMean: Figure; improvedShare: Figure }; gse: { preMean: Figure; postMean: Figure } };
  /**
   * Method fidelity (%), n = cases, with the practitioners (coaches) it rests on. `practitioners`: coaches with cases in
   * these figures; `why`: why none is shown ("practitioners": fewer than MIN_PRACTITIONERS; "hidden": too few cases,
   * or it would give away the figures of another kind or period that rest on too few).
   */
  method: { practitioners: number; why?: "practitioners" | "hidden" } & Record<MethodShare, Figure>;
}

/** One answer: the cells of the corps' table for a period and kind filter. */
export function dashboardOf(input: DashboardInput, q: DashboardQuery, now: Date): Dashboard {
  return viewOf(releaseOf(input, now), q, now);
}

export function viewOf(r: Release, q: DashboardQuery, now: Date): Dashboard {
  const k: KindNode = q.kind ?? "all";
  const p = q.period;
  const shown = (cell: string) => !r.hidden.has(cell);
  const count = (family: string, kind: KindNode, period: string, cat = ""): Figure => {
    if (!shown(key(family, kind, period, cat))) return SUPPRESSED;
    const v = r.count(family, kind, period, cat);
    return { value: v, n: v };
  };
  const mean = (family: string, sum: string): Figure => {
    if (!shown(key(family, k, p))) return SUPPRESSED;
    const n = r.count(family, k, p);
    return n === 0 ? NONE : { value: round1(r.sum(sum, k, p) / n), n };
  };
  const share = (family: string, yes: string, no: readonly string[]): Figure => {
    if (!shown(key(family, k, p, yes)) || !shown(key(family, k, p))) return SUPPRESSED;
    const part = r.count(family, k, p, yes);
    const n = part + no.reduce((s, c) => s + r.count(family, k, p, c), 0);
    return n === 0 ? NONE : { value: percent(part, n), n };
  };
  const quarters = quartersOf(p).filter((x) => periodOf(x).from <= monthAt(now));
  const byQuarter = (family: string) => ({ total: count(family, k, p), parts: Object.fromEntries(quarters.map((x) => [x, count(family, k, x)])) });
  const closedDays = shown(key("closed", k, p, "started")) ? r.count("closed", k, p, "started") : 0;
  const method = Object.fromEntries(
    METHOD.map((s) => {
      const m = r.method(s, k, p);
      if (!shown(key(`m:${s}`, k, p))) return [s, SUPPRESSED];
      return [s, m.cases === 0 ? NONE : { value: percent(m.num, m.den), n: m.cases, practitioners: m.practitioners }];
    }),
  ) as Record<MethodShare, Figure>;
  const practitioners = r.method("any", k, p).practitioners;
  const hiddenAll = METHOD.some((s) => "suppressed" in method[s]) && METHOD.every((s) => "suppressed" in method[s] || method[s].value === null);
  const why = practitioners > 0 && practitioners < MIN_PRACTITIONERS ? "practitioners" : hiddenAll ? "hidden" : undefined;
  const period = periodOf(p);
  return {
    period: { id: p, level: period.level, from: period.from, to: period.to, quarters },
    periods: periodsAt(now),
    kind: k,
    minCases: MIN_CASES,
    minPractitioners: MIN_PRACTITIONERS,
    overview: {
      active: { total: count("active", k, "now"), parts: Object.fromEntries((k === "all" ? KIND_PARTS : [k]).map((x) => [x, count("active", x, "now")])) as Record<CaseKind, Figure> },
      newPerQuarter: byQuarter("new"),
      closedPerQuarter: byQuarter("closed"),
      closeReasons: { total: count("closed", k, p), parts: Object.fromEntries(CLOSE_REASONS.map((c) => [c, count("closed", k, p, c)])) as Record<CloseReason, Figure> },
      meanDays: !shown(key("closed", k, p, "started")) ? SUPPRESSED : closedDays === 0 ? NONE : { value: Math.round(r.sum("duration", k, p) / closedDays), n: closedDays },
    },
    progress: {
      firstMean: mean("progress", "progressFirst"),
      latestMean: mean("progress", "progressLatest"),
      improvingShare: share("progress", "up", ["notUp"]),
    },
    learning: { reflected: count("closed", k, p, "reflected"), themes: Object.fromEntries(THEMES.map((t) => [t, count("learning", k, p, `t:${t}`)])) as Record<Theme, Figure> },
    referrals: { opened: count("new", k, p), dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, count("new", k, p, `d${d}`)])) },
    measures: {
      who5: { preMean: mean("who5pre", "who5pre"), postMean: mean("who5post", "who5post"), improvedShare: share("who5post", "improved", ["notImproved"]) },
      gse: { preMean: mean("gsepre", "gsepre"), postMean: mean("gsepost", "gsepost") },
    },
    method: { practitioners, ...(why ? { why } : {}), ...method },
  };
}

/** Every figure of a view, one row each (area and figure named by `label`); a hidden one says `hidden` and has no n. */
export function figureRows(d: Dashboard, label: (path: string) => string, hidden: string): Array<{ area: string; figure: string; value: string; n: string }> {
  const rows: Array<{ area: string; figure: string; value: string; n: string }> = [];
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== "object") return;
    if ("suppressed" in node || ("value" in node && "n" in node)) {
      const f = node as Figure;
      const [value, n] = "suppressed" in f ? [hidden, ""] : f.value === null ? ["–", "0"] : [String(f.value).replace(".", ","), String(f.n)];
      rows.push({ area: label(path[0]), figure: label(path.slice(1).join(".")), value, n });
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  for (const area of ["overview", "progress", "learning", "referrals", "measures", "method"] as const) walk(d[area], [area]);
  return rows;
}

/**
 * The answer as CSV for a spreadsheet (semicolons and decimal commas, as Danish Excel reads them): one line per
 * figure, `area;figure;value;n`; a hidden figure says so instead of a value, and has no n.
 */
export function dashboardCsv(d: Dashboard, label: (path: string) => string, hidden: string): string {
  const lines = figureRows(d, label, hidden).map((r) => [r.area, r.figure, r.value, r.n]);
  return toCsv([[label("period"), label(`period.${d.period.id}`), label(`kind.${d.kind}`)], [label("area"), label("figure"), label("value"), label("n")], ...lines]);
}
