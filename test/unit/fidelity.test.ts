import { methodOf, methodSums, withMethod } from "../../src/domain/fidelity";
import { applyEntry } from "../../src/domain/derive";
import type { Case, CaseKind, Entry } from "../../src/domain/model";
import { dashboardOf } from "../../src/domain/dashboard";

const base = { corpsId: "c", caseId: "k", authorId: "0000000d-0000-0000-0000-000000000002" };
const prep = (id: string, createdAt: string, plannedAt?: string): Entry => ({
  ...base,
  type: "preparation",
  id,
  createdAt,
  answers: ["", "", "", ""],
  focusGoalIds: [],
  safety: { place: true, colleagueKnows: true, riskConsidered: true },
  ...(plannedAt ? { plannedAt } : {}),
});
const refl = (id: string, createdAt: string): Entry => ({
  ...base,
  type: "reflection",
  id,
  createdAt,
  answers: ["", "", "", "", "", "", "", ""],
  goalScores: [],
  match: "ja",
  wantsSparring: false,
});
const status = (month: string): Entry => ({ ...base, type: "statusCheckIn", id: `checkin-${month}-k`, createdAt: `${month}-03T10:00:00Z`, month, state: "onTrack", goalsStillRelevant: true });

describe("the method counts kept on a case", () => {
  test("prepared, held, reflected on two hours later: one prepared conversation, reflected on, in time", () => {
    const m = methodOf([prep("p1", "2026-03-02T08:00:00Z", "2026-03-03T10:00:00Z"), refl("r1", "2026-03-03T12:00:00Z")]);
    expect(m?.months).toEqual([{ month: "2026-03", prepared: 1, preparedReflected: 1, reflections: 1, reflectionsPrepared: 1, reflectionsTimely: 1, checkInAnswered: false }]);
    expect(m?.pending).toBeUndefined();
  });

  test("a reflection three days after the conversation is not timely; one without a preparation is not prepared", () => {
    const m = methodOf([prep("p1", "2026-03-02T08:00:00Z", "2026-03-03T10:00:00Z"), refl("r1", "2026-03-06T12:00:00Z"), refl("r2", "2026-03-20T12:00:00Z")]);
    expect(m?.months[0]).toMatchObject({ prepared: 1, preparedReflected: 1, reflections: 2, reflectionsPrepared: 1, reflectionsTimely: 0 });
  });

  test("a preparation followed by another preparation was not reflected on", () => {
    const m = methodOf([prep("p1", "2026-03-02T08:00:00Z"), prep("p2", "2026-03-09T08:00:00Z"), refl("r1", "2026-03-09T12:00:00Z")]);
    expect(m?.months[0]).toMatchObject({ prepared: 2, preparedReflected: 1, reflections: 1, reflectionsPrepared: 1, reflectionsTimely: 1 });
  });

  test("a conversation planned at the end of a month counts in that month, its late-night reflection in the next (Copenhagen time)", () => {
    // 31 March 2026 21:00 UTC is 23:00 in Copenhagen; the reflection at 22:30 UTC is 1 April 00:30 there.
    const m = methodOf([prep("p1", "2026-03-30T08:00:00Z", "2026-03-31T21:00:00Z"), refl("r1", "2026-03-31T22:30:00Z")]);
    expect(m?.months.map((x) => [x.month, x.prepared, x.preparedReflected, x.reflections])).toEqual([
      ["2026-03", 1, 1, 0],
      ["2026-04", 0, 0, 1],
    ]);
  });

  test("the answered status check-in is marked on its month; other entries count nothing", () => {
    const m = methodOf([status("2026-05")]);
    expect(m?.months).toEqual([expect.objectContaining({ month: "2026-05", checkInAnswered: true, prepared: 0 })]);
    const before = { months: [] };
    expect(withMethod(before, { ...base, type: "assessment", id: "a", createdAt: "2026-05-01T00:00:00Z", instrument: "who5", phase: "pre", items: [1, 1, 1, 1, 1], score: 20 })).toBe(before);
  });

  test("applying the same entry twice to a case counts it once", () => {
    const c = { type: "case", id: "k", kind: "mentor", applied: [], revision: 0, flags: [] } as unknown as Case;
    const e = prep("p1", "2026-03-02T08:00:00Z");
    const once = applyEntry(c, e);
    expect(applyEntry(once, e)).toBe(once);
    expect(once.method?.months[0].prepared).toBe(1);
  });

  test("at most 36 months are kept, the newest", () => {
    const entries = Array.from({ length: 40 }, (_, i) => status(`${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`));
    const m = methodOf(entries)!;
    expect(m.months).toHaveLength(36);
    expect(m.months[0].month).toBe("2020-05");
    expect(m.months[35].month).toBe("2023-04");
  });
});

describe("the sums over a period", () => {
  const caseWith = (id: string, kind: "mentor" | "relativeCoach", entries: Entry[]) => ({ id, kind, method: methodOf(entries) });
  const now = new Date("2026-04-10T12:00:00Z");

  test("a conversation not yet a day past its time is not counted as unreflected", () => {
    const c = caseWith("a", "mentor", [prep("p1", "2026-04-09T08:00:00Z", "2026-04-10T09:00:00Z")]);
    expect(methodSums([c], ["2026-04"], [], now).prepared).toBe(0);
    expect(methodSums([c], ["2026-04"], [], new Date("2026-04-11T10:00:00Z")).prepared).toBe(1);
  });

  test("check-ins answered of those asked, by kind, months outside the period left out", () => {
    const cases = [
      caseWith("a", "mentor", [status("2026-02"), status("2026-03")]),
      caseWith("b", "mentor", [status("2026-03")]),
      caseWith("c", "relativeCoach", []),
    ];
    const rounds: Array<{ month: string; asked?: Record<string, CaseKind> }> = [
      { month: "2026-02", asked: { a: "mentor", b: "mentor" } },
      { month: "2026-03", asked: { a: "mentor", b: "mentor", c: "relativeCoach" } },
      { month: "2026-01", asked: { a: "mentor" } },
      { month: "2026-04" }, // not asked yet
    ];
    const all = methodSums(cases, ["2026-02", "2026-03", "2026-04"], rounds, now);
    expect([all.checkInsAsked, all.checkInsAnswered, all.cases.checkInsAsked]).toEqual([5, 3, 3]);
    const mentors = methodSums(cases, ["2026-02", "2026-03", "2026-04"], rounds, now, "mentor");
    expect([mentors.checkInsAsked, mentors.checkInsAnswered, mentors.cases.checkInsAsked]).toEqual([4, 3, 2]);
  });

  test("on the dashboard: shares over five cases of three practitioners are shown, fewer hidden", () => {
    const good = [prep("p1", "2026-03-02T08:00:00Z", "2026-03-03T10:00:00Z"), refl("r1", "2026-03-03T12:00:00Z")];
    const late = [prep("p1", "2026-03-02T08:00:00Z", "2026-03-03T10:00:00Z"), refl("r1", "2026-03-05T12:00:00Z")];
    const unprepared = [refl("r1", "2026-03-05T12:00:00Z")];
    const coaches = ["c0000000-0000-4000-8000-000000000001", "c0000000-0000-4000-8000-000000000002", "c0000000-0000-4000-8000-000000000003"];
    let n = 0;
    const asCase = (id: string, entries: Entry[]) =>
      ({ ...caseWith(id, "mentor", entries), coachId: coaches[n++ % 3], status: "active", openedAt: "2026-01-01T00:00:00Z", referral: { receivedAt: "2026-01-01T00:00:00Z", dimensions: [] } }) as unknown as Case;
    const five = [asCase("a", good), asCase("b", good), asCase("c", late), asCase("d", unprepared), asCase("e", [prep("p1", "2026-03-02T08:00:00Z")])];
    const d = dashboardOf({ cases: five, rounds: [] }, { period: "2026-Q1" }, now);
    // 4 reflections over 4 cases, 3 of them prepared: hidden. 4 prepared over 4 cases … hidden too.
    expect(d.method.preparedShare).toEqual({ suppressed: true });
    const six = [...five, asCase("f", good)];
    const d6 = dashboardOf({ cases: six, rounds: [] }, { period: "2026-Q1" }, now);
    expect(d6.method.preparedShare).toEqual({ value: 80, n: 5, practitioners: 3 }); // 4 of 5 reflections followed a preparation
    expect(d6.method.reflectedShare).toEqual({ value: 80, n: 5, practitioners: 3 }); // 4 of 5 preparations got a reflection
    expect(d6.method.timelyShare).toEqual({ suppressed: true }); // built from 4 cases with a prepared reflection
    expect(d6.method.checkInsAnsweredShare).toEqual({ value: null, n: 0 }); // no round asked anything
  });
});

test("a conversation marked not held is neither prepared-and-held nor waiting for a reflection; a later one counts again", () => {
  const notHeld = (id: string, preparationId: string, createdAt: string): Entry => ({ ...base, type: "notHeld", id, preparationId, reason: "noShow", createdAt });
  const m = methodOf([prep("p1", "2026-11-02T08:00:00Z", "2026-11-03T09:00:00Z"), notHeld("n1", "p1", "2026-11-03T10:00:00Z")]);
  expect(m?.months.find((x) => x.month === "2026-11")).toMatchObject({ prepared: 0, preparedReflected: 0 });
  expect(m?.pending).toBeUndefined();
  // A not-held naming an older preparation than the pending one changes nothing.
  const later = methodOf([prep("p1", "2026-11-02T08:00:00Z"), prep("p2", "2026-11-05T08:00:00Z"), notHeld("n1", "p1", "2026-11-06T10:00:00Z")]);
  expect(later?.months.find((x) => x.month === "2026-11")).toMatchObject({ prepared: 2 });
  expect(later?.pending?.entryId).toBe("p2");
});
