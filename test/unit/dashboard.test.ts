// The leaders' figures (issue 20): fixed periods, one suppression decision per cell that holds in every view, figures
// that follow the period and say what they rest on, method figures only over three practitioners.
import { dashboardOf, MIN_CASES, MIN_PRACTITIONERS, releaseOf, viewOf, type Dashboard, type Release } from "../../src/domain/dashboard";
import { buildDemoData } from "../../src/domain/demo";
import { nationalRelease, restHidden } from "../../src/domain/national";
import { methodOf } from "../../src/domain/fidelity";
import type { Case, CaseKind, Entry, Theme } from "../../src/domain/model";
import { childrenOf, defaultPeriod, monthAt, periodOf, periodsAt, quarterOf, quartersOf } from "../../src/domain/periods";
import { suppress } from "../../src/domain/suppression";
import { monthOf } from "../../src/domain/time";
import { Span } from "../integration/dashboard-solver";

const now = new Date("2026-11-25T09:00:00Z");

describe("the rule: one decision per cell, spread along every total", () => {
  const rel = (total: string, parts: string[]) => [
    { when: parts, hide: parts },
    { when: [total], hide: parts },
  ];

  test("a hidden part hides every part of its total; the total stays", () => {
    const hidden = suppress(["b"], rel("t", ["a", "b", "c"]));
    expect([...hidden].sort()).toEqual(["a", "b", "c"]);
  });

  test("a hidden total hides its parts, and that spreads on", () => {
    const hidden = suppress(["t"], [...rel("t", ["a", "b"]), ...rel("a", ["a1", "a2"])]);
    expect([...hidden].sort()).toEqual(["a", "a1", "a2", "b", "t"]);
  });

  test("a kind × two-quarter table with its margins: one small cell hides the block, and the margins shown do not give any of it", () => {
    // rc Q1 = 2: hidden; the block {mentor, rc} × {Q1, Q2} goes with it; the all-kinds quarters and the kinds' halves stay.
    const cells = { "m|Q1": 6, "m|Q2": 7, "rc|Q1": 2, "rc|Q2": 5, "all|Q1": 8, "all|Q2": 12, "m|H1": 13, "rc|H1": 7, "all|H1": 20 };
    const rules = [
      ...rel("all|Q1", ["m|Q1", "rc|Q1"]),
      ...rel("all|Q2", ["m|Q2", "rc|Q2"]),
      ...rel("all|H1", ["m|H1", "rc|H1"]),
      ...(["m", "rc", "all"] as const).flatMap((k) => rel(`${k}|H1`, [`${k}|Q1`, `${k}|Q2`])),
    ];
    const hidden = suppress(Object.entries(cells).filter(([, v]) => v > 0 && v < MIN_CASES).map(([k]) => k), rules);
    expect([...hidden].sort()).toEqual(["m|Q1", "m|Q2", "rc|Q1", "rc|Q2"]);
    // The attacker: every shown cell as an equation over the four inner cells (the atoms).
    const atoms = (k: string): Map<string, number> => {
      const [kind, p] = k.split("|");
      const kinds = kind === "all" ? ["m", "rc"] : [kind];
      const qs = p === "H1" ? ["Q1", "Q2"] : [p];
      return new Map(kinds.flatMap((x) => qs.map((q) => [`${x}|${q}`, 1] as [string, number])));
    };
    const span = new Span();
    for (const k of Object.keys(cells)) if (!hidden.has(k)) span.add(atoms(k));
    for (const k of hidden) expect([k, span.determines(atoms(k))]).toEqual([k, false]);
    // Without the spreading (today's rule: hide only the small one), it is determined.
    const naive = new Span();
    for (const k of Object.keys(cells)) if (k !== "rc|Q1") naive.add(atoms(k));
    expect(naive.determines(atoms("rc|Q1"))).toBe(true);
  });
});

describe("fixed periods", () => {
  test("years, half-years and quarters, and their parts", () => {
    expect(periodOf("2026")).toEqual({ id: "2026", level: "year", year: 2026, from: "2026-01", to: "2026-12" });
    expect(periodOf("2026-H2")).toMatchObject({ level: "half", from: "2026-07", to: "2026-12" });
    expect(periodOf("2026-Q3")).toMatchObject({ level: "quarter", from: "2026-07", to: "2026-09" });
    expect(childrenOf("2026")).toEqual(["2026-H1", "2026-H2"]);
    expect(childrenOf("2026-H2")).toEqual(["2026-Q3", "2026-Q4"]);
    expect(childrenOf("2026-Q3")).toEqual([]);
    expect(quartersOf("2026")).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
  });

  test("the periods a leader may ask for: the three years' periods that have begun, by Copenhagen's calendar", () => {
    expect(periodsAt(new Date("2026-05-10T10:00:00Z"))).toEqual(["2026", "2025", "2024", "2026-H1", "2025-H2", "2025-H1", "2024-H2", "2024-H1", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1", "2024-Q4", "2024-Q3", "2024-Q2", "2024-Q1"]);
    // 31 December 23:30 UTC is already 1 January in Copenhagen: the new year is offered, the oldest goes.
    const newYear = new Date("2026-12-31T23:30:00Z");
    expect(periodsAt(newYear).slice(0, 3)).toEqual(["2027", "2026", "2025"]);
    expect(periodsAt(newYear)).toContain("2027-Q1");
    expect(periodsAt(newYear)).not.toContain("2027-Q2");
    expect(defaultPeriod(newYear)).toBe("2027");
  });

  test("an instant's month and quarter are Copenhagen's (every quarter of an hour of 2026, daylight saving included)", () => {
    for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01T00:00:00Z"); t += 15 * 60_000) {
      if (monthAt(new Date(t)) !== monthOf(new Date(t))) throw new Error(new Date(t).toISOString());
    }
    expect(quarterOf("2026-03-31T22:30:00Z")).toBe("2026-Q2"); // 00:30 on 1 April in Copenhagen
  });
});

// ── Cases for the figures, written as the read models are ────────────────────────────────────────────────────
let n = 0;
function aCase(kind: CaseKind, over: Partial<Case> & { coach?: string } = {}): Case {
  n += 1;
  return {
    type: "case",
    id: `case-${n}`,
    corpsId: "c",
    code: `${kind === "mentor" ? "ME" : "PC"}-${String(n).padStart(4, "0")}`,
    kind,
    coachId: over.coach ?? `0000000d-0000-0000-0000-${String(n).padStart(12, "0")}`,
    coordinatorId: "0000000d-0000-0000-0000-000000000001",
    status: over.closedAt ? "closed" : "active",
    referral: { receivedAt: "2025-12-01T10:00:00Z", dimensions: [2, 6] },
    goalForm: { worries: "", working: "", goals: [] },
    openedAt: "2026-01-15T10:00:00Z",
    startedAt: over.openedAt ?? "2026-01-15T10:00:00Z", // (cases before the contact phase started at once)
    flags: [],
    notices: [],
    version: 1,
    revision: 0,
    applied: [],
    ...over,
  } as Case;
}
const view = (cases: Case[], period: string, kind?: CaseKind): Dashboard => dashboardOf({ cases, rounds: [] }, { period, kind }, now);

describe("figures follow the period and say what they rest on", () => {
  test("start measures taken in each half-year: each half's own mean and n", () => {
    const h1 = [40, 44, 48, 52, 56].map((score, i) => aCase("mentor", { measures: { who5: { pre: { at: `2026-0${i + 1}-10T10:00:00Z`, score } } } }));
    const h2 = [60, 64, 68, 72, 76].map((score, i) => aCase("mentor", { measures: { who5: { pre: { at: `2026-0${i + 7}-10T10:00:00Z`.replace("-010", "-10").replace("-011", "-11"), score } } } }));
    const cases = [...h1, ...h2];
    expect(view(cases, "2026-H1").measures.who5.preMean).toEqual({ value: 48, n: 5 });
    expect(view(cases, "2026-H2").measures.who5.preMean).toEqual({ value: 68, n: 5 });
    expect(view(cases, "2026").measures.who5.preMean).toEqual({ value: 58, n: 10 });
    // A quarter holds 2 or 3 of them: hidden, and said to be hidden — never a mean of fewer than five.
    expect(view(cases, "2026-Q1").measures.who5.preMean).toEqual({ suppressed: true });
  });

  test("progress: the cases scored in the period — their first score and the period's latest", () => {
    // Five cases scored 2 in January, 4 in May and 7 in September.
    const cases = Array.from({ length: 5 }, () =>
      aCase("mentor", { progress: [{ at: "2026-01-20T10:00:00Z", value: 2 }, { at: "2026-05-20T10:00:00Z", value: 4 }, { at: "2026-09-20T10:00:00Z", value: 7 }] }),
    );
    expect(view(cases, "2026-H1").progress).toEqual({ firstMean: { value: 2, n: 5 }, latestMean: { value: 4, n: 5 }, improvingShare: { value: 100, n: 5 } });
    expect(view(cases, "2026-H2").progress.latestMean).toEqual({ value: 7, n: 5 });
    // The first quarter has only their first score: nothing to compare yet.
    expect(view(cases, "2026-Q1").progress.firstMean).toEqual({ value: null, n: 0 });
  });

  test("cases closed in the period, their reasons and mean duration; today's active cases whatever the period", () => {
    const closed = Array.from({ length: 6 }, (_, i) => aCase("mentor", { openedAt: "2026-01-10T10:00:00Z", closedAt: `2026-0${i < 5 ? 4 : 5}-10T10:00:00Z`, closeReason: "goalsReached" }));
    const open = Array.from({ length: 5 }, () => aCase("mentor", { openedAt: "2026-02-10T10:00:00Z" }));
    const cases = [...closed, ...open];
    const h1 = view(cases, "2026-H1");
    expect(h1.overview.closeReasons.parts.goalsReached).toEqual({ value: 6, n: 6 });
    expect(h1.overview.closeReasons.parts.moved).toEqual({ value: 0, n: 0 }); // none: said, not hidden
    expect(h1.overview.meanDays).toEqual({ value: 95, n: 6 });
    expect(view(cases, "2026-H2").overview.closeReasons.total).toEqual({ value: 0, n: 0 });
    for (const p of ["2026", "2026-H2", "2025"]) expect(view(cases, p).overview.active.total).toEqual({ value: 5, n: 5 });
  });

  test("a case closed in its contact phase (no contact, or the citizen said no) has no duration: the mean is over the cases that started", () => {
    const started = Array.from({ length: 5 }, () => aCase("mentor", { openedAt: "2026-01-10T10:00:00Z", startedAt: "2026-02-09T10:00:00Z", closedAt: "2026-04-10T10:00:00Z", closeReason: "goalsReached" }));
    const refused = Array.from({ length: 5 }, () => aCase("mentor", { openedAt: "2026-01-10T10:00:00Z", startedAt: undefined, closedAt: "2026-03-10T10:00:00Z", closeReason: "declined" }));
    const d = view([...started, ...refused], "2026");
    expect(d.overview.closeReasons.total).toEqual({ value: 10, n: 10 });
    expect(d.overview.closeReasons.parts.declined).toEqual({ value: 5, n: 5 });
    expect(d.overview.meanDays).toEqual({ value: 60, n: 5 }); // from the start, not from the referral
    // One case that never started beside nine that did: how many started is hidden, and the mean with it.
    const one = view([...started, ...Array.from({ length: 4 }, () => aCase("mentor", { openedAt: "2026-01-10T10:00:00Z", closedAt: "2026-04-10T10:00:00Z", closeReason: "goalsReached" })), refused[0]], "2026");
    expect(one.overview.meanDays).toEqual({ suppressed: true });
  });

  test("a share whose complement is 1–4 is hidden: 5 of 6 improved would say the sixth did not", () => {
    const mk = (post: number) => aCase("mentor", { measures: { who5: { pre: { at: "2026-01-10T10:00:00Z", score: 40 }, post: { at: "2026-03-10T10:00:00Z", score: post } } } });
    const fiveOfSix = [60, 60, 60, 60, 60, 44].map(mk);
    expect(view(fiveOfSix, "2026").measures.who5.postMean).toEqual({ value: 57.3, n: 6 });
    expect(view(fiveOfSix, "2026").measures.who5.improvedShare).toEqual({ suppressed: true });
    const allTen = Array.from({ length: 10 }, () => mk(60));
    expect(view(allTen, "2026").measures.who5.improvedShare).toEqual({ value: 100, n: 10 });
  });

  test("a cell has one decision, whichever answer shows it", () => {
    const cases = [
      ...Array.from({ length: 7 }, () => aCase("mentor", { openedAt: "2026-02-10T10:00:00Z" })),
      ...Array.from({ length: 2 }, () => aCase("relativeCoach", { openedAt: "2026-02-10T10:00:00Z" })),
      ...Array.from({ length: 6 }, () => aCase("mentor", { openedAt: "2026-05-10T10:00:00Z" })),
      ...Array.from({ length: 6 }, () => aCase("relativeCoach", { openedAt: "2026-05-10T10:00:00Z" })),
    ];
    const r = releaseOf({ cases, rounds: [] }, now);
    // Mentor cases opened in Q1 (7) are hidden beside the relative coach's 2 — in the quarter's own answer, as a part
    // of the half-year and of the year, and in the all-kinds answer's breakdown alike.
    expect(viewOf(r, { period: "2026-Q1", kind: "mentor" }, now).overview.newPerQuarter.total).toEqual({ suppressed: true });
    expect(viewOf(r, { period: "2026-H1", kind: "mentor" }, now).overview.newPerQuarter.parts["2026-Q1"]).toEqual({ suppressed: true });
    expect(viewOf(r, { period: "2026", kind: "mentor" }, now).overview.newPerQuarter.parts["2026-Q1"]).toEqual({ suppressed: true });
    // The all-kinds count of the quarter, and the kinds' half-year, stay.
    expect(viewOf(r, { period: "2026-H1" }, now).overview.newPerQuarter.parts["2026-Q1"]).toEqual({ value: 9, n: 9 });
    expect(viewOf(r, { period: "2026-H1", kind: "relativeCoach" }, now).overview.newPerQuarter.total).toEqual({ value: 8, n: 8 });
  });
});

describe("the after-reflections' themes, for the learning meeting", () => {
  const reflected = (themes: Theme[], closedAt = "2026-04-10T10:00:00Z") =>
    aCase("mentor", {
      closedAt,
      closeReason: "goalsReached",
      afterReflection: { coordinator: { entryId: `e-${n}`, at: closedAt, by: "0000000d-0000-0000-0000-000000000001" }, themes },
    });
  const unreflected = () => aCase("mentor", { closedAt: "2026-04-12T10:00:00Z", closeReason: "moved" });

  test("counted over the cases closed in the period with a joint after-reflection; a theme 1–4 cases named or not named is hidden, the others stay", () => {
    const cases = [
      ...Array.from({ length: 6 }, (_, i) => reflected(i < 5 ? ["otherActors", "nextStep"] : ["otherActors"])),
      ...Array.from({ length: 5 }, unreflected),
    ];
    const d = view(cases, "2026");
    expect(d.learning.reflected).toEqual({ value: 6, n: 6 });
    expect(d.learning.themes.otherActors).toEqual({ value: 6, n: 6 });
    expect(d.learning.themes.safety).toEqual({ value: 0, n: 0 });
    // Five of six named «nextStep»: the sixth would follow — hidden.
    expect(d.learning.themes.nextStep).toEqual({ suppressed: true });
    expect(d.overview.closeReasons.total).toEqual({ value: 11, n: 11 });
  });

  test("one case without an after-reflection hides how many had one — and so every theme — never by subtraction from the closed cases", () => {
    const cases = [...Array.from({ length: 6 }, () => reflected(["method"])), unreflected()];
    const d = view(cases, "2026");
    expect(d.overview.closeReasons.total).toEqual({ value: 7, n: 7 });
    expect(d.learning.reflected).toEqual({ suppressed: true });
    expect(d.learning.themes.method).toEqual({ suppressed: true });
  });

  test("only the coordinator's part counts (the joint one): a coach's part alone is not an after-reflection held", () => {
    const coachOnly = Array.from({ length: 5 }, () =>
      aCase("mentor", { closedAt: "2026-04-10T10:00:00Z", afterReflection: { coach: { entryId: `e-${n}`, at: "2026-04-11T10:00:00Z", by: "0000000d-0000-0000-0000-000000000002" } } }),
    );
    expect(view(coachOnly, "2026").learning.reflected).toEqual({ value: 0, n: 0 });
  });
});

describe("method figures describe practitioners' work", () => {
  const monthly = (coach: string, kind: CaseKind = "mentor") => {
    const entries: Entry[] = ["2026-03", "2026-04", "2026-05"].flatMap((m, i): Entry[] => [
      { type: "preparation", id: `p${i}`, corpsId: "c", caseId: "k", authorId: coach, createdAt: `${m}-02T08:00:00Z`, plannedAt: `${m}-03T10:00:00Z`, answers: ["", "", "", ""], focusGoalIds: [], safety: { place: "yes", roles: "yes", assumptions: "yes", risk: "yes" } } as Entry,
      { type: "reflection", id: `r${i}`, corpsId: "c", caseId: "k", authorId: coach, createdAt: `${m}-03T12:00:00Z`, answers: ["", "", "", "", "", "", "", ""], goalScores: [], match: "ja", wantsSparring: false } as Entry,
    ]);
    return aCase(kind, { coach, method: methodOf(entries) });
  };
  const coach = (i: number) => `0000000d-0000-0000-0000-00000000010${i}`;

  test(`six cases of two coaches: not shown, and said why; of ${MIN_PRACTITIONERS} coaches: shown with the cases and coaches it rests on`, () => {
    const two = [0, 0, 0, 1, 1, 1].map((i) => monthly(coach(i)));
    const d = view(two, "2026-H1");
    expect(d.method).toMatchObject({ practitioners: 2, why: "practitioners", preparedShare: { suppressed: true } });
    const three = [0, 0, 1, 1, 2, 2].map((i) => monthly(coach(i)));
    expect(view(three, "2026-H1").method).toMatchObject({ practitioners: 3, preparedShare: { value: 100, n: 6, practitioners: 3 }, reflectedShare: { value: 100, n: 6, practitioners: 3 } });
    expect(view(three, "2026-H1").method.why).toBeUndefined();
  });

  test("a kind filter with one relative coach shows no one's own figures — and then the mentors' kind filter shows none either", () => {
    const cases = [...[0, 0, 1, 1, 2, 2].map((i) => monthly(coach(i))), ...[3, 3, 3, 3, 3].map((i) => monthly(coach(i), "relativeCoach"))];
    expect(view(cases, "2026-H1", "relativeCoach").method).toMatchObject({ practitioners: 1, why: "practitioners" });
    // Otherwise all-kinds minus mentors would point at the one relative coach's work.
    expect(view(cases, "2026-H1", "mentor").method).toMatchObject({ practitioners: 3, why: "hidden", preparedShare: { suppressed: true } });
    expect(view(cases, "2026-H1").method).toMatchObject({ practitioners: 4, preparedShare: { value: 100, n: 11, practitioners: 4 } });
  });

  test("a conversation not yet a day past its time is not counted as unreflected (the count of fidelity.ts)", () => {
    const cases = [0, 0, 1, 1, 2, 2].map((i) => monthly(coach(i)));
    const at = new Date("2026-05-03T12:00:00Z"); // the May conversations were held two hours ago
    const d = dashboardOf({ cases, rounds: [] }, { period: "2026-Q2" }, at);
    expect(d.method.reflectedShare).toMatchObject({ value: 100, n: 6 });
  });
});

describe("the national table from the corps' tables", () => {
  test.each(["2026-11-25T09:00:00Z", "2027-03-31T21:30:00Z"])("merging the corps' tables gives the table of all their cases at once (%s)", (at) => {
    const when = new Date(at);
    const demo = buildDemoData(when);
    // Three corps from the demo's cases; their coaches are shared, as with a lent coach (one practitioner, not two).
    const corps = [0, 1, 2].map((i) => {
      const cases = demo.cases.filter((_, j) => j % 3 === i);
      const ids = new Set(cases.map((c) => c.id));
      return { cases, rounds: demo.rounds.map((r) => ({ ...r, asked: Object.fromEntries(Object.entries(r.asked ?? {}).filter(([id]) => ids.has(id))) })) };
    });
    const { national, own } = nationalRelease(corps, when);
    const alone = releaseOf({ cases: corps.flatMap((c) => c.cases), rounds: corps.flatMap((c) => c.rounds) }, when, undefined, restHidden(own));
    const sorted = (d: ReturnType<Release["data"]>) => ({ ...d, counts: [...d.counts].sort(), sums: [...d.sums].sort(), methods: [...d.methods].sort(), hidden: [...d.hidden].sort() });
    expect(sorted(national.data())).toEqual(sorted(alone.data()));
    expect(national.method("any", "all", periodsAt(when)[0]).practitioners).toBe(alone.method("any", "all", periodsAt(when)[0]).practitioners);
    expect(national.count("new", "all", periodsAt(when)[0])).toBeGreaterThan(0);
  });
});
