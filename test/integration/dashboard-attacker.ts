// The attacker of issue 20 §2: asks every question the dashboard accepts for a corps — every period it offers × every
// kind filter, as JSON and as CSV — writes every shown figure as a linear equation over atoms (counts of cases per
// combination of the attributes any figure distinguishes; for means, their sums), solves them exactly
// (./dashboard-solver.ts), and lists the hidden figures of 1–4 cases the answers determine. It also protects counts
// no answer shows but that sit beside a shown one in a total (cases not named for a dimension, end measures without a
// start). It knows when the corps began (no atoms before the window unless there are such cases). Used over HTTP
// (dashboard-attack.test.ts) and over the pure function at several dates (test/unit/dashboard-attack.test.ts).
import { CSV_HIDDEN } from "../../src/api/labels";
import { MIN_CASES, MIN_PRACTITIONERS } from "../../src/domain/dashboard";
import { CLOSE_REASONS, THEMES, type Case } from "../../src/domain/model";
import { monthOf } from "../../src/domain/time";
import { determined, keyOf, valueOf, type Equation, type Form } from "./dashboard-solver";

export type Kind = "mentor" | "relativeCoach";
const KINDS: Array<Kind | undefined> = [undefined, "mentor", "relativeCoach"];
const kindsOf = (k?: Kind): Kind[] => (k ? [k] : ["mentor", "relativeCoach"]);

/** Quarter "YYYY-Qn" of an instant, in Copenhagen — worked out here, not with the code under test. */
const quarter = (iso: string) => {
  const m = monthOf(new Date(iso));
  return `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5)) / 3)}`;
};
const quartersOfPeriod = (p: string): string[] =>
  /-Q\d$/.test(p) ? [p] : /-H1$/.test(p) ? [`${p.slice(0, 4)}-Q1`, `${p.slice(0, 4)}-Q2`] : /-H2$/.test(p) ? [`${p.slice(0, 4)}-Q3`, `${p.slice(0, 4)}-Q4`] : [1, 2, 3, 4].map((q) => `${p}-Q${q}`);

/** Every figure in an answer, by path. */
function figures(node: any, path: string[] = [], out = new Map<string, any>()): Map<string, any> {
  if (!node || typeof node !== "object") return out;
  if ("suppressed" in node || ("value" in node && "n" in node)) out.set(path.join("."), node);
  else for (const [k, v] of Object.entries(node)) figures(v, [...path, k], out);
  return out;
}

/** Reads a CSV answer back into value / n per line (Danish decimal commas). */
function csvRows(text: string): Array<{ value: string; n: string }> {
  const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n").slice(2);
  return lines.map((l) => {
    const cells = l.split(";");
    return { value: cells[2], n: cells[3] };
  });
}

/** The attacker's system: shown equations and hidden forms, per group of linked atoms. */
class System {
  shown: Equation[] = [];
  hidden: Array<{ form: Form; truth: number; label: string }> = [];
  constructor(readonly truth: Map<string, number>) {}
  put(f: any, form: Form, label: string, opts: { value?: number; count?: boolean; truthOf?: Form } = {}) {
    if (f.suppressed) this.protect(form, label, opts.truthOf);
    else this.shown.push({ form, value: opts.value ?? f.value ?? 0, count: opts.count ?? true });
  }
  /** A count no answer shows, but that must not follow from them either (the complement of a shown part). */
  protect(form: Form, label: string, truthOf?: Form) {
    this.hidden.push({ form, truth: valueOf(truthOf ?? form, this.truth), label });
  }
  solve(): Array<{ label: string; truth: number }> {
    const small = this.hidden.filter((h) => h.truth >= 1 && h.truth < MIN_CASES);
    const found = new Set(determined(this.shown, small.map((h) => h.form)).map(keyOf));
    return small.filter((h) => found.has(keyOf(h.form)));
  }
}

/** One question: its JSON answer and the CSV of the same question. */
export type Ask = (q: { period?: string; kind?: Kind }) => Promise<{ json: any; csv: string }>;

/**
 * Asks every question `ask` accepts (every period the first answer offers × every kind filter), checks that the CSV
 * carries exactly the figures of the JSON, then solves. `cases`: the truth, to know which hidden figures hold 1–4.
 */
export const attack = (ask: Ask, cases: readonly Case[]) => attackAcross([{ ask, scope: [...new Set(cases.map((c) => c.corpsId))] }], cases);

/**
 * The same across corps (issue 24): each source answers about the sum of the corps in its `scope` — a corps' leaders
 * about their corps, the national view about all of them — and every answer of every source is one system of
 * equations over atoms that also name the corps. So a corps' hidden figure must not follow from its own answers, the
 * national ones and every other corps' answers together.
 */
export async function attackAcross(sources: ReadonlyArray<{ ask: Ask; scope: readonly string[] }>, cases: readonly Case[]) {
  const answers: Array<{ period: string; kind?: Kind; d: any; scope: readonly string[] }> = [];
  const periods: string[] = (await sources[0].ask({})).json.periods;
  for (const { ask, scope } of sources)
    for (const period of periods)
      for (const kind of KINDS) {
        const { json: d, csv } = await ask({ period, kind });
        const rows = csvRows(csv);
        const figs = [...figures(d).values()];
        expect(rows).toHaveLength(figs.length);
        figs.forEach((f, i) => expect(rows[i]).toEqual("suppressed" in f ? { value: CSV_HIDDEN, n: "" } : { value: f.value === null ? "–" : String(f.value).replace(".", ","), n: String(f.n) }));
        answers.push({ period, kind, d, scope });
      }

  const years = [...new Set(periods.map((p) => p.slice(0, 4)))].sort();
  const quarters = years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
  const inWindow = (q: string) => (q < quarters[0] ? "before" : q);

  // ── Cases opened, closed, active today, closing reasons, referral dimensions: one group per dimension ─────────
  const fate = (c: Case) => (c.status === "closed" && c.closedAt ? `${quarter(c.closedAt)}|${c.closeReason ?? "other"}` : "open");
  // The attacker knows when the corps began: cases opened before the window are possible only if there are some.
  const opens = [...(cases.some((c) => inWindow(quarter(c.openedAt)) === "before") ? ["before"] : []), ...quarters];
  const fates = ["open", ...quarters.flatMap((q) => CLOSE_REASONS.map((r) => `${q}|${r}`))];
  /** The atoms of a case's life: kind, quarter opened, fate (open, or quarter and reason closed) and one attribute. */
  const lifetime = (attrOf: (c: Case) => number, values: readonly number[]) => {
    const truth = new Map<string, number>();
    for (const c of cases) {
      const k = `${c.corpsId}|${c.kind}|${inWindow(quarter(c.openedAt))}|${fate(c)}|${attrOf(c)}`;
      truth.set(k, (truth.get(k) ?? 0) + 1);
    }
    const form = (scope: readonly string[], kind: Kind | undefined, pick: (open: string, fate: string, has: number) => boolean): Form => {
      const f: Form = new Map();
      for (const cp of scope) for (const k of kindsOf(kind)) for (const o of opens) for (const fa of fates) for (const h of values) {
        if (fa !== "open" && o !== "before" && fa.slice(0, 7) < o) continue; // a case closes after it opens
        if (pick(o, fa, h)) f.set(`${cp}|${k}|${o}|${fa}|${h}`, 1);
      }
      return f;
    };
    return { truth, form };
  };
  /** The figures every group shows: cases active, opened and closed (by quarter and reason). */
  const lifeFigures = (s: System, form: ReturnType<typeof lifetime>["form"], scope: readonly string[], period: string, kind: Kind | undefined, o: any) => {
    const inP = (q: string) => quartersOfPeriod(period).includes(q);
    const closedIn = (fa: string, pick: (q: string) => boolean) => fa !== "open" && pick(fa.slice(0, 7));
    for (const [k, f] of Object.entries(o.active.parts)) s.put(f, form(scope, k as Kind, (_o, fa) => fa === "open"), `active ${k}`);
    s.put(o.active.total, form(scope, kind, (_o, fa) => fa === "open"), `active ${kind ?? "all"}`);
    s.put(o.newPerQuarter.total, form(scope, kind, (op) => inP(op)), `new ${kind ?? "all"} ${period}`);
    for (const [q, f] of Object.entries(o.newPerQuarter.parts)) s.put(f, form(scope, kind, (op) => op === q), `new ${kind ?? "all"} ${q}`);
    s.put(o.closedPerQuarter.total, form(scope, kind, (_o, fa) => closedIn(fa, inP)), `closed ${kind ?? "all"} ${period}`);
    for (const [q, f] of Object.entries(o.closedPerQuarter.parts)) s.put(f, form(scope, kind, (_o, fa) => closedIn(fa, (x) => x === q)), `closed ${kind ?? "all"} ${q}`);
    for (const [r, f] of Object.entries(o.closeReasons.parts)) s.put(f, form(scope, kind, (_o, fa) => closedIn(fa, inP) && fa.endsWith(`|${r}`)), `closed ${kind ?? "all"} ${period} ${r}`);
    s.put(o.closeReasons.total, form(scope, kind, (_o, fa) => closedIn(fa, inP)), `closed ${kind ?? "all"} ${period}`);
    return { inP, closedIn };
  };
  const found: Array<{ label: string; truth: number }> = [];
  let hiddenSmall = 0;
  for (let d = 1; d <= 9; d++) {
    const { truth, form } = lifetime((c) => (c.referral.dimensions.includes(d) ? 1 : 0), [0, 1]);
    const s = new System(truth);
    for (const { period, kind, d: a, scope } of answers) {
      const { inP } = lifeFigures(s, form, scope, period, kind, a.overview);
      s.put(a.referrals.opened, form(scope, kind, (op) => inP(op)), `new ${kind ?? "all"} ${period}`);
      s.put(a.referrals.dimensions[String(d)], form(scope, kind, (op, _f, h) => inP(op) && h === 1), `dimension ${d} ${kind ?? "all"} ${period}`);
      s.protect(form(scope, kind, (op, _f, h) => inP(op) && h === 0), `not dimension ${d} ${kind ?? "all"} ${period}`);
    }
    hiddenSmall += new Set(s.hidden.filter((h) => h.truth >= 1 && h.truth < MIN_CASES).map((h) => keyOf(h.form))).size;
    found.push(...s.solve());
  }
  // The after-reflections' themes: per theme, a closed case had no joint after-reflection (0), one naming it (1) or one
  // not naming it (2). Shown: how many had one, how many named the theme; protected: the cases without one, and those
  // whose after-reflection did not name it.
  for (const theme of THEMES) {
    const { truth, form } = lifetime((c) => (!c.afterReflection?.coordinator || c.status !== "closed" ? 0 : c.afterReflection.themes?.includes(theme) ? 1 : 2), [0, 1, 2]);
    const s = new System(truth);
    for (const { period, kind, d: a, scope } of answers) {
      const { inP, closedIn } = lifeFigures(s, form, scope, period, kind, a.overview);
      s.put(a.learning.reflected, form(scope, kind, (_o, fa, h) => closedIn(fa, inP) && h !== 0), `after-reflections ${kind ?? "all"} ${period}`);
      s.put(a.learning.themes[theme], form(scope, kind, (_o, fa, h) => closedIn(fa, inP) && h === 1), `theme ${theme} ${kind ?? "all"} ${period}`);
      s.protect(form(scope, kind, (_o, fa, h) => closedIn(fa, inP) && h === 0), `no after-reflection ${kind ?? "all"} ${period}`);
      s.protect(form(scope, kind, (_o, fa, h) => closedIn(fa, inP) && h === 2), `not theme ${theme} ${kind ?? "all"} ${period}`);
    }
    hiddenSmall += new Set(s.hidden.filter((h) => h.truth >= 1 && h.truth < MIN_CASES).map((h) => keyOf(h.form))).size;
    found.push(...s.solve());
  }
  // Cases that started (the citizen said yes) or were closed in their contact phase: the mean duration's n counts the
  // first; the second is protected.
  {
    const { truth, form } = lifetime((c) => (c.startedAt ? 1 : 0), [0, 1]);
    const s = new System(truth);
    for (const { period, kind, d: a, scope } of answers) {
      const { inP, closedIn } = lifeFigures(s, form, scope, period, kind, a.overview);
      const days = a.overview.meanDays;
      s.put(days.suppressed ? days : { value: days.n }, form(scope, kind, (_o, fa, h) => closedIn(fa, inP) && h === 1), `started and closed ${kind ?? "all"} ${period}`);
      s.protect(form(scope, kind, (_o, fa, h) => closedIn(fa, inP) && h === 0), `closed before starting ${kind ?? "all"} ${period}`);
    }
    hiddenSmall += new Set(s.hidden.filter((h) => h.truth >= 1 && h.truth < MIN_CASES).map((h) => keyOf(h.form))).size;
    found.push(...s.solve());
  }

  // ── Means and shares over measures taken in a period: counts per kind × quarter (× change), and their sums ───
  for (const instrument of ["who5", "gse"] as const) {
    for (const phase of ["pre", "post"] as const) {
      const cats = instrument === "who5" && phase === "post" ? ["improved", "notImproved", "noStart"] : ["-"];
      const truth = new Map<string, number>();
      const sums = new Map<string, number>();
      for (const c of cases) {
        const m = c.measures?.[instrument];
        const at = m?.[phase];
        if (!at) continue;
        const cat = cats.length === 1 ? "-" : !m.pre ? "noStart" : at.score - m.pre.score >= 10 ? "improved" : "notImproved";
        const k = `${c.corpsId}|${c.kind}|${quarter(at.at)}|${cat}`;
        truth.set(k, (truth.get(k) ?? 0) + 1);
        sums.set(k, (sums.get(k) ?? 0) + at.score);
      }
      const form = (scope: readonly string[], kind: Kind | undefined, period: string, only?: string): Form =>
        new Map(scope.flatMap((cp) => kindsOf(kind).flatMap((k) => quartersOfPeriod(period).flatMap((q) => cats.filter((c) => !only || c === only).map((c) => [`${cp}|${k}|${q}|${c}`, 1] as [string, number])))));
      const n = new System(truth);
      const sum = new System(sums);
      for (const { period, kind, d: a, scope } of answers) {
        const mean = a.measures[instrument][`${phase}Mean`];
        n.put(mean, form(scope, kind, period), `${instrument} ${phase} n ${kind ?? "all"} ${period}`);
        // The sum is the mean × n; hidden, it is a sum over the same cases (small if they are 1–4).
        sum.put(mean, form(scope, kind, period), `${instrument} ${phase} sum ${kind ?? "all"} ${period}`, { value: mean.value === null ? 0 : mean.value * mean.n, count: false, truthOf: form(scope, kind, period) });
        if (instrument === "who5" && phase === "post") {
          const sh = a.measures.who5.improvedShare;
          const improved = sh.value === null || sh.suppressed ? 0 : Math.round((sh.value * sh.n) / 100);
          n.put(sh, form(scope, kind, period, "improved"), `who5 improved ${kind ?? "all"} ${period}`, { value: improved });
          n.put(sh, form(scope, kind, period, "notImproved"), `who5 not improved ${kind ?? "all"} ${period}`, { value: sh.suppressed || sh.value === null ? 0 : sh.n - improved });
          n.protect(form(scope, kind, period, "noStart"), `who5 end without start ${kind ?? "all"} ${period}`);
        }
      }
      hiddenSmall += new Set(n.hidden.filter((h) => h.truth >= 1 && h.truth < MIN_CASES).map((h) => keyOf(h.form))).size;
      found.push(...n.solve());
      // A hidden sum counts as small when the cases it is over are 1–4.
      sum.hidden = sum.hidden.map((h) => ({ ...h, truth: valueOf(h.form, truth) }));
      found.push(...sum.solve());
    }
  }

  // ── Mean duration of the started cases closed in a period: sums per kind × quarter closed ───────────────────────
  {
    const n = new Map<string, number>();
    const days = new Map<string, number>();
    for (const c of cases) if (c.status === "closed" && c.closedAt && c.startedAt) {
      const k = `${c.corpsId}|${c.kind}|${quarter(c.closedAt)}`;
      n.set(k, (n.get(k) ?? 0) + 1);
      days.set(k, (days.get(k) ?? 0) + (Date.parse(c.closedAt) - Date.parse(c.startedAt)) / 86_400_000);
    }
    const form = (scope: readonly string[], kind: Kind | undefined, period: string): Form => new Map(scope.flatMap((cp) => kindsOf(kind).flatMap((k) => quartersOfPeriod(period).map((q) => [`${cp}|${k}|${q}`, 1] as [string, number]))));
    const s = new System(days);
    for (const { period, kind, d: a, scope } of answers) s.put(a.overview.meanDays, form(scope, kind, period), `duration sum ${kind ?? "all"} ${period}`, { count: false, value: (a.overview.meanDays.value ?? 0) * a.overview.meanDays.n });
    s.hidden = s.hidden.map((h) => ({ ...h, truth: valueOf(h.form, n) }));
    found.push(...s.solve());
  }

  // ── Progress, counted per period over the cases scored in it: a case is in a period if it is in one of its
  // quarters, with the change of its latest quarter there. Atoms: kind × the case's pattern over the quarters. ──
  {
    const counts = (c: Case, q: string) => {
      const [from, to] = [quartersOfPeriod(q)[0], q];
      const upTo = (c.progress ?? []).filter((s) => quarter(s.at) <= to);
      const latest = upTo[upTo.length - 1];
      return upTo.length >= 2 && quarter(latest.at) >= from ? (latest.value > upTo[0].value ? "u" : "n") : "-";
    };
    const live = quarters.filter((q) => cases.some((c) => counts(c, q) !== "-") || answers.some((a) => a.period === q && !a.kind && a.d.progress.firstMean.n !== 0));
    const truth = new Map<string, number>();
    for (const c of cases) {
      const k = `${c.corpsId}|${c.kind}|${live.map((q) => counts(c, q)).join("")}`;
      truth.set(k, (truth.get(k) ?? 0) + 1);
    }
    const patterns = live.reduce<string[]>((ps) => ps.flatMap((p) => ["-", "u", "n"].map((x) => p + x)), [""]);
    const form = (scope: readonly string[], kind: Kind | undefined, period: string, pick: (last: string) => boolean): Form => {
      const idx = live.map((q, i) => (quartersOfPeriod(period).includes(q) ? i : -1)).filter((i) => i >= 0);
      const f: Form = new Map();
      for (const cp of scope) for (const k of kindsOf(kind)) for (const p of patterns) {
        const last = idx.map((i) => p[i]).filter((x) => x !== "-").pop();
        if (last && pick(last)) f.set(`${cp}|${k}|${p}`, 1);
      }
      return f;
    };
    const s = new System(truth);
    for (const { period, kind, d: a, scope } of answers) {
      const { firstMean, improvingShare: sh } = a.progress;
      s.put(firstMean, form(scope, kind, period, () => true), `progress n ${kind ?? "all"} ${period}`);
      const up = sh.suppressed || sh.value === null ? 0 : Math.round((sh.value * sh.n) / 100);
      s.put(sh, form(scope, kind, period, (x) => x === "u"), `progress up ${kind ?? "all"} ${period}`, { value: up });
      s.put(sh, form(scope, kind, period, (x) => x === "n"), `progress not up ${kind ?? "all"} ${period}`, { value: sh.suppressed || sh.value === null ? 0 : sh.n - up });
    }
    hiddenSmall += new Set(s.hidden.filter((h) => h.truth >= 1 && h.truth < MIN_CASES).map((h) => keyOf(h.form))).size;
    found.push(...s.solve());
  }

  // ── Method figures describe practitioners' work: shown only over ≥ 3 coaches and ≥ 5 cases, and by kind only
  // when both kinds are shown. ──
  for (const { period, kind, d: a, scope } of answers)
    for (const share of ["preparedShare", "reflectedShare", "timelyShare", "checkInsAnsweredShare"]) {
      const f = a.method[share];
      if (!f.suppressed && f.value !== null) {
        expect(f.practitioners).toBeGreaterThanOrEqual(MIN_PRACTITIONERS);
        expect(f.n).toBeGreaterThanOrEqual(MIN_CASES);
      }
      if (kind && !f.suppressed) {
        const other = answers.find((x) => x.scope === scope && x.period === period && x.kind === (kind === "mentor" ? "relativeCoach" : "mentor"))!;
        expect(other.d.method[share].suppressed).toBeUndefined();
      }
    }
  const distinct = [...new Map(found.map((f) => [f.label, f])).values()];
  return { answers: answers.length * 2, hiddenSmall, found: distinct };
}

